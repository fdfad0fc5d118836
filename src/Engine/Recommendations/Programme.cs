using SocialCapital.Model;

namespace SocialCapital.Recommendations;

/// <summary>Which citizens of the area a <see cref="Programme"/> reaches.</summary>
public enum ProgrammeCitizens
{
    /// <summary>Out-of-work citizens (unemployed or inactive) without a current mentor, those with the fewest bridging
    /// ties first.</summary>
    OutOfWork,

    /// <summary>Any citizen without a current mentor, those with the fewest bridging ties first.</summary>
    FewestBridgingTies,
}

/// <summary>Where a <see cref="Programme"/>'s mentors come from.</summary>
public enum MentorPool
{
    /// <summary>Mentors of the programme's area.</summary>
    SameArea,

    /// <summary>Mentors of any area.</summary>
    AnyArea,
}

/// <summary>A mentoring programme described without naming anyone: "mentor <see cref="Citizens"/> out-of-work citizens of
/// area <see cref="Area"/> from the mentor pool". <see cref="WhatIf.EvaluateProgramme"/> chooses the citizens
/// (deterministically: docs/recommendations.md#programme-what-if), assigns mentors optimally and reports only
/// aggregates. Immutable; safe to share between threads.</summary>
public sealed record Programme
{
    /// <summary>The area whose citizens the programme reaches; required.</summary>
    public string Area { get; init; } = "";

    /// <summary>How many citizens the programme reaches: at least the minimum cell size and a multiple of it (10, 20, 30…
    /// with the default 10), so that two programmes differ by a whole cell, never by one person. Default 10.</summary>
    public int Citizens { get; init; } = 10;

    /// <summary>Which citizens; default <see cref="ProgrammeCitizens.OutOfWork"/>.</summary>
    public ProgrammeCitizens Which { get; init; }

    /// <summary>Where the mentors come from; default <see cref="MentorPool.SameArea"/>.</summary>
    public MentorPool Pool { get; init; }

    /// <summary>Most programme citizens one mentor may take, on top of the mentor's own free places as the limit; 0 (the
    /// default) = only the mentor's free places.</summary>
    public int MaxPerMentor { get; init; }

    /// <summary>Checks the description on its own: <see cref="Area"/> not empty, <see cref="Citizens"/> at least 1,
    /// <see cref="Which"/> and <see cref="Pool"/> defined values, <see cref="MaxPerMentor"/> 0 or more. The rules that need the
    /// data or the minimum cell size (a known area, enough citizens, a multiple of the cell size) are checked by
    /// <see cref="WhatIf.EvaluateProgramme"/>.</summary>
    /// <returns>Every problem found; empty when the description is valid.</returns>
    public IReadOnlyList<OptionProblem> Validate() => new OptionRules()
        .Check(!string.IsNullOrWhiteSpace(Area), nameof(Area), Area, "is required")
        .Check(Citizens >= 1, nameof(Citizens), Citizens, "must be at least 1")
        .Check(Enum.IsDefined(Which), nameof(Which), Which, "must be OutOfWork or FewestBridgingTies")
        .Check(Enum.IsDefined(Pool), nameof(Pool), Pool, "must be SameArea or AnyArea")
        .Top(nameof(MaxPerMentor), MaxPerMentor)
        .Problems;

    /// <summary>The description in one canonical line, part of the identity of the programme's noisy cells.</summary>
    internal string Canonical() => FormattableString.Invariant($"programme {Area}|{Citizens}|{Which}|{Pool}|{MaxPerMentor}");
}

/// <summary>What a <see cref="Programme"/> would change: aggregates only, no id in or out. Immutable; safe to share
/// between threads.</summary>
/// <param name="Programme">The programme evaluated.</param>
/// <param name="Citizens">Citizens the programme chose (its <see cref="Programme.Citizens"/>).</param>
/// <param name="MentoredCitizens">Of them, those the mentor pool had places for, rounded down to a multiple of the minimum
/// cell size (at least the cell size: fewer is refused).</param>
/// <param name="Areas">The change in the programme's area and in each area its mentors come from, ordered by code;
/// suppression and noise as for published area measures, and <see cref="AreaChange.GainingInWorkContact"/> and
/// <see cref="AreaChange.ExtraMovesIntoWork"/> null when fewer than the minimum cell size gain.</param>
public sealed record ProgrammeResult(Programme Programme, int Citizens, int MentoredCitizens, IReadOnlyList<AreaChange> Areas);
