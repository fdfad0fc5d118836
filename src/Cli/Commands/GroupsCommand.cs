using System.CommandLine;
using SocialCapital.Cli.Output;
using SocialCapital.Metrics;

namespace SocialCapital.Cli.Commands;

/// <summary><c>socialcapital groups DIR</c>: one row per peer group as a setting.</summary>
internal static class GroupsCommand
{
    public static readonly IReadOnlyList<Column<GroupMeasures>> Columns =
    [
        Column.Of<GroupMeasures>(g => g.Id),
        Column.Of<GroupMeasures>(g => g.Area),
        Column.Of<GroupMeasures>(g => g.Members),
        Column.Of<GroupMeasures>(g => g.Exposure),
        Column.Of<GroupMeasures>(g => g.FriendingBias),
        Column.Of<GroupMeasures>(g => g.BlauWork),
        Column.Of<GroupMeasures>(g => g.InWorkShare),
        Column.Of<GroupMeasures>(g => g.FreePlaces),
        Column.Of<GroupMeasures>(g => g.Suppressed),
    ];

    public static Command Create()
    {
        var settings = new SettingOptions();
        return ReportCommand.Create("groups",
            "Peer-group measures: members, exposure, friending bias, work-status diversity (Blau), in-work share and "
            + "free places; one row per peer group, ordered by id (ordinal). Groups under --min-cell-size members show only "
            + "suppressed=true. Definitions: docs/measures.md.",
            Columns,
            (graph, parse, _, token) => GroupMetrics.Compute(graph, settings.Options(parse, null, token)),
            settings.MinCellSize);
    }
}
