using SocialCapital.Model;

namespace SocialCapital.Recommendations;

/// <summary>Options of <see cref="CoachAssignment"/>. Defaults: every citizen without an active coaching tie, same area,
/// no specialism rule, continuity from contact in the snapshot, balance in 4 steps. Immutable; the delegates it holds must be safe to call
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

    /// <summary>In how many steps the balance part of a pair falls as a coach fills up, ≥ 1; default 4. A coach's free
    /// places are cut into this many bands (as equal as possible; fewer when it has fewer free places); a citizen placed
    /// in a band scores the coach's free share when the band starts, so the last places of a coach are worth less than
    /// its first and the load spreads (a concave reward, solved exactly). 1 scores every place alike (the free share
    /// before the assignment); a value ≥ every coach's free places makes each place its own step. Each step is one more
    /// candidate pair per eligible (citizen, coach), so large values cost time and memory.</summary>
    public int BalanceSteps { get; init; } = 4;

    /// <summary>Cancels the assignment (an <see cref="OperationCanceledException"/> is thrown).</summary>
    public CancellationToken CancellationToken { get; init; }

    /// <summary>Checks the options against the rules <see cref="CoachAssignment.Assign"/> applies when it starts:
    /// <see cref="BalanceSteps"/> at least 1. Whether the listed citizens exist is checked against the snapshot, not here.</summary>
    /// <returns>Every problem found; empty when the options are valid.</returns>
    public IReadOnlyList<OptionProblem> Validate() => new OptionRules()
        .Check(BalanceSteps >= 1, nameof(BalanceSteps), BalanceSteps, "must be at least 1")
        .Problems;

    internal void ThrowIfInvalid() => InvalidOptionsException.ThrowIfAny(Validate());
}
