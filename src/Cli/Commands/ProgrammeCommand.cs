using System.CommandLine;
using System.Globalization;
using SocialCapital.Cli.Output;
using SocialCapital.Graph;
using SocialCapital.Interchange;
using SocialCapital.Metrics;
using SocialCapital.Recommendations;

namespace SocialCapital.Cli.Commands;

/// <summary><c>socialcapital programme DIR</c>: the mentoring programme's report, one figure per row.</summary>
internal static class ProgrammeCommand
{
    public static Command Create()
    {
        var common = new CommonOptions();
        var from = DateOption("--from", "First day of the window: proposals made and pairings started or ended on or after it. Default: no limit.");
        var to = DateOption("--to", "Last day of the window (inclusive). Default: the report's date (--as-of).");
        var area = new Option<string?>("--area") { Description = "Only citizens living in this area (a pairing's mentee). Default: every area." };
        var minCell = new Option<int>("--min-cell-size")
        {
            Description = "Suppress counts from 1 to this - 1 and every share or median computed from one (0 = none).",
            DefaultValueFactory = _ => ProgrammeReportOptions.Default.MinCellSize,
        };
        EngineRules.Check(minCell, nameof(ProgrammeReportOptions.MinCellSize), v => new ProgrammeReportOptions { MinCellSize = v }.Validate());
        var command = new Command("programme",
            "Report on the mentoring programme: proposals made, accepted, declined (by reason), expired, withdrawn and pending; "
            + "median days from proposal to acceptance; pairings started, active and ended by outcome (with reasons); the share of "
            + "new pairings that bridge work status or class; and the share of citizens out of work at the start who moved into work "
            + "within 3 and 6 months, for mentored and for waiting citizens (docs/recommendations.md#programme-report). "
            + "Descriptive, not causal. One figure per row (section,measure,value); an empty value is suppressed or undefined.");
        common.AddTo(command);
        command.Add(from);
        command.Add(to);
        command.Add(area);
        command.Add(minCell);
        command.Validators.Add(r =>
        {
            if (Date(r.GetValue(from)) is { } f && Date(r.GetValue(to)) is { } t && f > t) r.AddError("--from must not be after --to.");
        });
        CommandRunner.SetAction(command, (parse, console, token) =>
        {
            var input = common.Open(parse, console);
            var dataset = input.Dataset(console);
            var graphOptions = common.GraphOptions(parse, input);
            var day = graphOptions.AsOf ?? DateOnly.FromDateTime(DateTime.UtcNow);
            var report = ProgrammeReport.Of(input.Graph(graphOptions with { AsOf = day }, console), dataset.Ties, dataset.Proposals,
                EmploymentHistory.Of(dataset.StatusHistory), new ProgrammeReportOptions
                {
                    From = Date(parse.GetValue(from)),
                    To = Date(parse.GetValue(to)),
                    Area = parse.GetValue(area),
                    MinCellSize = parse.GetValue(minCell),
                    AsOf = day,
                });
            token.ThrowIfCancellationRequested();
            console.Error.WriteLine(report.Caveat);
            // The caveat is a row of CSV and JSON; a table leaves it to standard error (it would widen every row).
            Printer.Print(Figures(report, common.OutputFormat(parse) != RowFormat.Table), Figure.Columns, parse, common);
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>The report as rows, in a fixed order.</summary>
    internal static IEnumerable<Figure> Figures(ProgrammeReportResult r, bool caveat)
    {
        static string Day(DateOnly? d) => d?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";
        yield return new("window", "from", Day(r.From));
        yield return new("window", "to", Day(r.To));
        yield return new("window", "area", r.Area ?? "");
        yield return new("window", "as_of", Day(r.AsOf));
        yield return new("window", "min_cell_size", r.MinCellSize);
        yield return new("proposals", "made", r.ProposalsMade);
        yield return new("proposals", "accepted", r.Accepted);
        yield return new("proposals", "declined", r.Declined);
        yield return new("proposals", "expired", r.Expired);
        yield return new("proposals", "withdrawn", r.Withdrawn);
        yield return new("proposals", "pending", r.Pending);
        yield return new("proposals", "median_days_to_acceptance", r.MedianDaysToAcceptance);
        foreach (var reason in r.DeclinedByReason) yield return new("declined_by_reason", reason.Reason, reason.Count);
        yield return new("pairings", "started", r.PairingsStarted);
        yield return new("pairings", "active", r.PairingsActive);
        yield return new("pairings", "completed", r.PairingsCompleted);
        yield return new("pairings", "ended_early", r.PairingsEndedEarly);
        yield return new("pairings", "ended_unrecorded", r.PairingsEndedUnrecorded);
        yield return new("pairings", "bridging_work_status_share", r.BridgingWorkStatusShare);
        yield return new("pairings", "bridging_class_share", r.BridgingClassShare);
        foreach (var reason in r.EndedEarlyByReason) yield return new("ended_early_by_reason", reason.Reason, reason.Count);
        foreach (var o in r.Outcomes)
        {
            var prefix = string.Create(CultureInfo.InvariantCulture, $"{o.Group}_{o.Months}_months_");
            yield return new("outcomes", prefix + "citizens", o.Citizens);
            yield return new("outcomes", prefix + "in_work", o.InWork);
            yield return new("outcomes", prefix + "share", o.Share);
            yield return new("outcomes", prefix + "without_history", o.WithoutHistory);
        }
        yield return new("report", "suppressed", r.Suppressed);
        if (caveat) yield return new("report", "caveat", r.Caveat);
    }

    private static Option<string?> DateOption(string name, string description)
    {
        var option = new Option<string?>(name) { Description = description + " (yyyy-MM-dd)" };
        option.Validators.Add(result =>
        {
            var text = result.GetValueOrDefault<string?>();
            if (text is not null && Date(text) is null) result.AddError($"{name}: '{text}' is not an ISO date (expected yyyy-MM-dd).");
        });
        return option;
    }

    private static DateOnly? Date(string? text) =>
        text is not null && DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;
}
