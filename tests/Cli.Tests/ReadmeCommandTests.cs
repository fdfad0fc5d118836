using System.Text.RegularExpressions;
using SocialCapital.Cli.Tests.Infrastructure;

namespace SocialCapital.Cli.Tests;

/// <summary>The README's command-line section: it lists every command, and its policy examples run as written on
/// the policies shipped in data-samples/policies.</summary>
public partial class ReadmeCommandTests
{
    private static readonly string Readme = File.ReadAllText(Path.Combine(Repo.Root, "README.md"));

    [Fact]
    public void Readme_ListsEveryCommand()
    {
        var listed = CommandRow().Matches(Readme).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
        foreach (var command in CliApp.Build().Subcommands)
            Assert.True(listed.Contains(command.Name), $"README.md does not list 'socialcapital {command.Name}'");
    }

    [Fact]
    public void Readme_PolicyExamples_RunAsWritten()
    {
        var examples = Readme.Split('\n').Where(l => l.StartsWith("socialcapital ", StringComparison.Ordinal) && l.Contains("--policy", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(examples);
        foreach (var line in examples)
        {
            var args = line.Split('#')[0].Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
                .Select(a => a.StartsWith("data-samples/", StringComparison.Ordinal) ? Path.Combine(Repo.Root, a) : a)
                .Append("--format").Append("csv").ToArray();
            var run = CliProcess.Run(args);
            Assert.True(run.ExitCode == 0, $"{line}\n{run}");
            Assert.True(run.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length > 1, $"{line}: no rows\n{run}");
        }
    }

    [Theory]
    [InlineData("toy")]
    [InlineData("karate")]
    [InlineData("city-10k")]
    public void Policies_EveryShippedFile_WorksOnTheSample(string sample)
    {
        var files = Directory.GetFiles(Path.Combine(Repo.Root, "data-samples", "policies"), "*.json");
        Assert.NotEmpty(files);
        foreach (var policy in files)
        {
            var run = CliProcess.Run("ties", Repo.Sample(sample), "--policy", policy, "--format", "csv");
            Assert.True(run.ExitCode == 0, $"{Path.GetFileName(policy)} on {sample}\n{run}");
        }
    }

    [GeneratedRegex(@"^\| `socialcapital ([a-z-]+)", RegexOptions.Multiline)]
    private static partial Regex CommandRow();
}
