using SocialCapital.Cli.Tests.Infrastructure;

namespace SocialCapital.Cli.Tests;

/// <summary>The CLI checks option limits by the engine's own rules (the options types' Validate), at parse time:
/// the message is the engine's reason under the flag's name, and nothing is read.</summary>
public sealed class EngineRuleTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData("match", "--top", "-1", "--top must be 0 (all) or more.")]
    [InlineData("recommend", "--top", "-2", "--top must be 0 (all) or more.")]
    [InlineData("groups-for", "--top", "-1", "--top must be 0 (all) or more.")]
    [InlineData("assign", "--max-per-citizen", "0", "--max-per-citizen must be at least 1.")]
    [InlineData("what-if", "--baseline", "1.5", "--baseline must be from 0 to 1.")]
    [InlineData("what-if", "--effect", "-0.1", "--effect must be a number ≥ 0.")]
    [InlineData("areas", "--min-cell-size", "-1", "--min-cell-size must be 0 (no suppression) or more.")]
    [InlineData("areas", "--bootstrap", "-3", "--bootstrap must be 0 (no intervals) or more.")]
    [InlineData("introductions", "--max-hops", "7", "--max-hops must be from 1 to 6.")]
    [InlineData("generate", "--homophily", "1.5", "--homophily must be from 0 to 1.")]
    [InlineData("generate", "--people", "5", "--people must be at least 10.")]
    [InlineData("generate", "--effect", "1.5", "--effect must be from 0 to 1.")]
    public void Command_OptionOutsideTheEngineRule_IsAUsageErrorWithTheEngineReason(string command, string option, string value, string message)
    {
        string[] more = command switch
        {
            "what-if" => ["--ties", _temp.WriteFile("proposed.csv", "source,target,kind\n8,3,friend\n")],
            "introductions" => ["--citizen", "1"],
            _ => [],
        };
        var input = command == "generate" ? Path.Combine(_temp.Path, "city") : Repo.Sample("toy");
        var run = CliProcess.Run([command, input, option, value, .. more]);
        Assert.Equal(1, run.ExitCode);
        Assert.Contains(message, run.StdErr + run.StdOut, StringComparison.Ordinal);
    }
}
