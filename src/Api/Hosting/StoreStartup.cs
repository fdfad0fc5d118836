using Microsoft.Extensions.Options;
using SocialCapital.Api.Snapshots;
using SocialCapital.Interchange;

namespace SocialCapital.Api.Hosting;

/// <summary>Before the server takes requests: seeds an empty store from the sample city (and says so), then loads the
/// first snapshot, what its first readers need (the coaching and employment histories), and the areas' boundaries.</summary>
internal sealed class StoreStartup(SnapshotHost host, BoundaryHost boundaries, IOptions<StoreSettings> settings,
    IOptions<AnalysisSettings> analysis, IHostEnvironment environment, ILogger<StoreStartup> log)
    : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var stored = await host.Store.ExportAsync(cancellationToken);
        if (stored.Version == 0 && stored.Dataset.Nodes.Count == 0 && !string.IsNullOrWhiteSpace(settings.Value.Seed))
        {
            if (FindSeed(settings.Value.Seed) is { } seed)
            {
                var dataset = Dataset.Load(seed);
                await host.Store.ImportAsync(dataset, cancellationToken: cancellationToken);
                log.LogInformation("The store was empty: seeded it from {Seed} ({Nodes:N0} nodes, {Ties:N0} ties).", seed, dataset.Nodes.Count, dataset.Ties.Count);
            }
            else log.LogWarning("The store is empty and the seed dataset '{Seed}' was not found; starting with no data.", settings.Value.Seed);
        }
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
