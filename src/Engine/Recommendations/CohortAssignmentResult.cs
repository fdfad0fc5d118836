namespace SocialCapital.Recommendations;

/// <summary>One (citizen, mentor) pair of an assignment, with the pair's match score.</summary>
/// <param name="Citizen">The citizen's id.</param>
/// <param name="Mentor">The mentor's id.</param>
/// <param name="Score">The pair's match score, equal to <see cref="MentorMatch.Score"/>.</param>
public readonly record struct AssignedPair(string Citizen, string Mentor, double Score);

/// <summary>A citizen the assignment left without a mentor, and why.</summary>
/// <param name="Citizen">The citizen's id.</param>
/// <param name="Reason">Why, in plain words.</param>
public readonly record struct UnassignedCitizen(string Citizen, string Reason);

/// <summary>The result of <see cref="CohortAssignment.Assign"/>: the pairs (ordered by citizen, then mentor id),
/// the totals, and every citizen left out with the reason.</summary>
public sealed class CohortAssignmentResult
{
    internal CohortAssignmentResult(IReadOnlyList<AssignedPair> pairs, int citizens, int assignedCitizens, double totalScore,
        double totalWeightedScore, IReadOnlyList<UnassignedCitizen> unassigned)
    {
        Pairs = pairs;
        Citizens = citizens;
        AssignedCitizens = assignedCitizens;
        TotalScore = totalScore;
        TotalWeightedScore = totalWeightedScore;
        Unassigned = unassigned;
    }

    /// <summary>The pairs, ordered by citizen id, then mentor id.</summary>
    public IReadOnlyList<AssignedPair> Pairs { get; }

    /// <summary>Citizens in the cohort.</summary>
    public int Citizens { get; }

    /// <summary>Citizens who got at least one mentor.</summary>
    public int AssignedCitizens { get; }

    /// <summary>Σ score over the pairs.</summary>
    public double TotalScore { get; }

    /// <summary>Σ need weight × score over the pairs (equals <see cref="TotalScore"/> without need weighting).</summary>
    public double TotalWeightedScore { get; }

    /// <summary>Citizens left without a mentor, ordered by id, with the reason.</summary>
    public IReadOnlyList<UnassignedCitizen> Unassigned { get; }

    /// <summary>The totals in words, e.g. <c>assigned 40 of 50 citizens (40 pairs), total score 31.2, 10 unassigned</c>.</summary>
    /// <returns>The description.</returns>
    public override string ToString() => FormattableString.Invariant(
        $"assigned {AssignedCitizens} of {Citizens} citizens ({Pairs.Count} pairs), total score {TotalScore:0.###}, {Unassigned.Count} unassigned");
}
