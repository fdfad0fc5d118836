using SocialCapital.Interchange;
using SocialCapital.Model;

namespace SocialCapital.Storage;

/// <summary>A store that keeps its dataset in memory only: for tests, demos and services that load their data
/// elsewhere. Follows the <see cref="IGraphStore"/> contract exactly (it is <see cref="DatasetEdits"/> behind a lock);
/// nothing survives the process. Thread-safe.</summary>
public sealed class InMemoryGraphStore : IGraphStore
{
    private readonly Lock _gate = new();
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
    public Task<long> ImportAsync(Dataset dataset, CancellationToken cancellationToken = default)
    {
        Guard.NotNull(dataset);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            _current = new StoredDataset(dataset, _current.Version + 1);
            return Task.FromResult(_current.Version);
        }
    }

    /// <inheritdoc />
    public Task<WriteOutcome> UpsertNodeAsync(NodeRecord node, CancellationToken cancellationToken = default) =>
        Apply(dataset => DatasetEdits.UpsertNode(dataset, node), cancellationToken);

    /// <inheritdoc />
    public Task<WriteOutcome> DeleteNodeAsync(string id, CancellationToken cancellationToken = default) =>
        Apply(dataset => DatasetEdits.DeleteNode(dataset, id), cancellationToken);

    /// <inheritdoc />
    public Task<WriteOutcome> UpsertTieAsync(TieRecord tie, CancellationToken cancellationToken = default) =>
        Apply(dataset => DatasetEdits.UpsertTie(dataset, tie), cancellationToken);

    /// <inheritdoc />
    public Task<WriteOutcome> DeleteTiesAsync(string source, string target, TieKind? kind = null, CancellationToken cancellationToken = default) =>
        Apply(dataset => DatasetEdits.DeleteTies(dataset, source, target, kind), cancellationToken);

    /// <summary>Nothing to release.</summary>
    /// <returns>A completed task.</returns>
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private Task<WriteOutcome> Apply(Func<Dataset, DatasetEdit> edit, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            var result = edit(_current.Dataset);
            var changed = result.Effect is WriteEffect.Created or WriteEffect.Updated or WriteEffect.Deleted;
            if (changed) _current = new StoredDataset(result.Dataset, _current.Version + 1);
            return Task.FromResult(new WriteOutcome(result.Effect, _current.Version, result.TiesRemoved));
        }
    }
}
