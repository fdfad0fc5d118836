using System.CommandLine;
using SocialCapital.Cli.Output;
using SocialCapital.Graph;
using SocialCapital.Model;
using SocialCapital.Recommendations;

namespace SocialCapital.Cli.Commands;

/// <summary><c>socialcapital match DIR --citizen ID</c>: explained mentor matches for one citizen.</summary>
internal static class MatchCommand
{
    public static readonly IReadOnlyList<Column<MentorMatch>> Columns =
    [
        Column.Of<MentorMatch>(m => m.Citizen),
        Column.Of<MentorMatch>(m => m.Mentor),
        Column.Of<MentorMatch>(m => m.Rank),
        Column.Of<MentorMatch>(m => m.Score),
        Column.Of<MentorMatch>(m => m.GoalFit),
        Column.Of<MentorMatch>(m => m.Bridging),
        Column.Of<MentorMatch>(m => m.Proximity),
        Column.Of<MentorMatch>(m => m.Locality),
        Column.Of<MentorMatch>(m => m.Capacity),
        Column.Of((MentorMatch m) => m.Reasons, r => string.Join("; ", r)),
    ];

    public static Command Create()
    {
        var citizen = new Option<string>("--citizen") { Description = "The citizen's id.", Required = true };
        var top = new Option<int>("--top") { Description = "How many matches, best first; 0 lists every eligible mentor.", DefaultValueFactory = _ => MatchOptions.Default.Top };
        var anyArea = new Option<bool>("--any-area") { Description = "Also suggest mentors from other areas (default: the citizen's area only)." };
        EngineRules.CheckTop(top);
        return ReportCommand.Create("match",
            "Explained mentor matches for one citizen, best first. Hard rules (never broken): a free mentee place, not a "
            + "current or past mentor, a shared language when the citizen lists any, the same area unless --any-area. "
            + "Score: weighted mean of goal fit, bridging, proximity, locality and free capacity (docs/recommendations.md).",
            Columns,
            (graph, parse, console, _) =>
            {
                var id = parse.GetRequiredValue(citizen);
                RequireCitizen(graph, id, "--citizen");
                var result = MentorMatching.ForCitizen(graph, id, new MatchOptions { Top = parse.GetValue(top), AnyArea = parse.GetValue(anyArea) });
                if (result.Matches.Count == 0)
                    console.Error.WriteLine($"no eligible mentor for {id}: {Explain(result.Ineligible)}");
                return result.Matches;
            },
            citizen, top, anyArea);
    }

    /// <summary>Stops with exit code 2 and a clear message when the id is unknown or not a citizen.</summary>
    public static void RequireCitizen(SocialGraph graph, string id, string option) =>
        NodeOption.Require(graph, id, option, "a citizen", k => k == NodeKind.Citizen);

    private static string Explain(IneligibleCounts ineligible) =>
        ineligible.ToString() is { Length: > 0 } reasons ? reasons : "there are no mentors";
}
