using SocialCapital.Cli.Tests.Infrastructure;

namespace SocialCapital.Cli.Tests;

/// <summary><c>socialcapital betweenness</c> as a process: networkx's values (the engine's oracle files,
/// tests/Engine.Tests/Metrics/Oracles/betweenness) to 1e-9, the pivot estimate, and bad options.</summary>
public class BetweennessCommandTests
{
    private const double Tolerance = 1e-9;

    private static string Oracles => Path.Combine(Repo.Root, "tests", "Engine.Tests", "Metrics", "Oracles", "betweenness");

    private static string Dataset(string name) => Directory.Exists(Repo.Sample(name)) ? Repo.Sample(name) : Path.Combine(Oracles, name);

    private static CsvTable Run(params string[] args)
    {
        var run = CliProcess.Run(["betweenness", .. args, "--format", "csv"]);
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("id,betweenness", run.StdOut.Split('\n')[0]);
        return CsvTable.Parse(run.StdOut);
    }

    [Theory]
    [InlineData("karate")]
    [InlineData("components-120")]
    public void Betweenness_Oracle_MatchesNetworkxToE9InIdOrder(string name)
    {
        var actual = Run(Dataset(name));
        var expected = CsvTable.Load(Path.Combine(Oracles, name, "expected_betweenness.csv"));
        Assert.Equal(expected.Rows.Select(r => expected.Cell(r, "id")), actual.Rows.Select(r => actual.Cell(r, "id")));
        for (var i = 0; i < expected.Rows.Count; i++)
        {
            double want = CsvTable.Number(expected.Cell(expected.Rows[i], "betweenness")), got = CsvTable.Number(actual.Cell(actual.Rows[i], "betweenness"));
            Assert.True(Math.Abs(want - got) <= Tolerance, $"{name} person '{expected.Cell(expected.Rows[i], "id")}': expected {want:R}, got {got:R}");
        }
    }

    [Fact]
    public void Betweenness_Sample_IsDeterministicForASeedAndExactWithEveryPerson()
    {
        var karate = Repo.Sample("karate");
        var a = CliProcess.Run("betweenness", karate, "--sample", "10", "--seed", "4", "--format", "csv");
        var b = CliProcess.Run("betweenness", karate, "--sample", "10", "--seed", "4", "--format", "csv");
        var c = CliProcess.Run("betweenness", karate, "--sample", "10", "--seed", "5", "--format", "csv");
        var exact = CliProcess.Run("betweenness", karate, "--format", "csv");
        var all = CliProcess.Run("betweenness", karate, "--sample", "34", "--format", "csv");
        var forced = CliProcess.Run("betweenness", karate, "--exact", "--format", "csv");
        foreach (var run in new[] { a, b, c, exact, all, forced }) Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(a.StdOut, b.StdOut);
        Assert.NotEqual(a.StdOut, c.StdOut);
        Assert.NotEqual(a.StdOut, exact.StdOut);
        Assert.Equal(exact.StdOut, all.StdOut);
        Assert.Equal(exact.StdOut, forced.StdOut);
    }

    [Theory]
    [InlineData("--sample must be at least 2 (got 1)", "--sample", "1")]
    [InlineData("--sample must be at least 2 (got -3)", "--sample", "-3")]
    [InlineData("--sample", "--sample", "many")]
    [InlineData("--seed", "--seed", "x")]
    [InlineData("--sample and --exact cannot be used together", "--sample", "5", "--exact")]
    public void Betweenness_BadOption_ExitsOneNamingIt(string message, params string[] args)
    {
        var run = CliProcess.Run(["betweenness", Repo.Sample("karate"), .. args, "--format", "csv"]);
        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.DoesNotContain("betweenness\n", run.StdOut, StringComparison.Ordinal); // usage, no rows
        Assert.Contains(message, run.StdErr, StringComparison.Ordinal);
    }
}
