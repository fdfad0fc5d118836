using System.CommandLine;
using SocialCapital.Cli.Output;
using SocialCapital.Recommendations;

namespace SocialCapital.Cli.Commands;

/// <summary><c>socialcapital groups-for DIR --citizen ID</c>: peer groups with free places for a citizen.</summary>
internal static class GroupsForCommand
{
    public static readonly IReadOnlyList<Column<GroupSuggestion>> Columns =
    [
        Column.Of<GroupSuggestion>(s => s.Citizen),
        Column.Of<GroupSuggestion>(s => s.Group),
        Column.Of<GroupSuggestion>(s => s.Rank),
        Column.Of<GroupSuggestion>(s => s.Score),
        Column.Of<GroupSuggestion>(s => s.Exposure),
        Column.Of<GroupSuggestion>(s => s.Contacts),
        Column.Of<GroupSuggestion>(s => s.Locality),
        Column.Of<GroupSuggestion>(s => s.FreePlaces),
        Column.Of((GroupSuggestion s) => s.Reasons, r => string.Join("; ", r)),
    ];

    public static Command Create()
    {
        var citizen = new Option<string>("--citizen") { Description = "The citizen's id.", Required = true };
        var top = new Option<int>("--top") { Description = "How many groups, best first; 0 lists every group with a free place.", DefaultValueFactory = _ => 10 };
        EngineRules.CheckTop(top);
        return ReportCommand.Create("groups-for",
            "Peer groups with free places for a citizen, scored by the exposure their members offer (in work, high SES), "
            + "the citizen's contacts already in them and the area (docs/recommendations.md).",
            Columns,
            (graph, parse, _, _) =>
            {
                var id = parse.GetRequiredValue(citizen);
                MatchCommand.RequireCitizen(graph, id, "--citizen");
                return GroupSuggestions.ForCitizen(graph, id, parse.GetValue(top));
            },
            citizen, top);
    }
}
