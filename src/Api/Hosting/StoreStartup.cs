using Microsoft.Extensions.Options;
using SocialCapital.Api.Snapshots;
using SocialCapital.Interchange;
using SocialCapital.Live;

namespace SocialCapital.Api.Hosting;

/// <summary>Before the server takes requests: seeds an empty store from the sample city (once, however many replicas
/// start together: <see cref="SeedAsync"/>), then loads the first snapshot, what its first readers need (the coaching and
/// employment histories), and the areas' boundaries.</summary>
internal sealed class StoreStartup(SnapshotHost host, BoundaryHost boundaries, IOptions<StoreSettings> settings,
    IOptions<AnalysisSettings> analysis, IHostEnvironment environment, ILogger<StoreStartup> log)
    : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!string.IsNullOrWhiteSpace(settings.Value.Seed) && await host.Store.GetVersionAsync(cancellationToken) == 0)
            await SeedAsync(settings.Value.Seed, cancellationToken);
        await host.LoadAsync(cancellationToken);
        var snapshot = host.Current;
        log.LogInformation("Serving version {Version}: {Nodes:N0} nodes, {Contacts:N0} contacts, as of {AsOf}.",
            snapshot.Version, snapshot.Graph.NodeCount, snapshot.Graph.ContactCount, snapshot.Graph.AsOf.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        // What the coach pages and the reports read first is made now, not by the first coach or analyst to ask (seconds
        // at a million people); later snapshots carry it over while their edits leave it as it was.
        var warm = System.Diagnostics.Stopwatch.StartNew();
        _ = (snapshot.Live.Coaching, snapshot.Live.Employment, snapshot.Live.MentoringTies());
        log.LogInformation("Coaching and employment histories made in {Seconds:0.0} s.", warm.Elapsed.TotalSeconds);
        var configured = analysis.Value.Boundaries;
        var seedFolder = string.IsNullOrWhiteSpace(settings.Value.Seed) ? null : FindSeed(settings.Value.Seed);
        boundaries.Load(string.IsNullOrWhiteSpace(configured) ? null : Find(configured, File.Exists) ?? configured,
            seedFolder is null ? null : Path.Combine(seedFolder, AreaBoundaries.FileName),
            [.. snapshot.Live.Measures.Areas.Select(a => a.Area)], log);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Seeds the store once: when several replicas start together on an empty store, the first to take the
    /// store's write lock (<see cref="IWriteLock"/>) imports the seed, and the others find the store no longer empty under
    /// the lock and just load it — a second import would wipe the writes the first replica has taken since.</summary>
    private async Task SeedAsync(string seed, CancellationToken cancellationToken)
    {
        if (FindSeed(seed) is not { } folder)
        {
            log.LogWarning("The store is empty and the seed dataset '{Seed}' was not found; starting with no data.", seed);
            return;
        }
        var dataset = Dataset.Load(folder); // read before the lock: the lock is held for the import only
        await using var lease = host.Store is IWriteLock storeLock
            ? await storeLock.AcquireWriteLockAsync(SeedLockWait, cancellationToken)
            : null;
        // Version 0: nothing was ever imported or written (as StartAsync asks before the lock).
        if (await host.Store.GetVersionAsync(cancellationToken) is var version and not 0)
        {
            log.LogInformation("Another process seeded the store meanwhile (version {Version}): loading it.", version);
            return;
        }
        await host.Store.ImportAsync(dataset, cancellationToken: cancellationToken);
        log.LogInformation("The store was empty: seeded it from {Seed} ({Nodes:N0} nodes, {Ties:N0} ties).", folder, dataset.Nodes.Count, dataset.Ties.Count);
    }

    /// <summary>How long a starting replica waits for another one's seeding (an import of the seed) to end.</summary>
    private static readonly TimeSpan SeedLockWait = TimeSpan.FromMinutes(5);

    /// <summary>A relative seed path is looked for in the working directory and its parents, then beside the app and
    /// the content root and their parents, so <c>dotnet run --project src/Api</c> finds the repository's samples.</summary>
    private string? FindSeed(string seed) => Path.IsPathRooted(seed)
        ? Directory.Exists(seed) ? seed : null
        : Find(seed, candidate => File.Exists(Path.Combine(candidate, DatasetReader.NodesFileName)));

    /// <summary>A path as given when rooted, else the first of the places <see cref="FindSeed"/> searches where
    /// <paramref name="found"/> holds.</summary>
    private string? Find(string path, Func<string, bool> found)
    {
        if (Path.IsPathRooted(path)) return found(path) ? path : null;
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory, environment.ContentRootPath })
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, path);
                if (found(candidate)) return candidate;
            }
        return null;
    }
}
