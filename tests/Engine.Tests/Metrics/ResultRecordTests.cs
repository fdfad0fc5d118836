using System.Text.Json;
using SocialCapital.Graph;
using SocialCapital.Metrics;
using SocialCapital.Model;
using SocialCapital.Recommendations;

namespace SocialCapital.Tests.Metrics;

/// <summary>The public result records: lookups by id, undefined values as null, indices kept inside, readable text.</summary>
public class ResultRecordTests
{
    [Fact]
    public void ForId_EveryPerson_GivesTheSameRowAsForNode()
    {
        var graph = TestData.LoadGraph("karate");
        var people = PersonMetrics.Compute(graph);
        foreach (var p in people.People)
            Assert.Equal(people.ForNode(graph.IndexOf(p.Id)), people.ForId(p.Id));
        Assert.False(people.TryGetId("no such person", out _));
        Assert.Throws<SocialCapital.Model.UnknownNodeException>(() => people.ForId("no such person"));
    }

    [Fact]
    public void PersonMeasures_IsolatedPerson_UndefinedValuesAreNullNotNaN()
    {
        var graph = new SocialGraphBuilder()
            .AddNodes([TestData.Citizen("alone", "A", Employment.Unemployed, 0.2), TestData.Citizen("b", "A"), TestData.Citizen("c", "A")])
            .AddTies([TestData.Friend("b", "c")])
            .Build();
        var people = PersonMetrics.Compute(graph);
        var alone = people.ForId("alone");
        Assert.Null(alone.Constraint);
        Assert.Null(alone.EconomicConnectedness);
        Assert.Null(alone.BridgingScore);
        // Average skips undefined values instead of turning NaN: the mean constraint of b and c only.
        Assert.Equal(1.0, people.People.Average(p => p.Constraint));
    }

    [Fact]
    public void AreaMeasures_Suppressed_EveryValueIsNull()
    {
        var area = AreaMetrics.Compute(TestData.LoadGraph("toy"), new AreaMetricsOptions { MinCellSize = 100 })[0];
        Assert.True(area.Suppressed);
        Assert.Null(area.EconomicConnectedness);
        Assert.Null(area.EconomicConnectednessCiLow);
        Assert.Null(area.MeanConstraint);
        Assert.Null(new AreaMeasures { EconomicConnectedness = double.NaN }.EconomicConnectedness);
    }

    [Fact]
    public void ResultRecords_AsJson_CarryIdsButNoNodeIndices()
    {
        var graph = TestData.LoadGraph("toy");
        var person = JsonSerializer.Serialize(PersonMetrics.Compute(graph).People[0], JsonSerializerOptions.Web);
        var tie = JsonSerializer.Serialize(TieMetrics.Compute(graph)[0], JsonSerializerOptions.Web);
        Assert.DoesNotContain("\"index\"", person, StringComparison.Ordinal);
        Assert.Contains("\"economicConnectedness\"", person, StringComparison.Ordinal);
        Assert.DoesNotContain("Index\"", tie, StringComparison.Ordinal);
        Assert.Contains("\"source\"", tie, StringComparison.Ordinal);
    }

    [Fact]
    public void ToString_RecommendationRecords_ShowWhoScoreAndReasons()
    {
        var match = new MentorMatch { Citizen = "c1", Mentor = "m7", Rank = 1, Score = 0.8124, Reasons = ["works in your goal sector", "lives in your area"] };
        Assert.Equal("mentor m7 for citizen c1: rank 1, score 0.812 (works in your goal sector; lives in your area)", match.ToString());
        var peer = new PeerSuggestion { Person = "p1", Peer = "p2", Rank = 2, Score = 0.5, Reasons = ["3 contacts in common"] };
        Assert.Equal("peer p2 for p1: rank 2, score 0.5 (3 contacts in common)", peer.ToString());
        var group = new GroupSuggestion { Citizen = "c1", Group = "g1", Rank = 1, Score = 0.25, FreePlaces = 3 };
        Assert.Equal("group g1 for citizen c1: rank 1, score 0.25, 3 free places", group.ToString());
        var intro = new Introduction { Citizen = "c1", Employer = "e1", Rank = 1, Hops = 2, Path = ["c1", "p2", "p3"], Reasons = ["p3 works there"] };
        Assert.Equal("employer e1 for citizen c1: rank 1, 2 hops via c1 > p2 > p3 (p3 works there)", intro.ToString());
    }

    [Fact]
    public void ToString_CohortAssignment_ShowsTotals()
    {
        var result = CohortAssignment.Assign(TestData.LoadGraph("city-10k", new GraphOptions { AsOf = new DateOnly(2026, 1, 1) }), new CohortOptions());
        Assert.StartsWith($"assigned {result.AssignedCitizens} of {result.Citizens} citizens ({result.Pairs.Count} pairs), total score ", result.ToString(), StringComparison.Ordinal);
    }
}
