namespace SocialCapital.Recommendations;

/// <summary>Options of <see cref="CoachAssignment"/>. Defaults: every citizen without an active coaching tie, same area,
/// no specialism rule, continuity from contact in the snapshot. Immutable; the delegates it holds must be safe to call
/// from the assigning thread (they are called once per citizen–coach pair considered).</summary>
public sealed record CoachAssignmentOptions
{
    /// <summary>The defaults.</summary>
    public static CoachAssignmentOptions Default { get; } = new();

    /// <summary>The citizens to assign; null (the default) = every citizen without an active coaching tie.
    /// <see cref="CoachAssignment.Handover"/> ignores it (it assigns the leaving coach's caseload).</summary>
    public IReadOnlyList<string>? Citizens { get; init; }

    /// <summary>Allow a coach of any area or group; default false (a citizen and a coach must be in the same group: see
    /// <see cref="SameGroup"/>).</summary>
    public bool AnyArea { get; init; }

    /// <summary>Whether a coach and a citizen are in the same group (e.g. the same Work Hub), called as
    /// <c>SameGroup(coachId, citizenId)</c>; null (the default) = the same area, both areas known. Not used with
    /// <see cref="AnyArea"/>.</summary>
    public Func<string, string, bool>? SameGroup { get; init; }

    /// <summary>Whether a coach suits a citizen's needs (e.g. has a specialism the citizen needs), called as
    /// <c>Suits(coachId, citizenId)</c>; null (the default) = every coach suits everybody.</summary>
    public Func<string, string, bool>? Suits { get; init; }

    /// <summary>Whether a coach has coached or met the citizen before (continuity), called as
    /// <c>HasCoached(coachId, citizenId)</c>; null (the default) = the two are in contact in the snapshot (any active
    /// tie), which is all a snapshot knows of their history.</summary>
    public Func<string, string, bool>? HasCoached { get; init; }

    /// <summary>Cancels the assignment (an <see cref="OperationCanceledException"/> is thrown).</summary>
    public CancellationToken CancellationToken { get; init; }
}
