using System.CommandLine;
using System.Globalization;
using SocialCapital.Cli.Output;
using SocialCapital.Graph;
using SocialCapital.Interchange;
using SocialCapital.Metrics;
using SocialCapital.Model;

namespace SocialCapital.Cli.Commands;

/// <summary><c>socialcapital caseload DIR [--coach ID]</c>: every coach's caseload and the caseload and continuity figures
/// of every area and Work Hub; or, with <c>--coach</c>, that coach's caseload, one row per citizen.</summary>
internal static class CaseloadCommand
{
    /// <summary>One row of the report without <c>--coach</c>: a coach (<see cref="Level"/> <c>coach</c>, the coach columns
    /// filled) or an area or hub (<c>area</c>, <c>hub</c>, the group columns filled). The columns have the names of the
    /// engine's <see cref="CoachCaseload"/> and <see cref="CoachingGroup"/>, with the mix as <c>category:count;…</c> text.</summary>
    internal sealed record Row
    {
        public string Level { get; init; } = "";
        public string Name { get; init; } = "";
        public string? Hub { get; init; }
        public string? Area { get; init; }
        public int? ActiveCaseload { get; init; }
        public int? Capacity { get; init; }
        public bool? OverCapacity { get; init; }
        public int? NotMet { get; init; }
        public string? WorkStatusMix { get; init; }
        public string? AgeBandMix { get; init; }
        public string? NeedMix { get; init; }
        public int? Citizens { get; init; }
        public int? CoachedCitizens { get; init; }
        public double? StableCoachShare { get; init; }
        public int? UnknownSince { get; init; }
        public double? MedianDaysSinceContact { get; init; }
        public int? NeverMet { get; init; }
        public int? Coaches { get; init; }
        public double? CaseloadGini { get; init; }
        public double? CaseloadMaxToMedian { get; init; }
        public int? CoachesOverCapacity { get; init; }
        public int? KeptCoachCitizens { get; init; }
        public int? KeptCoachInWork { get; init; }
        public double? KeptCoachInWorkShare { get; init; }
        public int? ChangedCoachCitizens { get; init; }
        public int? ChangedCoachInWork { get; init; }
        public double? ChangedCoachInWorkShare { get; init; }
        public int? OutcomeWithoutHistory { get; init; }
        public bool? Suppressed { get; init; }
    }

    public static readonly IReadOnlyList<Column<Row>> Columns =
    [
        Column.Of<Row>(r => r.Level),
        Column.Of<Row>(r => r.Name),
        Column.Of<Row>(r => r.Hub),
        Column.Of<Row>(r => r.Area),
        Column.Of<Row>(r => r.ActiveCaseload),
        Column.Of<Row>(r => r.Capacity),
        Column.Of<Row>(r => r.OverCapacity),
        Column.Of<Row>(r => r.NotMet),
        Column.Of<Row>(r => r.WorkStatusMix),
        Column.Of<Row>(r => r.AgeBandMix),
        Column.Of<Row>(r => r.NeedMix),
        Column.Of<Row>(r => r.Citizens),
        Column.Of<Row>(r => r.CoachedCitizens),
        Column.Of<Row>(r => r.StableCoachShare),
        Column.Of<Row>(r => r.UnknownSince),
        Column.Of<Row>(r => r.MedianDaysSinceContact),
        Column.Of<Row>(r => r.NeverMet),
        Column.Of<Row>(r => r.Coaches),
        Column.Of<Row>(r => r.CaseloadGini),
        Column.Of<Row>(r => r.CaseloadMaxToMedian),
        Column.Of<Row>(r => r.CoachesOverCapacity),
        Column.Of<Row>(r => r.KeptCoachCitizens),
        Column.Of<Row>(r => r.KeptCoachInWork),
        Column.Of<Row>(r => r.KeptCoachInWorkShare),
        Column.Of<Row>(r => r.ChangedCoachCitizens),
        Column.Of<Row>(r => r.ChangedCoachInWork),
        Column.Of<Row>(r => r.ChangedCoachInWorkShare),
        Column.Of<Row>(r => r.OutcomeWithoutHistory),
        Column.Of<Row>(r => r.Suppressed),
    ];

    /// <summary>The columns of one coach's caseload (<c>--coach</c>): the engine's <see cref="CitizenCoaching"/>.</summary>
    public static readonly IReadOnlyList<Column<CitizenCoaching>> CitizenColumns =
    [
        Column.Of<CitizenCoaching>(c => c.Citizen),
        Column.Of<CitizenCoaching>(c => c.Coach),
        Column.Of<CitizenCoaching, DateOnly?>(c => c.Since, Day),
        Column.Of<CitizenCoaching>(c => c.MonthsWithCoach),
        Column.Of<CitizenCoaching>(c => c.DistinctCoaches),
        Column.Of<CitizenCoaching, DateOnly?>(c => c.LastContact, Day),
        Column.Of<CitizenCoaching>(c => c.DaysSinceContact),
        Column.Of<CitizenCoaching>(c => c.RecentContacts),
        Column.Of<CitizenCoaching>(c => c.NotMet),
    ];

    public static Command Create()
    {
        var common = new CommonOptions();
        var coach = new Option<string?>("--coach") { Description = "Only this coach's caseload, one row per citizen. Default: every coach, area and hub." };
        var notMet = Number("--not-met-days", "A citizen is not met when their last contact with any coach is more than this many days before the date (or never)",
            CoachingOptions.Default.NotMetDays, nameof(CoachingOptions.NotMetDays), v => new CoachingOptions { NotMetDays = v });
        var stable = Number("--stable-months", "A stable coach: the same coach for at least this many whole months",
            CoachingOptions.Default.StableMonths, nameof(CoachingOptions.StableMonths), v => new CoachingOptions { StableMonths = v });
        var window = Number("--contact-window-days", "Contacts are counted over this many days ending on the date",
            CoachingOptions.Default.ContactWindowDays, nameof(CoachingOptions.ContactWindowDays), v => new CoachingOptions { ContactWindowDays = v });
        var history = Number("--coach-history-months", "Distinct coaches are counted over this many months ending on the date",
            CoachingOptions.Default.CoachHistoryMonths, nameof(CoachingOptions.CoachHistoryMonths), v => new CoachingOptions { CoachHistoryMonths = v });
        var outcome = Number("--outcome-months", "Moves into work by continuity: of citizens out of work and coached this many months before the date",
            CoachingOptions.Default.OutcomeMonths, nameof(CoachingOptions.OutcomeMonths), v => new CoachingOptions { OutcomeMonths = v });
        var minCell = Number("--min-cell-size", "In the area and hub rows, suppress counts of citizens from 1 to this - 1 and every share or median computed from one (0 = none)",
            CoachingOptions.Default.MinCellSize, nameof(CoachingOptions.MinCellSize), v => new CoachingOptions { MinCellSize = v });
        var area = new Option<string?>("--area") { Description = "Only coaches, and citizens and coaches in the area and hub rows, of this area. Default: every area." };
        var hub = new Option<string?>("--hub") { Description = "Only coaches, and citizens and coaches in the area and hub rows, of this Work Hub. Default: every hub." };
        EngineRules.Check(area, nameof(CoachingOptions.Area), v => new CoachingOptions { Area = v }.Validate());
        EngineRules.Check(hub, nameof(CoachingOptions.Hub), v => new CoachingOptions { Hub = v }.Validate());
        var command = new Command("caseload",
            "Caseloads and continuity of coaching (docs/measures.md#coaching-caseloads-and-continuity). Without --coach: one row per "
            + "coach (active caseload, capacity, citizens not met, the caseload's mix), then one per area and one per Work Hub (stable "
            + "coach share, median days since contact, caseload spread, coaches over capacity, and moves into work of citizens who kept "
            + "or changed coach: descriptive, not causal; small cells suppressed). With --coach ID: that coach's caseload, one row "
            + "per citizen (current coach, since, months with them, distinct coaches, last contact, recent contacts, not met).");
        common.AddTo(command);
        foreach (var option in new Option[] { coach, notMet, stable, window, history, outcome, minCell, area, hub }) command.Add(option);
        CommandRunner.SetAction(command, (parse, console, token) =>
        {
            var (dataset, graph, coaching, day) = common.ReadCoaching(parse, console);
            var options = new CoachingOptions
            {
                AsOf = day,
                NotMetDays = parse.GetValue(notMet),
                StableMonths = parse.GetValue(stable),
                ContactWindowDays = parse.GetValue(window),
                CoachHistoryMonths = parse.GetValue(history),
                OutcomeMonths = parse.GetValue(outcome),
                MinCellSize = parse.GetValue(minCell),
                Area = parse.GetValue(area),
                Hub = parse.GetValue(hub),
            };
            token.ThrowIfCancellationRequested();
            if (parse.GetValue(coach) is { } id)
            {
                NodeOption.Require(graph, id, "--coach", "a coach", kind => kind == NodeKind.Coach);
                var caseload = CoachingMetrics.Caseload(graph, coaching, id, options);
                console.Error.WriteLine(Summary(caseload, options));
                Printer.Print(caseload.Citizens, CitizenColumns, parse, common);
                return ExitCodes.Success;
            }
            console.Status($"measuring the caseloads of {dataset.Nodes.Count(n => n.Kind == NodeKind.Coach):N0} coaches");
            var report = CoachingMetrics.Of(graph, coaching, EmploymentHistory.Of(dataset.StatusHistory), options);
            console.Error.WriteLine(report.Caveat);
            Printer.Print(Rows(report), Columns, parse, common);
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>The coaches, then the areas, then the hubs, each in ordinal order.</summary>
    internal static IEnumerable<Row> Rows(CoachingReport report)
    {
        foreach (var k in report.Coaches)
            yield return new Row
            {
                Level = "coach", Name = k.Coach, Hub = k.Hub, Area = k.Area, ActiveCaseload = k.ActiveCaseload, Capacity = k.Capacity,
                OverCapacity = k.OverCapacity, NotMet = k.NotMet, WorkStatusMix = Mix(k.ByWorkStatus), AgeBandMix = Mix(k.ByAgeBand),
                NeedMix = Mix(k.ByNeed),
            };
        foreach (var (level, groups) in new[] { ("area", report.Areas), ("hub", report.Hubs) })
            foreach (var g in groups)
                yield return new Row
                {
                    Level = level, Name = g.Name, Citizens = g.Citizens, CoachedCitizens = g.CoachedCitizens, StableCoachShare = g.StableCoachShare,
                    UnknownSince = g.UnknownSince, MedianDaysSinceContact = g.MedianDaysSinceContact, NeverMet = g.NeverMet, Coaches = g.Coaches,
                    CaseloadGini = g.CaseloadGini, CaseloadMaxToMedian = g.CaseloadMaxToMedian, CoachesOverCapacity = g.CoachesOverCapacity,
                    KeptCoachCitizens = g.KeptCoachCitizens, KeptCoachInWork = g.KeptCoachInWork, KeptCoachInWorkShare = g.KeptCoachInWorkShare,
                    ChangedCoachCitizens = g.ChangedCoachCitizens, ChangedCoachInWork = g.ChangedCoachInWork,
                    ChangedCoachInWorkShare = g.ChangedCoachInWorkShare, OutcomeWithoutHistory = g.OutcomeWithoutHistory, Suppressed = g.Suppressed,
                };
    }

    /// <summary>The line on standard error above a coach's caseload.</summary>
    internal static string Summary(CoachCaseload k, CoachingOptions options) => string.Create(CultureInfo.InvariantCulture,
        $"coach {k.Coach}: {k.ActiveCaseload} citizen{(k.ActiveCaseload == 1 ? "" : "s")}, capacity {(k.Capacity?.ToString(CultureInfo.InvariantCulture) ?? "unknown")}"
        + $"{(k.OverCapacity ? " (over capacity)" : "")}, {k.NotMet} not met for more than {options.NotMetDays} days; "
        + $"work status {Mix(k.ByWorkStatus) ?? "-"}; age band {Mix(k.ByAgeBand) ?? "-"}; needs {Mix(k.ByNeed) ?? "-"}");

    private static string? Mix(IReadOnlyList<CategoryCount> counts) =>
        counts.Count == 0 ? null : string.Join(';', counts.Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.Category}:{c.Count}")));

    private static object? Day(DateOnly? day) => day?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static Option<int> Number(string name, string description, int defaultValue, string engineOption, Func<int, CoachingOptions> options)
    {
        var option = new Option<int>(name)
        {
            Description = string.Create(CultureInfo.InvariantCulture, $"{description}. Default: {defaultValue}."),
            DefaultValueFactory = _ => defaultValue,
        };
        EngineRules.Check(option, engineOption, v => options(v).Validate());
        return option;
    }
}
