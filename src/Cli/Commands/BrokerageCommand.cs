using System.CommandLine;
using SocialCapital.Cli.Output;
using SocialCapital.Metrics;

namespace SocialCapital.Cli.Commands;

/// <summary><c>socialcapital brokerage DIR --group area</c>: one row per person with their Gould &amp; Fernandez
/// brokerage roles under a grouping.</summary>
internal static class BrokerageCommand
{
    public static readonly IReadOnlyList<Column<PersonBrokerage>> Columns =
    [
        Column.Of<PersonBrokerage>(p => p.Id),
        Column.Of<PersonBrokerage>(p => p.Coordinator),
        Column.Of<PersonBrokerage>(p => p.Itinerant),
        Column.Of<PersonBrokerage>(p => p.Gatekeeper),
        Column.Of<PersonBrokerage>(p => p.Representative),
        Column.Of<PersonBrokerage>(p => p.Liaison),
        Column.Of<PersonBrokerage>(p => p.Total),
    ];

    public static Command Create()
    {
        var group = new Option<string>("--group")
        {
            Description = "The grouping: area (default), work_status, ses_band, age_band, sector or an extra column of nodes.csv.",
            DefaultValueFactory = _ => "area",
        };
        return ReportCommand.Create("brokerage",
            "Gould & Fernandez (1989) brokerage roles per person, as R's sna::brokerage counts them: of the ordered pairs of a "
            + "person's contacts who are not in contact themselves, how many the person brokers as coordinator, itinerant, "
            + "gatekeeper, representative and liaison. Empty counts for a person whose group is unknown; contacts of unknown "
            + "group are left out. Ordered by id. Definitions and sources: docs/measures.md#brokerage.",
            Columns,
            (graph, parse, console, token) =>
            {
                var grouping = parse.GetRequiredValue(group);
                console.Status($"counting brokerage roles of {graph.PersonCount:N0} people by {grouping}");
                return Brokerage.Compute(graph, grouping, cancellationToken: token, progress: console.Progress("brokerage")).People;
            },
            group);
    }
}
