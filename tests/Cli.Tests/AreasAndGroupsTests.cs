using System.Globalization;
using SocialCapital.Cli.Tests.Infrastructure;

namespace SocialCapital.Cli.Tests;

/// <summary><c>areas</c>, <c>groups</c> and <c>generate</c> through the CLI process.</summary>
public sealed class AreasAndGroupsTests : IDisposable
{
    private const string AreaHeader = "area,people,low_ses,economic_connectedness,economic_connectedness_ci_low,economic_connectedness_ci_high,"
        + "exposure,friending_bias,work_connectedness,work_connectedness_ci_low,work_connectedness_ci_high,clustering,support_ratio,bonding_share,bridging_share,linking_share,cross_area_share,ei_work,assortativity_work,mean_constraint,suppressed";

    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData("toy")]
    [InlineData("karate")]
    public void Areas_OracleSample_MatchesExpectedAreasToSixDecimals(string sample)
    {
        var run = CliProcess.Run("areas", Repo.Sample(sample), "--min-cell-size", "0", "--bootstrap", "0", "--format", "csv");
        Assert.True(run.ExitCode == 0, run.ToString());
        var lines = run.StdOut.TrimEnd('\n').Split('\n');
        Assert.Equal(AreaHeader, lines[0]);
        var actual = Rows(lines);
        var expected = Rows(File.ReadAllLines(Path.Combine(Repo.Sample(sample), "expected_areas.csv")));
        Assert.Equal(expected.Select(r => r["area"]), actual.Select(r => r["area"]));
        foreach (var (e, a) in expected.Zip(actual))
            foreach (var column in e.Keys.Where(k => k != "area"))
            {
                if (e[column].Length == 0) Assert.True(a[column].Length == 0, $"{e["area"]} {column}: expected empty, got {a[column]}");
                else Assert.True(Math.Abs(Number(e[column]) - Number(a[column])) <= 1e-6, $"{e["area"]} {column}: expected {e[column]}, got {a[column]}");
            }
    }

    [Fact]
    public void Areas_ByWorkStatus_OneRowPerAreaAndGroupWithAGroupColumn()
    {
        var run = CliProcess.Run("areas", Repo.Sample("toy"), "--by", "work_status", "--min-cell-size", "0", "--bootstrap", "0", "--format", "csv");
        Assert.True(run.ExitCode == 0, run.ToString());
        var lines = run.StdOut.TrimEnd('\n').Split('\n');
        Assert.Equal(AreaHeader.Replace("area,", "area,group,", StringComparison.Ordinal), lines[0]);
        var rows = Rows(lines);
        Assert.Equal(["A/in_work", "A/out_of_work", "B/in_work", "B/out_of_work", "C/in_work", "C/out_of_work"],
            rows.Select(r => $"{r["area"]}/{r["group"]}"));
        // A's out-of-work residents 0 and 1: ties 0–1, 0–2, 1–2, 1–8 touch them, 0–2 and 1–2 bridging, 1–8 crossing.
        Assert.Equal("2", rows[1]["people"]);
        Assert.Equal(0.5, Number(rows[1]["bridging_share"]), 12);
        Assert.Equal(0.25, Number(rows[1]["cross_area_share"]), 12);
    }

    [Fact]
    public void Areas_ByUnknownGrouping_UsageErrorNamingTheValidOnes()
    {
        var run = CliProcess.Run("areas", Repo.Sample("toy"), "--by", "shoe_size");
        Assert.Equal(1, run.ExitCode);
        Assert.Empty(run.StdOut);
        foreach (var name in new[] { "shoe_size", "age_band", "work_status" }) Assert.Contains(name, run.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public void Areas_DefaultCellSize_SuppressesSmallAreasLeavingOnlyTheFlag()
    {
        var run = CliProcess.Run("areas", Repo.Sample("toy"), "--format", "csv");
        Assert.True(run.ExitCode == 0, run.ToString());
        var rows = run.StdOut.TrimEnd('\n').Split('\n').Skip(1).ToArray();
        Assert.Equal(["A" + new string(',', 20) + "true", "B" + new string(',', 20) + "true", "C" + new string(',', 20) + "true"], rows);
    }

    [Fact]
    public void Areas_Bootstrap_SameSeedSameIntervalsAndJsonHasThem()
    {
        string[] Args(string seed) => ["areas", Repo.Sample("city-10k"), "--as-of", "2026-01-01", "--seed", seed, "--format", "csv"];
        var first = CliProcess.Run(Args("3"));
        var again = CliProcess.Run(Args("3"));
        var other = CliProcess.Run(Args("4"));
        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Equal(first.StdOut, again.StdOut);
        Assert.NotEqual(first.StdOut, other.StdOut);
        foreach (var row in Rows(first.StdOut.TrimEnd('\n').Split('\n')))
        {
            Assert.InRange(Number(row["economic_connectedness"]), Number(row["economic_connectedness_ci_low"]), Number(row["economic_connectedness_ci_high"]));
            Assert.Equal("false", row["suppressed"]);
        }
    }

    [Theory]
    [InlineData("--min-cell-size", "-1")]
    [InlineData("--bootstrap", "-3")]
    [InlineData("--seed", "x")]
    public void Areas_BadOption_IsAUsageError(string option, string value)
    {
        var run = CliProcess.Run("areas", Repo.Sample("toy"), option, value);
        Assert.Equal(1, run.ExitCode);
        Assert.Contains(option, run.StdErr + run.StdOut, StringComparison.Ordinal);
    }

    [Fact]
    public void Groups_City_ListsEveryPeerGroupIdFirst()
    {
        var run = CliProcess.Run("groups", Repo.Sample("city-10k"), "--as-of", "2026-01-01", "--min-cell-size", "5", "--format", "csv");
        Assert.True(run.ExitCode == 0, run.ToString());
        var lines = run.StdOut.TrimEnd('\n').Split('\n');
        Assert.Equal("id,area,members,exposure,friending_bias,blau_work,in_work_share,free_places,suppressed", lines[0]);
        var rows = Rows(lines);
        var groups = File.ReadLines(Path.Combine(Repo.Sample("city-10k"), "nodes.csv")).Count(l => l.Contains(",peer_group,", StringComparison.Ordinal));
        Assert.Equal(groups, rows.Count);
        Assert.All(rows.Where(r => r["suppressed"] == "false"), r =>
        {
            Assert.InRange(Number(r["members"]), 5, 40);
            Assert.InRange(Number(r["in_work_share"]), 0, 1);
        });
    }

    [Fact]
    public void Generate_WritesAValidCityAndRefusesToOverwriteWithoutForce()
    {
        var folder = _temp.File("city");
        var run = CliProcess.Run("generate", folder, "--people", "500", "--seed", "9");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("500 people", run.StdErr, StringComparison.Ordinal);
        Assert.Empty(run.StdOut);
        var metrics = CliProcess.Run("metrics", folder, "--format", "csv");
        Assert.True(metrics.ExitCode == 0, metrics.ToString());
        Assert.Equal(501, metrics.StdOut.TrimEnd('\n').Split('\n').Length);
        var before = File.ReadAllBytes(Path.Combine(folder, "ties.csv"));

        var refused = CliProcess.Run("generate", folder, "--people", "600");
        Assert.Equal(3, refused.ExitCode);
        Assert.Contains("--force", refused.StdErr, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(Path.Combine(folder, "ties.csv")));

        Assert.Equal(0, CliProcess.Run("generate", folder, "--people", "600", "--force").ExitCode);
        Assert.NotEqual(before, File.ReadAllBytes(Path.Combine(folder, "ties.csv")));
    }

    [Fact]
    public void Generate_Effect_WritesTheLifecycleAndNodesWithTheStatusAfterIt()
    {
        var plain = _temp.File("plain");
        var planted = _temp.File("planted");
        // Without the coaching, whose ties of citizens coached into work follow the employment history, ties.csv is the same.
        Assert.Equal(0, CliProcess.Run("generate", plain, "--people", "2000", "--seed", "3", "--no-coaching").ExitCode);
        var run = CliProcess.Run("generate", planted, "--people", "2000", "--seed", "3", "--effect", "0.15", "--no-coaching");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("proposals and", run.StdErr, StringComparison.Ordinal);
        Assert.Equal(["areas.geojson", "nodes.csv", "proposals.csv", "status_history.csv", "ties.csv"], Directory.GetFiles(planted).Select(Path.GetFileName).Order());
        Assert.Equal(File.ReadAllBytes(Path.Combine(plain, "ties.csv")), File.ReadAllBytes(Path.Combine(planted, "ties.csv")));
        Assert.NotEqual(File.ReadAllBytes(Path.Combine(plain, "nodes.csv")), File.ReadAllBytes(Path.Combine(planted, "nodes.csv")));
        var employment = File.ReadLines(Path.Combine(planted, "nodes.csv")).Skip(1).Select(l => l.Split(',')).ToDictionary(c => c[0], c => c[3]);
        var last = new Dictionary<string, string>();
        foreach (var cells in File.ReadLines(Path.Combine(planted, "status_history.csv")).Skip(1).Select(l => l.Split(','))) last[cells[0]] = cells[2];
        Assert.NotEmpty(last);
        Assert.All(last, p => Assert.Equal(employment[p.Key], p.Value));
        var metrics = CliProcess.Run("metrics", planted, "--format", "csv");
        Assert.True(metrics.ExitCode == 0, metrics.ToString());
    }

    [Fact]
    public void Generate_NoLifecycle_WritesNodesAndSixTieColumnsOnly()
    {
        var folder = _temp.File("bare");
        var run = CliProcess.Run("generate", folder, "--people", "300", "--no-lifecycle");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.DoesNotContain("proposals", run.StdErr, StringComparison.Ordinal);
        Assert.Equal(["areas.geojson", "contacts.csv", "nodes.csv", "ties.csv"], Directory.GetFiles(folder).Select(Path.GetFileName).Order());
        Assert.Equal("source,target,kind,strength,since,until", File.ReadLines(Path.Combine(folder, "ties.csv")).First());
        var refused = CliProcess.Run("generate", _temp.File("bad-effect"), "--people", "300", "--no-lifecycle", "--effect", "0.1");
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("--effect needs the lifecycle", refused.StdErr + refused.StdOut, StringComparison.Ordinal);
    }

    [Fact]
    public void Generate_NoCoaching_WritesNoHubsOrContacts()
    {
        var folder = _temp.File("uncoached");
        var run = CliProcess.Run("generate", folder, "--people", "2000", "--seed", "3", "--no-lifecycle", "--no-coaching");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.DoesNotContain("contacts", run.StdErr, StringComparison.Ordinal);
        Assert.Equal(["areas.geojson", "nodes.csv", "ties.csv"], Directory.GetFiles(folder).Select(Path.GetFileName).Order());
        Assert.Equal("id,kind,area,employment,age_band,sector,ses,languages,skills,goals,capacity", File.ReadLines(Path.Combine(folder, "nodes.csv")).First());
        var coached = _temp.File("coached");
        run = CliProcess.Run("generate", coached, "--people", "2000", "--seed", "3");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("coaching ties and", run.StdErr, StringComparison.Ordinal);
        Assert.True(File.ReadLines(Path.Combine(coached, "contacts.csv")).Count() > 1);
        var caseload = CliProcess.Run("metrics", coached, "--format", "csv");
        Assert.True(caseload.ExitCode == 0, caseload.ToString());
    }

    [Theory]
    [InlineData("--people", "5")]
    [InlineData("--homophily", "2")]
    [InlineData("--mean-contacts", "0")]
    [InlineData("--effect", "-0.5")]
    public void Generate_BadParameter_IsAUsageErrorAndWritesNothing(string option, string value)
    {
        var folder = _temp.File("bad");
        string[] args = option == "--people" ? ["generate", folder, option, value] : ["generate", folder, "--people", "50", option, value];
        var run = CliProcess.Run(args);
        Assert.Equal(1, run.ExitCode);
        Assert.False(File.Exists(Path.Combine(folder, "nodes.csv")));
    }

    private static List<Dictionary<string, string>> Rows(string[] lines)
    {
        var header = lines[0].Split(',');
        return lines.Skip(1).Where(l => l.Length > 0)
            .Select(l => header.Zip(l.Split(',')).ToDictionary(p => p.First, p => p.Second)).ToList();
    }

    private static double Number(string cell) => double.Parse(cell, CultureInfo.InvariantCulture);
}
