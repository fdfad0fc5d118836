using System.CommandLine;
using System.Globalization;
using SocialCapital.Cli.Output;
using SocialCapital.Graph;
using SocialCapital.Live;
using SocialCapital.Ties;

namespace SocialCapital.Cli.Commands;

/// <summary><c>socialcapital trends DIR --from DATE --to DATE [--every 3m] [--measure M,…]</c>: area measures at a series
/// of dates in long format, each change split into ties ended, ties started and moves.</summary>
internal static class TrendsCommand
{
    public static readonly IReadOnlyList<Column<TrendRow>> Columns =
    [
        Column.Of<TrendRow, DateOnly>(r => r.Date, d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
        Column.Of<TrendRow>(r => r.Area),
        Column.Of<TrendRow>(r => r.Measure),
        Column.Of<TrendRow>(r => r.Value),
        Column.Of<TrendRow>(r => r.CiLow),
        Column.Of<TrendRow>(r => r.CiHigh),
        Column.Of<TrendRow>(r => r.Change),
        Column.Of<TrendRow>(r => r.ChangeFromTiesStarted),
        Column.Of<TrendRow>(r => r.ChangeFromTiesEnded),
        Column.Of<TrendRow>(r => r.ChangeFromMoves),
        Column.Of<TrendRow>(r => r.TiesStarted),
        Column.Of<TrendRow>(r => r.TiesEnded),
        Column.Of<TrendRow>(r => r.PeopleMoved),
        Column.Of<TrendRow>(r => r.Suppressed),
    ];

    public static Command Create()
    {
        var common = new CommonOptions();
        var settings = new SettingOptions();
        var from = new Option<string>("--from") { Description = "The first date (yyyy-MM-dd).", Required = true };
        var to = new Option<string>("--to") { Description = "The last date the series may reach (yyyy-MM-dd; included when a step lands on it).", Required = true };
        var every = new Option<string>("--every")
        {
            Description = $"The step: {TrendPeriod.Syntax} (default 1m). Dates are --from + k steps, counted from --from.",
            DefaultValueFactory = _ => "1m",
        };
        var measure = new Option<string?>("--measure")
        {
            Description = $"The measures, comma-separated (default all): {string.Join(", ", Trends.Measures)}.",
        };
        foreach (var date in new[] { from, to })
            date.Validators.Add(r =>
            {
                var text = r.GetValueOrDefault<string>();
                if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
                    r.AddError($"{date.Name}: '{text}' is not an ISO date (expected yyyy-MM-dd).");
            });
        every.Validators.Add(r =>
        {
            var text = r.GetValueOrDefault<string>();
            if (!TrendPeriod.TryParse(text, out _)) r.AddError($"--every: '{text}' is not a step (expected {TrendPeriod.Syntax}).");
        });
        measure.Validators.Add(r =>
        {
            foreach (var name in Names(r.GetValueOrDefault<string?>()))
                if (!Trends.Measures.Contains(name)) r.AddError($"--measure: '{name}' is not a measure (expected {string.Join(", ", Trends.Measures)}).");
        });
        var command = new Command("trends",
            "Area measures at a series of dates (--from, every --every, up to --to), one row per date, area and measure, with "
            + "the bootstrap interval where the measure has one and the change since the date before split into what the ties "
            + "that started, the ties that ended and the people who moved (always 0: one area per person in the format) made "
            + "of it. Suppression as in 'areas'. Definitions: docs/measures.md#trends.");
        foreach (var option in new Option[] { common.Policy, common.Format, common.Out, from, to, every, measure, settings.MinCellSize, settings.Bootstrap, settings.Seed })
            command.Add(option);
        command.Add(common.Dataset);
        command.Validators.Add(r =>
        {
            if (Date(r.GetValue(from)) is { } start && Date(r.GetValue(to)) is { } end && start > end)
                r.AddError($"--to ({end:yyyy-MM-dd}) is before --from ({start:yyyy-MM-dd}).");
        });
        CommandRunner.SetAction(command, (parse, console, token) =>
        {
            var input = common.Open(parse, console);
            var dataset = input.Dataset(console);
            TrendPeriod.TryParse(parse.GetValue(every), out var step);
            var options = new TrendOptions
            {
                From = Date(parse.GetValue(from))!.Value,
                To = Date(parse.GetValue(to))!.Value,
                Every = step,
                Measures = Names(parse.GetValue(measure)),
                Areas = settings.Options(parse, console.Progress("trends"), token),
                Graph = new GraphOptions { TiePolicy = common.GraphOptions(parse, input).TiePolicy },
            };
            console.Status($"measuring {options.Dates().Count} dates from {options.From:yyyy-MM-dd} every {step} ({dataset.Nodes.Count:N0} nodes, {dataset.Ties.Count:N0} ties)");
            Printer.Print(Trends.Compute(dataset, options), Columns, parse, common);
            return ExitCodes.Success;
        });
        return command;
    }

    private static DateOnly? Date(string? text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;

    private static string[] Names(string? list) => list?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) ?? [];
}
