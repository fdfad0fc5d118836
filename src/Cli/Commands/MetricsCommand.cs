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
        new("id", p => p.Id),
        new("kind", p => p.Kind.Name()),
        new("area", p => p.Area),
        new("degree", p => p.Degree),
        new("strength", p => p.Strength),
        new("bonding", p => p.Bonding),
        new("bridging", p => p.Bridging),
        new("linking", p => p.Linking),
        new("bridging_score", p => p.BridgingScore),
        new("clustering", p => p.Clustering),
        new("constraint", p => p.Constraint),
        new("effective_size", p => p.EffectiveSize),
        new("efficiency", p => p.Efficiency),
        new("hierarchy", p => p.Hierarchy),
        new("ei_work", p => p.EiWork),
        new("ec", p => p.EconomicConnectedness),
        new("work_connectedness", p => p.WorkConnectedness),
        new("in_work_contacts", p => p.InWorkContacts),
    ];

    public static Command Create() => ReportCommand.Create("metrics",
        "Person-level social-capital measures: one row per person (citizen, mentor, coach), ordered by id. "
        + "Definitions and sources: docs/measures.md.",
        Columns,
        (graph, _, console, token) =>
        {
            console.Status($"measuring {graph.PersonCount:N0} people");
            return PersonMetrics.Compute(graph, new MetricsOptions { Progress = console.Progress("person measures"), CancellationToken = token }).People;
        });
}
