using SocialCapital.Model;
using SocialCapital.Storage;

namespace SocialCapital.Neo4j;

// Transaction plumbing: retries, batched creates and deletes, the meta node, reading records back, statement arguments.
public sealed partial class Neo4jGraphStore
{
    /// <summary>Runs a whole operation, from the start again after a transient failure.</summary>
    private async Task<T> RetryAsync<T>(Func<CancellationToken, Task<T>> operation, CancellationToken cancellationToken)
    {
        try
        {
            return await _pipeline.ExecuteAsync(async ct => await operation(ct).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        }
        catch (Neo4jStoreException e) when (e.IsTransient && _client.Options.MaxRetries > 0)
        {
            throw new Neo4jStoreException($"{e.Message} (Gave up after {_client.Options.MaxRetries} retries.)", e.Code, e.StatusCode, true, e);
        }
    }

    private void CheckOpen(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        cancellationToken.ThrowIfCancellationRequested();
    }

    private async Task ClearAsync(Neo4jTransaction transaction, CancellationToken cancellationToken)
    {
        while (true)
        {
            using var result = await transaction.RunAsync(CypherStatements.ClearBatch, Args(("limit", (long)_batchSize)), cancellationToken)
                .ConfigureAwait(false);
            if ((result.First("deleted") is { } deleted ? TypedJson.Integer(deleted) ?? 0 : 0) < _batchSize) break;
        }
        while (true)
        {
            using var result = await transaction.RunAsync(CypherStatements.ClearLifecycleBatch, Args(("limit", (long)_batchSize)), cancellationToken)
                .ConfigureAwait(false);
            if ((result.First("deleted") is { } deleted ? TypedJson.Integer(deleted) ?? 0 : 0) < _batchSize) return;
        }
    }

    private static async Task CreateAsync(Neo4jTransaction transaction, CypherStatement statement,
        IReadOnlyList<Dictionary<string, object?>> rows, CancellationToken cancellationToken)
    {
        using var result = await transaction.RunAsync(statement, Args(("rows", rows)), cancellationToken).ConfigureAwait(false);
        var created = result.First("created") is { } count ? TypedJson.Integer(count) ?? 0 : 0;
        if (created != rows.Count)
            throw new Neo4jStoreException(
                $"Neo4j created {created} of {rows.Count} records ({statement.Name}): the database changed under the store (a tie end is missing).");
    }

    private static async Task<long> BumpAsync(Neo4jTransaction transaction, long nextSeq, IReadOnlyList<string> columns,
        CancellationToken cancellationToken)
    {
        using var result = await transaction.RunAsync(CypherStatements.BumpMeta,
            Args(("nextSeq", nextSeq), ("attributeColumns", columns.Count == 0 ? null : columns)), cancellationToken).ConfigureAwait(false);
        return result.First("version") is { } version && TypedJson.Integer(version) is { } v
            ? v
            : throw new Neo4jStoreException("The store's meta node disappeared during a write.");
    }

    private static async Task<List<(long Seq, NodeRecord Node)>> FindNodesAsync(Neo4jTransaction transaction, string[] ids,
        CancellationToken cancellationToken)
    {
        if (ids.Length == 0) return [];
        using var result = await transaction.RunAsync(CypherStatements.FindNodes, Args(("ids", ids)), cancellationToken).ConfigureAwait(false);
        var found = RecordProperties.Nodes(result).ToDictionary(n => n.Node.Id, StringComparer.Ordinal);
        // In the order asked, as the SQLite store does.
        return [.. ids.Where(found.ContainsKey).Select(id => found[id])];
    }

    private static async Task<List<(long Seq, TieRecord Tie)>> TiesAsync(Neo4jTransaction transaction, CypherStatement statement,
        Dictionary<string, object?> parameters, CancellationToken cancellationToken)
    {
        using var result = await transaction.RunAsync(statement, parameters, cancellationToken).ConfigureAwait(false);
        return [.. RecordProperties.Ties(result)];
    }

    /// <summary>The attribute columns after a node upsert: the node's new names appended in ordinal order, as
    /// <see cref="DatasetEdits.UpsertNode"/> does.</summary>
    private static IReadOnlyList<string> WithColumnsOf(IReadOnlyList<string> columns, NodeRecord node)
    {
        if (node.Attributes.Count == 0) return columns;
        var result = new List<string>(columns);
        var seen = new HashSet<string>(columns, StringComparer.Ordinal);
        foreach (var key in node.Attributes.Keys.Order(StringComparer.Ordinal)) if (seen.Add(key)) result.Add(key);
        return result;
    }

    private Dictionary<string, object?> Page(long after) => Args(("after", after), ("limit", (long)_batchSize));

    private static Dictionary<string, object?> Args(params (string Name, object? Value)[] arguments)
    {
        var map = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (name, value) in arguments) map[name] = value;
        return map;
    }

    /// <summary>The meta node as <see cref="CypherStatements.LockMeta"/> reads it.</summary>
    private sealed record Meta(long Version, long NextSeq, IReadOnlyList<string> AttributeColumns)
    {
        public static Meta Read(QueryResult result)
        {
            if (result.Count == 0) throw new Neo4jStoreException("Neo4j returned no meta node where the store expected one.");
            return new Meta(
                TypedJson.Integer(result.First("version")!.Value) ?? 0,
                TypedJson.Integer(result.First("nextSeq")!.Value) ?? 1,
                TypedJson.StringList(result.First("attributeColumns")!.Value));
        }
    }
}
