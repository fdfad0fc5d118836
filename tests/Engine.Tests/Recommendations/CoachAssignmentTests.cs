using SocialCapital.Graph;
using SocialCapital.Interchange;
using SocialCapital.Model;
using SocialCapital.Recommendations;

namespace SocialCapital.Tests.Recommendations;

public class CoachAssignmentTests
{
    private static readonly DateOnly Day = new(2026, 12, 3);

    private static NodeRecord Coach(string id, int? capacity, string area = "A", params string[] languages) =>
        new(id, NodeKind.Coach) { Capacity = capacity, Area = area, Languages = languages };

    private static NodeRecord Citizen(string id, string area = "A", params string[] languages) =>
        new(id, NodeKind.Citizen) { Area = area, Languages = languages };

    private static TieRecord Coaching(string coach, string citizen) => new(coach, citizen, TieKind.Coaching) { Since = Day.AddDays(-100) };

    private static SocialGraph Graph(IEnumerable<NodeRecord> nodes, IEnumerable<TieRecord> ties) =>
        Dataset.Create(nodes, ties).ToGraph(new GraphOptions { AsOf = Day });

    [Fact]
    public void Assign_DefaultCitizens_TakesOnlyCitizensWithoutACoachAndKeepsCapacity()
    {
        var graph = Graph(
            [Coach("k1", 2), Coach("k2", 1), Citizen("c1"), Citizen("c2"), Citizen("c3"), Citizen("c4")],
            [Coaching("k1", "c1")]);
        var result = CoachAssignment.Assign(graph);
        Assert.Equal(3, result.Citizens);
        Assert.DoesNotContain(result.Pairs, p => p.Citizen == "c1");
        Assert.Equal(2, result.Pairs.Count); // k1 has 1 free place, k2 has 1
        Assert.Single(result.Pairs, p => p.Coach == "k1");
        Assert.Single(result.Pairs, p => p.Coach == "k2");
        var left = Assert.Single(result.Unassigned);
        Assert.Contains("went to other citizens", left.Reason);
    }

    [Fact]
    public void Assign_PreviousCoach_ComesBeforeBalance()
    {
        // k2 is emptier (balance prefers it), but c1 knows k1.
        var graph = Graph([Coach("k1", 10), Coach("k2", 10), Citizen("c1")], [new TieRecord("k1", "c1", TieKind.Acquaintance)]);
        var pair = Assert.Single(CoachAssignment.Assign(graph).Pairs);
        Assert.Equal("k1", pair.Coach);
        Assert.True(pair.Continuity);
        Assert.Contains(pair.Reasons, r => r.Contains("continuity"));
    }

    [Fact]
    public void Assign_NoContinuity_PrefersTheCoachWithMoreFreePlacesRelativeToCapacity()
    {
        var graph = Graph(
            [Coach("k1", 2), Coach("k2", 4), Citizen("c0"), Citizen("c1"), Citizen("c2")],
            [Coaching("k1", "c1"), Coaching("k2", "c2")]);
        var pair = Assert.Single(CoachAssignment.Assign(graph).Pairs);
        Assert.Equal("k2", pair.Coach); // 3/4 free against 1/2
        Assert.Equal(0.75, pair.Balance, 12);
    }

    [Fact]
    public void Assign_BalanceSteps_SpreadTheLoadOverCoaches()
    {
        var graph = Graph([Coach("k1", 4), Coach("k2", 4), .. Enumerable.Range(0, 4).Select(i => Citizen($"c{i}"))], []);
        var result = CoachAssignment.Assign(graph);
        Assert.Equal(4, result.Pairs.Count);
        Assert.Equal(2, result.Pairs.Count(p => p.Coach == "k1"));
        Assert.Equal(2 * (1 + 0.75), result.TotalBalance, 12); // each coach's places score 4/4, then 3/4
    }

    [Fact]
    public void Assign_BalanceStepsBelowOne_Throws() =>
        Assert.Throws<InvalidOptionsException>(() => CoachAssignment.Assign(Graph([Coach("k1", 4)], []), new CoachAssignmentOptions { BalanceSteps = 0 }));

    [Fact]
    public void Assign_HardRules_ExplainEveryUnassignedCitizen()
    {
        var graph = Graph(
            [Coach("k1", 5, "A", "en"), Coach("k2", null), Coach("k3", 5, "B"), Citizen("c1", "A", "cy")],
            []);
        var left = Assert.Single(CoachAssignment.Assign(graph).Unassigned);
        Assert.Equal("c1", left.Citizen);
        Assert.Contains("1 coach with no free place", left.Reason);
        Assert.Contains("1 coach in another area or group", left.Reason);
        Assert.Contains("1 coach sharing none of the citizen's languages", left.Reason);
    }

    [Fact]
    public void Assign_AnyAreaAndDelegates_RelaxAndReplaceTheRules()
    {
        var graph = Graph([Coach("k1", 5, "B"), Coach("k2", 5, "B"), Citizen("c1", "A")], []);
        Assert.Empty(CoachAssignment.Assign(graph).Pairs);
        Assert.Single(CoachAssignment.Assign(graph, new CoachAssignmentOptions { AnyArea = true }).Pairs);
        var hub = CoachAssignment.Assign(graph, new CoachAssignmentOptions { SameGroup = (_, _) => true, Suits = (coach, _) => coach == "k2" });
        Assert.Equal("k2", Assert.Single(hub.Pairs).Coach);
        var known = CoachAssignment.Assign(graph, new CoachAssignmentOptions { AnyArea = true, HasCoached = (coach, _) => coach == "k1" });
        Assert.Equal("k1", Assert.Single(known.Pairs).Coach);
    }

    [Fact]
    public void Assign_ListedCitizens_RejectsAnIdThatIsNotACitizen()
    {
        var graph = Graph([Coach("k1", 5), Citizen("c1")], []);
        Assert.Throws<WrongNodeKindException>(() => CoachAssignment.Assign(graph, new CoachAssignmentOptions { Citizens = ["k1"] }));
        Assert.Throws<UnknownNodeException>(() => CoachAssignment.Assign(graph, new CoachAssignmentOptions { Citizens = ["x"] }));
    }

    [Fact]
    public void Handover_LeavingCoach_ReassignsTheCaseloadKnownCoachFirstWithoutWriting()
    {
        var graph = Graph(
            [Coach("k1", 5), Coach("k2", 5), Coach("k3", 5), Citizen("c1"), Citizen("c2"), Citizen("c3")],
            [Coaching("k1", "c1"), Coaching("k1", "c2"), new TieRecord("k3", "c2", TieKind.Acquaintance)]);
        var result = CoachAssignment.Handover(graph, "k1");
        Assert.Equal(2, result.Citizens);
        Assert.Equal(["c1", "c2"], result.Pairs.Select(p => p.Citizen));
        Assert.DoesNotContain(result.Pairs, p => p.Coach == "k1");
        Assert.Equal("k3", result.Pairs[1].Coach);
        Assert.Equal(1, result.ContinuityPairs);
        Assert.Equal(2, CoachAssignment.Caseload(graph, graph.IndexOf("k1"))); // a preview: the snapshot is unchanged
    }

    [Fact]
    public void Assign_City_CapacityHoldsAndEveryCitizenIsAccountedFor()
    {
        // city-10k states no coach capacity: give every coach 40 places, so some areas run short.
        var dataset = DatasetReader.Read(TestData.Sample("city-10k"));
        var nodes = dataset.Nodes.Select(n => n.Kind == NodeKind.Coach ? n with { Capacity = 40 } : n);
        var graph = Dataset.Create(nodes, dataset.Ties).ToGraph(new GraphOptions { AsOf = new DateOnly(2026, 1, 1) });
        var result = CoachAssignment.Assign(graph);
        Assert.True(result.Pairs.Count > 50);
        Assert.Equal(result.Citizens, result.Pairs.Count + result.Unassigned.Count);
        foreach (var load in result.Pairs.GroupBy(p => p.Coach))
            Assert.True(load.Count() <= CoachAssignment.FreePlaces(graph, graph.IndexOf(load.Key)));
        Assert.All(result.Unassigned, u => Assert.False(string.IsNullOrWhiteSpace(u.Reason)));

        var busiest = Enumerable.Range(0, graph.NodeCount).Where(u => graph.Kind(u) == NodeKind.Coach).MaxBy(u => CoachAssignment.Caseload(graph, u));
        var handover = CoachAssignment.Handover(graph, graph.Id(busiest));
        Assert.Equal(CoachAssignment.Caseload(graph, busiest), handover.Citizens);
        Assert.DoesNotContain(handover.Pairs, p => p.Coach == graph.Id(busiest));
    }

    [Fact]
    public void Handover_NotACoach_Throws()
    {
        var graph = Graph([Coach("k1", 5), Citizen("c1")], []);
        Assert.Throws<WrongNodeKindException>(() => CoachAssignment.Handover(graph, "c1"));
        Assert.Throws<UnknownNodeException>(() => CoachAssignment.Handover(graph, "nobody"));
    }
}
