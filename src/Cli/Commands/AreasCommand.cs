using System.CommandLine;
using SocialCapital.Cli.Output;
using SocialCapital.Metrics;

namespace SocialCapital.Cli.Commands;

/// <summary><c>socialcapital areas DIR</c>: one row per area with economic connectedness, cohesion and bridging.</summary>
internal static class AreasCommand
{
    public static readonly IReadOnlyList<Column<AreaMeasures>> Columns =
    [
        new("area", a => a.Area),
        new("people", a => a.People),
        new("low_ses", a => a.LowSes),
        new("ec", a => a.Ec),
        new("ec_ci_low", a => a.EcCiLow),
        new("ec_ci_high", a => a.EcCiHigh),
        new("exposure", a => a.Exposure),
        new("friending_bias", a => a.FriendingBias),
        new("work_connectedness", a => a.WorkConnectedness),
        new("wc_ci_low", a => a.WcCiLow),
        new("wc_ci_high", a => a.WcCiHigh),
        new("clustering", a => a.Clustering),
        new("support_ratio", a => a.SupportRatio),
        new("bonding_share", a => a.BondingShare),
        new("bridging_share", a => a.BridgingShare),
        new("linking_share", a => a.LinkingShare),
        new("cross_area_share", a => a.CrossAreaShare),
        new("ei_work", a => a.EiWork),
        new("assortativity_work", a => a.AssortativityWork),
        new("mean_constraint", a => a.MeanConstraint),
        new("suppressed", a => a.Suppressed),
    ];

    public static Command Create()
    {
        var settings = new SettingOptions();
        return ReportCommand.Create("areas",
            "Area measures (Chetty et al. 2022): economic and work connectedness with bootstrap intervals, exposure, "
            + "friending bias, cohesion, tie-class shares and heterophily; one row per area, ordered by area code. "
            + "Areas under --min-cell-size residents show only suppressed=true. Definitions: docs/measures.md.",
            Columns,
            (graph, parse, console, token) =>
            {
                console.Status($"measuring {graph.Areas.Count:N0} areas");
                return AreaMetrics.Compute(graph, settings.Options(parse, console.Progress("area measures"), token));
            },
            settings.MinCellSize, settings.Bootstrap, settings.Seed);
    }
}
