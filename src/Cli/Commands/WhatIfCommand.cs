using System.CommandLine;
using SocialCapital.Cli.Output;
using SocialCapital.Graph;
using SocialCapital.Interchange;
using SocialCapital.Model;
using SocialCapital.Recommendations;
using SocialCapital.Ties;

namespace SocialCapital.Cli.Commands;

/// <summary><c>socialcapital what-if DIR (--ties FILE | --assignment FILE)</c>: per-area effect of proposed ties.</summary>
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
            + "assignment. Suppression as in 'areas'. Definitions: docs/recommendations.md.");
        common.AddTo(command);
        foreach (var option in new Option[] { ties, assignment, minCell, effect, baseline }) command.Add(option);
        command.Validators.Add(r =>
        {
            if ((r.GetResult(ties) is null) == (r.GetResult(assignment) is null)) r.AddError("Give exactly one of --ties FILE or --assignment FILE.");
        });
        CommandRunner.SetAction(command, (parse, console, token) =>
        {
            var folder = parse.GetRequiredValue(common.Dataset).FullName;
            console.Status($"reading {folder}");
            var dataset = DatasetReader.Read(folder);
            var proposed = parse.GetValue(ties) is { } tiesFile
                ? Utf8Files.Read(tiesFile, reader => DatasetReader.ReadTies(reader, dataset, tiesFile.Name))
                : Utf8Files.Read(parse.GetValue(assignment)!, reader => WhatIf.MentoringTies(AssignmentFile.Read(reader, dataset, parse.GetValue(assignment)!.Name)));
            var options = new WhatIfOptions
            {
                EffectPerInWorkContact = parse.GetValue(effect),
                BaselineMoveRate = parse.GetValue(baseline),
                Graph = common.GraphOptions(parse),
                Areas = new Metrics.AreaMetricsOptions { MinCellSize = parse.GetValue(minCell), CancellationToken = token },
            };
            console.Status($"comparing {dataset.Ties.Count:N0} ties with {dataset.Ties.Count + proposed.Count:N0}");
            Printer.Print(WhatIf.Evaluate(dataset, proposed, options), Columns, parse, common);
            return ExitCodes.Success;
        });
        return command;
    }
}
