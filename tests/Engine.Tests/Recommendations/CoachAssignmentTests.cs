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

    private static TieRecord Coaching(string coach, string citizen, int sinceDaysAgo = 100, int? untilDaysAgo = null) =>
        new(coach, citizen, TieKind.Coaching) { Since = Day.AddDays(-sinceDaysAgo), Until = untilDaysAgo is { } u ? Day.AddDays(-u) : null };

    private static ContactRecord Met(string coach, string citizen, DateOnly date) => new(coach, citizen, date, ContactChannel.InPerson);

    /// <summary>The snapshot on <see cref="Day"/> and the history of the same records.</summary>
    private static (SocialGraph Graph, CoachingHistory History) Data(IEnumerable<NodeRecord> nodes, IEnumerable<TieRecord> ties,
        IEnumerable<ContactRecord>? contacts = null)
    {
        var dataset = Dataset.Create(nodes, ties, contacts: contacts);
        return (dataset.ToGraph(new GraphOptions { AsOf = Day }), CoachingHistory.Of(dataset.Ties, dataset.Contacts));
    }

    private static CoachAssignmentResult Assign(IEnumerable<NodeRecord> nodes, IEnumerable<TieRecord> ties,
        IEnumerable<ContactRecord>? contacts = null, CoachAssignmentOptions? options = null)
    {
        var (graph, history) = Data(nodes, ties, contacts);
        return CoachAssignment.Assign(graph, history, options);
    }

    [Fact]
    public void Assign_DefaultCitizens_TakesOnlyCitizensWithoutACoachAndKeepsCapacity()
    {
        var result = Assign([Coach("k1", 2), Coach("k2", 1), Citizen("c1"), Citizen("c2"), Citizen("c3"), Citizen("c4")], [Coaching("k1", "c1")]);
        Assert.Equal(3, result.Citizens);
        Assert.Equal(Day, result.Day);
        Assert.Null(result.LeavingCoach);
        Assert.DoesNotContain(result.Pairs, p => p.Citizen == "c1");
        Assert.Equal(2, result.Pairs.Count); // k1 has 1 free place, k2 has 1
        Assert.Single(result.Pairs, p => p.Coach == "k1");
        Assert.Single(result.Pairs, p => p.Coach == "k2");
        var left = Assert.Single(result.Unassigned);
        Assert.Contains("went to other citizens", left.Reason);
    }

    [Fact]
    public void Assign_TwoRunningSpells_CountOnlyForTheCurrentCoach()
    {
        // c1's current coach is k2 (the spell begun last), so c1 fills k2's place, not k1's: c2 can go to k1 only.
        var (graph, history) = Data(
            [Coach("k1", 1), Coach("k2", 1), Citizen("c1"), Citizen("c2")],
            [Coaching("k1", "c1", sinceDaysAgo: 100), Coaching("k2", "c1", sinceDaysAgo: 10)]);
        var load = CoachAssignment.Caseloads(graph, history, Day, null);
        Assert.Equal(0, load[graph.IndexOf("k1")]);
        Assert.Equal(1, load[graph.IndexOf("k2")]);
        var pair = Assert.Single(CoachAssignment.Assign(graph, history).Pairs);
        Assert.Equal(("c2", "k1"), (pair.Citizen, pair.Coach));
    }

    [Fact]
    public void Assign_EndedSpell_CitizenWaitsAndThePreviousCoachComesFirst()
    {
        // c1's spell with k1 ended 10 days ago: c1 has no coach, k1's place is free again, and k1 is preferred although
        // k2 is emptier (balance prefers it).
        var result = Assign([Coach("k1", 10), Coach("k2", 20), Citizen("c1")], [Coaching("k1", "c1", sinceDaysAgo: 200, untilDaysAgo: 10)]);
        var pair = Assert.Single(result.Pairs);
        Assert.Equal("k1", pair.Coach);
        Assert.True(pair.Continuity);
        Assert.Contains($"coached this citizen before from {Day.AddDays(-200):yyyy-MM-dd} until {Day.AddDays(-10):yyyy-MM-dd}", pair.Reasons);
        Assert.Contains("10 of 10 places free", pair.Reasons);
        Assert.Equal(1, result.ContinuityPairs);
    }

    [Fact]
    public void Assign_ContactBeforeTheDay_IsContinuityAndALaterOneIsNot()
    {
        // k2 is fuller (9 of 10 places free against 10 of 10): only continuity brings c1 to k2.
        var nodes = new[] { Coach("k1", 10), Coach("k2", 10), Citizen("c0"), Citizen("c1") };
        TieRecord[] ties = [Coaching("k2", "c0")];
        var met = Assert.Single(Assign(nodes, ties, [Met("k2", "c1", new DateOnly(2026, 3, 2)), Met("k2", "c1", new DateOnly(2026, 3, 9))]).Pairs);
        Assert.Equal("k2", met.Coach);
        Assert.True(met.Continuity);
        Assert.Contains("met before on 2026-03-09", met.Reasons); // the last meeting
        var later = Assert.Single(Assign(nodes, ties, [Met("k2", "c1", Day.AddDays(1))]).Pairs);
        Assert.Equal("k1", later.Coach); // a meeting after the assignment day is not history yet: balance decides
        Assert.False(later.Continuity);
    }

    [Fact]
    public void Assign_AcquaintanceWithACoach_IsNotContinuity()
    {
        var pair = Assert.Single(Assign([Coach("k1", 10), Coach("k2", 20), Citizen("c0"), Citizen("c1")],
            [Coaching("k1", "c0"), new TieRecord("k1", "c1", TieKind.Acquaintance)]).Pairs);
        Assert.Equal("k2", pair.Coach);
        Assert.False(pair.Continuity);
    }

    [Fact]
    public void Assign_NoContinuity_PrefersTheCoachWithMoreFreePlacesRelativeToCapacity()
    {
        var pair = Assert.Single(Assign(
            [Coach("k1", 2), Coach("k2", 4), Citizen("c0"), Citizen("c1"), Citizen("c2")],
            [Coaching("k1", "c1"), Coaching("k2", "c2")]).Pairs);
        Assert.Equal("k2", pair.Coach); // 3/4 free against 1/2
        Assert.Equal(0.75, pair.Balance, 12);
    }

    [Fact]
    public void Assign_BalanceSteps_SpreadTheLoadOverCoaches()
    {
        var result = Assign([Coach("k1", 4), Coach("k2", 4), .. Enumerable.Range(0, 4).Select(i => Citizen($"c{i}"))], []);
        Assert.Equal(4, result.Pairs.Count);
        Assert.Equal(2, result.Pairs.Count(p => p.Coach == "k1"));
        Assert.Equal(2 * (1 + 0.75), result.TotalBalance, 12); // each coach's places score 4/4, then 3/4
    }

    [Fact]
    public void Assign_BalanceStepsBelowOne_Throws()
    {
        var (graph, history) = Data([Coach("k1", 4)], []);
        Assert.Throws<InvalidOptionsException>(() => CoachAssignment.Assign(graph, history, new CoachAssignmentOptions { BalanceSteps = 0 }));
    }

    [Fact]
    public void Assign_CitizenWithAHub_GoesOnlyToACoachOfThatHub()
    {
        // k1 shares c1's area but not its hub; k2 is of c1's hub in another area. c2 has no hub: the same area decides.
        var nodes = new[]
        {
            Coach("k1", 5, "A") with { Hub = "hub-a" }, Coach("k2", 5, "B") with { Hub = "hub-x" },
            Citizen("c1", "A") with { Hub = "hub-x" }, Citizen("c2", "A"),
        };
        var result = Assign(nodes, []);
        Assert.Equal(("c1", "k2"), (result.Pairs[0].Citizen, result.Pairs[0].Coach));
        Assert.Contains("same hub hub-x", result.Pairs[0].Reasons);
        Assert.Equal(("c2", "k1"), (result.Pairs[1].Citizen, result.Pairs[1].Coach));
        Assert.Contains("same area A (the citizen has no hub)", result.Pairs[1].Reasons);
    }

    [Fact]
    public void Assign_NoCoachOfTheHub_ExplainsAndAnyHubLiftsTheRule()
    {
        var nodes = new[] { Coach("k1", 5, "A") with { Hub = "hub-a" }, Coach("k2", 5, "A"), Citizen("c1", "A") with { Hub = "hub-x" } };
        var left = Assert.Single(Assign(nodes, []).Unassigned);
        Assert.Equal("no eligible coach: 2 coaches not of hub hub-x (allow any hub to include them)", left.Reason);
        var pair = Assert.Single(Assign(nodes, [], options: new CoachAssignmentOptions { AnyHub = true }).Pairs);
        Assert.Contains(pair.Reasons, r => r.EndsWith(", any hub allowed", StringComparison.Ordinal));
    }

    [Fact]
    public void Assign_CitizenWithNeitherHubNorArea_NeedsAnyHub()
    {
        var nodes = new[] { Coach("k1", 5), new NodeRecord("c1", NodeKind.Citizen) };
        Assert.Contains("neither a hub nor an area", Assert.Single(Assign(nodes, []).Unassigned).Reason);
        Assert.Single(Assign(nodes, [], options: new CoachAssignmentOptions { AnyHub = true }).Pairs);
    }

    [Fact]
    public void Assign_StatedLanguages_NeedACoachSharingOne()
    {
        var nodes = new[] { Coach("k1", 5, "A", "en"), Coach("k2", 1, "A", "en", "pl"), Citizen("c1", "A", "pl", "uk"), Citizen("c2") };
        var result = Assign(nodes, []);
        var c1 = result.Pairs.Single(p => p.Citizen == "c1");
        Assert.Equal("k2", c1.Coach);
        Assert.Contains("shares language pl", c1.Reasons);
        Assert.Equal("k1", result.Pairs.Single(p => p.Citizen == "c2").Coach); // no languages stated: any coach
    }

    [Fact]
    public void Assign_Needs_AtLeastOneMustBeCoveredAndGoalsThatAreNoSpecialismAreNoNeeds()
    {
        // Needs of c1: health and ips ("gardening" is no coach's specialism, so no need). k1 covers ips only — enough.
        var nodes = new[]
        {
            Coach("k1", 2) with { Specialisms = ["ips"] }, Coach("k2", 50) with { Specialisms = ["young_people"] },
            Citizen("c1") with { Goals = ["gardening", "health", "ips"] }, Citizen("c2") with { Goals = ["gardening"] },
            Coach("k3", 0, "Z") with { Specialisms = ["health"] },
        };
        var result = Assign(nodes, []);
        var c1 = result.Pairs.Single(p => p.Citizen == "c1");
        Assert.Equal("k1", c1.Coach);
        Assert.Contains("covers need ips (not health)", c1.Reasons);
        var c2 = result.Pairs.Single(p => p.Citizen == "c2");
        Assert.Equal("k2", c2.Coach); // no need: every coach of the area will do, and k2 is emptier
        Assert.DoesNotContain(c2.Reasons, r => r.StartsWith("covers", StringComparison.Ordinal));
    }

    [Fact]
    public void Assign_NeedNobodyInReachCovers_IsNamedInTheReason()
    {
        var nodes = new[]
        {
            Coach("k1", 5) with { Specialisms = ["ips"] }, Coach("k2", 5, "B") with { Specialisms = ["health"] },
            Citizen("c1") with { Goals = ["health"] },
        };
        var left = Assert.Single(Assign(nodes, []).Unassigned);
        Assert.Equal("no eligible coach: 1 coach not in area A, the citizen having no hub (allow any hub to include them); "
            + "1 coach covering none of the citizen's needs (health)", left.Reason);
    }

    [Fact]
    public void Assign_HardRules_ExplainEveryUnassignedCitizen()
    {
        var left = Assert.Single(Assign([Coach("k1", 5, "A", "en"), Coach("k2", null), Coach("k3", 5, "B"), Citizen("c1", "A", "cy")], []).Unassigned);
        Assert.Equal("c1", left.Citizen);
        Assert.Contains("1 coach with no free place", left.Reason);
        Assert.Contains("1 coach not in area A", left.Reason);
        Assert.Contains("1 coach sharing none of the citizen's languages (cy)", left.Reason);
    }

    [Fact]
    public void Assign_Suits_IsAnExtraRule()
    {
        var nodes = new[] { Coach("k1", 5), Coach("k2", 5), Citizen("c1") };
        var result = Assign(nodes, [], options: new CoachAssignmentOptions { Suits = (coach, _) => coach == "k2" });
        var pair = Assert.Single(result.Pairs);
        Assert.Equal("k2", pair.Coach);
        Assert.Contains("passes the Suits rule", pair.Reasons);
        var none = Assign(nodes, [], options: new CoachAssignmentOptions { Suits = (_, _) => false });
        Assert.Contains("2 coaches ruled out by the Suits rule", Assert.Single(none.Unassigned).Reason);
    }

    [Fact]
    public void Assign_Coaches_OnlyTheListedAreChosenButEveryCoachsSpecialismIsANeed()
    {
        var health = Coach("k2", 3) with { Specialisms = ["health"] };
        var result = Assign([Coach("k1", 3), health, Citizen("c1"), Citizen("c2") with { Goals = ["health"] }], [],
            options: new CoachAssignmentOptions { Coaches = ["k1", "nobody"] });
        Assert.Equal(("c1", "k1"), (Assert.Single(result.Pairs).Citizen, result.Pairs[0].Coach));
        Assert.Contains("health", Assert.Single(result.Unassigned).Reason);
    }

    [Fact]
    public void Assign_ListedCitizenWithACoach_IsReportedNotReassigned()
    {
        var result = Assign([Coach("k1", 5), Coach("k2", 5), Citizen("c1"), Citizen("c2")], [Coaching("k1", "c1")],
            options: new CoachAssignmentOptions { Citizens = ["c1", "c2"] });
        Assert.Equal(2, result.Citizens);
        Assert.Equal("c2", Assert.Single(result.Pairs).Citizen);
        var left = Assert.Single(result.Unassigned);
        Assert.Equal("c1", left.Citizen);
        Assert.StartsWith($"already has a coach: k1 since {Day.AddDays(-100):yyyy-MM-dd}", left.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Assign_ListedCitizens_RejectsAnIdThatIsNotACitizen()
    {
        var (graph, history) = Data([Coach("k1", 5), Citizen("c1")], []);
        Assert.Throws<WrongNodeKindException>(() => CoachAssignment.Assign(graph, history, new CoachAssignmentOptions { Citizens = ["k1"] }));
        Assert.Throws<UnknownNodeException>(() => CoachAssignment.Assign(graph, history, new CoachAssignmentOptions { Citizens = ["x"] }));
        Assert.Throws<ArgumentNullException>(() => CoachAssignment.Assign(graph, null!));
    }

    [Fact]
    public void Handover_LeavingCoach_ReassignsTheCaseloadMetCoachAndHubFirstWithoutWriting()
    {
        var leaving = Day.AddDays(30);
        var (graph, history) = Data(
            [
                Coach("k1", 5) with { Hub = "h" }, Coach("k2", 5) with { Hub = "h" }, Coach("k3", 5) with { Hub = "h" },
                Coach("k4", 50) with { Hub = "other" },
                Citizen("c1") with { Hub = "h" }, Citizen("c2") with { Hub = "h" }, Citizen("c3") with { Hub = "h" },
                Citizen("c4") with { Hub = "h" }, Citizen("c5") with { Hub = "h" },
            ],
            [
                Coaching("k1", "c1"), Coaching("k1", "c2"),
                new TieRecord("k1", "c3", TieKind.Coaching) { Since = Day.AddDays(-100), Until = leaving }, // ended on the day: still handed over
                Coaching("k1", "c4", sinceDaysAgo: 300, untilDaysAgo: 200), // ended long ago: not in the caseload
                Coaching("k1", "c5"), new TieRecord("k2", "c5", TieKind.Coaching) { Since = leaving }, // already handed over
            ],
            [Met("k3", "c2", new DateOnly(2026, 3, 2))]);
        var result = CoachAssignment.Handover(graph, history, "k1", leaving);
        Assert.Equal(leaving, result.Day);
        Assert.Equal("k1", result.LeavingCoach);
        Assert.Equal(3, result.Citizens);
        Assert.Equal(["c1", "c2", "c3"], result.Pairs.Select(p => p.Citizen));
        Assert.DoesNotContain(result.Pairs, p => p.Coach is "k1" or "k4");
        var c2 = result.Pairs[1];
        Assert.Equal("k3", c2.Coach);
        Assert.Contains("met before on 2026-03-02", c2.Reasons);
        Assert.Contains("same hub h", c2.Reasons);
        Assert.Equal(1, result.ContinuityPairs);
        Assert.Contains("4 of 5 places free", result.Pairs.Single(p => p.Coach == "k2").Reasons); // c5 counts for k2 on the day
        Assert.Equal(4, CoachAssignment.Caseloads(graph, history, Day, null)[graph.IndexOf("k1")]); // c1, c2, c3, c5: unchanged
    }

    [Fact]
    public void Handover_OnlyTheLeaverCoversANeed_ExplainsWhy()
    {
        var (graph, history) = Data(
            [Coach("k1", 5) with { Specialisms = ["ips"] }, Coach("k2", 5) with { Specialisms = ["health"] }, Citizen("c1") with { Goals = ["ips"] }],
            [Coaching("k1", "c1")]);
        var left = Assert.Single(CoachAssignment.Handover(graph, history, "k1", Day).Unassigned);
        Assert.Equal("no eligible coach: 1 coach covering none of the citizen's needs (ips)", left.Reason);
    }

    [Fact]
    public void Assign_City_CapacityHoldsAndEveryCitizenIsAccountedFor()
    {
        // city-10k states no coach capacity: give every coach 40 places, so some areas run short.
        var dataset = DatasetReader.Read(TestData.Sample("city-10k"));
        var nodes = dataset.Nodes.Select(n => n.Kind == NodeKind.Coach ? n with { Capacity = 40 } : n);
        var graph = Dataset.Create(nodes, dataset.Ties).ToGraph(new GraphOptions { AsOf = new DateOnly(2026, 1, 1) });
        var history = CoachingHistory.Of(dataset.Ties, dataset.Contacts);
        var result = CoachAssignment.Assign(graph, history);
        Assert.True(result.Pairs.Count > 50);
        Assert.Equal(result.Citizens, result.Pairs.Count + result.Unassigned.Count);
        var load = CoachAssignment.Caseloads(graph, history, graph.AsOf, null);
        foreach (var coach in result.Pairs.GroupBy(p => p.Coach))
            Assert.True(coach.Count() <= 40 - load[graph.IndexOf(coach.Key)]);
        Assert.All(result.Unassigned, u => Assert.False(string.IsNullOrWhiteSpace(u.Reason)));

        var busiest = Enumerable.Range(0, graph.NodeCount).Where(u => graph.Kind(u) == NodeKind.Coach).MaxBy(u => load[u]);
        var handover = CoachAssignment.Handover(graph, history, graph.Id(busiest), graph.AsOf.AddDays(1));
        Assert.InRange(handover.Citizens, 1, load[busiest]); // the caseload on the day before leaving, less any already handed over
        Assert.Equal(handover.Citizens, handover.Pairs.Count + handover.Unassigned.Count);
        Assert.DoesNotContain(handover.Pairs, p => p.Coach == graph.Id(busiest));
    }

    [Fact]
    public void Handover_NotACoach_Throws()
    {
        var (graph, history) = Data([Coach("k1", 5), Citizen("c1")], []);
        Assert.Throws<WrongNodeKindException>(() => CoachAssignment.Handover(graph, history, "c1", Day));
        Assert.Throws<UnknownNodeException>(() => CoachAssignment.Handover(graph, history, "nobody", Day));
    }
}
