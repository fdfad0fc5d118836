using System.Diagnostics;
using System.Globalization;
using SocialCapital.Graph;
using SocialCapital.Interchange;
using SocialCapital.Postgres;

// Usage: SocialCapital.StoreTiming DATASET_DIR  (the connection string in SC_POSTGRES; the store's schema must be empty
// or a SocialCapital store). Prints "step seconds" lines: reading the CSV files, the import (binary COPY, one
// transaction), the export, the snapshot build from the export, and a second import over the first (the replace path).
if (args.Length != 1 || Environment.GetEnvironmentVariable("SC_POSTGRES") is not { Length: > 0 } connectionString)
{
    Console.Error.WriteLine("usage: SC_POSTGRES=CONNECTION_STRING SocialCapital.StoreTiming DATASET_DIR");
    return 2;
}
var clock = Stopwatch.StartNew();
void Report(string step, string detail = "")
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{step} {clock.Elapsed.TotalSeconds:F2} {detail}").TrimEnd());
    clock.Restart();
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
var stored = await store.ExportAsync();
Report("export", $"{stored.Dataset.Nodes.Count} nodes, {stored.Dataset.Ties.Count} ties");
var graph = stored.Dataset.ToGraph();
Report("snapshot", $"{graph.NodeCount} nodes");
version = await store.ImportAsync(stored.Dataset);
Report("reimport", $"version {version}");
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"peak_mb {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576}"));
return 0;
