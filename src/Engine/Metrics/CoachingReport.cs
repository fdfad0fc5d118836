namespace SocialCapital.Metrics;

/// <summary>One citizen's coaching on the report's day (docs/measures.md#coaching-caseloads-and-continuity). Contacts
/// count the citizen's meetings with any coach. Immutable.</summary>
public sealed record CitizenCoaching
{
    /// <summary>The citizen's id.</summary>
    public required string Citizen { get; init; }

    /// <summary>The current coach's id: of the coaching spells running on the day (with a coach of the graph), the one
    /// that began last; null when none runs.</summary>
    public string? Coach { get; init; }

    /// <summary>The first day of the citizen's unbroken time with the current coach (spells with that coach that touch
    /// or overlap are one stretch); null when not coached, or when the stretch's start is unknown.</summary>
    public DateOnly? Since { get; init; }

    /// <summary>Whole calendar months from <see cref="Since"/> to the day (m such that Since + m months ≤ day); null when
    /// <see cref="Since"/> is.</summary>
    public int? MonthsWithCoach { get; init; }

    /// <summary>Distinct coaches with a coaching spell running on some day of the last
    /// <see cref="CoachingOptions.CoachHistoryMonths"/> months (the current one included).</summary>
    public int DistinctCoaches { get; init; }

    /// <summary>The day of the last contact with any coach on or before the day; null when never met.</summary>
    public DateOnly? LastContact { get; init; }

    /// <summary>Days from <see cref="LastContact"/> to the day; null when never met.</summary>
    public int? DaysSinceContact { get; init; }

    /// <summary>Contacts with any coach in the last <see cref="CoachingOptions.ContactWindowDays"/> days (the day included).</summary>
    public int RecentContacts { get; init; }

    /// <summary>Whether the citizen counts as not met: <see cref="DaysSinceContact"/> above
    /// <see cref="CoachingOptions.NotMetDays"/>, or never met.</summary>
    public bool NotMet { get; init; }
}

/// <summary>How many of a caseload fall in one category (a work status, an age band, a need). Immutable.</summary>
/// <param name="Category">The category's wire name (<c>in_work</c>, <c>25-34</c>, <c>health</c>); <c>unknown</c> for an
/// unknown status or age band, <c>(none)</c> for citizens with no need.</param>
/// <param name="Count">Citizens of the caseload in it.</param>
public sealed record CategoryCount(string Category, int Count);

/// <summary>One coach's caseload on the report's day (docs/measures.md#coaching-caseloads-and-continuity): operational data
/// for the coach and their managers, not suppressed. Immutable.</summary>
public sealed record CoachCaseload
{
    /// <summary>The coach's id.</summary>
    public required string Coach { get; init; }

    /// <summary>The coach's Work Hub; null when unknown.</summary>
    public string? Hub { get; init; }

    /// <summary>The coach's area; null when unknown.</summary>
    public string? Area { get; init; }

    /// <summary>Citizens whose current coach this coach is (<see cref="CitizenCoaching.Coach"/>): a citizen with two
    /// running spells counts once, with the coach whose spell began last.</summary>
    public int ActiveCaseload { get; init; }

    /// <summary>The coach's caseload limit (the node's <c>capacity</c>); null when unknown.</summary>
    public int? Capacity { get; init; }

    /// <summary>Whether <see cref="ActiveCaseload"/> is above <see cref="Capacity"/>; false when the capacity is unknown.</summary>
    public bool OverCapacity { get; init; }

    /// <summary>Citizens of the caseload not met for more than <see cref="CoachingOptions.NotMetDays"/> days, those never
    /// met included (<see cref="CitizenCoaching.NotMet"/>).</summary>
    public int NotMet { get; init; }

    /// <summary>The caseload's citizens with their measures, by id (ordinal).</summary>
    public IReadOnlyList<CitizenCoaching> Citizens { get; init; } = [];

    /// <summary>The caseload by the citizens' work status (their record's employment): in_work, out_of_work, student,
    /// retired, unknown, only those with citizens.</summary>
    public IReadOnlyList<CategoryCount> ByWorkStatus { get; init; } = [];

    /// <summary>The caseload by age band, youngest first, then unknown; only those with citizens.</summary>
    public IReadOnlyList<CategoryCount> ByAgeBand { get; init; } = [];

    /// <summary>The caseload by need (a citizen's goal that names a specialism some coach of the graph has), ordinal, then
    /// <c>(none)</c>: a citizen with several needs counts under each, so these may add up to more than the caseload.</summary>
    public IReadOnlyList<CategoryCount> ByNeed { get; init; } = [];
}

/// <summary>The caseload and continuity figures of one area or Work Hub (docs/measures.md#coaching-caseloads-and-continuity):
/// aggregates only, no person's row. Counts of citizens from 1 to the minimum cell size − 1, and shares and medians
/// computed from one, are null (<see cref="Suppressed"/>); the outcomes are descriptive, not causal. Immutable.</summary>
public sealed record CoachingGroup
{
    /// <summary>The area code or hub name.</summary>
    public required string Name { get; init; }

    /// <summary>Citizens of the group (whose area or hub it is); null when suppressed.</summary>
    public int? Citizens { get; init; }

    /// <summary>Of them, those with a current coach; null when suppressed (also when the uncoached would be small and
    /// this count would reveal them).</summary>
    public int? CoachedCitizens { get; init; }

    /// <summary>Of the coached citizens whose time with their coach has a known start, the share with the same coach for
    /// at least <see cref="CoachingOptions.StableMonths"/> months; null when suppressed or none.</summary>
    public double? StableCoachShare { get; init; }

    /// <summary>Coached citizens whose time with their coach has no known start (left out of
    /// <see cref="StableCoachShare"/>); null when suppressed.</summary>
    public int? UnknownSince { get; init; }

    /// <summary>The median of <see cref="CitizenCoaching.DaysSinceContact"/> over the coached citizens who have been met;
    /// null when suppressed or none.</summary>
    public double? MedianDaysSinceContact { get; init; }

    /// <summary>Coached citizens never met (left out of <see cref="MedianDaysSinceContact"/>); null when suppressed.</summary>
    public int? NeverMet { get; init; }

    /// <summary>Coaches of the group (whose area or hub it is).</summary>
    public int Coaches { get; init; }

    /// <summary>The Gini coefficient of the coaches' active caseloads (0 = all equal); null without coaches or when every
    /// caseload is 0.</summary>
    public double? CaseloadGini { get; init; }

    /// <summary>The largest active caseload over the median one; null without coaches or when the median is 0.</summary>
    public double? CaseloadMaxToMedian { get; init; }

    /// <summary>Coaches whose active caseload is above their capacity.</summary>
    public int CoachesOverCapacity { get; init; }

    /// <summary>Citizens out of work and coached on the day <see cref="CoachingOptions.OutcomeMonths"/> months before the
    /// report's day who had the same coach throughout to it; null when suppressed.</summary>
    public int? KeptCoachCitizens { get; init; }

    /// <summary>Of <see cref="KeptCoachCitizens"/>, those in work on the report's day; null when suppressed.</summary>
    public int? KeptCoachInWork { get; init; }

    /// <summary><see cref="KeptCoachInWork"/> ÷ <see cref="KeptCoachCitizens"/>; null when suppressed or none.</summary>
    public double? KeptCoachInWorkShare { get; init; }

    /// <summary>Citizens out of work and coached on that day whose coach changed or ended since; null when suppressed.</summary>
    public int? ChangedCoachCitizens { get; init; }

    /// <summary>Of <see cref="ChangedCoachCitizens"/>, those in work on the report's day; null when suppressed.</summary>
    public int? ChangedCoachInWork { get; init; }

    /// <summary><see cref="ChangedCoachInWork"/> ÷ <see cref="ChangedCoachCitizens"/>; null when suppressed or none.</summary>
    public double? ChangedCoachInWorkShare { get; init; }

    /// <summary>Citizens coached on that day without any employment history (their status then is unknown), left out
    /// of both outcome groups; null when suppressed.</summary>
    public int? OutcomeWithoutHistory { get; init; }

    /// <summary>Whether some value of the row was suppressed.</summary>
    public bool Suppressed { get; init; }
}

/// <summary>The caseload and continuity report (<see cref="CoachingMetrics"/>): every coach's caseload, and the figures
/// of every area and Work Hub. Immutable.</summary>
public sealed record CoachingReport
{
    /// <summary>The text every rendering of the area and hub figures carries.</summary>
    public const string CaveatText = "Descriptive, not causal: citizens who keep their coach differ from those whose coach changes "
        + "(coaches leave, citizens move, needs change), so the difference in moves into work between them is not the effect of "
        + "continuity. Counts of citizens under the minimum cell size are suppressed.";

    /// <summary>The day of the report.</summary>
    public DateOnly AsOf { get; init; }

    /// <summary>The options the report was made with (<see cref="CoachingOptions.AsOf"/> set to <see cref="AsOf"/>).</summary>
    public required CoachingOptions Options { get; init; }

    /// <summary>Every coach (of the area and hub asked for), by id (ordinal).</summary>
    public IReadOnlyList<CoachCaseload> Coaches { get; init; } = [];

    /// <summary>Every area with a citizen or a coach, by code (ordinal).</summary>
    public IReadOnlyList<CoachingGroup> Areas { get; init; } = [];

    /// <summary>Every Work Hub with a citizen or a coach, by name (ordinal).</summary>
    public IReadOnlyList<CoachingGroup> Hubs { get; init; } = [];

    /// <summary>Whether some value of an area or hub row was suppressed.</summary>
    public bool Suppressed { get; init; }

    /// <summary><see cref="CaveatText"/>.</summary>
    public string Caveat => CaveatText;
}
