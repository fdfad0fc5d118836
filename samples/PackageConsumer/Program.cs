// A service embedding SocialCapital from its NuGet packages only (docs/embedding.md). It runs the engine and the
// SQLite store on data-samples/toy, checks the results against the sample's oracle values, and, given the folder
// the packages were packed into, checks the package files themselves. Exit code 0 only when every check passes.
//
// Usage: PackageConsumer DATASET_DIR [PACKAGE_FOLDER VERSION]
using System.Globalization;
using System.Reflection;
using SocialCapital.Graph;
using SocialCapital.Interchange;
using SocialCapital.Metrics;
using SocialCapital.Model;
using SocialCapital.Recommendations;
using SocialCapital.Sqlite;
using SocialCapital.Storage;

if (args.Length is not (1 or 3))
{
    Console.Error.WriteLine("usage: PackageConsumer DATASET_DIR [PACKAGE_FOLDER VERSION]");
    return 1;
}
var check = new Checks();
var sample = args[0];

// Which engine this is: the package's assembly, copied beside this program.
var engine = typeof(Dataset).Assembly;
var informational = engine.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "?";
Console.WriteLine($"SocialCapital.Engine {informational} from {Path.GetFileName(Path.GetDirectoryName(engine.Location))}/{Path.GetFileName(engine.Location)}");
if (args.Length == 3)
    check.That(informational.Split('+')[0] == args[2], $"the engine's version is {args[2]} (it is {informational})");

// Load a dataset, build a snapshot, person measures: every person against the oracle (networkx) values.
var dataset = Dataset.Load(sample);
var asOf = new GraphOptions { AsOf = new DateOnly(2026, 1, 1) };
var graph = dataset.ToGraph(asOf);
Console.WriteLine($"{graph.PersonCount} people, {graph.ContactCount} contacts, areas {string.Join(" ", graph.Areas)}");
var people = PersonMetrics.Compute(graph);
var one = people.ForId("1");
var line = $"{one.Id}: constraint {one.Constraint:F6}, {one.Bridging} bridging tie(s), EC {one.EconomicConnectedness:F3}";
Console.WriteLine(line);
check.That(line == "1: constraint 0.558642, 1 bridging tie(s), EC 0.667", "person 1's measures are the oracle's");
var expectedPeople = Csv.Read(Path.Combine(sample, "expected_people.csv"));
foreach (var row in expectedPeople)
{
    var p = people.ForId(row["id"]);
    check.Near(row["constraint"], p.Constraint, $"constraint of {p.Id}");
    check.Near(row["clustering"], p.Clustering, $"clustering of {p.Id}");
    check.Near(row["economic_connectedness"], p.EconomicConnectedness, $"EC of {p.Id}");
    check.Near(row["work_connectedness"], p.WorkConnectedness, $"work connectedness of {p.Id}");
}
check.That(expectedPeople.Count == people.People.Count, $"{expectedPeople.Count} people in the oracle, {people.People.Count} measured");

// Area measures, no suppression and no bootstrap, as the oracle.
var areas = AreaMetrics.ComputeFrom(graph, people, new AreaMetricsOptions { MinCellSize = 0, BootstrapResamples = 0 });
var expectedAreas = Csv.Read(Path.Combine(sample, "expected_areas.csv"));
foreach (var (row, area) in expectedAreas.Zip(areas))
{
    Console.WriteLine($"area {area.Area}: {area.People} people, EC {area.EconomicConnectedness:F6}, work connectedness {area.WorkConnectedness:F6}");
    check.That(row["area"] == area.Area, $"area {row["area"]} comes in order");
    check.Near(row["economic_connectedness"], area.EconomicConnectedness, $"EC of area {area.Area}");
    check.Near(row["work_connectedness"], area.WorkConnectedness, $"work connectedness of area {area.Area}");
}
check.That(expectedAreas.Count == areas.Count, $"{expectedAreas.Count} areas in the oracle, {areas.Count} measured");

// An explained mentor match: the toy sample has no mentors, so add one beside citizen 1 (edits of the immutable dataset).
var withMentor = DatasetEdits.UpsertNode(dataset,
    new NodeRecord("m1", NodeKind.Mentor) { Area = "A", Employment = Employment.Employed, Ses = 0.75, Capacity = 2 }).Dataset;
withMentor = DatasetEdits.UpsertTie(withMentor, new TieRecord("m1", "2", TieKind.Colleague)).Dataset;
var matches = MentorMatching.ForCitizen(withMentor.ToGraph(asOf), "1");
foreach (var match in matches.Matches)
    Console.WriteLine($"match {match.Rank}. {match.Mentor} for {match.Citizen}, score {match.Score:F3}: {string.Join("; ", match.Reasons)}");
check.That(matches.Matches is [{ Mentor: "m1", Rank: 1, MutualContacts: 1, Reasons.Count: > 0 }], "citizen 1 is matched with mentor m1, with reasons");

// A cohort assignment over the same graph: m1 has two places for the three citizens of area A (0, 1 and 2).
var cohort = CohortAssignment.Assign(withMentor.ToGraph(asOf));
Console.WriteLine($"cohort: {string.Join(", ", cohort.Pairs.Select(p => $"{p.Citizen}->{p.Mentor}"))}; {cohort.Unassigned.Count} unassigned");
check.That(cohort.Pairs.Count == 2 && cohort.Pairs.All(p => p.Mentor == "m1"), "the cohort fills m1's two places");

// The SQLite store: a round trip through a temporary file, then a write, then a reopen.
var folder = Directory.CreateTempSubdirectory("socialcapital-consumer-");
try
{
    var path = Path.Combine(folder.FullName, "toy.db");
    await using (var store = await SqliteGraphStore.OpenAsync(path))
    {
        var version = await store.ImportAsync(dataset);
        var exported = await store.ExportAsync();
        check.That(version == 1 && exported.Version == 1, "an import into a new store makes version 1");
        check.That(exported.Dataset.Nodes.SequenceEqual(dataset.Nodes) && exported.Dataset.Ties.SequenceEqual(dataset.Ties),
            "the store gives back exactly the imported nodes and ties");
        var snapshot = await store.LoadSnapshotAsync(asOf);
        var fromStore = PersonMetrics.Compute(snapshot.Graph).ForId("1");
        check.That(fromStore == one, "the measures from the store's snapshot equal those from the files");
        var outcome = await store.UpsertTieAsync(new TieRecord("0", "11", TieKind.Acquaintance));
        check.That(outcome is { Effect: WriteEffect.Created, Version: 2 }, $"a new tie is created at version 2 ({outcome})");
    }
    await using (var reopened = await SqliteGraphStore.OpenAsync(path))
    {
        var stored = await reopened.ExportAsync();
        Console.WriteLine($"sqlite: {stored.Dataset.Nodes.Count} nodes, {stored.Dataset.Ties.Count} ties at version {stored.Version} after reopening");
        check.That(stored.Version == 2 && stored.Dataset.Ties.Count == dataset.Ties.Count + 1, "the write survives reopening the file");
    }
}
finally
{
    try { folder.Delete(recursive: true); } catch (IOException) { /* a temp folder left behind is harmless */ }
}

// The package files: metadata, dependencies, README, XML docs, symbols with embedded sources.
if (args.Length == 3) PackageChecks.Run(args[1], args[2], check);

Console.WriteLine(check.Failures == 0 ? $"consumer: all {check.Passed} checks passed" : $"consumer: {check.Failures} of {check.Passed + check.Failures} checks FAILED");
return check.Failures == 0 ? 0 : 1;

/// <summary>Counts checks and prints each failure.</summary>
internal sealed class Checks
{
    public int Passed { get; private set; }
    public int Failures { get; private set; }

    public void That(bool condition, string what)
    {
        if (condition) { Passed++; return; }
        Failures++;
        Console.WriteLine($"FAIL: {what}");
    }

    public void Near(string expected, double? actual, string what)
    {
        var ok = expected.Length == 0
            ? actual is null
            : actual is { } value && Math.Abs(double.Parse(expected, CultureInfo.InvariantCulture) - value) <= 1e-6;
        That(ok, $"{what}: expected {(expected.Length == 0 ? "undefined" : expected)}, got {actual?.ToString("R", CultureInfo.InvariantCulture) ?? "undefined"}");
    }
}

/// <summary>The sample's expected-value files: plain CSV without quoting.</summary>
internal static class Csv
{
    public static List<Dictionary<string, string>> Read(string path)
    {
        var lines = File.ReadAllLines(path).Where(l => l.Length > 0).ToArray();
        var header = lines[0].Split(',');
        return [.. lines.Skip(1).Select(l => header.Zip(l.Split(',')).ToDictionary(p => p.First, p => p.Second))];
    }
}
