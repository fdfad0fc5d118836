using System.CommandLine;
using System.Globalization;
using SocialCapital.Cli.Output;
using SocialCapital.Graph;
using SocialCapital.Live;
using SocialCapital.Ties;

namespace SocialCapital.Cli.Commands;

/// <summary><c>socialcapital trends DIR --from DATE --to DATE [--every 3m] [--measure M,…] [--person ID,… | --people FILE]</c>:
/// area (or, with --person/--people, person) measures at a series of dates in long format, each change split into ties
/// ended, ties started and moves.</summary>
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

    public static readonly IReadOnlyList<Column<PersonTrendRow>> PersonColumns =
    [
        Column.Of<PersonTrendRow, DateOnly>(r => r.Date, d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
        Column.Of<PersonTrendRow>(r => r.Id),
        Column.Of<PersonTrendRow>(r => r.Measure),
        Column.Of<PersonTrendRow>(r => r.Value),
        Column.Of<PersonTrendRow>(r => r.Change),
        Column.Of<PersonTrendRow>(r => r.ChangeFromTiesStarted),
        Column.Of<PersonTrendRow>(r => r.ChangeFromTiesEnded),
        Column.Of<PersonTrendRow>(r => r.TiesStarted),
        Column.Of<PersonTrendRow>(r => r.TiesEnded),
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
            Description = $"The measures, comma-separated (default all): {string.Join(", ", Trends.Measures)}; with --person or "
                + $"--people: {string.Join(", ", PersonTrends.Measures)}.",
        };
        var person = new Option<string?>("--person")
        {
            Description = "Person trends instead of area trends: these people's measures (as 'metrics' gives them), ids comma-separated.",
        };
        var peopleFile = new Option<FileInfo?>("--people")
        {
            Description = "Person trends for the people listed in this file: one id per line (a first line 'id' is a header).",
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

        var command = new Command("trends",
            "Area measures at a series of dates (--from, every --every, up to --to), one row per date, area and measure, with "
            + "the bootstrap interval where the measure has one and the change since the date before split into what the ties "
            + "that started, the ties that ended and the people who moved (always 0: one area per person in the format) made "
            + "of it. Suppression as in 'areas'. With --person or --people, the people's own measures instead (as 'metrics'), one "
            + "row per date, person and measure, with their own ties started and ended. Definitions: docs/measures.md#trends.");
        foreach (var option in new Option[] { common.Policy, common.Format, common.Out, from, to, every, measure, person, peopleFile, settings.MinCellSize, settings.Bootstrap, settings.Seed })
            command.Add(option);
        command.Add(common.Dataset);
        command.Validators.Add(r =>
        {
            if (Date(r.GetValue(from)) is { } start && Date(r.GetValue(to)) is { } end && start > end)
                r.AddError($"--to ({end:yyyy-MM-dd}) is before --from ({start:yyyy-MM-dd}).");
            if (r.GetValue(person) is not null && r.GetValue(peopleFile) is not null) r.AddError("--person and --people: give one of them, not both.");
            var known = r.GetValue(person) is null && r.GetValue(peopleFile) is null ? Trends.Measures : PersonTrends.Measures;
            foreach (var name in Names(r.GetValue(measure)))
                if (!known.Contains(name)) r.AddError($"--measure: '{name}' is not a measure (expected {string.Join(", ", known)}).");
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
            var people = parse.GetValue(person) is { } list ? Names(list) : parse.GetValue(peopleFile) is { } file ? ReadPeople(file) : null;
            console.Status($"measuring {(people is null ? "the areas" : $"{people.Length:N0} people")} on {options.Dates().Count} dates from "
                + $"{options.From:yyyy-MM-dd} every {step} ({dataset.Nodes.Count:N0} nodes, {dataset.Ties.Count:N0} ties)");
            if (people is null) Printer.Print(Trends.Compute(dataset, options), Columns, parse, common);
            else Printer.Print(PersonTrends.Compute(dataset, people, options), PersonColumns, parse, common);
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>One id per line; blank lines skipped; a first line "id" or "person" is a header.</summary>
    private static string[] ReadPeople(FileInfo file)
    {
        if (!file.Exists) throw new FileNotFoundException($"People file '{file.FullName}' does not exist.", file.FullName);
        var ids = new List<string>();
        var line = 0;
        foreach (var raw in File.ReadLines(file.FullName))
        {
            line++;
            var id = raw.Trim();
            if (id.Length == 0 || (line == 1 && id is "id" or "person")) continue;
            ids.Add(id);
        }
        if (ids.Count == 0) throw new InvalidInputException($"--people: '{file.FullName}' lists no id.");
        return [.. ids];
    }

    private static DateOnly? Date(string? text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;

    private static string[] Names(string? list) => list?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) ?? [];
}
