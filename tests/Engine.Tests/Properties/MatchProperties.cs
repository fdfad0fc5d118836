using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using SocialCapital.Graph;
using SocialCapital.Model;
using SocialCapital.Recommendations;
using SocialCapital.Synthetic;

namespace SocialCapital.Tests.Properties;

/// <summary>Mentor matching on small generated cities: no hard rule is ever broken, components stay in [0, 1],
/// the ranking is sorted and deterministic.</summary>
public class MatchProperties
{
    private static readonly Lazy<SocialGraph[]> Cities = new(() => [.. new[] { (600, 0.3, 1), (800, 0.8, 2), (500, 0.6, 3) }.Select(c =>
    {
        var folder = Path.Combine(Path.GetTempPath(), "sc-match-" + Guid.NewGuid().ToString("N"));
        try
        {
            CityGenerator.Generate(folder, new CityOptions { People = c.Item1, Homophily = c.Item2, Seed = c.Item3, Areas = 2 });
            return SocialCapital.Interchange.Dataset.Load(folder).ToGraph(new GraphOptions { AsOf = new DateOnly(2026, 1, 1) });
        }
        finally
        {
            Directory.Delete(folder, true);
        }
    })]);

    [Property(MaxTest = 150)]
    public Property Matches_NeverBreakAHardRule() =>
        Prop.ForAll(Gen.Choose(0, 2).ToArbitrary(), Gen.Choose(0, 100000).ToArbitrary(), Gen.Choose(0, 1).ToArbitrary(), (city, pick, anyArea) =>
        {
            var graph = Cities.Value[city];
            var citizens = Enumerable.Range(0, graph.NodeCount).Where(u => graph.Kind(u) == NodeKind.Citizen).ToArray();
            var c = citizens[pick % citizens.Length];
            var excluded = Enumerable.Range(0, graph.NodeCount).Where(u => graph.Kind(u) == NodeKind.Mentor).Take(2)
                .Select(m => (graph.Id(c), graph.Id(m))).ToArray();
            var options = new MatchOptions { Top = 0, AnyArea = anyArea == 1, ExcludedPairs = excluded };
            var result = MentorMatching.ForCitizen(graph, graph.Id(c), options);
            var languages = graph.Languages(c);
            return result.Matches.All(m =>
            {
                var mentor = graph.IndexOf(m.Mentor);
                return graph.Kind(mentor) == NodeKind.Mentor
                    && graph.Capacity(mentor) is { } capacity && graph.Mentoring.CurrentMentees(mentor) < capacity
                    && !graph.Mentoring.Ever(mentor, c)
                    && !excluded.Contains((m.Citizen, m.Mentor))
                    && (languages.Count == 0 || graph.Languages(mentor).Any(languages.Contains))
                    && (options.AnyArea || graph.Area(mentor) == graph.Area(c))
                    && new[] { m.Score, m.GoalFit, m.Bridging, m.Proximity, m.Locality, m.Capacity }.All(x => x >= 0 && x <= 1)
                    && m.Reasons.Count > 0;
            })
            && result.Matches.Zip(result.Matches.Skip(1)).All(p => p.First.Score >= p.Second.Score)
            && result.Matches.Select(m => m.Rank).SequenceEqual(Enumerable.Range(1, result.Matches.Count))
            && result.Eligible == result.Matches.Count
            && MentorMatching.ForCitizen(graph, graph.Id(c), options).Matches.Select(m => m.Mentor).SequenceEqual(result.Matches.Select(m => m.Mentor));
        });
}
