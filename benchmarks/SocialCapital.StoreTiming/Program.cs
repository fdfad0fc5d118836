using System.Diagnostics;
using System.Globalization;
using SocialCapital.Graph;
using SocialCapital.Interchange;
using SocialCapital.Postgres;

// Usage: SocialCapital.StoreTiming DATASET_DIR  (the connection string in SC_POSTGRES; the store's schema must be empty
// or a SocialCapital store); SocialCapital.StoreTiming --export-only times only the export and the snapshot build of
// what the store holds, three times (for profiling the export, e.g. under dotnet-trace). Prints "step seconds" lines: reading the CSV files, the import (binary COPY, one
// transaction), the export, the snapshot build from the export, a second import over the first (the replace path), and
// 500 single writes one after another (a new citizen, then a friend tie to an existing one: the write path with its
// change-feed row and notification), as writes per second and latency percentiles. SocialCapital.StoreTiming --checkpoint
// times the checkpoint (docs/performance.md#postgresql): the start from rows once (export + build, the baseline), the
// checkpoint's write (the snapshot file, then its COPY into the store), and twice the start from it (the copy out of the
// store, opening the file, its records and graph, and the live graph an API replica starts with).
if (args.Length != 1 || Environment.GetEnvironmentVariable("SC_POSTGRES") is not { Length: > 0 } connectionString)
{
    Console.Error.WriteLine("usage: SC_POSTGRES=CONNECTION_STRING SocialCapital.StoreTiming DATASET_DIR|--export-only|--checkpoint");
    return 2;
}
var clock = Stopwatch.StartNew();
void Report(string step, string detail = "")
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{step} {clock.Elapsed.TotalSeconds:F2} {detail}").TrimEnd());
    clock.Restart();
}
if (args[0] == "--export-only")
{
    await using var held = await PostgresGraphStore.OpenAsync(new PostgresStoreOptions { ConnectionString = connectionString });
    for (var run = 0; run < 3; run++)
    {
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var (pause, collections) = (GC.GetTotalPauseDuration(), GC.CollectionCount(0));
        clock.Restart();
        var exported = await held.ExportAsync();
        Report("export", $"{exported.Dataset.Nodes.Count} nodes, {exported.Dataset.Ties.Count} ties");
        _ = exported.Dataset.ToGraph();
        Report("snapshot", string.Create(CultureInfo.InvariantCulture,
            $"client CPU {(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds:F2} s for both, of it GC pauses {(GC.GetTotalPauseDuration() - pause).TotalSeconds:F2} s in {GC.CollectionCount(0) - collections} collections"));
        exported = null;
        GC.Collect();
    }
    return 0;
}

if (args[0] == "--checkpoint")
{
    await using var held = await PostgresGraphStore.OpenAsync(new PostgresStoreOptions { ConnectionString = connectionString });
    var path = Path.Combine(Path.GetTempPath(), $"storetiming-{Environment.ProcessId}.scg");
    var copy = Path.Combine(Path.GetTempPath(), $"storetiming-{Environment.ProcessId}-read.scg");
    try
    {
        clock.Restart();
        var exported = await held.ExportAsync();
        Report("rows_export", $"{exported.Dataset.Nodes.Count} nodes, {exported.Dataset.Ties.Count} ties, version {exported.Version}");
        var built = exported.Dataset.ToGraph();
        Report("rows_snapshot", $"{built.NodeCount} nodes");
        SocialCapital.Storage.SnapshotFile.Write(exported.Dataset, built, path);
        Report("checkpoint_file", $"{new FileInfo(path).Length} bytes");
        var kept = await held.WriteCheckpointAsync(path, exported.Version);
        Report("checkpoint_copy_in", kept ? "kept" : "not kept: the store keeps one as new");
        (exported, built) = (null!, null!);
        GC.Collect();
        for (var run = 0; run < 2; run++)
        {
            clock.Restart();
            var total = Stopwatch.StartNew();
            var read = await held.ReadCheckpointAsync(copy);
            if (read.Version is null)
            {
                Console.Error.WriteLine($"the checkpoint was not read: {read.NotUsed}");
                return 1;
            }
            Report("checkpoint_copy_out", $"version {read.Version}");
            var file = SocialCapital.Storage.SnapshotFile.Read(copy, checkSources: false);
            var (records, loaded) = (file.Dataset, file.Graph);
            Report("checkpoint_open", $"{records.Nodes.Count} nodes, {records.Ties.Count} ties, graph as of {loaded.AsOf:yyyy-MM-dd}");
            var live = SocialCapital.Live.LiveGraph.FromGraph(records, loaded, SocialCapital.Live.LiveGraphOptions.Default);
            Report("checkpoint_live", $"{live.Current.Graph.NodeCount} nodes");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"checkpoint_start {total.Elapsed.TotalSeconds:F2} copy out + open + live graph"));
            clock.Restart();
            _ = live.Current.Measures; // the API's first pass runs in the background; waited for here so the next run is alone
            Report("measures_first_pass");
            (records, loaded, live, file) = (null!, null!, null!, null!);
            File.Delete(copy);
            GC.Collect();
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"peak_mb {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576}"));
        return 0;
    }
    finally
    {
        File.Delete(path);
        File.Delete(copy);
    }
}

var dataset = Dataset.Load(args[0]);
Report("read", $"{dataset.Nodes.Count} nodes, {dataset.Ties.Count} ties, {dataset.Contacts.Count} contacts");
await using var store = await PostgresGraphStore.OpenAsync(new PostgresStoreOptions { ConnectionString = connectionString });
clock.Restart();
var version = await store.ImportAsync(dataset);
Report("import", $"version {version}");
dataset = null;
GC.Collect();
clock.Restart();
var exportCpu = Process.GetCurrentProcess().TotalProcessorTime;
var stored = await store.ExportAsync();
Report("export", $"{stored.Dataset.Nodes.Count} nodes, {stored.Dataset.Ties.Count} ties");
var graph = stored.Dataset.ToGraph();
Report("snapshot", $"{graph.NodeCount} nodes");
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"export_cpu {(Process.GetCurrentProcess().TotalProcessorTime - exportCpu).TotalSeconds:F2} client CPU seconds for the export and the build"));
version = await store.ImportAsync(stored.Dataset);
Report("reimport", $"version {version}");
var person = stored.Dataset.Nodes.First(n => n.Kind == SocialCapital.Model.NodeKind.Citizen).Id;
var latencies = new List<double>();
var writes = Stopwatch.StartNew();
for (var i = 0; i < 250; i++)
{
    var one = Stopwatch.StartNew();
    await store.UpsertNodeAsync(new SocialCapital.Model.NodeRecord($"timing-{i}", SocialCapital.Model.NodeKind.Citizen));
    latencies.Add(one.Elapsed.TotalMilliseconds);
    one.Restart();
    await store.UpsertTieAsync(new SocialCapital.Model.TieRecord(person, $"timing-{i}", SocialCapital.Model.TieKind.Friend));
    latencies.Add(one.Elapsed.TotalMilliseconds);
}
latencies.Sort();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"writes {writes.Elapsed.TotalSeconds:F2} {latencies.Count / writes.Elapsed.TotalSeconds:F0}/s, p50 {latencies[latencies.Count / 2]:F1} ms, p99 {latencies[latencies.Count * 99 / 100]:F1} ms"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"peak_mb {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576}"));
return 0;
