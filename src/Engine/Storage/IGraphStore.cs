using SocialCapital.Interchange;
using SocialCapital.Model;

namespace SocialCapital.Storage;

/// <summary>Where a dataset lives between runs: the contract every store (embedded SQLite, Neo4j, in memory) keeps,
/// checked by one shared contract test suite.</summary>
/// <remarks>
/// <para>Every write is atomic and, when it changes anything, raises <see cref="GetVersionAsync"/> by exactly one;
/// a write that changes nothing (an upsert of an identical record) leaves the version as it was. Writes follow the
/// rules of the interchange format and the edit semantics of <see cref="DatasetEdits"/>, so every store behaves
/// alike: a tie is identified by its two ends (in either order) and its kind; deleting a node deletes its ties.</para>
/// <para>Implementations are safe for concurrent use, including by several processes where the store allows it:
/// concurrent writers never lose each other's updates.</para>
/// <para><b>Audit trail.</b> Every store keeps an append-only list of <see cref="AuditEntry"/> beside the data (never
/// exported, never counted in the version). A write method takes an optional entry and appends it <em>in the same
/// transaction</em> as its change, with <see cref="AuditEntry.Outcome"/> set to what the write did
/// (<see cref="AuditOutcomes.Of"/>; <see cref="AuditOutcomes.Imported"/> for an import, <see cref="AuditOutcomes.Erased"/>
/// for an erasure): a write that completes appends its entry even when it changes nothing (the outcome then says
/// <c>unchanged</c> or <c>not_found</c>, and the version stays), and a write that throws — refused, conflicting,
/// cancelled, failed — appends nothing. Other entries (reads) are appended in batches by
/// <see cref="AppendAuditAsync"/>. Entries are changed only by <see cref="PurgeAuditAsync"/> (retention) and
/// <see cref="EraseNodeAsync"/> (pseudonymisation).</para>
/// </remarks>
public interface IGraphStore : IAsyncDisposable
{
    /// <summary>The version of the stored data: 0 for a new, empty store, one more after every committed change.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The current version.</returns>
    Task<long> GetVersionAsync(CancellationToken cancellationToken = default);

    /// <summary>Reads the whole dataset, consistently, with the version it is at. Nodes and ties come back in the
    /// order they were first stored, so an export of an import equals the imported dataset.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The dataset and its version.</returns>
    Task<StoredDataset> ExportAsync(CancellationToken cancellationToken = default);

    /// <summary>Replaces everything stored by <paramref name="dataset"/>, all or nothing: a failure or a crash part
    /// way leaves the old data.</summary>
    /// <param name="dataset">The new content (already validated, as every <see cref="Dataset"/> is).</param>
    /// <param name="audit">The audit entry to append with the import (outcome <c>imported</c>); <see langword="null"/>
    /// (the default) for none. The audit trail itself is kept: an import replaces the data, not the audit.</param>
    /// <param name="cancellationToken">Cancels the import; nothing is changed then.</param>
    /// <returns>The new version.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="dataset"/> is null.</exception>
    Task<long> ImportAsync(Dataset dataset, AuditEntry? audit = null, CancellationToken cancellationToken = default);

    /// <summary>Adds a node, or replaces the node with the same id (keeping its place in the export order).</summary>
    /// <param name="node">The node.</param>
    /// <param name="audit">The audit entry to append in the write's transaction (see the remarks); <see langword="null"/>
    /// (the default) for none.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Created, Updated or Unchanged, and the version after the write.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="node"/> is null.</exception>
    /// <exception cref="DataValidationException">The node breaks a rule of the format.</exception>
    /// <exception cref="GraphStoreConflictException">A new kind would break the node's ties.</exception>
    Task<WriteOutcome> UpsertNodeAsync(NodeRecord node, AuditEntry? audit = null, CancellationToken cancellationToken = default);

    /// <summary>Deletes a node and every tie that touches it.</summary>
    /// <param name="id">The node id.</param>
    /// <param name="audit">The audit entry to append in the write's transaction (see the remarks); <see langword="null"/>
    /// (the default) for none.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Deleted (with the number of ties removed) or NotFound, and the version after the call.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="id"/> is null.</exception>
    Task<WriteOutcome> DeleteNodeAsync(string id, AuditEntry? audit = null, CancellationToken cancellationToken = default);

    /// <summary>Adds a tie, or replaces the tie with the same ends (in either order) and kind; see
    /// <see cref="DatasetEdits.UpsertTie"/>.</summary>
    /// <param name="tie">The tie.</param>
    /// <param name="audit">The audit entry to append in the write's transaction (see the remarks); <see langword="null"/>
    /// (the default) for none.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Created, Updated or Unchanged, and the version after the write.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="tie"/> is null.</exception>
    /// <exception cref="DataValidationException">The tie breaks a rule of the format, e.g. an end is unknown.</exception>
    Task<WriteOutcome> UpsertTieAsync(TieRecord tie, AuditEntry? audit = null, CancellationToken cancellationToken = default);

    /// <summary>Stores several dated ties in one transaction, in order, all or none: each replaces the stored tie with the
    /// same ends, kind and <c>since</c> (<see cref="DatasetEdits.SameSpell"/>) or is added, so a pair may hold several
    /// spells. See <see cref="DatasetEdits.UpsertTies"/>.</summary>
    /// <param name="ties">The ties.</param>
    /// <param name="audit">An entry for the audit trail, written with the change; null for none.</param>
    /// <param name="cancellationToken">Cancels before anything is written.</param>
    /// <returns>Created when a tie is new, else Updated when one changed, else Unchanged; the store's version after; the
    /// repeated ties merged away.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="ties"/> or a tie in it is null.</exception>
    /// <exception cref="DataValidationException">A tie breaks a rule of the format (every problem is listed); nothing was
    /// written.</exception>
    Task<WriteOutcome> UpsertTiesAsync(IReadOnlyList<TieRecord> ties, AuditEntry? audit = null, CancellationToken cancellationToken = default);

    /// <summary>Deletes the ties between two nodes (in either order), of one kind or of every kind.</summary>
    /// <param name="source">One end.</param>
    /// <param name="target">The other end.</param>
    /// <param name="kind">The kind to delete; <see langword="null"/> for every kind.</param>
    /// <param name="audit">The audit entry to append in the write's transaction (see the remarks); <see langword="null"/>
    /// (the default) for none.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Deleted (with the number of ties removed) or NotFound, and the version after the call.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="source"/> or <paramref name="target"/> is null.</exception>
    Task<WriteOutcome> DeleteTiesAsync(string source, string target, TieKind? kind = null, AuditEntry? audit = null, CancellationToken cancellationToken = default);

    /// <summary>Deletes a node and every tie that touches it, and pseudonymises the id everywhere in the audit trail
    /// (as actor and as target), all in one transaction: the right to erasure.</summary>
    /// <param name="id">The node id.</param>
    /// <param name="pseudonym">What replaces the id in the audit (<see cref="AuditPseudonym.New"/>).</param>
    /// <param name="audit">The erasure's own entry (naming the pseudonym, not the id), appended after the
    /// pseudonymisation with outcome <c>erased</c> or <c>not_found</c>; <see langword="null"/> for none.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Deleted (with the ties removed) or NotFound, and the version after the call. The audit is pseudonymised
    /// either way, so an erasure can follow an earlier delete.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="id"/> or <paramref name="pseudonym"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="pseudonym"/> is empty or equals <paramref name="id"/>.</exception>
    Task<WriteOutcome> EraseNodeAsync(string id, string pseudonym, AuditEntry? audit = null, CancellationToken cancellationToken = default);

    /// <summary>Stores mentoring proposals (new ids added, known ids replaced) and, in the same transaction, one tie:
    /// the mentoring tie an accepted proposal starts. All or nothing.</summary>
    /// <param name="proposals">The proposals.</param>
    /// <param name="tie">A tie to store with them, or null.</param>
    /// <param name="audit">An entry for the audit trail, written with the change; null for none.</param>
    /// <param name="cancellationToken">Cancels before anything is written.</param>
    /// <returns>Created, Updated or Unchanged, and the store's version after.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="proposals"/> is null.</exception>
    /// <exception cref="DataValidationException">A record breaks a rule of the format; nothing was written.</exception>
    Task<WriteOutcome> UpsertProposalsAsync(IReadOnlyList<ProposalRecord> proposals, TieRecord? tie = null, AuditEntry? audit = null,
        CancellationToken cancellationToken = default);

    /// <summary>Records a person's employment change, replacing the change recorded for the same person and day.</summary>
    /// <param name="change">The change.</param>
    /// <param name="audit">An entry for the audit trail, written with the change; null for none.</param>
    /// <param name="cancellationToken">Cancels before anything is written.</param>
    /// <returns>Created, Updated or Unchanged, and the store's version after.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="change"/> is null.</exception>
    /// <exception cref="DataValidationException">The change breaks a rule of the format; nothing was written.</exception>
    Task<WriteOutcome> UpsertStatusAsync(StatusChange change, AuditEntry? audit = null, CancellationToken cancellationToken = default);

    /// <summary>Records a coach's meeting with a citizen, appended after the stored contacts; a contact identical to a
    /// stored one (same coach, citizen, date and channel) is the same meeting and is Unchanged. See
    /// <see cref="DatasetEdits.AddContact"/>.</summary>
    /// <param name="contact">The contact.</param>
    /// <param name="audit">An entry for the audit trail, written with the change; null for none.</param>
    /// <param name="cancellationToken">Cancels before anything is written.</param>
    /// <returns>Created or Unchanged, and the store's version after.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="contact"/> is null.</exception>
    /// <exception cref="DataValidationException">The contact breaks a rule of the format (e.g. the coach is not a coach
    /// node); nothing was written.</exception>
    Task<WriteOutcome> AddContactAsync(ContactRecord contact, AuditEntry? audit = null, CancellationToken cancellationToken = default);

    /// <summary>Appends audit entries (e.g. a batch of reads) in one transaction, as given (outcome included).</summary>
    /// <param name="entries">The entries, in order.</param>
    /// <param name="cancellationToken">Cancels the call; nothing is appended then.</param>
    /// <returns>A task that completes once the entries are durable.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="entries"/> or one of them is null.</exception>
    Task AppendAuditAsync(IReadOnlyList<AuditEntry> entries, CancellationToken cancellationToken = default);

    /// <summary>Reads audit entries, newest first (by time, then the reverse of the order appended).</summary>
    /// <param name="query">The filters and the page.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The page and how many entries matched.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="query"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The query's paging is out of range (<see cref="AuditQuery.Validate"/>).</exception>
    Task<AuditPage> QueryAuditAsync(AuditQuery query, CancellationToken cancellationToken = default);

    /// <summary>Deletes the audit entries older than <paramref name="before"/> (retention).</summary>
    /// <param name="before">Entries with a time before this are deleted.</param>
    /// <param name="cancellationToken">Cancels the call; nothing is deleted then.</param>
    /// <returns>How many entries were deleted.</returns>
    Task<long> PurgeAuditAsync(DateTimeOffset before, CancellationToken cancellationToken = default);
}
