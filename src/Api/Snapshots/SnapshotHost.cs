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
    /// (<see cref="DatasetEdits"/>, which every store is contract-tested against).</summary>
    public async Task<(WriteOutcome Outcome, ApiSnapshot Snapshot)> WriteAsync(
        Func<IGraphStore, CancellationToken, Task<WriteOutcome>> write, Func<Dataset, DatasetEdit> edit, CancellationToken cancellationToken)
    {
        await _writeGate.WaitAsync(cancellationToken);
        try
        {
            var before = _current!;
            var outcome = await write(store, cancellationToken);
            if (!outcome.Changed) return (outcome, before);
            // Committed: from here on the swap must happen even if the caller goes away.
            var next = outcome.Version == before.Version + 1
                ? Build(new StoredDataset(edit(before.Dataset).Dataset, outcome.Version))
                : Build(await store.ExportAsync(CancellationToken.None)); // another process wrote too: reread
            _current = next;
            return (outcome, next);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    /// <summary>Replaces everything with <paramref name="dataset"/>.</summary>
    public async Task<ApiSnapshot> ImportAsync(Dataset dataset, CancellationToken cancellationToken)
    {
        await _writeGate.WaitAsync(cancellationToken);
        try
        {
            var before = _current!;
            var version = await store.ImportAsync(dataset, cancellationToken);
            var next = version == before.Version + 1
                ? Build(new StoredDataset(dataset, version))
                : Build(await store.ExportAsync(CancellationToken.None));
            _current = next;
            return next;
        }
        finally
        {
            _writeGate.Release();
        }
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
}
