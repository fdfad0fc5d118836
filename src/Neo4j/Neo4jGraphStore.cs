using Polly;
using Polly.Retry;
using SocialCapital.Interchange;
using SocialCapital.Model;
using SocialCapital.Storage;

namespace SocialCapital.Neo4j;

/// <summary>The optional Neo4j store: the dataset as a property graph in a Neo4j 5.25+ (or Aura) database, reached
/// over Neo4j's HTTP Query API. Follows the <see cref="IGraphStore"/> contract exactly: each write loads the few
/// stored records it can touch into a small <see cref="Dataset"/> and lets <see cref="DatasetEdits"/> decide, then
/// applies that decision.</summary>
/// <remarks>
/// <para>Every write is one explicit transaction that first locks the meta node (so concurrent writers, in this
/// process or others, queue and never lose updates), reads, decides, writes, raises the version only when something
/// changed and commits; any failure rolls it back. An import is one transaction too (batches of
/// <see cref="Neo4jStoreOptions.BatchSize"/> rows), so it is all or nothing. An export pages through nodes and ties
/// in one transaction that holds the meta lock, so it sees exactly one version.</para>
/// <para>Transient failures (<c>Neo.TransientError.*</c>, HTTP 502/503/504, connection failures) are retried from
/// the start of the operation with exponential backoff, up to <see cref="Neo4jStoreOptions.MaxRetries"/> times;
/// other failures are not. Thread-safe.</para>
/// </remarks>
[System.Diagnostics.CodeAnalysis.Experimental(Neo4jStatus.DiagnosticId, UrlFormat = Neo4jStatus.Url)]
public sealed class Neo4jGraphStore : IGraphStore
{
    private readonly QueryApiClient _client;
    private readonly ResiliencePipeline _pipeline;
    private readonly int _batchSize;
    private volatile bool _disposed;

    private Neo4jGraphStore(QueryApiClient client)
    {
        _client = client;
        _batchSize = client.Options.BatchSize;
        var builder = new ResiliencePipelineBuilder();
        if (client.Options.MaxRetries > 0)
            builder.AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<Neo4jStoreException>(e => e.IsTransient),
                MaxRetryAttempts = client.Options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = client.Options.RetryDelay,
            });
        _pipeline = builder.Build();
    }

    /// <summary>The server version discovery reported, e.g. <c>5.26.0</c>; <see langword="null"/> when it did not say.</summary>
    public string? ServerVersion { get; private set; }

    /// <summary>Connects to a Neo4j server: checks with discovery (<c>GET /</c>) that it is a Neo4j with the Query API,
    /// then creates the store's constraints and indexes and its meta node when they are missing.</summary>
    /// <param name="options">Where the server is and how to sign in; copied, so later changes have no effect.</param>
    /// <param name="handler">The HTTP handler to send requests through (for tests, proxies or custom TLS);
    /// <see langword="null"/> for a default one. The store does not dispose a given handler.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The open store; dispose it to release its connections.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    /// <exception cref="ArgumentException">An option is missing or invalid; the message names it.</exception>
    /// <exception cref="Neo4jStoreException">The server is not a Neo4j with the Query API, refused the credentials, has
    /// no such database, or failed.</exception>
    public static async Task<Neo4jGraphStore> OpenAsync(Neo4jStoreOptions options, HttpMessageHandler? handler = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var copy = options.Clone();
        copy.Validate();
        cancellationToken.ThrowIfCancellationRequested();
        var store = new Neo4jGraphStore(new QueryApiClient(copy, handler));
        try
        {
            store.ServerVersion = await store.RetryAsync(ct => store._client.DiscoverAsync(ct), cancellationToken).ConfigureAwait(false);
            CypherStatement[] schema = [CypherStatements.CreateIdConstraint, CypherStatements.CreateMetaConstraint,
                CypherStatements.CreateNodeSeqIndex, .. CypherStatements.CreateTieSeqIndexes, CypherStatements.EnsureMeta];
            foreach (var statement in schema)
                await store.RetryAsync(async ct =>
                {
                    (await store._client.RunAsync(statement, null, $"initialising the store ({statement.Name})", ct).ConfigureAwait(false)).Dispose();
                    return 0;
                }, cancellationToken).ConfigureAwait(false);
            return store;
        }
        catch
        {
            await store.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <inheritdoc />
    /// <exception cref="Neo4jStoreException">Neo4j failed (after retries, for transient failures).</exception>
    public Task<long> GetVersionAsync(CancellationToken cancellationToken = default)
    {
        CheckOpen(cancellationToken);
        return RetryAsync(async ct =>
        {
            using var result = await _client.RunAsync(CypherStatements.ReadVersion, null, "reading the version", ct).ConfigureAwait(false);
            return result.First("version") is { } version ? TypedJson.Integer(version) ?? 0 : 0;
        }, cancellationToken);
    }

    /// <inheritdoc />
    /// <exception cref="Neo4jStoreException">Neo4j failed (after retries, for transient failures).</exception>
    /// <exception cref="InvalidDataException">The database holds a value this store did not write.</exception>
    public Task<StoredDataset> ExportAsync(CancellationToken cancellationToken = default)
    {
        CheckOpen(cancellationToken);
        return RetryAsync(async ct =>
        {
            var (transaction, first) = await _client.BeginAsync(CypherStatements.LockMeta, null, "exporting the dataset", ct).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                Meta meta;
                using (first) meta = Meta.Read(first);
                var nodes = new List<NodeRecord>();
                var ids = new Dictionary<string, string>(StringComparer.Ordinal);
                for (long after = 0; ;)
                {
                    using var page = await transaction.RunAsync(CypherStatements.ExportNodes, Page(after), ct).ConfigureAwait(false);
                    foreach (var (seq, node) in RecordProperties.Nodes(page))
                    {
                        nodes.Add(node);
                        ids.TryAdd(node.Id, node.Id);
                        after = seq;
                    }
                    if (page.Count < _batchSize) break;
                }
                var ties = new List<TieRecord>();
                for (long after = 0; ;)
                {
                    using var page = await transaction.RunAsync(CypherStatements.ExportTies, Page(after), ct).ConfigureAwait(false);
                    foreach (var (seq, tie) in RecordProperties.Ties(page, ids))
                    {
                        ties.Add(tie);
                        after = seq;
                    }
                    if (page.Count < _batchSize) break;
                }
                await transaction.RollbackAsync().ConfigureAwait(false); // releases the meta lock; nothing was changed
                return new StoredDataset(Dataset.Create(nodes, ties, meta.AttributeColumns), meta.Version);
            }
        }, cancellationToken);
    }

    /// <inheritdoc />
    /// <exception cref="Neo4jStoreException">Neo4j failed (after retries, for transient failures); nothing was changed.</exception>
    public Task<long> ImportAsync(Dataset dataset, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        CheckOpen(cancellationToken);
        return RetryAsync(async ct =>
        {
            var (transaction, first) = await _client.BeginAsync(CypherStatements.LockMeta, null, "importing a dataset", ct).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                first.Dispose();
                await ClearAsync(transaction, ct).ConfigureAwait(false);
                long seq = 1;
                foreach (var chunk in dataset.Nodes.Chunk(_batchSize))
                    foreach (var group in chunk.GroupBy(n => n.Kind))
                    {
                        var rows = group.Select(node => RecordProperties.Node(node, seq++)).ToArray();
                        await CreateAsync(transaction, CypherStatements.CreateNodes[(int)group.Key], rows, ct).ConfigureAwait(false);
                    }
                foreach (var chunk in dataset.Ties.Chunk(_batchSize))
                    foreach (var group in chunk.GroupBy(t => t.Kind))
                    {
                        var rows = group.Select(tie => RecordProperties.TieRow(tie, seq++)).ToArray();
                        await CreateAsync(transaction, CypherStatements.CreateTies[(int)group.Key], rows, ct).ConfigureAwait(false);
                    }
                ct.ThrowIfCancellationRequested();
                var version = await BumpAsync(transaction, seq, dataset.AttributeColumns, ct).ConfigureAwait(false);
                ct.ThrowIfCancellationRequested(); // the last point where nothing has been committed
                await transaction.CommitAsync(CancellationToken.None).ConfigureAwait(false);
                return version;
            }
        }, cancellationToken);
    }

    /// <inheritdoc />
    /// <exception cref="Neo4jStoreException">Neo4j failed (after retries, for transient failures); nothing was changed.</exception>
    public Task<WriteOutcome> UpsertNodeAsync(NodeRecord node, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(node);
        return WriteAsync("upserting a node", async (transaction, meta, ct) =>
        {
            var stored = await FindNodesAsync(transaction, [node.Id], ct).ConfigureAwait(false);
            var existing = stored.Count > 0 ? stored[0] : default;
            Dataset around;
            if (existing.Node is not null && existing.Node.Kind != node.Kind)
            {
                // A new kind must still suit every tie the node has, so those ties and their other ends take part.
                var touching = await TiesAsync(transaction, CypherStatements.TiesOfNode, Args(("id", node.Id)), ct).ConfigureAwait(false);
                var others = await FindNodesAsync(transaction,
                    touching.Select(t => t.Tie.Source == node.Id ? t.Tie.Target : t.Tie.Source).Distinct(StringComparer.Ordinal).ToArray(), ct)
                    .ConfigureAwait(false);
                around = Dataset.Create([existing.Node, .. others.Select(o => o.Node)], touching.Select(t => t.Tie));
            }
            else around = Dataset.Create(stored.Select(s => s.Node), []);

            var edit = DatasetEdits.UpsertNode(around, node);
            if (edit.Effect is not (WriteEffect.Created or WriteEffect.Updated)) return (edit.Effect, 0, meta.NextSeq, meta.AttributeColumns);
            var nextSeq = meta.NextSeq;
            if (edit.Effect is WriteEffect.Created)
                await CreateAsync(transaction, CypherStatements.CreateNodes[(int)node.Kind], [RecordProperties.Node(node, nextSeq++)], ct).ConfigureAwait(false);
            else
                (await transaction.RunAsync(CypherStatements.ReplaceNode[(int)node.Kind],
                    Args(("id", node.Id), ("properties", RecordProperties.Node(node, existing.Seq))), ct).ConfigureAwait(false)).Dispose();
            return (edit.Effect, 0, nextSeq, WithColumnsOf(meta.AttributeColumns, node));
        }, cancellationToken);
    }

    /// <inheritdoc />
    /// <exception cref="Neo4jStoreException">Neo4j failed (after retries, for transient failures); nothing was changed.</exception>
    public Task<WriteOutcome> DeleteNodeAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        return WriteAsync("deleting a node", async (transaction, meta, ct) =>
        {
            using var result = await transaction.RunAsync(CypherStatements.DeleteNode, Args(("id", id)), ct).ConfigureAwait(false);
            return result.First("ties") is { } ties
                ? (WriteEffect.Deleted, checked((int)(TypedJson.Integer(ties) ?? 0)), meta.NextSeq, meta.AttributeColumns)
                : (WriteEffect.NotFound, 0, meta.NextSeq, meta.AttributeColumns);
        }, cancellationToken);
    }

    /// <inheritdoc />
    /// <exception cref="Neo4jStoreException">Neo4j failed (after retries, for transient failures); nothing was changed.</exception>
    public Task<WriteOutcome> UpsertTieAsync(TieRecord tie, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tie);
        return WriteAsync("upserting a tie", async (transaction, meta, ct) =>
        {
            var ends = await FindNodesAsync(transaction,
                new[] { tie.Source, tie.Target }.Where(e => e is not null).Distinct(StringComparer.Ordinal).ToArray(), ct).ConfigureAwait(false);
            var matching = !RecordProperties.IsDefined(tie.Kind) || tie.Source is null || tie.Target is null
                ? []
                : await TiesAsync(transaction, CypherStatements.TiesBetween,
                    Args(("source", tie.Source), ("target", tie.Target), ("type", RecordProperties.RelationshipType(tie.Kind))), ct).ConfigureAwait(false);
            var edit = DatasetEdits.UpsertTie(Dataset.Create(ends.Select(e => e.Node), matching.Select(m => m.Tie)), tie);
            var nextSeq = meta.NextSeq;
            switch (edit.Effect)
            {
                case WriteEffect.Created:
                    await CreateAsync(transaction, CypherStatements.CreateTies[(int)tie.Kind], [RecordProperties.TieRow(tie, nextSeq++)], ct).ConfigureAwait(false);
                    break;
                case WriteEffect.Updated:
                    // The first match takes the new values (ends in the new order too) and keeps its place; the rest go.
                    (await transaction.RunAsync(CypherStatements.DeleteTiesBySeq,
                        Args(("source", tie.Source), ("target", tie.Target), ("seqs", matching.Select(m => m.Seq).ToArray())), ct)
                        .ConfigureAwait(false)).Dispose();
                    await CreateAsync(transaction, CypherStatements.CreateTies[(int)tie.Kind], [RecordProperties.TieRow(tie, matching[0].Seq)], ct)
                        .ConfigureAwait(false);
                    break;
            }
            return (edit.Effect, edit.TiesRemoved, nextSeq, meta.AttributeColumns);
        }, cancellationToken);
    }

    /// <inheritdoc />
    /// <exception cref="Neo4jStoreException">Neo4j failed (after retries, for transient failures); nothing was changed.</exception>
    public Task<WriteOutcome> DeleteTiesAsync(string source, string target, TieKind? kind = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(target);
        return WriteAsync("deleting ties", async (transaction, meta, ct) =>
        {
            if (kind is { } k && !RecordProperties.IsDefined(k)) return (WriteEffect.NotFound, 0, meta.NextSeq, meta.AttributeColumns);
            var type = kind is { } defined ? RecordProperties.RelationshipType(defined) : null;
            using var result = await transaction.RunAsync(CypherStatements.DeleteTies,
                Args(("source", source), ("target", target), ("type", type)), ct).ConfigureAwait(false);
            var removed = result.First("removed") is { } count ? checked((int)(TypedJson.Integer(count) ?? 0)) : 0;
            return (removed == 0 ? WriteEffect.NotFound : WriteEffect.Deleted, removed, meta.NextSeq, meta.AttributeColumns);
        }, cancellationToken);
    }

    /// <summary>Releases the store's HTTP connections. Later calls throw <see cref="ObjectDisposedException"/>.</summary>
    /// <returns>A completed task.</returns>
    public ValueTask DisposeAsync()
    {
        if (_disposed) return ValueTask.CompletedTask;
        _disposed = true;
        _client.Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>Deletes everything the store keeps and sets the version back to 0: a new, empty store (for tests
    /// against a shared server).</summary>
    internal Task ResetAsync(CancellationToken cancellationToken = default)
    {
        CheckOpen(cancellationToken);
        return RetryAsync(async ct =>
        {
            var (transaction, first) = await _client.BeginAsync(CypherStatements.LockMeta, null, "emptying the store", ct).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                first.Dispose();
                await ClearAsync(transaction, ct).ConfigureAwait(false);
                (await transaction.RunAsync(CypherStatements.ResetMeta, null, ct).ConfigureAwait(false)).Dispose();
                await transaction.CommitAsync(CancellationToken.None).ConfigureAwait(false);
                return 0;
            }
        }, cancellationToken);
    }

    private delegate Task<(WriteEffect Effect, int TiesRemoved, long NextSeq, IReadOnlyList<string> Columns)> Edit(
        Neo4jTransaction transaction, Meta meta, CancellationToken cancellationToken);

    /// <summary>One write: a transaction that locks the meta node, lets <paramref name="edit"/> read and write, raises
    /// the version when something changed and commits (or rolls back when nothing changed or anything failed).</summary>
    private Task<WriteOutcome> WriteAsync(string doing, Edit edit, CancellationToken cancellationToken)
    {
        CheckOpen(cancellationToken);
        return RetryAsync(async ct =>
        {
            var (transaction, first) = await _client.BeginAsync(CypherStatements.LockMeta, null, doing, ct).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                Meta meta;
                using (first) meta = Meta.Read(first);
                var (effect, removed, nextSeq, columns) = await edit(transaction, meta, ct).ConfigureAwait(false);
                if (effect is not (WriteEffect.Created or WriteEffect.Updated or WriteEffect.Deleted))
                {
                    await transaction.RollbackAsync().ConfigureAwait(false);
                    return new WriteOutcome(effect, meta.Version, removed);
                }
                var version = await BumpAsync(transaction, nextSeq, columns, ct).ConfigureAwait(false);
                await transaction.CommitAsync(CancellationToken.None).ConfigureAwait(false);
                return new WriteOutcome(effect, version, removed);
            }
        }, cancellationToken);
    }

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
