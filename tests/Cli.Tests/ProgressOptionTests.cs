using System.Text.RegularExpressions;
using SocialCapital.Cli.Tests.Infrastructure;

namespace SocialCapital.Cli.Tests;

/// <summary><c>--progress</c> through the CLI process: plain lines for logs and CI, nothing by default when standard
/// error is not a terminal, a clear refusal of an unknown mode. Standard output is the result in every mode.</summary>
public partial class ProgressOptionTests
{
    [GeneratedRegex(@"^\[\d\d:\d\d\] ")]
    private static partial Regex Stamped();

    [Fact]
    public void Plain_ReadingAndMeasuring_StampedLinesEndingAt100Percent_OutputUnchanged()
    {
        var plain = CliProcess.Run("metrics", Repo.Sample("city-10k"), "--format", "csv", "--progress", "plain");
        Assert.True(plain.ExitCode == 0, plain.ToString());
        var lines = plain.StdErr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.All(lines, l => Assert.Matches(Stamped(), l));
        Assert.Contains(lines, l => Regex.IsMatch(l, @"reading \d+%"));
        Assert.Contains(lines, l => Regex.IsMatch(l, @"reading 100% in \d\d:\d\d$"));
        Assert.Contains(lines, l => l.Contains("building the snapshot of 10,106 nodes", StringComparison.Ordinal));
        Assert.Contains(lines, l => Regex.IsMatch(l, @"person measures 100% in \d\d:\d\d$"));
        var percents = lines.Where(l => l.Contains("person measures", StringComparison.Ordinal))
            .Select(l => int.Parse(Regex.Match(l, @"(\d+)%").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(percents.Order(), percents); // never goes back

        var quiet = CliProcess.Run("metrics", Repo.Sample("city-10k"), "--format", "csv");
        Assert.Equal(quiet.StdOut, plain.StdOut);
        Assert.Equal("", quiet.StdErr); // auto: standard error is not a terminal here
    }

    [Fact]
    public void Plain_Generate_SaysWhatItDoesAndEnds()
    {
        var folder = Path.Combine(Path.GetTempPath(), "sc-progress-" + Guid.NewGuid().ToString("N"));
        try
        {
            var run = CliProcess.Run("generate", folder, "--people", "2000", "--seed", "4", "--progress", "plain");
            Assert.True(run.ExitCode == 0, run.ToString());
            Assert.Contains("generating 2,000 people into", run.StdErr, StringComparison.Ordinal);
            Assert.Matches(@"generating 100% in \d\d:\d\d", run.StdErr);
            Assert.Contains("wrote 2,0", run.StdErr, StringComparison.Ordinal); // the summary, in every mode
        }
        finally
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Plain_WhatIf_ReportsItsStagesToTheEnd()
    {
        var run = CliProcess.Run("what-if", Repo.Sample("city-10k"), "--programme", "area=A3,citizens=20", "--format", "csv", "--progress", "plain");
        Assert.True(run.ExitCode == 0, run.ToString());
        var percents = Regex.Matches(run.StdErr, @"what-if (\d+)%").Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        Assert.True(percents.Length >= 3, run.StdErr);
        Assert.Equal(percents.Order(), percents);
        Assert.Equal(100, percents[^1]);
    }

    [Fact]
    public void Plain_Brokerage_CountsToTheEnd()
    {
        var run = CliProcess.Run("brokerage", Repo.Sample("city-10k"), "--group", "area", "--format", "csv", "--progress", "plain");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Matches(@"brokerage 100% in \d\d:\d\d", run.StdErr);
    }

    [Fact]
    public void None_NothingOnStandardError()
    {
        var run = CliProcess.Run("areas", Repo.Sample("toy"), "--format", "csv", "--progress", "none");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("", run.StdErr);
    }

    [Fact]
    public void UnknownMode_RefusedNamingTheModes()
    {
        var run = CliProcess.Run("metrics", Repo.Sample("toy"), "--progress", "loud");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("'loud'", run.StdErr, StringComparison.Ordinal);
        foreach (var mode in new[] { "auto", "bar", "plain", "none" }) Assert.Contains($"'{mode}'", run.StdErr, StringComparison.Ordinal);
    }
}
