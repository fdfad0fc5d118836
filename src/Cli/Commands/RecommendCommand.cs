using System.CommandLine;
using SocialCapital.Cli.Output;
using SocialCapital.Model;
using SocialCapital.Recommendations;

namespace SocialCapital.Cli.Commands;

/// <summary><c>socialcapital recommend DIR --person ID</c>: suggested new contacts with reasons.</summary>
internal static class RecommendCommand
{
    public static readonly IReadOnlyList<Column<PeerSuggestion>> Columns =
    [
        Column.Of<PeerSuggestion>(p => p.Person),
        Column.Of<PeerSuggestion>(p => p.Peer),
        Column.Of<PeerSuggestion>(p => p.Rank),
        Column.Of<PeerSuggestion>(p => p.Score),
        Column.Of<PeerSuggestion>(p => p.LinkPrediction),
        Column.Of<PeerSuggestion>(p => p.Bridging),
        Column.Of<PeerSuggestion>(p => p.CommonNeighbors),
        Column.Of<PeerSuggestion>(p => p.AdamicAdar),
        Column.Of<PeerSuggestion>(p => p.ResourceAllocation),
        Column.Of<PeerSuggestion>(p => p.Jaccard),
        Column.Of((PeerSuggestion p) => p.Reasons, r => string.Join("; ", r)),
    ];

    public static Command Create()
    {
        var person = new Option<string>("--person") { Description = "The person's id (citizen, mentor or coach).", Required = true };
        var top = new Option<int>("--top") { Description = "How many suggestions, best first; 0 lists every candidate.", DefaultValueFactory = _ => 10 };
        EngineRules.CheckTop(top);
        return ReportCommand.Create("recommend",
            "Suggested new contacts for a person: friends of friends, fellow peer-group members and neighbours, scored by "
            + "link prediction (common neighbours, Adamic-Adar, resource allocation, Jaccard), bridging and what each offers "
            + "the other, reciprocally (docs/recommendations.md). Never an existing contact.",
            Columns,
            (graph, parse, _, _) =>
            {
                var id = parse.GetRequiredValue(person);
                NodeOption.Require(graph, id, "--person", "a person", k => k.IsPerson());
                return PeerSuggestions.ForPerson(graph, id, parse.GetValue(top));
            },
            person, top);
    }
}
