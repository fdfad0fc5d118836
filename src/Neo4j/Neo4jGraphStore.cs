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
/// <see cref="Neo4jStoreOptions.BatchSize"/> rows), so it is all or nothing. An export pages through nodes, ties,
/// proposals and employment changes in one transaction that holds the meta lock, so it sees exactly one version.</para>
/// <para>Transient failures (<c>Neo.TransientError.*</c>, HTTP 502/503/504, connection failures) are retried from
/// the start of the operation with exponential backoff, up to <see cref="Neo4jStoreOptions.MaxRetries"/> times;
/// other failures are not. Thread-safe.</para>
/// </remarks>
[System.Diagnostics.CodeAnalysis.Experimental(Neo4jStatus.DiagnosticId, UrlFormat = Neo4jStatus.Url)]
public sealed partial class Neo4jGraphStore : IGraphStore
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
                CypherStatements.CreateNodeSeqIndex, .. CypherStatements.CreateTieSeqIndexes, CypherStatements.CreateProposalIdConstraint,
                CypherStatements.CreateProposalPairIndex, CypherStatements.CreateProposalMentorIndex, CypherStatements.CreateProposalMakerIndex,
                CypherStatements.CreateStatusIndex, CypherStatements.CreateContactIndex, CypherStatements.CreateAuditTimeIndex,
                CypherStatements.CreateAuditActorIndex, CypherStatements.EnsureMeta];
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
                var proposals = new List<ProposalRecord>();
                for (long after = 0; ;)
                {
                    using var page = await transaction.RunAsync(CypherStatements.ExportProposals, Page(after), ct).ConfigureAwait(false);
                    foreach (var (seq, proposal) in RecordProperties.Proposals(page, ids))
                    {
                        proposals.Add(proposal);
                        after = seq;
                    }
                    if (page.Count < _batchSize) break;
                }
                var history = new List<StatusChange>();
                for (long after = 0; ;)
                {
                    using var page = await transaction.RunAsync(CypherStatements.ExportStatus, Page(after), ct).ConfigureAwait(false);
                    foreach (var (seq, change) in RecordProperties.Statuses(page, ids))
                    {
                        history.Add(change);
                        after = seq;
                    }
                    if (page.Count < _batchSize) break;
                }
                var contacts = new List<ContactRecord>();
                for (long after = 0; ;)
                {
                    using var page = await transaction.RunAsync(CypherStatements.ExportContacts, Page(after), ct).ConfigureAwait(false);
                    foreach (var (seq, contact) in RecordProperties.Contacts(page, ids))
                    {
                        contacts.Add(contact);
                        after = seq;
                    }
                    if (page.Count < _batchSize) break;
                }
                await transaction.RollbackAsync().ConfigureAwait(false); // releases the meta lock; nothing was changed
                return new StoredDataset(Dataset.Create(nodes, ties, meta.AttributeColumns, proposals, history, contacts), meta.Version);
            }
        }, cancellationToken);
    }

    /// <inheritdoc />
    /// <exception cref="Neo4jStoreException">Neo4j failed (after retries, for transient failures); nothing was changed.</exception>
    public Task<long> ImportAsync(Dataset dataset, AuditEntry? audit = null, CancellationToken cancellationToken = default)
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
                foreach (var chunk in dataset.Proposals.Chunk(_batchSize))
                    await CreateAsync(transaction, CypherStatements.CreateProposals, [.. chunk.Select(p => RecordProperties.Proposal(p, seq++))], ct)
                        .ConfigureAwait(false);
                foreach (var chunk in dataset.StatusHistory.Chunk(_batchSize))
                    await CreateAsync(transaction, CypherStatements.CreateStatus, [.. chunk.Select(c => RecordProperties.Status(c, seq++))], ct)
                        .ConfigureAwait(false);
                foreach (var chunk in dataset.Contacts.Chunk(_batchSize))
                    await CreateAsync(transaction, CypherStatements.CreateContacts, [.. chunk.Select(c => RecordProperties.Contact(c, seq++))], ct)
                        .ConfigureAwait(false);
                ct.ThrowIfCancellationRequested();
                var version = await BumpAsync(transaction, seq, dataset.AttributeColumns, ct).ConfigureAwait(false);
                if (audit is not null)
                    await AppendAuditAsync(transaction, [audit with { Outcome = AuditOutcomes.Imported }], ct).ConfigureAwait(false);
                ct.ThrowIfCancellationRequested(); // the last point where nothing has been committed
                await transaction.CommitAsync(CancellationToken.None).ConfigureAwait(false);
                return version;
            }
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

    /// <summary>Deletes everything the store keeps, the audit trail included, and sets the version back to 0: a new,
    /// empty store (for tests against a shared server).</summary>
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
                while (true)
                {
                    using var result = await transaction.RunAsync(CypherStatements.ClearAuditBatch, Args(("limit", (long)_batchSize)), ct)
                        .ConfigureAwait(false);
                    if ((result.First("deleted") is { } deleted ? TypedJson.Integer(deleted) ?? 0 : 0) < _batchSize) break;
                }
                (await transaction.RunAsync(CypherStatements.ResetMeta, null, ct).ConfigureAwait(false)).Dispose();
                await transaction.CommitAsync(CancellationToken.None).ConfigureAwait(false);
                return 0;
            }
        }, cancellationToken);
    }
}
