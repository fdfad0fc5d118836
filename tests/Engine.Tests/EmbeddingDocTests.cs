using System.Text.RegularExpressions;
using SocialCapital.Graph;
using SocialCapital.Interchange;
using SocialCapital.Live;
using SocialCapital.Metrics;
using SocialCapital.Model;
using SocialCapital.Recommendations;
using SocialCapital.Storage;
using SocialCapital.Ties;

namespace SocialCapital.Tests;

/// <summary>The engine snippets of docs/embedding.md, compiled and run. Each region between "begin embedding.md" and
/// "end embedding.md" is a snippet of the page, word for word: <see cref="EveryDocSnippet_IsCompiledHere"/> checks
/// that every C# block of the page appears in this file or in tests/Sqlite.Tests/EmbeddingStoreDocTests.cs, so the
/// page cannot drift from the API. The snippets print to the console and use paths relative to the repository, so
/// these tests change the working directory and the console and run alone.</summary>
[Collection(nameof(WorkingDirectory))]
public partial class EmbeddingDocTests
{
    [Fact]
    public void LoadSnapshotAndMeasures_OnTheToySample()
    {
        var output = RunInRepo(() =>
        {
            // --- begin embedding.md: snapshot ---
            var dataset = Dataset.Load("data-samples/toy");   // reads and validates nodes.csv and ties.csv
            var graph = dataset.ToGraph(new GraphOptions { AsOf = new DateOnly(2026, 1, 1) });
            Console.WriteLine($"{graph.PersonCount} people, {graph.ContactCount} contacts, areas {string.Join(" ", graph.Areas)}");
            // --- end embedding.md ---

            // --- begin embedding.md: person measures ---
            var people = PersonMetrics.Compute(graph);   // every person, in parallel; identical for any thread count
            var one = people.ForId("1");
            Console.WriteLine($"{one.Id}: constraint {one.Constraint:F6}, {one.Bridging} bridging tie(s), EC {one.EconomicConnectedness:F3}");
            var mostConstrained = people.People.MaxBy(p => p.Constraint);
            Console.WriteLine($"most constrained: {mostConstrained.Id} ({mostConstrained.Constraint:F6})");
            // --- end embedding.md ---

            // --- begin embedding.md: area measures ---
            var options = new AreaMetricsOptions { MinCellSize = 1, BootstrapResamples = 200, Seed = 1 };
            foreach (var area in AreaMetrics.ComputeFrom(graph, people, options))   // reuses the person measures
                Console.WriteLine(area.Suppressed
                    ? $"{area.Area}: suppressed"
                    : $"{area.Area}: {area.People} people, EC {area.EconomicConnectedness:F3} [{area.EconomicConnectednessCiLow:F3}, {area.EconomicConnectednessCiHigh:F3}], "
                      + $"work connectedness {area.WorkConnectedness:F3}");
            // --- end embedding.md ---
        });

        var lines = output.Split('\n');
        Assert.Equal("12 people, 16 contacts, areas A B C", lines[0]);
        Assert.Equal("1: constraint 0.558642, 1 bridging tie(s), EC 0.667", lines[1]);
        Assert.Equal("most constrained: 11 (1.000000)", lines[2]);
        // Oracle values of data-samples/toy/expected_areas.csv.
        Assert.StartsWith("A: 3 people, EC 0.833 [", lines[3]);
        Assert.EndsWith("work connectedness 1.000", lines[3]);
        Assert.StartsWith("B: 4 people, EC 2.000 [", lines[4]);
        Assert.EndsWith("work connectedness 2.400", lines[4]);
        Assert.StartsWith("C: 5 people, EC 0.833 [", lines[5]);
        Assert.Equal(6, lines.Length);
    }

    [Fact]
    public void SnapshotFile_WrittenAndRead_OnTheToySample()
    {
        var scratch = Path.Combine(Path.GetTempPath(), $"embedding-{Guid.NewGuid():N}");
        Directory.CreateDirectory(scratch);
        try
        {
            var output = RunInRepo(() =>
            {
                var path = Path.Combine(scratch, "toy.scg");
                // --- begin embedding.md: snapshot file ---
                var dataset = Dataset.Load("data-samples/toy");
                var graph = dataset.ToGraph(new GraphOptions { AsOf = new DateOnly(2026, 1, 1) });
                SnapshotFile.Write(dataset, graph, path, sourceFolder: "data-samples/toy");   // atomic, checksummed

                var file = SnapshotFile.Read(path);   // throws SnapshotFileException: foreign, other version, damaged, stale
                var loaded = file.BuiltWith(new DateOnly(2026, 1, 1), TiePolicy.Default)
                    ? file.Graph   // the arrays as built: no parsing, no build
                    : file.Dataset.ToGraph(new GraphOptions { AsOf = new DateOnly(2026, 1, 1) });
                Console.WriteLine($"{loaded.PersonCount} people, {loaded.ContactCount} contacts, as of {file.AsOf:yyyy-MM-dd}");
                // --- end embedding.md ---
            });

            Assert.Equal("12 people, 16 contacts, as of 2026-01-01", output.Trim());
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }

    [Fact]
    public void DatasetFromRecords_BuildsTheSameWayAsFromFiles()
    {
        var output = RunInRepo(() =>
        {
            // --- begin embedding.md: records ---
            var dataset = Dataset.Create(
                nodes:
                [
                    new NodeRecord("c1", NodeKind.Citizen) { Area = "E01", Employment = Employment.Unemployed, Ses = 0.2, Goals = ["health"] },
                    new NodeRecord("m1", NodeKind.Mentor) { Area = "E01", Employment = Employment.Employed, Ses = 0.8, Sector = "health", Capacity = 2 },
                    new NodeRecord("c2", NodeKind.Citizen) { Area = "E01", Employment = Employment.Employed, Ses = 0.6 },
                ],
                ties:
                [
                    new TieRecord("c1", "c2", TieKind.Friend),
                    new TieRecord("m1", "c2", TieKind.Colleague) { Since = new DateOnly(2024, 3, 1) },
                ]);   // validated like a file: throws DataValidationException listing every problem
            var graph = dataset.ToGraph(new GraphOptions { AsOf = new DateOnly(2026, 1, 1) });
            // --- end embedding.md ---
            Console.WriteLine($"{graph.PersonCount} {graph.ContactCount}");
            var match = MentorMatching.ForCitizen(graph, "c1").Matches.Single();
            Console.WriteLine($"{match.Mentor} {match.MutualContacts}");
        });

        Assert.Equal("3 2\nm1 1", output);
    }

    [Fact]
    public void LiveGraph_AWriteUpdatesTheMeasures_OnTheToySample()
    {
        var output = RunInRepo(() =>
        {
            // --- begin embedding.md: live graph ---
            var live = LiveGraph.Create(Dataset.Load("data-samples/toy"),
                new LiveGraphOptions { Graph = new GraphOptions { AsOf = new DateOnly(2026, 1, 1) }, Areas = new AreaMetricsOptions { MinCellSize = 3 } });
            var before = live.Current;   // an immutable snapshot: read it from any thread while edits go on
            var change = live.Apply(new GraphEdit.UpsertTie(new TieRecord("11", "2", TieKind.Friend)));
            var after = change.After;    // shares everything the edit did not change with `before`
            Console.WriteLine($"{change.Outcomes[0].Effect}: 11 has {after.Person("11").Degree} contacts (had {before.Person("11").Degree})");
            var area = after.Measures.Areas.Single(a => a.Area == "C");   // kept up to date by difference
            Console.WriteLine($"area C: bridging share {area.BridgingShare:F3} (was {before.Measures.Areas.Single(a => a.Area == "C").BridgingShare:F3})");
            // --- end embedding.md ---
        });

        var lines = output.Split('\n');
        Assert.Matches(@"^Created: 11 has \d+ contacts \(had \d+\)$", lines[0]);
        Assert.Matches(@"^area C: bridging share \d\.\d{3} \(was \d\.\d{3}\)$", lines[1]);
    }

    [Fact]
    public void MentorMatchesAndCohortAssignment_OnTheCity()
    {
        var output = RunInRepo(() =>
        {
            // --- begin embedding.md: city ---
            var city = Dataset.Load("data-samples/city-10k").ToGraph(new GraphOptions { AsOf = new DateOnly(2026, 1, 1) });
            // --- end embedding.md ---

            // --- begin embedding.md: mentor matches ---
            var result = MentorMatching.ForCitizen(city, "p00002", new MatchOptions { Top = 3 });
            foreach (var match in result.Matches)
                Console.WriteLine($"{match.Rank}. {match.Mentor} {match.Score:F3}: {string.Join("; ", match.Reasons)}");
            Console.WriteLine($"{result.Eligible} eligible; ruled out: {result.Ineligible}");
            // --- end embedding.md ---

            // --- begin embedding.md: cohort assignment ---
            var cohort = CohortAssignment.Assign(city, new CohortOptions
            {
                Citizens = ["p00001", "p00002", "p00003"],
                Need = NeedWeighting.FewestBridgingTies,   // contested places go to those with the fewest bridging ties
            });
            foreach (var pair in cohort.Pairs) Console.WriteLine($"{pair.Citizen} -> {pair.Mentor} ({pair.Score:F3})");
            foreach (var left in cohort.Unassigned) Console.WriteLine($"{left.Citizen}: {left.Reason}");
            Console.WriteLine($"{cohort.AssignedCitizens} of {cohort.Citizens} assigned, total score {cohort.TotalScore:F3}");
            // --- end embedding.md ---
        });

        var lines = output.Split('\n');
        Assert.Matches(@"^1\. \S+ 0\.\d{3}: .+", lines[0]);
        Assert.Matches(@"^2\. \S+ 0\.\d{3}: .+", lines[1]);
        Assert.Matches(@"^3\. \S+ 0\.\d{3}: .+", lines[2]);
        Assert.Matches(@"^\d+ eligible; ruled out: ", lines[3]);
        Assert.Matches(@"^\d of 3 assigned, total score \d+\.\d{3}$", lines[^1]);
        Assert.Equal(4 + 3 + 1, lines.Length);   // every citizen of the cohort is either paired or listed as left out
    }

    [Fact]
    public void DataValidationException_ListsEveryProblem()
    {
        using var temp = new TempFolder();
        var folder = temp.WriteDataset("bad", ["id,kind", "a,citizen", "a,mentor"], ["source,target,kind", "a,nobody,friend"]);
        var (output, errors) = RunWithConsole(() =>
        {
            // --- begin embedding.md: errors ---
            try
            {
                var dataset = Dataset.Load(folder);
                Console.WriteLine($"{dataset.Nodes.Count} nodes, {dataset.Ties.Count} ties");
            }
            catch (DataValidationException e)   // nothing was loaded
            {
                Console.Error.WriteLine($"{e.TotalCount} problem(s):");
                foreach (var problem in e.Problems) Console.Error.WriteLine($"  {problem}");   // file, line, column, value, reason
            }
            // --- end embedding.md ---
        });

        Assert.Equal("", output);
        var lines = errors.Split('\n');
        Assert.Equal("2 problem(s):", lines[0]);
        Assert.Contains("nodes.csv", lines[1]);
        Assert.Contains("ties.csv", lines[2]);
    }

    [Fact]
    public void PackageReadmeSnippet_Runs()
    {
        using var temp = new TempFolder();
        WriteMyData(temp);
        var previous = Directory.GetCurrentDirectory();
        Directory.SetCurrentDirectory(temp.Path);
        try
        {
            // --- begin src/Engine/README.md ---
            var dataset = Dataset.Load("my-data");   // nodes.csv + ties.csv; throws DataValidationException listing every problem
            var graph = dataset.ToGraph(new GraphOptions { AsOf = new DateOnly(2026, 1, 1) });   // immutable, thread-safe snapshot

            var people = PersonMetrics.Compute(graph);                  // per person: constraint, bridging ties, EC, …
            var areas = AreaMetrics.ComputeFrom(graph, people, AreaMetricsOptions.Default);   // per area, small cells suppressed
            var matches = MentorMatching.ForCitizen(graph, "c1", new MatchOptions { Top = 5 });   // scores and reasons
            var cohort = CohortAssignment.Assign(graph);                 // every citizen without a mentor, optimal under capacity
            // --- end src/Engine/README.md ---

            Assert.Equal(4, people.People.Count);
            Assert.True(Assert.Single(areas).Suppressed);
            Assert.Equal("m7", Assert.Single(matches.Matches).Mentor);
            Assert.Equal(2, cohort.Pairs.Count);
        }
        finally
        {
            Directory.SetCurrentDirectory(previous);
        }
    }

    /// <summary>The small dataset the package READMEs call <c>my-data</c>: two citizens without a mentor, one with,
    /// and mentor m7 with two free places, all in area A1.</summary>
    internal static void WriteMyData(TempFolder temp) => temp.WriteDataset("my-data",
        ["id,kind,area,employment,ses,capacity", "c1,citizen,A1,unemployed,0.2,", "c2,citizen,A1,employed,0.7,",
         "c3,citizen,A1,unemployed,0.3,", "m7,mentor,A1,employed,0.8,3"],
        ["source,target,kind", "c1,c2,friend", "c2,m7,colleague", "m7,c3,mentoring"]);

    [Fact]
    public void EveryDocSnippet_IsCompiledHere()
    {
        var compiled = new[] { "tests/Engine.Tests/EmbeddingDocTests.cs", "tests/Sqlite.Tests/EmbeddingStoreDocTests.cs" }
            .Select(f => File.ReadAllText(Path.Combine(TestData.RepoRoot, f)))
            .ToArray();
        foreach (var (page, minimum) in new[] { ("docs/embedding.md", 8), ("src/Engine/README.md", 1), ("src/Sqlite/README.md", 1) })
        {
            var snippets = CSharpBlocks(File.ReadAllText(Path.Combine(TestData.RepoRoot, page)));
            Assert.True(snippets.Count >= minimum, $"{page} has only {snippets.Count} C# blocks");
            foreach (var snippet in snippets)
                Assert.True(compiled.Any(c => Compiles(c, snippet)),
                    $"This snippet of {page} is not compiled by a test word for word:\n{snippet}");
        }
    }

    /// <summary>The fenced ```csharp blocks of a Markdown page.</summary>
    internal static List<string> CSharpBlocks(string markdown)
    {
        var blocks = new List<string>();
        List<string>? current = null;
        foreach (var line in markdown.Replace("\r\n", "\n").Split('\n'))
        {
            if (current is null && line.Trim() == "```csharp") current = [];
            else if (current is not null && line.Trim() == "```") { blocks.Add(string.Join('\n', current)); current = null; }
            else current?.Add(line);
        }
        return blocks;
    }

    /// <summary>Whether a source file holds a snippet: its using directives anywhere in the file, the rest of its lines
    /// together and in order. Lines are compared trimmed (indentation differs between a page and a method body) and
    /// blank lines are ignored.</summary>
    private static bool Compiles(string source, string snippet)
    {
        var sourceLines = Lines(source);
        var snippetLines = Lines(snippet);
        var directives = snippetLines.Where(l => UsingDirective().IsMatch(l)).ToArray();
        var code = snippetLines.Where(l => !UsingDirective().IsMatch(l)).ToArray();
        return directives.All(sourceLines.Contains)
            && (code.Length == 0 || ("\n" + string.Join('\n', sourceLines) + "\n").Contains("\n" + string.Join('\n', code) + "\n", StringComparison.Ordinal));

        static List<string> Lines(string text) =>
            [.. text.Replace("\r\n", "\n").Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0)];
    }

    [GeneratedRegex(@"^using [A-Za-z0-9_.]+;$")]
    private static partial Regex UsingDirective();

    private static string RunInRepo(Action snippet)
    {
        var previous = Directory.GetCurrentDirectory();
        Directory.SetCurrentDirectory(TestData.RepoRoot);
        try
        {
            var (output, errors) = RunWithConsole(snippet);
            Assert.Equal("", errors);
            return output;
        }
        finally
        {
            Directory.SetCurrentDirectory(previous);
        }
    }

    private static (string Output, string Errors) RunWithConsole(Action snippet)
    {
        var (stdout, stderr) = (Console.Out, Console.Error);
        using var output = new StringWriter { NewLine = "\n" };
        using var errors = new StringWriter { NewLine = "\n" };
        Console.SetOut(output);
        Console.SetError(errors);
        try
        {
            snippet();
        }
        finally
        {
            Console.SetOut(stdout);
            Console.SetError(stderr);
        }
        return (output.ToString().TrimEnd('\n'), errors.ToString().TrimEnd('\n'));
    }
}
