using System.CommandLine;
using SocialCapital.Cli.Output;
using SocialCapital.Graph;
using SocialCapital.Interchange;
using SocialCapital.Model;
using SocialCapital.Recommendations;
using SocialCapital.Ties;

namespace SocialCapital.Cli.Commands;

/// <summary><c>socialcapital what-if DIR (--ties FILE | --assignment FILE | --programme SPEC)</c>: per-area effect of proposed
/// ties, or of a programme described without names.</summary>
internal static class WhatIfCommand
{
    public static readonly IReadOnlyList<Column<AreaChange>> Columns =
    [
        Column.Of<AreaChange>(a => a.Area),
        Column.Of<AreaChange>(a => a.EconomicConnectednessBefore),
        Column.Of<AreaChange>(a => a.EconomicConnectednessAfter),
        Column.Of<AreaChange>(a => a.EconomicConnectednessChange),
        Column.Of<AreaChange>(a => a.WorkConnectednessBefore),
        Column.Of<AreaChange>(a => a.WorkConnectednessAfter),
        Column.Of<AreaChange>(a => a.WorkConnectednessChange),
        Column.Of<AreaChange>(a => a.BridgingShareBefore),
        Column.Of<AreaChange>(a => a.BridgingShareAfter),
        Column.Of<AreaChange>(a => a.BridgingShareChange),
        Column.Of<AreaChange>(a => a.GainingInWorkContact),
        Column.Of<AreaChange>(a => a.ExtraMovesIntoWork),
        Column.Of<AreaChange>(a => a.Suppressed),
    ];

    public static Command Create()
    {
        var common = new CommonOptions();
        var ties = new Option<FileInfo?>("--ties") { Description = "Proposed ties, in the ties.csv format (source,target,kind,…)." };
        var assignment = new Option<FileInfo?>("--assignment") { Description = "A mentor assignment (citizen,mentor[,score], as 'assign' writes): each pair becomes a mentoring tie." };
        var programme = new Option<string?>("--programme")
        {
            Description = "A programme described without names: area=A1,citizens=20[,which=out_of_work|fewest_bridging_ties]"
                + "[,pool=same_area|any_area][,max-per-mentor=K]. The engine chooses the citizens and mentors and reports only "
                + "the programme's area and its mentors' areas; citizens must be at least --min-cell-size and a multiple of it.",
        };
        programme.Validators.Add(r =>
        {
            if (ParseProgramme(r.GetValueOrDefault<string?>() ?? "", out var error) is null) r.AddError(error!);
        });
        var minCell = new SettingOptions().MinCellSize;
        var effect = new Option<double>("--effect")
        {
            Description = "Relative rise in the chance of moving into work per added in-work contact (default 0.15, the Universal Work Service briefing's figure).",
            DefaultValueFactory = _ => WhatIfOptions.Default.EffectPerInWorkContact,
        };
        var baseline = new Option<double>("--baseline")
        {
            Description = "Chance an out-of-work person moves into work over the period without the change (default 0.10; set it from local data).",
            DefaultValueFactory = _ => WhatIfOptions.Default.BaselineMoveRate,
        };
        EngineRules.Check(effect, nameof(WhatIfOptions.EffectPerInWorkContact), v => new WhatIfOptions { EffectPerInWorkContact = v }.Validate());
        EngineRules.Check(baseline, nameof(WhatIfOptions.BaselineMoveRate), v => new WhatIfOptions { BaselineMoveRate = v }.Validate());
        var command = new Command("what-if",
            "Per-area change of economic and work connectedness and bridging share, out-of-work residents gaining an in-work "
            + "contact, and an indicative (not causal) estimate of extra moves into work, for proposed ties or a mentor "
            + "assignment, or of a programme described without names (--programme). Suppression as in 'areas'. "
            + "Definitions: docs/recommendations.md.");
        common.AddTo(command);
        foreach (var option in new Option[] { ties, assignment, programme, minCell, effect, baseline }) command.Add(option);
        command.Validators.Add(r =>
        {
            var given = (r.GetResult(ties) is null ? 0 : 1) + (r.GetResult(assignment) is null ? 0 : 1) + (r.GetResult(programme) is null ? 0 : 1);
            if (given != 1) r.AddError("Give exactly one of --ties FILE, --assignment FILE or --programme SPEC.");
        });
        CommandRunner.SetAction(command, (parse, console, token) =>
        {
            var input = common.Open(parse, console);
            var dataset = input.Dataset(console);
            var graphOptions = common.GraphOptions(parse, input);
            // The graph before: a snapshot file's own when it was built for the date and policy asked for. The what-if
            // makes the graph after by editing it.
            var day = graphOptions.AsOf ?? DateOnly.FromDateTime(DateTime.UtcNow);
            var graph = input.Graph(graphOptions with { AsOf = day }, console);
            var options = new WhatIfOptions
            {
                EffectPerInWorkContact = parse.GetValue(effect),
                BaselineMoveRate = parse.GetValue(baseline),
                Graph = graphOptions with { AsOf = day },
                Areas = new Metrics.AreaMetricsOptions
                {
                    MinCellSize = parse.GetValue(minCell), CancellationToken = token, Progress = console.Progress("what-if"),
                },
            };
            if (parse.GetValue(programme) is { } spec)
            {
                var described = ParseProgramme(spec, out _)!;
                console.Status($"evaluating a programme of {described.Citizens} citizens of {described.Area}");
                var result = WhatIf.EvaluateProgramme(dataset, described, options, graph);
                console.Status($"{result.MentoredCitizens} or more of the {result.Citizens} citizens mentored (rounded down to the cell size)");
                Printer.Print(result.Areas, Columns, parse, common);
                return ExitCodes.Success;
            }
            var proposed = parse.GetValue(ties) is { } tiesFile
                ? Utf8Files.Read(tiesFile, reader => DatasetReader.ReadTies(reader, dataset, tiesFile.Name))
                : Utf8Files.Read(parse.GetValue(assignment)!, reader => WhatIf.MentoringTies(AssignmentFile.Read(reader, dataset, parse.GetValue(assignment)!.Name)));
            console.Status($"comparing {dataset.Ties.Count:N0} ties with {dataset.Ties.Count + proposed.Count:N0}");
            Printer.Print(WhatIf.Evaluate(dataset, proposed, options, graph), Columns, parse, common);
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>Reads <c>key=value,…</c> into a programme, or returns null with the first problem in <paramref name="error"/>
    /// (the engine checks the rest: cell size, multiples, known area).</summary>
    internal static Programme? ParseProgramme(string spec, out string? error)
    {
        var programme = new Programme { Citizens = 0 };
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var part in spec.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            var (key, value) = eq < 0 ? (part, "") : (part[..eq].Trim(), part[(eq + 1)..].Trim());
            if (!seen.Add(key)) { error = $"--programme names '{key}' twice."; return null; }
            int number;
            switch (key)
            {
                case "area" when value.Length > 0: programme = programme with { Area = value }; break;
                case "citizens" when int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out number):
                    programme = programme with { Citizens = number }; break;
                case "max-per-mentor" when int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out number):
                    programme = programme with { MaxPerMentor = number }; break;
                case "which" when value is "out_of_work" or "fewest_bridging_ties":
                    programme = programme with { Which = value == "out_of_work" ? ProgrammeCitizens.OutOfWork : ProgrammeCitizens.FewestBridgingTies }; break;
                case "pool" when value is "same_area" or "any_area":
                    programme = programme with { Pool = value == "same_area" ? MentorPool.SameArea : MentorPool.AnyArea }; break;
                case "area" or "citizens" or "max-per-mentor" or "which" or "pool":
                    error = $"--programme has a bad {key} '{value}' (area=CODE, citizens=N, max-per-mentor=K, which=out_of_work|fewest_bridging_ties, pool=same_area|any_area).";
                    return null;
                default:
                    error = $"--programme has an unknown key '{key}' (expected area, citizens, which, pool, max-per-mentor).";
                    return null;
            }
        }
        if (!seen.Contains("area") || !seen.Contains("citizens")) { error = "--programme needs area=CODE and citizens=N."; return null; }
        error = null;
        return programme;
    }
}
