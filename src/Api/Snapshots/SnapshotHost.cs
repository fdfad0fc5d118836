using Microsoft.Extensions.Options;
using SocialCapital.Api.Hosting;
using SocialCapital.Graph;
using SocialCapital.Interchange;
using SocialCapital.Metrics;
using SocialCapital.Storage;
using SocialCapital.Ties;

namespace SocialCapital.Api.Snapshots;

/// <summary>Holds the current snapshot and is the only way to write. Readers take <see cref="Current"/> (one volatile
/// read) and never wait. Writers queue on one gate: each commits to the store, then swaps in a snapshot built from the
/// edited dataset before it answers, so once a write has answered every later read sees it (read-your-writes).</summary>
internal sealed class SnapshotHost(
    IGraphStore store, IOptions<AnalysisSettings> analysis, TimeProvider time, ILogger<SnapshotHost> log) : IAsyncDisposable
{
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private readonly Queue<PendingWrite> _queue = new();
    private readonly TiePolicy _policy = LoadPolicy(analysis.Value.Policy);
    private volatile ApiSnapshot? _current;
    private int _refreshing;

    public IGraphStore Store => store;

    /// <summary>Whether a snapshot has been loaded.</summary>
    public bool IsLoaded => _current is not null;

    /// <summary>The snapshot to read from. When the date has moved on since it was built (ties start and end on dates),
    /// a fresh one is built in the background while this one keeps serving.</summary>
    public ApiSnapshot Current
    {
        get
        {
            var current = _current ?? throw new InvalidOperationException("The data is not loaded yet.");
            if (current.Graph.AsOf != Today() && Interlocked.Exchange(ref _refreshing, 1) == 0) _ = RefreshAsync();
            return current;
        }
    }

    /// <summary>Loads the store's content into the first snapshot.</summary>
    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        var stored = await store.ExportAsync(cancellationToken);
        _current = Build(stored);
    }

    /// <summary>Applies one edit: to the store, then to the in-memory dataset by the same semantics
    /// (<see cref="DatasetEdits"/>, which every store is contract-tested against). Writes that queue up while another
    /// is being applied are committed one by one and then share one snapshot rebuild (group commit): each still answers
    /// only once a snapshot holding it is being served.</summary>
    public async Task<(WriteOutcome Outcome, ApiSnapshot Snapshot)> WriteAsync(
        Func<IGraphStore, CancellationToken, Task<WriteOutcome>> write, Func<Dataset, DatasetEdit> edit, CancellationToken cancellationToken)
    {
        var pending = new PendingWrite(write, edit, cancellationToken);
        lock (_queue) _queue.Enqueue(pending);
        await _writeGate.WaitAsync(CancellationToken.None); // whoever holds the gate applies every queued write
        try
        {
            if (!pending.Done.Task.IsCompleted) await ApplyQueuedAsync();
        }
        finally
        {
            _writeGate.Release();
        }
        return await pending.Done.Task;
    }

    /// <summary>Commits every queued write in order, then swaps in one snapshot that holds them all.</summary>
    private async Task ApplyQueuedAsync()
    {
        PendingWrite[] batch;
        lock (_queue)
        {
            batch = [.. _queue];
            _queue.Clear();
        }
        var current = _current!;
        var dataset = current.Dataset;
        var version = current.Version;
        var reread = false; // another process wrote to the store too: take its content rather than our edits
        var committed = new List<(PendingWrite Write, WriteOutcome Outcome)>(batch.Length);
        foreach (var pending in batch)
        {
            if (pending.Token.IsCancellationRequested) { pending.Done.TrySetCanceled(pending.Token); continue; }
            try
            {
                var outcome = await pending.Write(store, pending.Token);
                if (outcome.Changed)
                {
                    if (!reread) reread = outcome.Version != version + 1 || !TryEdit(pending, ref dataset);
                    version = outcome.Version;
                }
                committed.Add((pending, outcome));
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                pending.Done.TrySetException(e); // rejected (invalid, conflict, cancelled): nothing was written
            }
        }
        if (committed.Exists(c => c.Outcome.Changed))
        {
            try
            {
                _current = Build(reread ? await store.ExportAsync(CancellationToken.None) : new StoredDataset(dataset, version));
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                log.LogError(e, "Committed writes up to version {Version} but could not build their snapshot.", version);
                foreach (var (pending, _) in committed) pending.Done.TrySetException(e);
                return;
            }
        }
        foreach (var (pending, outcome) in committed) pending.Done.TrySetResult((outcome, _current!));
    }

    /// <summary>Applies a committed write to the in-memory dataset; should the two ever disagree, the store wins.</summary>
    private bool TryEdit(PendingWrite pending, ref Dataset dataset)
    {
        try
        {
            dataset = pending.Edit(dataset).Dataset;
            return true;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            log.LogWarning(e, "A committed write could not be applied in memory; rereading the store.");
            return false;
        }
    }

    /// <summary>Replaces everything with <paramref name="dataset"/>.</summary>
    public async Task<ApiSnapshot> ImportAsync(Dataset dataset, CancellationToken cancellationToken)
    {
        // An import is one more queued write: the same commit-then-swap path, replacing the whole dataset.
        var (_, snapshot) = await WriteAsync(
            async (target, token) => new WriteOutcome(WriteEffect.Updated, await target.ImportAsync(dataset, token)),
            _ => new DatasetEdit(dataset, WriteEffect.Updated), cancellationToken);
        return snapshot;
    }

    public async ValueTask DisposeAsync()
    {
        await store.DisposeAsync();
        _writeGate.Dispose();
    }

    private async Task RefreshAsync()
    {
        try
        {
            await _writeGate.WaitAsync();
            try
            {
                if (_current is { } current && current.Graph.AsOf != Today()) _current = Build(current.Stored);
            }
            finally
            {
                _writeGate.Release();
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            log.LogError(e, "Rebuilding the snapshot for the new day failed; the old one keeps serving.");
        }
        finally
        {
            Volatile.Write(ref _refreshing, 0);
        }
    }

    private ApiSnapshot Build(StoredDataset stored) =>
        new(stored,
            new GraphOptions { AsOf = Today(), TiePolicy = _policy },
            new AreaMetricsOptions { MinCellSize = analysis.Value.MinCellSize });

    private DateOnly Today() => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    private static TiePolicy LoadPolicy(string path) => string.IsNullOrWhiteSpace(path) ? TiePolicy.Default : TiePolicy.Load(path);

    /// <summary>A write waiting for the gate, and how its caller learns the outcome.</summary>
    private sealed record PendingWrite(
        Func<IGraphStore, CancellationToken, Task<WriteOutcome>> Write, Func<Dataset, DatasetEdit> Edit, CancellationToken Token)
    {
        public TaskCompletionSource<(WriteOutcome, ApiSnapshot)> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
