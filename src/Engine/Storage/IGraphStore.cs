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
    /// <param name="cancellationToken">Cancels the import; nothing is changed then.</param>
    /// <returns>The new version.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="dataset"/> is null.</exception>
    Task<long> ImportAsync(Dataset dataset, CancellationToken cancellationToken = default);

    /// <summary>Adds a node, or replaces the node with the same id (keeping its place in the export order).</summary>
    /// <param name="node">The node.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Created, Updated or Unchanged, and the version after the write.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="node"/> is null.</exception>
    /// <exception cref="DataValidationException">The node breaks a rule of the format.</exception>
    /// <exception cref="GraphStoreConflictException">A new kind would break the node's ties.</exception>
    Task<WriteOutcome> UpsertNodeAsync(NodeRecord node, CancellationToken cancellationToken = default);

    /// <summary>Deletes a node and every tie that touches it.</summary>
    /// <param name="id">The node id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Deleted (with the number of ties removed) or NotFound, and the version after the call.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="id"/> is null.</exception>
    Task<WriteOutcome> DeleteNodeAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>Adds a tie, or replaces the tie with the same ends (in either order) and kind; see
    /// <see cref="DatasetEdits.UpsertTie"/>.</summary>
    /// <param name="tie">The tie.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Created, Updated or Unchanged, and the version after the write.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="tie"/> is null.</exception>
    /// <exception cref="DataValidationException">The tie breaks a rule of the format, e.g. an end is unknown.</exception>
    Task<WriteOutcome> UpsertTieAsync(TieRecord tie, CancellationToken cancellationToken = default);

    /// <summary>Deletes the ties between two nodes (in either order), of one kind or of every kind.</summary>
    /// <param name="source">One end.</param>
    /// <param name="target">The other end.</param>
    /// <param name="kind">The kind to delete; <see langword="null"/> for every kind.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Deleted (with the number of ties removed) or NotFound, and the version after the call.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="source"/> or <paramref name="target"/> is null.</exception>
    Task<WriteOutcome> DeleteTiesAsync(string source, string target, TieKind? kind = null, CancellationToken cancellationToken = default);
}
