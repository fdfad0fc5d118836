using SocialCapital.Cli.Tests.Infrastructure;

namespace SocialCapital.Cli.Tests;

/// <summary><c>socialcapital communities</c> as a process: igraph's modularity reached (the engine's oracle files,
/// tests/Engine.Tests/Metrics/Oracles/communities), rows by id, the per-area summary, determinism and bad options.</summary>
public class CommunitiesCommandTests
{
    private static string Oracles => Path.Combine(Repo.Root, "tests", "Engine.Tests", "Metrics", "Oracles", "communities");

    private static CliResult Run(params string[] args)
    {
        var run = CliProcess.Run(["communities", .. args, "--format", "csv"]);
        Assert.True(run.ExitCode == 0, run.ToString());
        return run;
    }

    [Fact]
    public void Communities_CityOracle_ReachesIgraphModularity_RowsInIdOrder_SummaryOnStandardError()
    {
        var run = Run(Path.Combine(Oracles, "city-400"), "--seed", "2");
        var table = CsvTable.Parse(run.StdOut);
        Assert.Equal("id,community,span", run.StdOut.Split('\n')[0]);
        var ids = table.Rows.Select(r => table.Cell(r, "id")).ToList();
        Assert.Equal(400, ids.Count);
        Assert.Equal(ids.Order(StringComparer.Ordinal), ids);

        var expected = CsvTable.Load(Path.Combine(Oracles, "expected_communities.csv"));
        var igraph = CsvTable.Number(expected.Cell(expected.Rows.Single(r => expected.Cell(r, "graph") == "city-400"), "igraph_modularity"));
        var summary = System.Text.RegularExpressions.Regex.Match(run.StdErr, @"([\d,]+) communities, modularity ([\d.]+) \(resolution 1, seed 2");
        Assert.True(summary.Success, run.StdErr);
        Assert.True(CsvTable.Number(summary.Groups[2].Value) >= igraph - 0.005, run.StdErr);
        var count = int.Parse(summary.Groups[1].Value.Replace(",", "", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(count, table.Rows.Select(r => table.Cell(r, "community")).Distinct().Count());
        Assert.Contains(table.Rows, r => table.Cell(r, "community") == "0");
        Assert.Contains(table.Rows, r => int.Parse(table.Cell(r, "span"), System.Globalization.CultureInfo.InvariantCulture) > 1);
    }

    [Fact]
    public void Communities_SameSeed_SameRows_ResolutionChangesThem()
    {
        var city = Path.Combine(Oracles, "city-400");
        var a = Run(city, "--seed", "5");
        var b = Run(city, "--seed", "5");
        var fine = Run(city, "--seed", "5", "--resolution", "3");
        Assert.Equal(a.StdOut, b.StdOut);
        Assert.NotEqual(a.StdOut, fine.StdOut);
        static int Count(CliResult run) => CsvTable.Parse(run.StdOut).Rows.Select(r => r[1]).Distinct().Count();
        Assert.True(Count(fine) > Count(a), $"{Count(fine)} communities at resolution 3, {Count(a)} at 1");
    }

    [Fact]
    public void Communities_Summary_OneRowPerArea_SmallAreasSuppressed()
    {
        var city = Path.Combine(Oracles, "city-400");
        var run = Run(city, "--summary");
        Assert.Equal("area,people,ties,crossing_share,communities,largest_community_share,suppressed", run.StdOut.Split('\n')[0]);
        var table = CsvTable.Parse(run.StdOut);
        Assert.Equal(["A1", "A2", "A3", "A4"], table.Rows.Select(r => table.Cell(r, "area")));
        Assert.All(table.Rows, r => Assert.InRange(CsvTable.Number(table.Cell(r, "crossing_share")), 0, 1));
        var suppressed = CsvTable.Parse(Run(city, "--summary", "--min-cell-size", "1000").StdOut);
        Assert.All(suppressed.Rows, r => suppressed.AssertSuppressed(r, "people", "ties", "crossing_share", "communities", "largest_community_share"));
    }

    [Fact]
    public void Communities_ProgressPlain_ShowsTheStageAndTheSummary_None_OnlyTheSummary()
    {
        var city = Path.Combine(Oracles, "city-400");
        var plain = Run(city, "--progress", "plain");
        Assert.Matches(@"communities 100% in \d\d:\d\d", plain.StdErr);
        Assert.Contains("finding communities of 400 people (resolution 1, seed 0)", plain.StdErr, StringComparison.Ordinal);
        var quiet = Run(city, "--progress", "none");
        Assert.Matches(@"^\d+ communities, modularity [\d.]+ \(resolution 1, seed 0, \d iterations\); sizes: largest \d+, median \d+, smallest \d+; \d+ of one\n$", quiet.StdErr);
        Assert.Equal(plain.StdOut, quiet.StdOut);
    }

    [Theory]
    [InlineData("--resolution must be positive and finite (got 0)", "--resolution", "0")]
    [InlineData("--resolution must be positive and finite (got -1)", "--resolution", "-1")]
    [InlineData("--resolution", "--resolution", "fine")]
    [InlineData("--seed", "--seed", "x")]
    [InlineData("--iterations must be at least 1 (got 0)", "--iterations", "0")]
    public void Communities_BadOption_ExitsOneNamingIt(string message, params string[] args)
    {
        var run = CliProcess.Run(["communities", Repo.Sample("karate"), .. args, "--format", "csv"]);
        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.DoesNotContain("id,community", run.StdOut, StringComparison.Ordinal);
        Assert.Contains(message, run.StdErr, StringComparison.Ordinal);
    }
}
