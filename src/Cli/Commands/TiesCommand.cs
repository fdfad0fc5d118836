using System.CommandLine;
using SocialCapital.Cli.Output;
using SocialCapital.Metrics;
using SocialCapital.Ties;

namespace SocialCapital.Cli.Commands;

/// <summary><c>socialcapital ties DIR</c>: one row per person–person contact with its class and cohesion measures.</summary>
internal static class TiesCommand
{
    public static readonly IReadOnlyList<Column<TieMeasures>> Columns =
    [
        Column.Of<TieMeasures>(t => t.Source),
        Column.Of<TieMeasures>(t => t.Target),
        Column.Of((TieMeasures t) => t.Kinds, k => k.ToWireNames()),
        Column.Of((TieMeasures t) => t.Class, c => c.Name()),
        Column.Of<TieMeasures>(t => t.BridgingScore),
        Column.Of<TieMeasures>(t => t.Embeddedness),
        Column.Of<TieMeasures>(t => t.Overlap),
        Column.Of<TieMeasures>(t => t.LocalBridge),
        Column.Of<TieMeasures>(t => t.Span),
    ];

    public static Command Create() => ReportCommand.Create("ties",
        "Tie-level measures: one row per contact between two people (several ties between them count as one), "
        + "ordered by source then target id (ordinal: p10 before p2); source is the end whose id sorts first. span is empty unless the "
        + "tie is a local bridge, and inf when its ends are otherwise disconnected.",
        Columns,
        (graph, _, console, token) =>
        {
            console.Status($"measuring {graph.ContactCount:N0} contacts");
            return TieMetrics.Compute(graph, new TieMetricsOptions { Progress = console.Progress("tie measures"), CancellationToken = token });
        });
}
