using SocialCapital.Graph;
using SocialCapital.Model;
using SocialCapital.Recommendations;

namespace SocialCapital.Tests.Recommendations;

public class CohortAssignmentTests
{
    private static readonly GraphOptions AsOf = new() { AsOf = new DateOnly(2026, 1, 1) };

    private static SocialGraph City() => TestData.LoadGraph("city-10k", AsOf);

    [Fact]
    public void Assign_City_EveryPairIsAnEligibleMatchWithTheSameScoreAndCapacityHolds()
    {
        var graph = City();
        var result = CohortAssignment.Assign(graph);
        Assert.True(result.Pairs.Count > 50);
        Assert.Equal(result.Pairs.Count, result.AssignedCitizens); // one mentor each
        Assert.Equal(result.Citizens, result.AssignedCitizens + result.Unassigned.Count);
        Assert.Equal(result.Pairs.Sum(p => p.Score), result.TotalScore, 9);
        foreach (var pair in result.Pairs.Take(40))
        {
            var match = MentorMatching.ForCitizen(graph, pair.Citizen, new MatchOptions { Top = 0 }).Matches.Single(m => m.Mentor == pair.Mentor);
            Assert.Equal(match.Score, pair.Score, 12);
        }
        foreach (var load in result.Pairs.GroupBy(p => p.Mentor))
        {
            var mentor = graph.IndexOf(load.Key);
            Assert.True(load.Count() <= graph.Capacity(mentor) - graph.Mentoring.CurrentMentees(mentor));
        }
        Assert.All(result.Unassigned, u => Assert.False(string.IsNullOrWhiteSpace(u.Reason)));
    }

    [Fact]
    public void Assign_DefaultCohort_LeavesOutCitizensWithACurrentMentor()
    {
        var graph = City();
        var mentored = Enumerable.Range(0, graph.NodeCount).Where(u => graph.Kind(u) == NodeKind.Citizen && graph.Mentoring.HasCurrentMentor(u)).ToArray();
        Assert.NotEmpty(mentored);
        var result = CohortAssignment.Assign(graph);
        var cohort = result.Pairs.Select(p => p.Citizen).Concat(result.Unassigned.Select(u => u.Citizen)).ToHashSet();
        Assert.All(mentored, u => Assert.DoesNotContain(graph.Id(u), cohort));
    }

    /// <summary>Two citizens, one mentor place: rich scores 0.617 (goal fit 1/3), poor 0.5, so rich wins; with need
    /// weighting rich (one bridging tie, weight 1.5) counts 0.925 and poor (none, weight 2) 1.0, so poor wins.</summary>
    [Fact]
    public void Assign_ShortCapacity_NeedWeightingDecidesWhoIsServed()
    {
        var graph = new SocialGraphBuilder()
            .AddNodes([
                new NodeRecord("rich", NodeKind.Citizen) { Area = "X", Employment = Employment.Unemployed, Goals = ["health", "retail", "care"] },
                new NodeRecord("poor", NodeKind.Citizen) { Area = "X", Employment = Employment.Unemployed },
                new NodeRecord("friend", NodeKind.Mentor) { Area = "Y", Employment = Employment.Employed, Capacity = 0 },
                new NodeRecord("m", NodeKind.Mentor) { Area = "X", Sector = "health", Capacity = 1, Employment = Employment.Employed },
            ])
            .AddTie(TestData.Friend("rich", "friend")) // rich has one bridging tie (work status and area differ)
            .Build(AsOf);
        var plain = CohortAssignment.Assign(graph);
        Assert.Equal([new AssignedPair("rich", "m", plain.Pairs[0].Score)], plain.Pairs);
        Assert.Equal("all 1 eligible mentor's places went to other citizens", Assert.Single(plain.Unassigned).Reason);
        var needy = CohortAssignment.Assign(graph, new CohortOptions { Need = NeedWeighting.FewestBridgingTies });
        Assert.Equal("poor", Assert.Single(needy.Pairs).Citizen);
    }

    [Fact]
    public void Assign_ListedCohortAndErrors()
    {
        var graph = City();
        var some = graph.Areas.Count > 0 ? Enumerable.Range(0, graph.NodeCount).Where(u => graph.Kind(u) == NodeKind.Citizen).Take(3).Select(graph.Id).ToArray() : [];
        var result = CohortAssignment.Assign(graph, new CohortOptions { Citizens = [.. some, some[0]] });
        Assert.Equal(3, result.Citizens);
        var e = Assert.Throws<UnknownNodeException>(() => CohortAssignment.Assign(graph, new CohortOptions { Citizens = ["nobody", "e01"] }));
        Assert.Contains("no node has id 'nobody'", e.Message, StringComparison.Ordinal);
        Assert.Contains("'e01' is an employer, not a citizen", e.Message, StringComparison.Ordinal);
        Assert.Throws<InvalidOptionsException>(() => CohortAssignment.Assign(graph, new CohortOptions { MaxPerCitizen = 0 }));
    }

    [Fact]
    public void Assign_NoEligibleMentor_SaysWhichRulesLeftThemOut()
    {
        var graph = new SocialGraphBuilder()
            .AddNodes([TestData.Citizen("c", "X"), new NodeRecord("m", NodeKind.Mentor) { Area = "Y", Capacity = 1 }])
            .Build(AsOf);
        var reason = Assert.Single(CohortAssignment.Assign(graph).Unassigned).Reason;
        Assert.Equal("no eligible mentor: 1 mentor in another area (allow any area to include them)", reason);
        Assert.Single(CohortAssignment.Assign(graph, new CohortOptions { Match = new MatchOptions { AnyArea = true } }).Pairs);
    }
}
