using SocialCapital.Model;

namespace SocialCapital.Recommendations;

/// <summary>Options of <see cref="CoachAssignment"/>. Defaults: every citizen without a current coach, the same hub (the
/// same area for a citizen without a hub), no extra rule, balance in 4 steps. Immutable; the delegate it holds must be
/// safe to call from the assigning thread (it is called once per citizen–coach pair that passes the built-in rules).</summary>
public sealed record CoachAssignmentOptions
{
    /// <summary>The defaults.</summary>
    public static CoachAssignmentOptions Default { get; } = new();

    /// <summary>The citizens to assign (a cohort); null (the default) = every citizen without a current coach on the
    /// assignment day. A listed citizen who has a current coach is not reassigned: they are reported unassigned with their
    /// coach (a <see cref="CoachAssignment.Handover"/> moves a coach's caseload). <see cref="CoachAssignment.Handover"/>
    /// ignores this list (it assigns the leaving coach's caseload).</summary>
    public IReadOnlyList<string>? Citizens { get; init; }

    /// <summary>The coaches who may be chosen (e.g. those of the caller's areas); null (the default) = every coach. Ids
    /// that name no coach are ignored. A coach left out still counts as a coach for what is a need.</summary>
    public IReadOnlyList<string>? Coaches { get; init; }

    /// <summary>Allow a coach of any hub (and any area); default false: a citizen with a hub gets a coach of that hub, a
    /// citizen without a hub a coach of their area (both known).</summary>
    public bool AnyHub { get; init; }

    /// <summary>An extra hard rule of the caller's, on top of the built-in ones (e.g. a conflict of interest), called as
    /// <c>Suits(coachId, citizenId)</c>; null (the default) = no extra rule. The citizen's needs are already a built-in
    /// rule (see <see cref="CoachAssignment"/>).</summary>
    public Func<string, string, bool>? Suits { get; init; }

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
