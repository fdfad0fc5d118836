using SocialCapital.Graph;
using SocialCapital.Interchange;
using SocialCapital.Live;
using SocialCapital.Model;
using SocialCapital.Recommendations;
using SocialCapital.Storage;

namespace SocialCapital.Tests.Recommendations;

/// <summary>Proposals in capacity, matching, cohort assignment, rounds and the live graph, on one small programme:
/// mentors m1 (capacity 2) and m2 (capacity 1) in area A; c1 has a pending proposal of m1, c2 declined m2, c3's
/// proposal of m1 expired 30 days ago (made 40 days ago), c4 was never proposed.</summary>
public class MatchingRoundTests
{
    private static readonly DateOnly Day = new(2026, 12, 3);
    private static readonly GraphOptions AsOf = new() { AsOf = Day };

    private static NodeRecord Mentor(string id, int capacity) => new(id, NodeKind.Mentor) { Area = "A", Capacity = capacity };

    private static ProposalRecord Pending(string id, string citizen, string mentor) =>
        new(id, citizen, mentor, Day.AddDays(-2), Day.AddDays(8));

    private static Dataset Programme(IEnumerable<ProposalRecord>? extra = null) => Dataset.Create(
        [Mentor("m1", 2), Mentor("m2", 1), new NodeRecord("coach1", NodeKind.Coach) { Area = "A" },
            .. new[] { "c1", "c2", "c3", "c4" }.Select(c => TestData.Citizen(c, "A"))],
        [TestData.Friend("c1", "c2")],
        proposals:
        [
            Pending("p1", "c1", "m1"),
            new ProposalRecord("p2", "c2", "m2", Day.AddDays(-20), Day.AddDays(-10)) { Status = ProposalStatus.Declined, Decided = Day.AddDays(-15), Reason = "too far" },
            new ProposalRecord("p3", "c3", "m1", Day.AddDays(-40), Day.AddDays(-30)) { Status = ProposalStatus.Expired, Decided = Day.AddDays(-30) },
            .. extra ?? [],
        ]);

    [Fact]
    public void FreePlaces_PendingProposal_HoldsAPlace()
    {
        var graph = Programme().ToGraph(AsOf);
        Assert.Equal(1, MentorIndex.FreePlaces(graph, graph.IndexOf("m1")));
        Assert.Equal(1, MentorIndex.FreePlaces(graph, graph.IndexOf("m2")));
        Assert.True(graph.Mentoring.HasPendingProposal(graph.IndexOf("c1")));
        Assert.True(graph.Mentoring.Declined(graph.IndexOf("m2"), graph.IndexOf("c2")));
    }

    [Fact]
    public void FreePlaces_OnTheExpiryDay_PlaceIsFreeAgain()
    {
        var graph = Programme().ToGraph(new GraphOptions { AsOf = Day.AddDays(8) });
        Assert.Equal(2, MentorIndex.FreePlaces(graph, graph.IndexOf("m1")));
        Assert.False(graph.Mentoring.HasPendingProposal(graph.IndexOf("c1")));
    }

    [Fact]
    public void ForCitizen_DeclinedAndPendingPairs_AreIneligibleWithTheirOwnReasons()
    {
        var graph = Programme().ToGraph(AsOf);
        var c2 = MentorMatching.ForCitizen(graph, "c2", new MatchOptions { Top = 0 });
        Assert.Equal(["m1"], c2.Matches.Select(m => m.Mentor));
        Assert.Equal(1, c2.Ineligible.DeclinedBefore);
        Assert.Contains("declined by this citizen before", c2.Ineligible.ToString(), StringComparison.Ordinal);
        var c1 = MentorMatching.ForCitizen(graph, "c1", new MatchOptions { Top = 0 });
        Assert.Equal(["m2"], c1.Matches.Select(m => m.Mentor));
        Assert.Equal(1, c1.Ineligible.AlreadyProposed);
    }

    [Fact]
    public void Assign_DefaultCohort_LeavesOutCitizensWithAPendingProposalAndCountsItsPlace()
    {
        var graph = Programme().ToGraph(AsOf);
        var result = CohortAssignment.Assign(graph);
        Assert.Equal(3, result.Citizens); // c2, c3, c4
        Assert.Equal(2, result.Pairs.Count); // m1 has one place left, m2 one
        Assert.DoesNotContain(result.Pairs, p => p.Citizen == "c1");
        Assert.DoesNotContain(result.Pairs, p => p is { Citizen: "c2", Mentor: "m2" });
    }

    [Fact]
    public void Propose_Programme_FillsTheFreePlacesLongestWaitingFirst()
    {
        var dataset = Programme();
        var result = MatchingRound.Propose(dataset.ToGraph(AsOf), dataset.Proposals, new RoundOptions { ProposedBy = "coach1" });
        Assert.Equal(2, result.Proposals.Count);
        Assert.Contains(result.Proposals, p => p.Citizen == "c3"); // waited 40 days: weight 1 + 40/30
        Assert.Equal(40, result.WaitedDays["c3"]);
        Assert.Equal(0, result.WaitedDays["c4"]);
        Assert.Equal(20, result.WaitedDays["c2"]);
        Assert.DoesNotContain(result.Proposals, p => p is { Citizen: "c2", Mentor: "m2" });
        Assert.Equal(["r20261203-1-1", "r20261203-1-2"], result.Proposals.Select(p => p.Id));
        Assert.All(result.Proposals, p =>
        {
            Assert.Equal(ProposalStatus.Proposed, p.Status);
            Assert.Equal(Day, p.Proposed);
            Assert.Equal(Day.AddDays(10), p.Expires);
            Assert.Equal("coach1", p.ProposedBy);
        });
        Assert.Single(result.Waiting);
        Assert.Single(result.Unproposed);
        Assert.Equal(result.Proposals.GroupBy(p => p.Mentor).Count(), result.Proposals.Count); // one place each
    }

    [Fact]
    public void Propose_ListedCitizenNotWaiting_IsReportedNotProposed()
    {
        var dataset = Programme();
        var result = MatchingRound.Propose(dataset.ToGraph(AsOf), dataset.Proposals, new RoundOptions { Citizens = ["c1", "c4"] });
        Assert.Equal([new UnassignedCitizen("c1", "has a pending proposal")], result.NotWaiting);
        Assert.All(result.Proposals, p => Assert.Equal("c4", p.Citizen));
    }

    [Fact]
    public void Propose_SecondRoundOnTheSameDay_NumbersItsIdsOn()
    {
        var dataset = Programme([new ProposalRecord("r20261203-1-1", "c4", "m2", Day, Day.AddDays(10))]);
        var result = MatchingRound.Propose(dataset.ToGraph(AsOf), dataset.Proposals);
        Assert.All(result.Proposals, p => Assert.StartsWith("r20261203-2-", p.Id, StringComparison.Ordinal));
        Assert.DoesNotContain(result.Proposals, p => p.Mentor == "m2"); // its one place is held
    }

    [Fact]
    public void Propose_ExpiredPair_MayBeProposedAgain()
    {
        var dataset = Programme();
        var result = MatchingRound.Propose(dataset.ToGraph(AsOf), dataset.Proposals,
            new RoundOptions { Citizens = ["c3"], Match = new MatchOptions { ExcludedPairs = [("c3", "m2")] } });
        Assert.Equal("m1", Assert.Single(result.Proposals).Mentor);
    }

    /// <summary>Waiting counts from the earliest proposal made on or after the citizen's last pairing began or ended.</summary>
    [Fact]
    public void Propose_AfterAPairingEnded_WaitingCountsFromTheNextProposal()
    {
        var dataset = Dataset.Create(Programme().Nodes,
            [new TieRecord("m2", "c4", TieKind.Mentoring) { Since = Day.AddDays(-50), Until = Day.AddDays(-10) }],
            proposals:
            [
                new ProposalRecord("old", "c4", "m1", Day.AddDays(-100), Day.AddDays(-90)) { Status = ProposalStatus.Expired, Decided = Day.AddDays(-90) },
                new ProposalRecord("new", "c3", "m1", Day.AddDays(-5), Day.AddDays(5)) { Status = ProposalStatus.Withdrawn, Decided = Day.AddDays(-4) },
            ]);
        var result = MatchingRound.Propose(dataset.ToGraph(AsOf), dataset.Proposals);
        Assert.Equal(0, result.WaitedDays["c4"]); // its proposal came before the pairing that ended 10 days ago
        Assert.Equal(5, result.WaitedDays["c3"]);

        // Live: the pairing's end moves as the tie is edited.
        var live = LiveGraph.Create(dataset, new LiveGraphOptions { Graph = AsOf });
        live.Apply(new GraphEdit.DeleteTies("m2", "c4", TieKind.Mentoring));
        var after = MatchingRound.Propose(live.Current.Graph, live.Current.Proposals);
        Assert.Equal(100, after.WaitedDays["c4"]);
    }

    [Fact]
    public void Propose_ProposalsNotOfTheGraph_Throws()
    {
        var dataset = Programme();
        Assert.Throws<ArgumentException>(() => MatchingRound.Propose(dataset.ToGraph(AsOf), []));
    }

    [Fact]
    public void Propose_ProposedByNotACoach_Throws()
    {
        var dataset = Programme();
        var graph = dataset.ToGraph(AsOf);
        Assert.Throws<UnknownNodeException>(() => MatchingRound.Propose(graph, dataset.Proposals, new RoundOptions { ProposedBy = "nobody" }));
        Assert.Throws<WrongNodeKindException>(() => MatchingRound.Propose(graph, dataset.Proposals, new RoundOptions { ProposedBy = "m1" }));
    }

    /// <summary>A proposal made for a later day still undecided: the pair is not proposed again over it.</summary>
    [Fact]
    public void Propose_LaterUndecidedProposalOfAPair_IsNotOverlapped()
    {
        var dataset = Programme([new ProposalRecord("later", "c4", "m2", Day.AddDays(3), Day.AddDays(13))]);
        var result = MatchingRound.Propose(dataset.ToGraph(AsOf), dataset.Proposals, new RoundOptions { Citizens = ["c4"] });
        Assert.Equal("m1", Assert.Single(result.Proposals).Mentor);
    }

    [Fact]
    public void Propose_BadOptions_ThrowsWithEveryProblem()
    {
        var dataset = Programme();
        var e = Assert.Throws<InvalidOptionsException>(() => MatchingRound.Propose(dataset.ToGraph(AsOf), dataset.Proposals,
            new RoundOptions { ExpiresInDays = 0, WaitingWeight = -1, ProposedBy = "a b" }));
        Assert.Equal(["ExpiresInDays", "WaitingWeight", "ProposedBy"], e.Problems.Select(p => p.Option));
    }

    [Fact]
    public void Expire_OnTheExpiryDay_ExpiresWithDecidedTheExpiryDay()
    {
        var proposals = Programme().Proposals;
        Assert.Empty(MatchingRound.Expire(proposals, Day.AddDays(7)));
        var expired = Assert.Single(MatchingRound.Expire(proposals, Day.AddDays(8)));
        Assert.Equal(("p1", ProposalStatus.Expired, (DateOnly?)Day.AddDays(8)), (expired.Id, expired.Status, expired.Decided));
    }

    [Fact]
    public void LiveGraph_ProposalEdits_HoldAndFreePlacesLikeAFullBuild()
    {
        var live = LiveGraph.Create(Programme(), new LiveGraphOptions { Graph = AsOf });
        Assert.Equal(1, live.Current.FreePlaces("m1"));
        var p4 = Pending("p4", "c4", "m1");
        var change = live.Apply(new GraphEdit.UpsertProposals([p4]));
        Assert.Equal(WriteEffect.Created, change.Outcomes[0].Effect);
        Assert.Equal(0, live.Current.FreePlaces("m1"));
        Assert.Same(p4, live.Current.Proposal("p4"));
        Assert.Equal(WriteEffect.Unchanged, live.Apply(new GraphEdit.UpsertProposals([p4])).Outcomes[0].Effect);

        // Accepted with its tie: the place moves from the proposal to the pairing.
        var accepted = p4 with { Status = ProposalStatus.Accepted, Decided = Day };
        var tie = new TieRecord("m1", "c4", TieKind.Mentoring) { Since = Day };
        Assert.Equal(WriteEffect.Created, live.Apply(new GraphEdit.UpsertProposals([accepted], tie)).Outcomes[0].Effect);
        var graph = live.Current.Graph;
        Assert.Equal(0, live.Current.FreePlaces("m1"));
        Assert.True(graph.Mentoring.HasCurrentMentor(graph.IndexOf("c4")));
        Assert.False(graph.Mentoring.HasPendingProposal(graph.IndexOf("c4")));

        // c1 declines m1: the place is free, the pair never proposed again.
        live.Apply(new GraphEdit.UpsertProposals([Pending("p1", "c1", "m1") with { Status = ProposalStatus.Declined, Decided = Day }]));
        Assert.Equal(1, live.Current.FreePlaces("m1"));
        Assert.Equal(1, MentorMatching.ForCitizen(live.Current.Graph, "c1", new MatchOptions { Top = 0 }).Ineligible.DeclinedBefore);

        var dataset = live.Current.ToDataset();
        Assert.Equal(live.Current.Proposals, dataset.Proposals);
        var rebuilt = dataset.ToGraph(AsOf);
        foreach (var m in new[] { "m1", "m2" }) Assert.Equal(MentorIndex.FreePlaces(rebuilt, rebuilt.IndexOf(m)), live.Current.FreePlaces(m));
        foreach (var c in new[] { "c1", "c2", "c3", "c4" })
        {
            var b = rebuilt.IndexOf(c);
            Assert.Equal(rebuilt.Mentoring.HasPendingProposal(b), live.Current.Graph.Mentoring.HasPendingProposal(live.Current.Graph.IndexOf(c)));
            Assert.Equal(rebuilt.Mentoring.LastPairing(b), live.Current.Graph.Mentoring.LastPairing(live.Current.Graph.IndexOf(c)));
        }
    }

    [Fact]
    public async Task CompactAsync_OnTheExpiryDay_FreesThePlace()
    {
        var live = LiveGraph.Create(Programme(), new LiveGraphOptions { Graph = AsOf });
        Assert.Equal(1, live.Current.FreePlaces("m1"));
        var fresh = await live.CompactAsync(Day.AddDays(8));
        Assert.Equal(2, fresh.FreePlaces("m1"));
        Assert.Equal(3, fresh.Proposals.Count);
    }

    [Fact]
    public void LiveGraph_StatusChanges_AreKeptByPersonAndDayAndLeaveTheGraph()
    {
        var live = LiveGraph.Create(Programme(), new LiveGraphOptions { Graph = AsOf });
        var before = live.Current.Graph;
        var change = new StatusChange("c4", Day.AddDays(-3), Employment.Employed);
        Assert.Equal(WriteEffect.Created, live.Apply(new GraphEdit.UpsertStatus(change)).Outcomes[0].Effect);
        Assert.Equal(WriteEffect.Unchanged, live.Apply(new GraphEdit.UpsertStatus(change)).Outcomes[0].Effect);
        Assert.Equal(WriteEffect.Updated,
            live.Apply(new GraphEdit.UpsertStatus(change with { Employment = Employment.SelfEmployed })).Outcomes[0].Effect);
        Assert.Equal([change with { Employment = Employment.SelfEmployed }], live.Current.StatusHistory);
        Assert.Equal(before.WorkStatus(before.IndexOf("c4")), live.Current.Graph.WorkStatus(live.Current.Graph.IndexOf("c4")));
        Assert.Equal(live.Current.StatusHistory, live.Current.ToDataset().StatusHistory);
    }

    [Fact]
    public void LiveGraph_DeleteNode_DropsItsProposalsAndFreesTheirPlaces()
    {
        var live = LiveGraph.Create(Programme(), new LiveGraphOptions { Graph = AsOf });
        live.Apply(new GraphEdit.DeleteNode("c1"));
        Assert.Equal(2, live.Current.FreePlaces("m1"));
        Assert.DoesNotContain(live.Current.Proposals, p => p.Citizen == "c1");
        Assert.Null(live.Current.Proposal("p1"));
    }

    [Fact]
    public void LiveGraph_UpsertProposalsOfAnUnknownNode_ThrowsAndChangesNothing()
    {
        var live = LiveGraph.Create(Programme(), new LiveGraphOptions { Graph = AsOf });
        var before = live.Current;
        Assert.Throws<DataValidationException>(() => live.Apply(new GraphEdit.UpsertProposals([Pending("p9", "nobody", "m1")])));
        Assert.Same(before, live.Current);
    }
}
