using SocialCapital.Model;

namespace SocialCapital.Recommendations;

/// <summary>How citizens are weighted by need in a cohort assignment.</summary>
public enum NeedWeighting
{
    /// <summary>Every citizen weighs 1.</summary>
    None,
    /// <summary>w = 1 + 1/(1 + b), b the citizen's bridging contacts: 2 for none, 1.5 for one, falling towards 1,
    /// so those with the fewest bridging ties win contested places.</summary>
    FewestBridgingTies,
}

/// <summary>Options of <see cref="CohortAssignment"/>. Defaults: every citizen without a current mentor or pending proposal, one
/// mentor each, same area, default weights, no need weighting, every candidate pair.</summary>
public sealed record CohortOptions
{
    /// <summary>The defaults.</summary>
    public static CohortOptions Default { get; } = new();

    /// <summary>The citizens to assign; null (the default) = every citizen without a current mentor or a pending proposal.</summary>
    public IReadOnlyList<string>? Citizens { get; init; }

    /// <summary>Most mentors one citizen may get, ≥ 1; default 1.</summary>
    public int MaxPerCitizen { get; init; } = 1;

    /// <summary>Hard-rule and score settings shared with <see cref="MentorMatching"/> (<see cref="MatchOptions.Top"/> is not used).</summary>
    public MatchOptions Match { get; init; } = MatchOptions.Default;

    /// <summary>How citizens are weighted by need; default none.</summary>
    public NeedWeighting Need { get; init; }

    /// <summary>Keep only each citizen's best this many candidates (0, the default, keeps all). Speeds up very
    /// large any-area problems; the result is then optimal over the kept pairs only.</summary>
    public int CandidatesPerCitizen { get; init; }

    /// <summary>Cancels the assignment (an <see cref="OperationCanceledException"/> is thrown).</summary>
    public CancellationToken CancellationToken { get; init; }

    /// <summary>Checks the options against the rules <see cref="CohortAssignment.Assign"/> applies when it starts:
    /// <see cref="MaxPerCitizen"/> at least 1 (no maximum), <see cref="CandidatesPerCitizen"/> 0 (all) or more,
    /// <see cref="Need"/> a defined value, <see cref="Match"/> as <see cref="MatchOptions.Validate"/>. Whether the
    /// listed citizens exist is checked against the snapshot, not here.</summary>
    /// <returns>Every problem found (nested ones named <c>Match.Weights.GoalFit</c> etc.); empty when the options are valid.</returns>
    public IReadOnlyList<OptionProblem> Validate() => new OptionRules()
        .Check(MaxPerCitizen >= 1, nameof(MaxPerCitizen), MaxPerCitizen, "must be at least 1")
        .Top(nameof(CandidatesPerCitizen), CandidatesPerCitizen)
        .Check(Enum.IsDefined(Need), nameof(Need), Need, "must be None or FewestBridgingTies")
        .Nested(nameof(Match), Match, m => m.Validate())
        .Problems;

    internal void ThrowIfInvalid() => InvalidOptionsException.ThrowIfAny(Validate());
}
