using System.Globalization;
using SocialCapital.Cli.Tests.Infrastructure;

namespace SocialCapital.Cli.Tests;

/// <summary><c>socialcapital trends</c> as a process: long-format rows with the change split, and clear usage errors for
/// bad dates, steps, measures and a reversed range.</summary>
public sealed class TrendsCommandTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    /// <summary>The toy with 0–2 ending and 1–8 starting on 2024-02-01.</summary>
    private string DatedToy()
    {
        var folder = Directory.CreateDirectory(_temp.File("toy")).FullName;
        File.Copy(Path.Combine(Repo.Sample("toy"), "nodes.csv"), Path.Combine(folder, "nodes.csv"));
        var ties = File.ReadAllLines(Path.Combine(Repo.Sample("toy"), "ties.csv")).Select((line, i) => i == 0
            ? line + ",since,until"
            : line.StartsWith("0,2,", StringComparison.Ordinal) ? line + ",,2024-02-01"
            : line.StartsWith("1,8,", StringComparison.Ordinal) ? line + ",2024-02-01,"
            : line + ",,");
        File.WriteAllLines(Path.Combine(folder, "ties.csv"), ties);
        return folder;
    }

    [Fact]
    public void Trends_DatedToy_LongFormatWithTheChangeSplit()
    {
        var run = CliProcess.Run("trends", DatedToy(), "--from", "2024-01-01", "--to", "2024-03-15", "--every", "1m",
            "--measure", "bridging_share,people", "--min-cell-size", "0", "--bootstrap", "0", "--format", "csv");
        Assert.True(run.ExitCode == 0, run.ToString());
        var lines = run.StdOut.TrimEnd('\n').Split('\n');
        Assert.Equal("date,area,measure,value,ci_low,ci_high,change,change_from_ties_started,change_from_ties_ended,change_from_moves,"
            + "ties_started,ties_ended,people_moved,suppressed", lines[0]);
        Assert.Equal(1 + (3 * 3 * 2), lines.Length); // 3 dates × 3 areas × 2 measures
        var a = lines.Skip(1).Select(l => l.Split(',')).Where(c => c[1] == "A" && c[2] == "bridging_share").ToArray();
        Assert.Equal(["2024-01-01", "2024-02-01", "2024-03-01"], a.Select(c => c[0]));
        Assert.Equal(0.5, Number(a[0][3]), 12);
        Assert.Equal(0.25, Number(a[1][3]), 12);
        Assert.Equal(-0.25, Number(a[1][6]), 12);
        Assert.Equal(-0.25, Number(a[1][7]) + Number(a[1][8]) + Number(a[1][9]), 12);
        Assert.Equal(["1", "1", "0"], a[1][10..13]);
        Assert.Equal("", a[0][6]); // no change on the first date
    }

    [Theory]
    [InlineData("--from", "2024-13-01", "--from: '2024-13-01' is not an ISO date")]
    [InlineData("--to", "soon", "--to: 'soon' is not an ISO date")]
    [InlineData("--every", "3q", "--every: '3q' is not a step")]
    [InlineData("--every", "0m", "--every: '0m' is not a step")]
    [InlineData("--measure", "happiness", "--measure: 'happiness' is not a measure")]
    [InlineData("--to", "2023-01-01", "--to (2023-01-01) is before --from (2024-01-01)")]
    public void Trends_BadOption_UsageErrorNamingIt(string option, string value, string message)
    {
        string[] args = ["trends", Repo.Sample("toy"), "--from", "2024-01-01", "--to", "2024-06-01"];
        var i = Array.IndexOf(args, option);
        if (i >= 0) args[i + 1] = value;
        else args = [.. args, option, value];
        var run = CliProcess.Run(args);
        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.DoesNotContain("date,area", run.StdOut, StringComparison.Ordinal);
        Assert.Contains(message, run.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public void Trends_Person_TheirMeasuresWithTheirOwnTiesStartedAndEnded()
    {
        var run = CliProcess.Run("trends", DatedToy(), "--from", "2024-01-01", "--to", "2024-03-15", "--every", "1m",
            "--person", "1,0", "--measure", "degree", "--format", "csv");
        Assert.True(run.ExitCode == 0, run.ToString());
        var lines = run.StdOut.TrimEnd('\n').Split('\n');
        Assert.Equal("date,id,measure,value,change,change_from_ties_started,change_from_ties_ended,ties_started,ties_ended", lines[0]);
        Assert.Equal(1 + (3 * 2), lines.Length); // 3 dates × 2 people, in the order given
        // On 2024-02-01, 1–8 starts (person 1: degree 2 → 3) and 0–2 ends (person 0: 2 → 1).
        Assert.Equal("2024-02-01,1,degree,3,1,1,0,1,0", lines[3]);
        Assert.Equal("2024-02-01,0,degree,1,-1,0,-1,0,1", lines[4]);
    }

    [Fact]
    public void Trends_PeopleFileWithAnUnknownId_ExitsNamingIt()
    {
        var file = _temp.File("people.txt");
        File.WriteAllLines(file, ["id", "1", "nobody"]);
        var run = CliProcess.Run("trends", Repo.Sample("toy"), "--from", "2024-01-01", "--to", "2024-03-01", "--people", file);
        Assert.True(run.ExitCode == 2, run.ToString()); // not found, as for any command given an unknown id
        Assert.Contains("No node has id 'nobody'", run.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public void Trends_PersonWithAnAreaMeasure_UsageError()
    {
        var run = CliProcess.Run("trends", Repo.Sample("toy"), "--from", "2024-01-01", "--to", "2024-03-01", "--person", "1", "--measure", "bridging_share");
        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("--measure: 'bridging_share' is not a measure", run.StdErr, StringComparison.Ordinal);
    }

    private static double Number(string cell) => double.Parse(cell, CultureInfo.InvariantCulture);
}
