using SocialCapital.Metrics;
using SocialCapital.Model;

namespace SocialCapital.Recommendations;

/// <summary>Options of <see cref="ProgrammeReport"/>. Defaults: every date up to the analysis date, every area, cells
/// under 10 suppressed, the graph's analysis date (today for a dataset). Immutable; thread-safe.</summary>
public sealed record ProgrammeReportOptions
{
    /// <summary>The defaults.</summary>
    public static ProgrammeReportOptions Default { get; } = new();

    /// <summary>First day of the window (proposals made, pairings started or ended on or after it); null for no limit.</summary>
    public DateOnly? From { get; init; }

    /// <summary>Last day of the window (inclusive); null for the analysis date.</summary>
    public DateOnly? To { get; init; }

    /// <summary>Only citizens living in this area (the citizen's area: the mentee's of a pairing); null for every area.</summary>
    public string? Area { get; init; }

    /// <summary>Counts from 1 to this − 1, and every share or median computed from one, are suppressed (null, with
    /// <see cref="ProgrammeReportResult.Suppressed"/> set); default the same as <see cref="AreaMetricsOptions.MinCellSize"/>
    /// (10); 0 = none.</summary>
    public int MinCellSize { get; init; } = AreaMetricsOptions.Default.MinCellSize;

    /// <summary>The day the report is made for (pending proposals, active pairings, elapsed follow-ups); null for the
    /// graph's analysis date (for a dataset: today, in UTC).</summary>
    public DateOnly? AsOf { get; init; }

    /// <summary>Checks the options: <see cref="MinCellSize"/> 0 or more, <see cref="From"/> not after <see cref="To"/>,
    /// <see cref="Area"/> not empty.</summary>
    /// <returns>Every problem found; empty when the options are valid.</returns>
    public IReadOnlyList<OptionProblem> Validate() => new OptionRules()
        .Check(MinCellSize >= 0, nameof(MinCellSize), MinCellSize, "must be 0 (no suppression) or more")
        .Check(From is null || To is null || From <= To, nameof(From), From, "must not be after To")
        .Check(Area is null || Area.Length > 0, nameof(Area), Area, "must not be empty")
        .Problems;
}

/// <summary>A count of one reason (a decline's, a pairing end's), or null when suppressed.</summary>
/// <param name="Reason">The reason as recorded; <c>(none)</c> when none was.</param>
/// <param name="Count">How many; null when suppressed.</param>
public sealed record ReasonCount(string Reason, int? Count);

/// <summary>Employment outcome of one group at one horizon: of the citizens out of work at the start whose follow-up has
/// fully elapsed, how many moved into work within it.</summary>
/// <param name="Group"><c>mentored</c> (from their pairing's start) or <c>waiting</c> (proposed, not mentored within the
/// follow-up; from their first proposal in the window).</param>
/// <param name="Months">The horizon: 3 or 6.</param>
/// <param name="Citizens">Citizens followed up; null when suppressed.</param>
/// <param name="InWork">Of them, those with a change into work within the horizon; null when suppressed.</param>
/// <param name="Share">InWork ÷ Citizens; null when suppressed or none.</param>
/// <param name="WithoutHistory">Citizens of the group whose follow-up has elapsed but who have no employment history at
/// all: their status at the start is unknown and a move into work cannot be seen, so they are left out of
/// <paramref name="Citizens"/> and counted here; null when suppressed.</param>
public sealed record EmploymentOutcome(string Group, int Months, int? Citizens, int? InWork, double? Share, int? WithoutHistory = 0);

/// <summary>The mentoring programme's report (docs/recommendations.md#programme-report): proposals and how they were
/// decided, pairings and how they ended, how many bridge work status or class, and employment outcomes. Descriptive,
/// not causal (<see cref="Caveat"/>). Counts under the minimum cell size are null. Immutable.</summary>
public sealed record ProgrammeReportResult
{
    /// <summary>The text every rendering of the report carries.</summary>
    public const string CaveatText = "Descriptive, not causal: citizens are not mentored at random (who is proposed, who accepts, and " +
        "who finds a mentor differ from those who wait), so the difference between mentored and waiting citizens is not the effect of " +
        "mentoring. Counts under the minimum cell size are suppressed.";

    /// <summary>First day of the window, or null (no limit).</summary>
    public DateOnly? From { get; init; }

    /// <summary>Last day of the window.</summary>
    public DateOnly To { get; init; }

    /// <summary>The area, or null for every area.</summary>
    public string? Area { get; init; }

    /// <summary>The day the report is made for.</summary>
    public DateOnly AsOf { get; init; }

    /// <summary>The minimum cell size applied.</summary>
    public int MinCellSize { get; init; }

    /// <summary>Proposals made in the window.</summary>
    public int? ProposalsMade { get; init; }

    /// <summary>Of them, accepted.</summary>
    public int? Accepted { get; init; }

    /// <summary>Of them, declined.</summary>
    public int? Declined { get; init; }

    /// <summary>The declined ones by reason, most first (then by reason).</summary>
    public IReadOnlyList<ReasonCount> DeclinedByReason { get; init; } = [];

    /// <summary>Of them, expired (recorded so, or still proposed past their expiry day).</summary>
    public int? Expired { get; init; }

    /// <summary>Of them, withdrawn.</summary>
    public int? Withdrawn { get; init; }

    /// <summary>Of them, pending on <see cref="AsOf"/>.</summary>
    public int? Pending { get; init; }

    /// <summary>Median days from proposal to acceptance over the accepted ones; null when suppressed or none.</summary>
    public double? MedianDaysToAcceptance { get; init; }

    /// <summary>Pairings (mentoring ties) that started in the window.</summary>
    public int? PairingsStarted { get; init; }

    /// <summary>Pairings active on <see cref="AsOf"/>.</summary>
    public int? PairingsActive { get; init; }

    /// <summary>Pairings that ended in the window (up to <see cref="AsOf"/>) as completed.</summary>
    public int? PairingsCompleted { get; init; }

    /// <summary>Pairings that ended in the window (up to <see cref="AsOf"/>) early.</summary>
    public int? PairingsEndedEarly { get; init; }

    /// <summary>Pairings that ended in the window with no outcome recorded.</summary>
    public int? PairingsEndedUnrecorded { get; init; }

    /// <summary>The pairings that ended early, by reason: reasons given at least <see cref="MinCellSize"/> times, most
    /// frequent first, then one row for the rest (<see cref="ProgrammeReport.OtherReasons"/>).</summary>
    public IReadOnlyList<ReasonCount> EndedEarlyByReason { get; init; } = [];

    /// <summary>Share of the pairings started in the window that bridge work status: the mentor in work and the mentee
    /// out of work at the start (the tie policy's <c>work_status</c> dimension, read at the start); null when suppressed
    /// or when the policy has no such dimension.</summary>
    public double? BridgingWorkStatusShare { get; init; }

    /// <summary>Share of the pairings started in the window that bridge class: the policy's <c>ses_band</c> dimension
    /// differs (SES on either side of 0.5); null when suppressed or when the policy has no such dimension.</summary>
    public double? BridgingClassShare { get; init; }

    /// <summary>Employment outcomes: mentored and waiting citizens at 3 and 6 months.</summary>
    public IReadOnlyList<EmploymentOutcome> Outcomes { get; init; } = [];

    /// <summary>Whether any figure was suppressed.</summary>
    public bool Suppressed { get; init; }

    /// <summary>The report is descriptive, not causal: see <see cref="CaveatText"/>.</summary>
    public string Caveat { get; init; } = CaveatText;
}
