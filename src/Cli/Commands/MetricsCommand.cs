using System.CommandLine;
using SocialCapital.Cli.Output;
using SocialCapital.Metrics;
using SocialCapital.Model;

namespace SocialCapital.Cli.Commands;

/// <summary><c>socialcapital metrics DIR</c>: one row per person with the person-level measures.</summary>
internal static class MetricsCommand
{
    public static readonly IReadOnlyList<Column<PersonMeasures>> Columns =
    [
        Column.Of<PersonMeasures>(p => p.Id),
        Column.Of((PersonMeasures p) => p.Kind, k => k.Name()),
        Column.Of<PersonMeasures>(p => p.Area),
        Column.Of<PersonMeasures>(p => p.Degree),
        Column.Of<PersonMeasures>(p => p.Strength),
        Column.Of<PersonMeasures>(p => p.Bonding),
        Column.Of<PersonMeasures>(p => p.Bridging),
        Column.Of<PersonMeasures>(p => p.Linking),
        Column.Of<PersonMeasures>(p => p.BridgingScore),
        Column.Of<PersonMeasures>(p => p.Clustering),
        Column.Of<PersonMeasures>(p => p.Constraint),
        Column.Of<PersonMeasures>(p => p.EffectiveSize),
        Column.Of<PersonMeasures>(p => p.Efficiency),
        Column.Of<PersonMeasures>(p => p.Hierarchy),
        Column.Of<PersonMeasures>(p => p.EiWork),
        Column.Of<PersonMeasures>(p => p.EconomicConnectedness),
        Column.Of<PersonMeasures>(p => p.WorkConnectedness),
        Column.Of<PersonMeasures>(p => p.InWorkContacts),
    ];

    public static Command Create() => ReportCommand.Create("metrics",
        "Person-level social-capital measures: one row per person (citizen, mentor, coach), ordered by id in ordinal order (p10 before p2). "
        + "Definitions and sources: docs/measures.md.",
        Columns,
        (graph, _, console, token) =>
        {
            console.Status($"measuring {graph.PersonCount:N0} people");
            return PersonMetrics.Compute(graph, new MetricsOptions { Progress = console.Progress("person measures"), CancellationToken = token }).People;
        });
}
