using SocialCapital.Model;

namespace SocialCapital.Recommendations;

/// <summary>Options of mentor matching and cohort assignment. Defaults: top 10, same area only, default weights.</summary>
public sealed record MatchOptions
{
    /// <summary>The defaults.</summary>
    public static MatchOptions Default { get; } = new();

    /// <summary>How many matches to return for one citizen, best first; 0 = every eligible mentor. Default 10.</summary>
    public int Top { get; init; } = 10;

    /// <summary>Whether mentors from other areas may be suggested; default <see langword="false"/> (same area only).</summary>
    public bool AnyArea { get; init; }

    /// <summary>The score's component weights; default <see cref="MatchWeights.Default"/>.</summary>
    public MatchWeights Weights { get; init; } = MatchWeights.Default;

    /// <summary>(citizen id, mentor id) pairs the caller rules out, e.g. after a failed introduction.</summary>
    public IReadOnlyCollection<(string Citizen, string Mentor)> ExcludedPairs { get; init; } = [];

    /// <summary>Checks the options against the rules <see cref="MentorMatching"/> and <see cref="CohortAssignment"/>
    /// apply when they start: <see cref="Top"/> 0 (all) or more, no maximum; the weights as
    /// <see cref="MatchWeights.Validate"/>; no null lists.</summary>
    /// <returns>Every problem found (nested ones named <c>Weights.GoalFit</c> etc.); empty when the options are valid.</returns>
    public IReadOnlyList<OptionProblem> Validate() => new OptionRules()
        .Top(nameof(Top), Top)
        .Nested(nameof(Weights), Weights, w => w.Validate())
        .NotNull(nameof(ExcludedPairs), ExcludedPairs)
        .Problems;

    internal void ThrowIfInvalid() => InvalidOptionsException.ThrowIfAny(Validate());
}
