using System.CommandLine;
using SocialCapital.Model;

namespace SocialCapital.Cli;

/// <summary>Checks a command-line option at parse time by the engine's own rule for the option it sets (the
/// options type's <c>Validate()</c>), so a limit is written once, in the engine, and the CLI reports it under the
/// flag's name as a usage error (exit code 1) before any data is read.</summary>
internal static class EngineRules
{
    /// <summary>Adds a validator to <paramref name="option"/> that reports the engine's problems with
    /// <paramref name="engineOption"/> for the parsed value.</summary>
    public static void Check<T>(Option<T> option, string engineOption, Func<T, IReadOnlyList<OptionProblem>> validate) =>
        option.Validators.Add(result =>
        {
            foreach (var problem in validate(result.GetValueOrDefault<T>()!))
                if (problem.Option == engineOption) result.AddError($"{option.Name} {problem.Reason}.");
        });

    /// <summary>The engine's rule for every "how many, best first" option (<see cref="Recommendations.MatchOptions.Top"/>):
    /// 0 means all, otherwise at least 1.</summary>
    public static void CheckTop(Option<int> option) =>
        Check(option, nameof(Recommendations.MatchOptions.Top), v => new Recommendations.MatchOptions { Top = v }.Validate());
}
