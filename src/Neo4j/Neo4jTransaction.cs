namespace SocialCapital.Neo4j;

/// <summary>An open explicit transaction of the Query API. Every later request of it echoes the
/// <c>neo4j-cluster-affinity</c> header the server sent when it opened, so a cluster routes it to the same member.
/// Disposing it rolls it back (<c>DELETE …/tx/{id}</c>) unless it was committed.</summary>
internal sealed class Neo4jTransaction : IAsyncDisposable
{
    private readonly QueryApiClient _client;
    private readonly string _doing;
    private bool _finished;

    public Neo4jTransaction(QueryApiClient client, string id, string? affinity, string doing)
    {
        _client = client;
        Id = id;
        Affinity = affinity;
        _doing = doing;
    }

    public string Id { get; }

    public string? Affinity { get; }

    /// <summary>Runs a statement in the transaction.</summary>
    public Task<QueryResult> RunAsync(CypherStatement statement, IReadOnlyDictionary<string, object?>? parameters,
        CancellationToken cancellationToken) =>
        _client.PostAsync(_client.TransactionPath(Id), Affinity, statement, parameters, _doing, cancellationToken);

    /// <summary>Commits. A failure without a Neo4j error code (the connection dropped, a timeout) leaves the outcome
    /// unknown, so it is reported as not transient: retrying the whole write could apply it twice.</summary>
    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        _finished = true;
        try
        {
            (await _client.PostAsync($"{_client.TransactionPath(Id)}/commit", Affinity, null, null, $"{_doing} (commit)", cancellationToken)
                .ConfigureAwait(false)).Dispose();
        }
        catch (Neo4jStoreException e) when (e.IsTransient && e.Code is null)
        {
            throw new Neo4jStoreException(
                $"{e.Message} The commit's outcome is unknown: check the data (and the store's version) before trying again.",
                e.Code, e.StatusCode, false, e);
        }
    }

    /// <summary>Rolls back (best effort: a transaction the server has already dropped is gone anyway).</summary>
    public async Task RollbackAsync()
    {
        if (_finished) return;
        _finished = true;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await _client.DeleteAsync(_client.TransactionPath(Id), Affinity, $"{_doing} (rollback)", timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is Neo4jStoreException or OperationCanceledException)
        {
            // The server rolls back a transaction it cannot reach the end of (and times idle ones out).
        }
    }

    public ValueTask DisposeAsync() => new(RollbackAsync());
}
