using SocialCapital.Cli.Tests.Infrastructure;

namespace SocialCapital.Cli.Tests;

/// <summary><c>--policy FILE</c>: a tie policy JSON file replaces the default bonding/bridging rules.</summary>
public sealed class PolicyOptionTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Policy_AreaOnly_ToyTieIsBridgingIffAreasDiffer()
    {
        var policy = _temp.WriteFile("area.json", """{ "dimensions": [ { "attribute": "area", "weight": 1 } ], "bridgingThreshold": 0.5 }""");
        var nodes = CsvTable.Load(Path.Combine(Repo.Sample("toy"), "nodes.csv"));
        var areas = nodes.Rows.ToDictionary(r => nodes.Cell(r, "id"), r => nodes.Cell(r, "area"), StringComparer.Ordinal);

        var run = CliProcess.Run("ties", Repo.Sample("toy"), "--format", "csv", "--policy", policy);

        Assert.True(run.ExitCode == 0, run.ToString());
        var ties = CsvTable.Parse(run.StdOut);
        Assert.Equal(16, ties.Rows.Count);
        foreach (var row in ties.Rows)
        {
            var (source, target) = (ties.Cell(row, "source"), ties.Cell(row, "target"));
            var differ = areas[source] != areas[target];
            Assert.True((differ ? "bridging" : "bonding") == ties.Cell(row, "class"), $"{source}-{target}: {ties.Cell(row, "class")}");
            Assert.Equal(differ ? "1" : "0", ties.Cell(row, "bridging_score"));
        }
        // The policy really changed something: 0-2 (both area A) is bridging under the default policy.
        var defaults = SampleRuns.Csv("ties", "toy");
        Assert.Equal("bridging", defaults.Cell(defaults.Single("source", "0", "target", "2"), "class"));
        Assert.Equal("bonding", ties.Cell(ties.Single("source", "0", "target", "2"), "class"));
    }

    [Fact]
    public void Policy_UnknownAttribute_ExitsTwoNamingIt()
    {
        var policy = _temp.WriteFile("ethnicity.json", """{ "dimensions": [ { "attribute": "ethnicity", "weight": 1 } ] }""");

        var run = CliProcess.Run("metrics", Repo.Sample("toy"), "--format", "csv", "--policy", policy);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Equal("", run.StdOut);
        Assert.Contains("'ethnicity'", run.StdErr, StringComparison.Ordinal);
        Assert.Contains("dimensions", run.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public void Policy_ExtraColumnAsDimension_IsAccepted()
    {
        var data = _temp.WriteDataset("data",
            ["id,kind,team", "a,citizen,red", "b,citizen,red", "c,citizen,blue"],
            ["source,target,kind", "a,b,friend", "b,c,friend"]);
        var policy = _temp.WriteFile("team.json", """{ "dimensions": [ { "attribute": "team" } ], "bridgingThreshold": 1 }""");

        var run = CliProcess.Run("ties", data, "--format", "csv", "--policy", policy);

        Assert.True(run.ExitCode == 0, run.ToString());
        var ties = CsvTable.Parse(run.StdOut);
        Assert.Equal("bonding", ties.Cell(ties.Single("source", "a", "target", "b"), "class"));
        Assert.Equal("bridging", ties.Cell(ties.Single("source", "b", "target", "c"), "class"));
    }

    [Fact]
    public void Policy_TypoInPropertyName_ExitsTwoNamingTheProperty()
    {
        var policy = _temp.WriteFile("typo.json", """{ "bridgingTreshold": 0.5 }""");

        var run = CliProcess.Run("ties", Repo.Sample("toy"), "--policy", policy);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Equal("", run.StdOut);
        Assert.Contains("typo.json", run.StdErr, StringComparison.Ordinal);
        Assert.Contains("'bridgingTreshold'", run.StdErr, StringComparison.Ordinal);
        Assert.Contains("unknown property", run.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public void Policy_MalformedJson_ExitsTwo()
    {
        var policy = _temp.WriteFile("broken.json", "{ \"bridgingThreshold\": 0.5,\n  \"dimensions\": [ }");

        var run = CliProcess.Run("ties", Repo.Sample("toy"), "--policy", policy);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Equal("", run.StdOut);
        Assert.Contains("broken.json", run.StdErr, StringComparison.Ordinal);
        Assert.Contains("not valid JSON", run.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public void Policy_FileMissing_ExitsThree()
    {
        var missing = _temp.File("missing.json");

        var run = CliProcess.Run("ties", Repo.Sample("toy"), "--policy", missing);

        Assert.True(run.ExitCode == 3, run.ToString());
        Assert.Equal("", run.StdOut);
        Assert.Contains("missing.json", run.StdErr, StringComparison.Ordinal);
    }
}
