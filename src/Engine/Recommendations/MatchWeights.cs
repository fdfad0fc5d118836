using SocialCapital.Model;

namespace SocialCapital.Recommendations;

/// <summary>Weights of the mentor-match score's components (docs/recommendations.md). Each must be ≥ 0 and
/// their sum &gt; 0; the score is the weighted mean of the components, so it stays in [0, 1].</summary>
public sealed record MatchWeights
{
    /// <summary>The defaults: goal fit 0.35, bridging 0.25, proximity 0.15, locality 0.10, capacity 0.15.</summary>
    public static MatchWeights Default { get; } = new();

    /// <summary>Weight of goal fit (the citizen's goals met by the mentor's sector and skills); default 0.35.</summary>
    public double GoalFit { get; init; } = 0.35;

    /// <summary>Weight of the bridging gain (the pair's bridging score under the tie policy); default 0.25.</summary>
    public double Bridging { get; init; } = 0.25;

    /// <summary>Weight of network proximity (mutual contacts, best at a few); default 0.15.</summary>
    public double Proximity { get; init; } = 0.15;

    /// <summary>Weight of locality (same area); default 0.10.</summary>
    public double Locality { get; init; } = 0.10;

    /// <summary>Weight of free capacity (share of the mentor's places still free); default 0.15.</summary>
    public double Capacity { get; init; } = 0.15;

    internal double Sum => GoalFit + Bridging + Proximity + Locality + Capacity;

    /// <summary>Checks the weights: each a finite number ≥ 0, their sum above 0.</summary>
    /// <returns>Every problem found; empty when the weights are valid.</returns>
    public IReadOnlyList<OptionProblem> Validate()
    {
        var rules = new OptionRules()
            .NonNegative(nameof(GoalFit), GoalFit).NonNegative(nameof(Bridging), Bridging).NonNegative(nameof(Proximity), Proximity)
            .NonNegative(nameof(Locality), Locality).NonNegative(nameof(Capacity), Capacity);
        if (rules.Problems.Count == 0) rules.Check(Sum > 0, "Sum", Sum, "must be above 0: at least one weight must be above 0");
        return rules.Problems;
    }
}
