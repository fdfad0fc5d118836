using System.CommandLine;
using SocialCapital.Cli.Output;
using SocialCapital.Metrics;

namespace SocialCapital.Cli.Commands;

/// <summary><c>socialcapital groups DIR</c>: one row per peer group as a setting.</summary>
internal static class GroupsCommand
{
    public static readonly IReadOnlyList<Column<GroupMeasures>> Columns =
    [
        new("id", g => g.Id),
        new("area", g => g.Area),
        new("members", g => g.Members),
        new("exposure", g => g.Exposure),
        new("friending_bias", g => g.FriendingBias),
        new("blau_work", g => g.BlauWork),
        new("in_work_share", g => g.InWorkShare),
        new("free_places", g => g.FreePlaces),
        new("suppressed", g => g.Suppressed),
    ];

    public static Command Create()
    {
        var settings = new SettingOptions();
        return ReportCommand.Create("groups",
            "Peer-group measures: members, exposure, friending bias, work-status diversity (Blau), in-work share and "
            + "free places; one row per peer group, ordered by id. Groups under --min-cell-size members show only "
            + "suppressed=true. Definitions: docs/measures.md.",
            Columns,
            (graph, parse, _, token) => GroupMetrics.Compute(graph, settings.Options(parse, null, token)),
            settings.MinCellSize);
    }
}
