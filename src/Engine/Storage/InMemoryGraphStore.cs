using SocialCapital.Interchange;
using SocialCapital.Model;

namespace SocialCapital.Storage;

/// <summary>A store that keeps its dataset in memory only: for tests, demos and services that load their data
/// elsewhere. Follows the <see cref="IGraphStore"/> contract exactly (it is <see cref="DatasetEdits"/> behind a lock);
/// nothing survives the process, the audit trail included. Thread-safe.</summary>
public sealed class InMemoryGraphStore : IGraphStore
{
    private readonly Lock _gate = new();
    private readonly List<AuditEntry> _audit = [];
    private StoredDataset _current;

    /// <summary>Creates a store holding <paramref name="initial"/> at version 0, or an empty one.</summary>
    /// <param name="initial">The starting content; <see langword="null"/> for none.</param>
    public InMemoryGraphStore(Dataset? initial = null) =>
        _current = new StoredDataset(initial ?? Dataset.Create([], []), 0);

    /// <inheritdoc />
    public Task<long> GetVersionAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate) return Task.FromResult(_current.Version);
    }

    /// <inheritdoc />
    public Task<StoredDataset> ExportAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate) return Task.FromResult(_current);
    }

    /// <inheritdoc />
    public Task<long> ImportAsync(Dataset dataset, AuditEntry? audit = null, CancellationToken cancellationToken = default)
    {
        Guard.NotNull(dataset);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            _current = new StoredDataset(dataset, _current.Version + 1);
            if (audit is not null) _audit.Add(audit with { Outcome = AuditOutcomes.Imported });
            return Task.FromResult(_current.Version);
        }
    }

    /// <inheritdoc />
    public Task<WriteOutcome> UpsertNodeAsync(NodeRecord node, AuditEntry? audit = null, CancellationToken cancellationToken = default) =>
        Apply(dataset => DatasetEdits.UpsertNode(dataset, node), audit, cancellationToken);

    /// <inheritdoc />
    public Task<WriteOutcome> DeleteNodeAsync(string id, AuditEntry? audit = null, CancellationToken cancellationToken = default) =>
        Apply(dataset => DatasetEdits.DeleteNode(dataset, id), audit, cancellationToken);

    /// <inheritdoc />
    public Task<WriteOutcome> UpsertTieAsync(TieRecord tie, AuditEntry? audit = null, CancellationToken cancellationToken = default) =>
        Apply(dataset => DatasetEdits.UpsertTie(dataset, tie), audit, cancellationToken);

    /// <inheritdoc />
    public Task<WriteOutcome> UpsertTiesAsync(IReadOnlyList<TieRecord> ties, AuditEntry? audit = null, CancellationToken cancellationToken = default) =>
        Apply(dataset => DatasetEdits.UpsertTies(dataset, ties), audit, cancellationToken);

    /// <inheritdoc />
    public Task<WriteOutcome> DeleteTiesAsync(string source, string target, TieKind? kind = null, AuditEntry? audit = null,
        CancellationToken cancellationToken = default) =>
        Apply(dataset => DatasetEdits.DeleteTies(dataset, source, target, kind), audit, cancellationToken);

    /// <inheritdoc />
    public Task<WriteOutcome> UpsertProposalsAsync(IReadOnlyList<ProposalRecord> proposals, TieRecord? tie = null, AuditEntry? audit = null,
        CancellationToken cancellationToken = default) =>
        Apply(dataset => DatasetEdits.UpsertProposals(dataset, proposals, tie), audit, cancellationToken);

    /// <inheritdoc />
    public Task<WriteOutcome> UpsertStatusAsync(StatusChange change, AuditEntry? audit = null, CancellationToken cancellationToken = default) =>
        Apply(dataset => DatasetEdits.UpsertStatus(dataset, change), audit, cancellationToken);

    /// <inheritdoc />
    public Task<WriteOutcome> AddContactAsync(ContactRecord contact, AuditEntry? audit = null, CancellationToken cancellationToken = default) =>
        Apply(dataset => DatasetEdits.AddContact(dataset, contact), audit, cancellationToken);

    /// <inheritdoc />
    public Task<WriteOutcome> EraseNodeAsync(string id, string pseudonym, AuditEntry? audit = null, CancellationToken cancellationToken = default)
    {
        AuditPseudonym.CheckErasure(id, pseudonym);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            var result = DatasetEdits.DeleteNode(_current.Dataset, id);
            if (result.Effect is WriteEffect.Deleted) _current = new StoredDataset(result.Dataset, _current.Version + 1);
            for (var i = 0; i < _audit.Count; i++) _audit[i] = AuditRules.Pseudonymise(_audit[i], id, pseudonym);
            if (audit is not null) _audit.Add(audit with { Outcome = AuditOutcomes.OfErasure(result.Effect) });
            return Task.FromResult(new WriteOutcome(result.Effect, _current.Version, result.TiesRemoved));
        }
    }

    /// <inheritdoc />
    public Task AppendAuditAsync(IReadOnlyList<AuditEntry> entries, CancellationToken cancellationToken = default)
    {
        AuditRules.CheckEntries(entries);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate) _audit.AddRange(entries);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<AuditPage> QueryAuditAsync(AuditQuery query, CancellationToken cancellationToken = default)
    {
        Guard.NotNull(query).Validate();
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            // Newest first: by time, then the later appended first (the list is in append order).
            var matching = _audit.Select((entry, index) => (entry, index)).Where(e => query.Matches(e.entry))
                .OrderByDescending(e => e.entry.Time).ThenByDescending(e => e.index).Select(e => e.entry).ToList();
            return Task.FromResult(new AuditPage([.. matching.Skip(query.Skip).Take(query.Limit)], matching.Count));
        }
    }

    /// <inheritdoc />
    public Task<long> PurgeAuditAsync(DateTimeOffset before, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate) return Task.FromResult((long)_audit.RemoveAll(e => e.Time < before));
    }

    /// <summary>Nothing to release.</summary>
    /// <returns>A completed task.</returns>
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private Task<WriteOutcome> Apply(Func<Dataset, DatasetEdit> edit, AuditEntry? audit, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            var result = edit(_current.Dataset); // throws before anything changes, the audit included
            var changed = result.Effect is WriteEffect.Created or WriteEffect.Updated or WriteEffect.Deleted;
            if (changed) _current = new StoredDataset(result.Dataset, _current.Version + 1);
            if (audit is not null) _audit.Add(audit with { Outcome = AuditOutcomes.Of(result.Effect) });
            return Task.FromResult(new WriteOutcome(result.Effect, _current.Version, result.TiesRemoved));
        }
    }
}
