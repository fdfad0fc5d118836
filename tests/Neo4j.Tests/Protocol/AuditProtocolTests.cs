using System.Text.Json;
using SocialCapital.Storage;
using static SocialCapital.Neo4j.Tests.Protocol.QueryApiReplay;

namespace SocialCapital.Neo4j.Tests.Protocol;

/// <summary>The audit trail on the wire: entries ride in the write's own transaction, before its commit; queries read
/// typed entries. Protocol tests against replayed documented shapes, not database tests.</summary>
public sealed class AuditProtocolTests
{
    private static readonly DateTimeOffset Time = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private static AuditEntry Entry(params string[] targets) => new(Time, "admin-1", "admin", "DELETE /people/{id}", targets, "pending");

    private static JsonElement Row(RecordedRequest request, int index) => request.Parameter("rows")[index].GetProperty("_value");

    private static string Text(JsonElement map, string name) => map.GetProperty(name).GetProperty("_value").GetString()!;

    [Fact]
    public async Task DeleteNodeAsync_Deleted_BumpsAppendsTheEntryThenCommitsOneTransaction()
    {
        using var replay = new QueryApiReplay(r => r.Is(CypherStatements.DeleteNode) ? Result(["ties"], [[Integer(2)]], inTransaction: true) : null);
        await using var store = await Neo4jGraphStore.OpenAsync(Options(), replay);
        var start = replay.Requests.Count;

        var outcome = await store.DeleteNodeAsync("c1", Entry("c1"));

        Assert.Equal(new WriteOutcome(WriteEffect.Deleted, 8, 2), outcome);
        var sent = replay.Requests.Skip(start).ToArray();
        Assert.Equal(["lock", "delete", "lifecycle", "bump", "audit", "commit"], sent.Select(Name));
        Assert.Equal("c1", sent[2].Parameter("id").GetString());
        var row = Row(sent[4], 0);
        Assert.Equal(("admin-1", "admin", "DELETE /people/{id}", "deleted"), (Text(row, "actor"), Text(row, "role"), Text(row, "action"), Text(row, "outcome")));
        Assert.Equal(Time.UtcTicks.ToString(System.Globalization.CultureInfo.InvariantCulture), Text(row, "time"));
        Assert.Equal(["c1"], row.GetProperty("targets").GetProperty("_value").EnumerateArray().Select(t => t.GetProperty("_value").GetString()));
        Assert.All(sent[1..], r => Assert.EndsWith("/tx/" + TransactionId + (r == sent[^1] ? "/commit" : ""), r.Path, StringComparison.Ordinal));
    }

    [Fact]
    public async Task DeleteNodeAsync_NotFound_CommitsOnlyTheEntryWithoutABump()
    {
        using var replay = new QueryApiReplay();
        await using var store = await Neo4jGraphStore.OpenAsync(Options(), replay);
        var start = replay.Requests.Count;

        var outcome = await store.DeleteNodeAsync("nobody", Entry("nobody"));

        Assert.Equal(new WriteOutcome(WriteEffect.NotFound, 7), outcome);
        var sent = replay.Requests.Skip(start).ToArray();
        Assert.Equal(["lock", "delete", "audit", "commit"], sent.Select(Name));
        Assert.Equal("not_found", Text(Row(sent[2], 0), "outcome"));
    }

    [Fact]
    public async Task DeleteNodeAsync_NoEntry_RollsBackAsBefore()
    {
        using var replay = new QueryApiReplay();
        await using var store = await Neo4jGraphStore.OpenAsync(Options(), replay);
        var start = replay.Requests.Count;

        await store.DeleteNodeAsync("nobody");

        Assert.Equal(["lock", "delete", "rollback"], replay.Requests.Skip(start).Select(Name));
    }

    [Fact]
    public async Task EraseNodeAsync_Stored_DeletesBumpsPseudonymisesAndAppendsInOneTransaction()
    {
        using var replay = new QueryApiReplay(r => r.Is(CypherStatements.DeleteNode) ? Result(["ties"], [[Integer(1)]], inTransaction: true) : null);
        await using var store = await Neo4jGraphStore.OpenAsync(Options(), replay);
        var start = replay.Requests.Count;

        var outcome = await store.EraseNodeAsync("c1", "erased:abc", Entry("erased:abc"));

        Assert.Equal(new WriteOutcome(WriteEffect.Deleted, 8, 1), outcome);
        var sent = replay.Requests.Skip(start).ToArray();
        Assert.Equal(["lock", "delete", "lifecycle", "bump", "pseudonymise", "audit", "commit"], sent.Select(Name));
        Assert.Equal(("c1", "erased:abc"), (sent[4].Parameter("id").GetString(), sent[4].Parameter("pseudonym").GetString()));
        Assert.Equal("erased", Text(Row(sent[5], 0), "outcome"));
    }

    [Fact]
    public async Task QueryAuditAsync_Filters_SendsTypedParametersAndReadsTypedEntries()
    {
        using var replay = new QueryApiReplay(r =>
            r.Is(CypherStatements.CountAudit) ? Result(["total"], [[Integer(12)]], inTransaction: true)
            : r.Is(CypherStatements.QueryAudit) ? Result(["time", "actor", "role", "action", "targets", "outcome"],
                [[Integer(Time.UtcTicks), String("coach-1"), String("coach"), String("GET /people"), List(String("a"), String("b")), String("ok")],
                 [Integer(Time.UtcTicks - 1), String("anonymous"), String(""), String("GET /people/{id}"), List(), String("unauthenticated")]],
                inTransaction: true)
            : null);
        await using var store = await Neo4jGraphStore.OpenAsync(Options(), replay);

        var page = await store.QueryAuditAsync(new AuditQuery { Target = "a", From = Time.AddDays(-1), Skip = 10, Limit = 2 });

        Assert.Equal(12, page.Total);
        Assert.Equal(
            [new AuditEntry(Time, "coach-1", "coach", "GET /people", ["a", "b"], "ok"),
             new AuditEntry(Time.AddTicks(-1), "anonymous", "", "GET /people/{id}", [], "unauthenticated")],
            page.Entries);
        var query = replay.Requests.Single(r => r.Is(CypherStatements.QueryAudit));
        Assert.Equal(JsonValueKind.Null, query.Parameter("actor").ValueKind);
        Assert.Equal("a", query.Parameter("target").GetString());
        Assert.Equal(Time.AddDays(-1).UtcTicks.ToString(System.Globalization.CultureInfo.InvariantCulture), query.Parameter("from").GetString());
        Assert.Equal(("10", "2"), (query.Parameter("skip").GetString(), query.Parameter("limit").GetString()));
        Assert.Equal(HttpMethod.Delete, replay.Requests[^1].Method); // read only: rolled back
    }

    private static string Name(RecordedRequest r) =>
        r.Is(CypherStatements.LockMeta) ? "lock"
        : r.Is(CypherStatements.DeleteNode) ? "delete"
        : r.Is(CypherStatements.DeleteLifecycleOfNode) ? "lifecycle"
        : r.Is(CypherStatements.BumpMeta) ? "bump"
        : r.Is(CypherStatements.AppendAudit) ? "audit"
        : r.Is(CypherStatements.PseudonymiseAudit) ? "pseudonymise"
        : r.Path.EndsWith("/commit", StringComparison.Ordinal) ? "commit"
        : r.Method == HttpMethod.Delete ? "rollback"
        : r.Statement ?? r.Path;
}
