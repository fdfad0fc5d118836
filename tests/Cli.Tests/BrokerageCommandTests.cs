using SocialCapital.Cli.Tests.Infrastructure;

namespace SocialCapital.Cli.Tests;

/// <summary><c>socialcapital brokerage</c> as a process: its CSV is R's <c>sna::brokerage</c> raw counts, byte for byte
/// (the engine's oracle fixtures, tests/Engine.Tests/Metrics/Oracles/brokerage), for area, work status and an extra
/// column; an unknown grouping is a usage error naming the valid ones.</summary>
public sealed class BrokerageCommandTests : IDisposable
{
    private static readonly string Oracles = Path.Combine(Repo.Root, "tests", "Engine.Tests", "Metrics", "Oracles", "brokerage");

    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData("data-samples/karate", "area", "expected_karate_area.csv")]
    [InlineData("data-samples/toy", "work_status", "expected_toy_work_status.csv")]
    [InlineData("random-areas", "area", "expected_random-areas_area.csv")]
    [InlineData("random-club", "club", "expected_random-club_club.csv")]
    public void Brokerage_OracleGraph_PrintsSnaCountsExactly(string graph, string group, string expected)
    {
        var dir = graph.StartsWith("data-samples", StringComparison.Ordinal) ? Path.Combine(Repo.Root, graph) : Path.Combine(Oracles, graph);
        var run = CliProcess.Run("brokerage", dir, "--group", group, "--format", "csv");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(File.ReadAllText(Path.Combine(Oracles, expected)).ReplaceLineEndings("\n"), run.StdOut.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Brokerage_Out_WritesTheFileAndDefaultsToArea()
    {
        var file = _temp.File("roles.csv");
        var run = CliProcess.Run("brokerage", Repo.Sample("toy"), "--format", "csv", "--out", file);
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(File.ReadAllText(Path.Combine(Oracles, "expected_toy_area.csv")).ReplaceLineEndings("\n"), File.ReadAllText(file).ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Brokerage_UnknownGroup_UsageErrorNamingTheValidOnes()
    {
        var run = CliProcess.Run("brokerage", Path.Combine(Oracles, "random-club"), "--group", "faction");
        Assert.Equal(1, run.ExitCode);
        Assert.Empty(run.StdOut);
        foreach (var name in new[] { "faction", "area", "work_status", "club" }) Assert.Contains(name, run.StdErr, StringComparison.Ordinal);
    }
}
