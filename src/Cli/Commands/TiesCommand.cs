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
        new("source", t => t.Source),
        new("target", t => t.Target),
        new("kind", t => t.Kinds.ToWireNames()),
        new("class", t => t.Class.ToString().ToLowerInvariant()),
        new("bridging_score", t => t.BridgingScore),
        new("embeddedness", t => t.Embeddedness),
        new("overlap", t => t.Overlap),
        new("local_bridge", t => t.IsLocalBridge),
        new("span", t => t.Span),
    ];

    public static Command Create() => ReportCommand.Create("ties",
        "Tie-level measures: one row per contact between two people (several ties between them count as one), "
        + "ordered by source then target id; source is the end whose id sorts first. span is empty unless the "
        + "tie is a local bridge, and inf when its ends are otherwise disconnected.",
        Columns,
        (graph, _, console, token) =>
        {
            console.Status($"measuring {graph.ContactCount:N0} contacts");
            return TieMetrics.Compute(graph, new TieMetricsOptions { Progress = console.Progress("tie measures"), CancellationToken = token });
        });
}
