using System.CommandLine;
using SocialCapital.Cli.Output;
using SocialCapital.Metrics;

namespace SocialCapital.Cli.Commands;

/// <summary><c>socialcapital areas DIR</c>: one row per area with economic connectedness, cohesion and bridging.</summary>
internal static class AreasCommand
{
    public static readonly IReadOnlyList<Column<AreaMeasures>> Columns =
    [
        Column.Of<AreaMeasures>(a => a.Area),
        Column.Of<AreaMeasures>(a => a.People),
        Column.Of<AreaMeasures>(a => a.LowSes),
        Column.Of<AreaMeasures>(a => a.EconomicConnectedness),
        Column.Of<AreaMeasures>(a => a.EconomicConnectednessCiLow),
        Column.Of<AreaMeasures>(a => a.EconomicConnectednessCiHigh),
        Column.Of<AreaMeasures>(a => a.Exposure),
        Column.Of<AreaMeasures>(a => a.FriendingBias),
        Column.Of<AreaMeasures>(a => a.WorkConnectedness),
        Column.Of<AreaMeasures>(a => a.WorkConnectednessCiLow),
        Column.Of<AreaMeasures>(a => a.WorkConnectednessCiHigh),
        Column.Of<AreaMeasures>(a => a.Clustering),
        Column.Of<AreaMeasures>(a => a.SupportRatio),
        Column.Of<AreaMeasures>(a => a.BondingShare),
        Column.Of<AreaMeasures>(a => a.BridgingShare),
        Column.Of<AreaMeasures>(a => a.LinkingShare),
        Column.Of<AreaMeasures>(a => a.CrossAreaShare),
        Column.Of<AreaMeasures>(a => a.EiWork),
        Column.Of<AreaMeasures>(a => a.AssortativityWork),
        Column.Of<AreaMeasures>(a => a.MeanConstraint),
        Column.Of<AreaMeasures>(a => a.Suppressed),
    ];

    /// <summary>The columns of a breakdown (<c>--by</c>): the group's value after the area.</summary>
    public static readonly IReadOnlyList<Column<AreaMeasures>> ByColumns = [Columns[0], Column.Of<AreaMeasures>(a => a.Group), .. Columns.Skip(1)];

    public static Command Create()
    {
        var settings = new SettingOptions();
        var by = new Option<string?>("--by")
        {
            Description = "Split each area by a grouping of its residents: age_band, work_status, ses_band, sector, another built-in "
                + "dimension or an extra column of nodes.csv; one row per area and group (residents of unknown value in none), "
                + "with the same suppression and intervals (docs/measures.md#breakdowns).",
        };
        return ReportCommand.Create("areas",
            "Area measures (Chetty et al. 2022): economic and work connectedness with bootstrap intervals, exposure, "
            + "friending bias, cohesion, tie-class shares and heterophily; one row per area, ordered by area code (ordinal), "
            + "or per area and group with --by. Areas (and cells) under --min-cell-size residents show only suppressed=true. "
            + "Definitions: docs/measures.md.",
            parse => parse.GetValue(by) is null ? Columns : ByColumns,
            (graph, parse, console, token) =>
            {
                var options = settings.Options(parse, console.Progress("area measures"), token);
                if (parse.GetValue(by) is not { } grouping)
                {
                    console.Status($"measuring {graph.Areas.Count:N0} areas");
                    return AreaMetrics.Compute(graph, options);
                }
                console.Status($"measuring {graph.Areas.Count:N0} areas by {grouping}");
                return AreaMetrics.ComputeBy(graph, grouping, options);
            },
            settings.MinCellSize, settings.Bootstrap, settings.Seed, by);
    }
}
