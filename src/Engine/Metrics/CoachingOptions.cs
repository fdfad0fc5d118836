using SocialCapital.Model;

namespace SocialCapital.Metrics;

/// <summary>Options of <see cref="CoachingMetrics"/> (docs/measures.md#coaching-caseloads-and-continuity). Defaults: the
/// graph's analysis date, not met = no contact for more than 30 days, a stable coach = the same coach for 6 months or
/// more, contacts counted over the last 90 days, distinct coaches over the last 12 months, outcomes at 6 months, cells
/// under 10 suppressed, every area and hub. Immutable; thread-safe.</summary>
public sealed record CoachingOptions
{
    /// <summary>The defaults.</summary>
    public static CoachingOptions Default { get; } = new();

    /// <summary>The day the measures are taken on: who coaches whom that day, and every window ends on it; contacts and
    /// spells after it are not yet. Null (the default) for the graph's analysis date (for a dataset: today, in UTC).</summary>
    public DateOnly? AsOf { get; init; }

    /// <summary>A citizen is <em>not met</em> when their last contact is more than this many days before
    /// <see cref="AsOf"/>, or they have never been met; default 30, 0 or more.</summary>
    public int NotMetDays { get; init; } = 30;

    /// <summary>A citizen has a <em>stable coach</em> when they have had their current coach for at least this many whole
    /// months; default 6, at least 1.</summary>
    public int StableMonths { get; init; } = 6;

    /// <summary>Contacts are counted over the last this many days (the days ending on <see cref="AsOf"/>, it included);
    /// default 90, at least 1.</summary>
    public int ContactWindowDays { get; init; } = 90;

    /// <summary>Distinct coaches are counted over the last this many months (after the same day this many months before
    /// <see cref="AsOf"/>, up to it); default 12, at least 1.</summary>
    public int CoachHistoryMonths { get; init; } = 12;

    /// <summary>The horizon of the employment outcomes by continuity, in months: citizens out of work and coached this
    /// many months before <see cref="AsOf"/>, in work on it; default 6, at least 1.</summary>
    public int OutcomeMonths { get; init; } = 6;

    /// <summary>In the area and hub rows, counts of citizens from 1 to this − 1, and every share or median computed from
    /// one, are suppressed (null, with the row's <see cref="CoachingGroup.Suppressed"/> set); default the same as
    /// <see cref="AreaMetricsOptions.MinCellSize"/> (10); 0 = none.</summary>
    public int MinCellSize { get; init; } = AreaMetricsOptions.Default.MinCellSize;

    /// <summary>Only people of this area: coaches whose area it is and, in the area and hub rows, citizens and coaches
    /// whose area it is. Null (the default) for every area.</summary>
    public string? Area { get; init; }

    /// <summary>Only people of this Work Hub: coaches whose hub it is and, in the area and hub rows, citizens and coaches
    /// whose hub it is. Null (the default) for every hub.</summary>
    public string? Hub { get; init; }

    /// <summary>Checks the options: <see cref="NotMetDays"/> and <see cref="MinCellSize"/> 0 or more,
    /// <see cref="StableMonths"/>, <see cref="ContactWindowDays"/>, <see cref="CoachHistoryMonths"/> and
    /// <see cref="OutcomeMonths"/> at least 1 (and at most 1200 months or 36500 days), <see cref="Area"/> and
    /// <see cref="Hub"/> not empty.</summary>
    /// <returns>Every problem found; empty when the options are valid.</returns>
    public IReadOnlyList<OptionProblem> Validate() => new OptionRules()
        .Check(NotMetDays is >= 0 and <= MaxDays, nameof(NotMetDays), NotMetDays, "must be from 0 to 36500 days")
        .Check(StableMonths is >= 1 and <= MaxMonths, nameof(StableMonths), StableMonths, "must be from 1 to 1200 months")
        .Check(ContactWindowDays is >= 1 and <= MaxDays, nameof(ContactWindowDays), ContactWindowDays, "must be from 1 to 36500 days")
        .Check(CoachHistoryMonths is >= 1 and <= MaxMonths, nameof(CoachHistoryMonths), CoachHistoryMonths, "must be from 1 to 1200 months")
        .Check(OutcomeMonths is >= 1 and <= MaxMonths, nameof(OutcomeMonths), OutcomeMonths, "must be from 1 to 1200 months")
        .Check(MinCellSize >= 0, nameof(MinCellSize), MinCellSize, "must be 0 (no suppression) or more")
        .Check(Area is null || Area.Length > 0, nameof(Area), Area, "must not be empty")
        .Check(Hub is null || Hub.Length > 0, nameof(Hub), Hub, "must not be empty")
        .Problems;

    private const int MaxDays = 36500, MaxMonths = 1200;

    internal void ThrowIfInvalid() => InvalidOptionsException.ThrowIfAny(Validate());
}
