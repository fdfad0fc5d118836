using SocialCapital.Recommendations;

namespace SocialCapital.Api.Contracts;

/// <summary>The body of <c>POST /cohorts/assignments</c>; every field is optional.</summary>
public sealed class CohortRequest
{
    /// <summary>The citizens to assign; all citizens when omitted.</summary>
    public IReadOnlyList<string>? Citizens { get; set; }

    /// <summary>Mentors per citizen, 1–10; default 1.</summary>
    /// <example>1</example>
    public int? MaxPerCitizen { get; set; }

    /// <summary>Whether mentors from any area may be assigned; default false (same area only).</summary>
    public bool? AnyArea { get; set; }

    /// <summary><c>none</c> (default) or <c>fewest_bridging_ties</c>: weight citizens with the fewest bridging ties higher.</summary>
    /// <example>none</example>
    public string? Need { get; set; }

    /// <summary>Keep only each citizen's best this many mentors as candidates (faster on big cohorts); 0 = all (default).</summary>
    public int? CandidatesPerCitizen { get; set; }
}

/// <summary>An assignment.</summary>
/// <param name="Citizens">Citizens in the cohort.</param>
/// <param name="AssignedCitizens">Citizens given at least one mentor.</param>
/// <param name="TotalScore">Sum of the assigned pairs' match scores.</param>
/// <param name="TotalWeightedScore">The same, weighted by need: what was maximised.</param>
/// <param name="Pairs">The assigned pairs.</param>
/// <param name="Unassigned">Citizens left without a mentor, with the reason.</param>
public sealed record CohortView(int Citizens, int AssignedCitizens, double TotalScore, double TotalWeightedScore,
    IReadOnlyList<AssignedPair> Pairs, IReadOnlyList<UnassignedCitizen> Unassigned);
