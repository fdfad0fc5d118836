namespace SocialCapital.Recommendations;

/// <summary>One (citizen, coach) pair of a coach assignment, with its score parts and reasons.</summary>
/// <param name="Citizen">The citizen's id.</param>
/// <param name="Coach">The coach's id.</param>
/// <param name="Continuity">Whether the coach has coached or met the citizen on or before the assignment's day (<see cref="SocialCapital.Graph.CoachingHistory.HasCoached"/>).</param>
/// <param name="Balance">The coach's free places over capacity when this citizen is placed (at the start of the
/// <see cref="CoachAssignmentOptions.BalanceSteps"/> band the citizen falls in), in (0, 1]: higher for an emptier
/// caseload.</param>
/// <param name="Reasons">Why this coach, in plain words.</param>
public sealed record CoachAssignedPair(string Citizen, string Coach, bool Continuity, double Balance, IReadOnlyList<string> Reasons);

/// <summary>The result of <see cref="CoachAssignment.Assign"/> or <see cref="CoachAssignment.Handover"/> (a preview:
/// nothing is written): the pairs (ordered by citizen id), the totals, and every citizen left out with the reason.</summary>
public sealed class CoachAssignmentResult
{
    internal CoachAssignmentResult(IReadOnlyList<CoachAssignedPair> pairs, int citizens, IReadOnlyList<UnassignedCitizen> unassigned,
        DateOnly day, string? leavingCoach)
    {
        Pairs = pairs;
        Citizens = citizens;
        Unassigned = unassigned;
        Day = day;
        LeavingCoach = leavingCoach;
        foreach (var pair in pairs)
        {
            if (pair.Continuity) ContinuityPairs++;
            TotalBalance += pair.Balance;
        }
    }

    /// <summary>The assignment's day: the snapshot's date for <see cref="CoachAssignment.Assign"/>, the leaving day for
    /// <see cref="CoachAssignment.Handover"/>. Free places and current coaches are those of this day; a caller publishing
    /// the pairs starts the new coaching spells on it.</summary>
    public DateOnly Day { get; }

    /// <summary>The coach who leaves, for a <see cref="CoachAssignment.Handover"/>; <see langword="null"/> for an
    /// <see cref="CoachAssignment.Assign"/>.</summary>
    public string? LeavingCoach { get; }

    /// <summary>The pairs, one per assigned citizen, ordered by citizen id.</summary>
    public IReadOnlyList<CoachAssignedPair> Pairs { get; }

    /// <summary>Citizens to assign (for <see cref="CoachAssignment.Assign"/> with a list, every listed citizen, those who
    /// already have a coach included): <see cref="Pairs"/> + <see cref="Unassigned"/>.</summary>
    public int Citizens { get; }

    /// <summary>Pairs whose coach has coached or met the citizen before.</summary>
    public int ContinuityPairs { get; }

    /// <summary>Σ <see cref="CoachAssignedPair.Balance"/> over the pairs.</summary>
    public double TotalBalance { get; }

    /// <summary>Citizens left without a coach, ordered by id, with the reason.</summary>
    public IReadOnlyList<UnassignedCitizen> Unassigned { get; }

    /// <summary>The totals in words, e.g. <c>assigned 40 of 50 citizens, 12 to a coach they know, 10 unassigned</c>.</summary>
    /// <returns>The description.</returns>
    public override string ToString() =>
        $"assigned {Pairs.Count} of {Citizens} citizens, {ContinuityPairs} to a coach they know, {Unassigned.Count} unassigned";
}
