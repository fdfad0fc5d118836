using System.Net;
using SocialCapital.Interchange;
using SocialCapital.Model;
using static SocialCapital.Neo4j.Tests.Protocol.QueryApiReplay;

namespace SocialCapital.Neo4j.Tests.Protocol;

/// <summary>Errors, retries, rollbacks and cluster affinity: protocol test against replayed documented shapes, not a
/// database test.</summary>
public sealed class ErrorAndTransactionProtocolTests
{
    [Fact]
    public async Task SyntaxError_IsNotRetried_AndNamesTheCodeAndWhatWasBeingDone()
    {
        using var replay = new QueryApiReplay(r => r.Is(CypherStatements.ReadVersion)
            ? Error(HttpStatusCode.BadRequest, "Neo.ClientError.Statement.SyntaxError", "Invalid input 'OPTIONAL': expected … (line 1, column 1 (offset: 0))")
            : null);
        await using var store = await Neo4jGraphStore.OpenAsync(Options(), replay);

        var error = await Assert.ThrowsAsync<Neo4jStoreException>(() => store.GetVersionAsync());

        Assert.Equal("Neo.ClientError.Statement.SyntaxError", error.Code);
        Assert.False(error.IsTransient);
        Assert.Contains("Neo.ClientError.Statement.SyntaxError", error.Message, StringComparison.Ordinal);
        Assert.Contains("reading the version", error.Message, StringComparison.Ordinal);
        Assert.Contains("database 'neo4j' at http://neo4j.test:7474/", error.Message, StringComparison.Ordinal);
        Assert.Single(replay.Requests, r => r.Is(CypherStatements.ReadVersion));
    }

    [Fact]
    public async Task TransientError_ThenSuccess_IsRetried()
    {
        var failures = 0;
        using var replay = new QueryApiReplay(r => r.Is(CypherStatements.ReadVersion) && failures++ < 2
            ? (failures == 1
                ? Error(HttpStatusCode.ServiceUnavailable, "Neo.TransientError.General.DatabaseUnavailable", "The database is not currently available to serve your request.")
                : new HttpResponseMessage(HttpStatusCode.ServiceUnavailable))
            : null);
        await using var store = await Neo4jGraphStore.OpenAsync(Options(), replay);

        Assert.Equal(7, await store.GetVersionAsync());
        Assert.Equal(3, replay.Requests.Count(r => r.Is(CypherStatements.ReadVersion)));
    }

    [Fact]
    public async Task TransientErrorForever_GivesUpAfterMaxRetries()
    {
        using var replay = new QueryApiReplay(r => r.Is(CypherStatements.ReadVersion)
            ? Error(HttpStatusCode.BadRequest, "Neo.TransientError.Transaction.DeadlockDetected", "ForsetiClient[1] can't acquire ExclusiveLock…")
            : null);
        await using var store = await Neo4jGraphStore.OpenAsync(Options(o => o.MaxRetries = 3), replay);

        var error = await Assert.ThrowsAsync<Neo4jStoreException>(() => store.GetVersionAsync());

        Assert.True(error.IsTransient);
        Assert.Equal("Neo.TransientError.Transaction.DeadlockDetected", error.Code);
        Assert.Contains("Gave up after 3 retries", error.Message, StringComparison.Ordinal);
        Assert.Equal(4, replay.Requests.Count(r => r.Is(CypherStatements.ReadVersion)));
    }

    [Fact]
    public async Task ConnectionFailure_IsRetriedAsTransient()
    {
        var calls = 0;
        using var replay = new QueryApiReplay(r => r.Is(CypherStatements.ReadVersion) && calls++ == 0
            ? throw new HttpRequestException("Connection refused (neo4j.test:7474)")
            : null);
        await using var store = await Neo4jGraphStore.OpenAsync(Options(), replay);
        Assert.Equal(7, await store.GetVersionAsync());
        Assert.Equal(2, calls);
    }

    [Fact]
    public async Task TransientErrorInsideAWrite_RetriesTheWholeTransactionFromTheStart()
    {
        var failed = false;
        using var replay = new QueryApiReplay(r =>
            r.Is(CypherStatements.DeleteNode) && !failed && (failed = true)
                ? Error(HttpStatusCode.BadRequest, "Neo.TransientError.Transaction.LockClientStopped", "The transaction has been terminated.")
                : r.Is(CypherStatements.DeleteNode) ? Result(["ties"], [[Integer(2)]], inTransaction: true)
                : null);
        await using var store = await Neo4jGraphStore.OpenAsync(Options(), replay);

        var outcome = await store.DeleteNodeAsync("a");

        Assert.Equal((Storage.WriteEffect.Deleted, 8L, 2), (outcome.Effect, outcome.Version, outcome.TiesRemoved));
        Assert.Equal(2, replay.Requests.Count(r => r.Is(CypherStatements.LockMeta))); // begun twice
        Assert.Single(replay.Requests, r => r.Method == HttpMethod.Delete); // the failed attempt rolled back
        Assert.Single(replay.Requests, r => r.Path.EndsWith("/commit", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TransactionNotFound_SaysItExpiredOrWasRolledBack()
    {
        // What the Query API answers for a transaction id it does not know (expired, or sent to another member).
        using var replay = new QueryApiReplay(r => r.Is(CypherStatements.DeleteNode)
            ? Error(HttpStatusCode.NotFound, "Neo.ClientError.Request.Invalid",
                "Transaction with Id: \"lyU\" was not found. It may have timed out and therefore rolled back or the routing header 'neo4j-cluster-affinity' was not provided.")
            : null);
        await using var store = await Neo4jGraphStore.OpenAsync(Options(), replay);

        var error = await Assert.ThrowsAsync<Neo4jStoreException>(() => store.DeleteNodeAsync("a"));

        Assert.False(error.IsTransient);
        Assert.Contains("no longer knows the store's transaction", error.Message, StringComparison.Ordinal);
        Assert.Contains("deleting a node", error.Message, StringComparison.Ordinal);
        Assert.Contains("Nothing of it was committed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FailedImport_RollsTheTransactionBack()
    {
        using var replay = new QueryApiReplay(r => r.Is(CypherStatements.CreateTies[(int)TieKind.Friend])
            ? Error(HttpStatusCode.BadRequest, "Neo.ClientError.Statement.ArgumentError", "Something about the rows.")
            : null);
        await using var store = await Neo4jGraphStore.OpenAsync(Options(o => o.BatchSize = 2), replay);
        var dataset = Dataset.Create(
            [new NodeRecord("a", NodeKind.Citizen), new NodeRecord("b", NodeKind.Mentor), new NodeRecord("c", NodeKind.Citizen)],
            [new TieRecord("a", "b", TieKind.Friend)]);

        var error = await Assert.ThrowsAsync<Neo4jStoreException>(() => store.ImportAsync(dataset));

        Assert.Equal("Neo.ClientError.Statement.ArgumentError", error.Code);
        Assert.Contains("importing a dataset", error.Message, StringComparison.Ordinal);
        var last = replay.Requests[^1];
        Assert.Equal((HttpMethod.Delete, "/db/neo4j/query/v2/tx/lyU"), (last.Method, last.Path));
        Assert.DoesNotContain(replay.Requests, r => r.Path.EndsWith("/commit", StringComparison.Ordinal));
        Assert.DoesNotContain(CypherStatements.BumpMeta.Text, replay.Statements);
        // Old content deleted first, then the nodes in batches of 2 grouped by kind (a, b | c).
        var sent = replay.Statements.SkipWhile(s => s != CypherStatements.LockMeta.Text).ToArray();
        Assert.Equal(
            [CypherStatements.LockMeta.Text, CypherStatements.ClearBatch.Text, CypherStatements.ClearLifecycleBatch.Text, CypherStatements.CreateNodes[0].Text,
             CypherStatements.CreateNodes[1].Text, CypherStatements.CreateNodes[0].Text, CypherStatements.CreateTies[0].Text],
            sent);
    }

    [Fact]
    public async Task SuccessfulImport_CommitsOnceWithTheNewVersion()
    {
        using var replay = new QueryApiReplay();
        await using var store = await Neo4jGraphStore.OpenAsync(Options(), replay);
        var dataset = Dataset.Create([new NodeRecord("a", NodeKind.Citizen), new NodeRecord("b", NodeKind.Citizen)],
            [new TieRecord("a", "b", TieKind.Family)], ["unused"]);

        Assert.Equal(8, await store.ImportAsync(dataset));

        var create = Assert.Single(replay.Requests, r => r.Is(CypherStatements.CreateNodes[0]));
        Assert.Equal(["1", "2"], create.Parameter("rows").EnumerateArray().Select(row => row.GetProperty("_value").GetProperty("seq").GetProperty("_value").GetString()));
        var bump = Assert.Single(replay.Requests, r => r.Is(CypherStatements.BumpMeta));
        Assert.Equal("4", bump.Parameter("nextSeq").GetString());
        Assert.Single(replay.Requests, r => r.Path == "/db/neo4j/query/v2/tx/lyU/commit");
        Assert.DoesNotContain(replay.Requests, r => r.Method == HttpMethod.Delete);
    }

    [Fact]
    public async Task ExplicitTransaction_EchoesTheClusterAffinityHeader()
    {
        using var replay = new QueryApiReplay();
        await using var store = await Neo4jGraphStore.OpenAsync(Options(), replay);
        await store.DeleteTiesAsync("a", "b");          // rolled back (nothing found)
        await store.ImportAsync(Dataset.Create([], [])); // committed

        var inTransaction = replay.Requests.Where(r => r.Path.StartsWith("/db/neo4j/query/v2/tx/", StringComparison.Ordinal)).ToArray();
        Assert.Contains(inTransaction, r => r.Method == HttpMethod.Delete);
        Assert.Contains(inTransaction, r => r.Path.EndsWith("/commit", StringComparison.Ordinal));
        Assert.All(inTransaction, r => Assert.Equal(Affinity, r.Header("neo4j-cluster-affinity")));
        Assert.All(replay.Requests.Where(r => r.Path is "/db/neo4j/query/v2" or "/db/neo4j/query/v2/tx"),
            r => Assert.Null(r.Header("neo4j-cluster-affinity")));
    }

    [Fact]
    public async Task CommitLostToTheConnection_IsNotRetried_AndSaysTheOutcomeIsUnknown()
    {
        using var replay = new QueryApiReplay(r => r.Path.EndsWith("/commit", StringComparison.Ordinal)
            ? throw new HttpRequestException("The response ended prematurely.")
            : null);
        await using var store = await Neo4jGraphStore.OpenAsync(Options(), replay);

        var error = await Assert.ThrowsAsync<Neo4jStoreException>(() => store.UpsertNodeAsync(new NodeRecord("n", NodeKind.Citizen)));

        Assert.False(error.IsTransient);
        Assert.Contains("outcome is unknown", error.Message, StringComparison.Ordinal);
        Assert.Single(replay.Requests, r => r.Path.EndsWith("/commit", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CommitWithoutABody_Succeeds()
    {
        using var replay = new QueryApiReplay(r => r.Path.EndsWith("/commit", StringComparison.Ordinal)
            ? new HttpResponseMessage(HttpStatusCode.NoContent)
            : null);
        await using var store = await Neo4jGraphStore.OpenAsync(Options(), replay);
        Assert.Equal(Storage.WriteEffect.Created, (await store.UpsertNodeAsync(new NodeRecord("n", NodeKind.Citizen))).Effect);
    }

    [Fact]
    public async Task DisposedStore_Throws()
    {
        using var replay = new QueryApiReplay();
        var store = await Neo4jGraphStore.OpenAsync(Options(), replay);
        await store.DisposeAsync();
        await Assert.ThrowsAsync<ObjectDisposedException>(() => store.GetVersionAsync());
    }

    [Fact]
    public async Task ValidationFailure_RollsBackWithoutWriting()
    {
        using var replay = new QueryApiReplay();
        await using var store = await Neo4jGraphStore.OpenAsync(Options(), replay);
        await Assert.ThrowsAsync<DataValidationException>(() => store.UpsertTieAsync(new TieRecord("a", "nobody", TieKind.Friend)));
        Assert.Equal(HttpMethod.Delete, replay.Requests[^1].Method);
        Assert.DoesNotContain(replay.Statements, s => s.StartsWith("UNWIND", StringComparison.Ordinal));
    }
}
