using SocialCapital.Cli.Tests.Infrastructure;

namespace SocialCapital.Cli.Tests;

/// <summary><c>--help</c> on every command, and command lines the parser rejects (exit code 1).</summary>
public class HelpAndUsageTests
{
    [Fact]
    public void Help_Root_ExitsZeroListingCommandsAndExitCodes()
    {
        var run = CliProcess.Run("--help");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("metrics", run.StdOut, StringComparison.Ordinal);
        Assert.Contains("ties", run.StdOut, StringComparison.Ordinal);
        Assert.Contains("Exit codes", run.StdOut, StringComparison.Ordinal);
        Assert.Equal("", run.StdErr);
    }

    [Theory]
    [InlineData("metrics")]
    [InlineData("ties")]
    public void Help_Command_ExitsZeroListingEveryOption(string command)
    {
        var run = CliProcess.Run(command, "--help");

        Assert.True(run.ExitCode == 0, run.ToString());
        foreach (var text in new[] { "<DIR>", "--policy", "--as-of", "--format", "csv", "json", "table", "--out" })
            Assert.Contains(text, run.StdOut, StringComparison.Ordinal);
        Assert.Equal("", run.StdErr);
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("metrics", "--help")]
    [InlineData("what-if", "--help")]
    public void Help_UsageLines_SaySocialcapital(params string[] args)
    {
        var run = CliProcess.Run(args);

        Assert.True(run.ExitCode == 0, run.ToString());
        var usage = run.StdOut.Split('\n').SkipWhile(l => l != "Usage:").Skip(1).First();
        Assert.StartsWith("  socialcapital", usage, StringComparison.Ordinal);
        Assert.DoesNotContain("SocialCapital.Cli", run.StdOut, StringComparison.Ordinal);
    }

    [Fact]
    public void Help_Root_StatesOrdinalIdOrder()
    {
        var run = CliProcess.Run("--help");

        Assert.Contains("ordinal", run.StdOut, StringComparison.Ordinal);
    }

    [Fact]
    public void Usage_UnknownFormat_ExitsOneNamingIt()
    {
        var run = CliProcess.Run("metrics", Repo.Sample("toy"), "--format", "xml");

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("'xml'", run.StdErr, StringComparison.Ordinal);
        Assert.DoesNotContain("in_work_contacts", run.StdOut, StringComparison.Ordinal); // no rows printed
    }

    [Fact]
    public void Usage_DatasetArgumentMissing_ExitsOne()
    {
        var run = CliProcess.Run("ties", "--format", "csv");

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("Required argument missing", run.StdErr, StringComparison.Ordinal);
    }
}
