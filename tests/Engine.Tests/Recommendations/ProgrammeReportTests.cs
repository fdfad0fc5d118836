using SocialCapital.Graph;
using SocialCapital.Interchange;
using SocialCapital.Live;
using SocialCapital.Model;
using SocialCapital.Recommendations;
using SocialCapital.Storage;

namespace SocialCapital.Tests.Recommendations;

/// <summary>The programme report on a hand-computed programme (area A unless noted; report as of 2026-12-01):
/// <list type="bullet">
/// <item>m1 employed, SES 0.8; m2 retired, SES 0.3.</item>
/// <item>c1 (SES 0.2): proposed m1 on 01-01, accepted 01-10 (9 days); paired 01-10 – 06-10, completed ("goals met");
/// out of work from 01-01, employed 03-15.</item>
/// <item>c2 (SES 0.4): proposed m2 on 01-20, accepted 02-01 (12 days); paired 02-01 – 03-01, ended early ("moved away");
/// out of work from 01-01, employed 07-01.</item>
/// <item>c3: declined m1 (05 Jan, "too far"), m2's proposal of 01-15 expired; never paired; out of work from 01-01,
/// employed 05-01.</item>
/// <item>c4 lives in area B: proposed and paired with m1 in March (left out by the area).</item>
/// <item>c5: proposed m1 on 02-01 (still "proposed", lapsed 02-11: expired) and m2 on 11-25 (pending); no history,
/// unemployed in nodes.csv.</item>
/// </list>
/// Hand-computed: 6 proposals (2 accepted, 1 declined, 2 expired, 1 pending), median 10.5 days; 2 pairings started, both
/// ended (1 completed, 1 early), none active; work-status bridging 1/2 (m2 is retired), class 1/2 (m1–c1 only);
/// mentored: 3 months c1 yes, c2 no (1/2), 6 months both (2/2); waiting (c3, c5): 3 months none (0/2), 6 months c3 (1/2).</summary>
public class ProgrammeReportTests
{
    private static readonly DateOnly AsOf = new(2026, 12, 1);

    private static DateOnly D(int month, int day) => new(2026, month, day);

    private static Dataset Programme() => Dataset.Create(
        [
            new NodeRecord("m1", NodeKind.Mentor) { Area = "A", Employment = Employment.Employed, Ses = 0.8, Capacity = 3 },
            new NodeRecord("m2", NodeKind.Mentor) { Area = "A", Employment = Employment.Retired, Ses = 0.3, Capacity = 3 },
            TestData.Citizen("c1", "A", Employment.Employed, 0.2),
            TestData.Citizen("c2", "A", Employment.Employed, 0.4),
            TestData.Citizen("c3", "A", Employment.Employed),
            TestData.Citizen("c4", "B", Employment.Unemployed),
            TestData.Citizen("c5", "A", Employment.Unemployed),
        ],
        [
            new TieRecord("m1", "c1", TieKind.Mentoring) { Since = D(1, 10), Until = D(6, 10), Outcome = PairingOutcome.Completed, EndReason = "goals met" },
            new TieRecord("m2", "c2", TieKind.Mentoring) { Since = D(2, 1), Until = D(3, 1), Outcome = PairingOutcome.EndedEarly, EndReason = "moved away" },
            new TieRecord("m1", "c4", TieKind.Mentoring) { Since = D(3, 1) },
        ],
        proposals:
        [
            new ProposalRecord("p1", "c1", "m1", D(1, 1), D(1, 11)) { Status = ProposalStatus.Accepted, Decided = D(1, 10) },
            new ProposalRecord("p2", "c2", "m2", D(1, 20), D(1, 30)) { Status = ProposalStatus.Accepted, Decided = D(2, 1) },
            new ProposalRecord("p3", "c3", "m1", D(1, 5), D(1, 15)) { Status = ProposalStatus.Declined, Decided = D(1, 8), Reason = "too far" },
            new ProposalRecord("p4", "c3", "m2", D(1, 15), D(1, 25)) { Status = ProposalStatus.Expired, Decided = D(1, 25) },
            new ProposalRecord("p5", "c5", "m2", D(11, 25), D(12, 5)),
            new ProposalRecord("p6", "c5", "m1", D(2, 1), D(2, 11)),
            new ProposalRecord("p7", "c4", "m1", D(2, 20), D(3, 2)) { Status = ProposalStatus.Accepted, Decided = D(3, 1) },
        ],
        statusHistory:
        [
            new StatusChange("c1", D(1, 1), Employment.Unemployed), new StatusChange("c1", D(3, 15), Employment.Employed),
            new StatusChange("c2", D(1, 1), Employment.Unemployed), new StatusChange("c2", D(7, 1), Employment.Employed),
            new StatusChange("c3", D(1, 1), Employment.Unemployed), new StatusChange("c3", D(5, 1), Employment.Employed),
        ]);

    private static readonly ProgrammeReportOptions Whole = new() { From = D(1, 1), To = AsOf, Area = "A", MinCellSize = 0, AsOf = AsOf };

    [Fact]
    public void Compute_Programme_MatchesTheHandComputedFigures()
    {
        var report = ProgrammeReport.Compute(Programme(), Whole);
        Assert.Equal((6, 2, 1, 2, 0, 1), (report.ProposalsMade, report.Accepted, report.Declined, report.Expired, report.Withdrawn, report.Pending));
        Assert.Equal([new ReasonCount("too far", 1)], report.DeclinedByReason);
        Assert.Equal(10.5, report.MedianDaysToAcceptance);
        Assert.Equal((2, 0, 1, 1, 0), (report.PairingsStarted, report.PairingsActive, report.PairingsCompleted, report.PairingsEndedEarly, report.PairingsEndedUnrecorded));
        Assert.Equal([new ReasonCount("moved away", 1)], report.EndedEarlyByReason); // completed pairings need no reason
        Assert.Equal(0.5, report.BridgingWorkStatusShare);
        Assert.Equal(0.5, report.BridgingClassShare);
        Assert.Equal(
        [
            new EmploymentOutcome("mentored", 3, 2, 1, 0.5),
            new EmploymentOutcome("waiting", 3, 1, 0, 0.0, 1), // c5 has no history: counted apart, not as not in work
            new EmploymentOutcome("mentored", 6, 2, 2, 1.0),
            new EmploymentOutcome("waiting", 6, 1, 1, 1.0, 1),
        ], report.Outcomes);
        Assert.False(report.Suppressed);
        Assert.Contains("not causal", report.Caveat, StringComparison.Ordinal);
    }

    [Fact]
    public void Compute_FollowUpNotElapsed_LeavesTheCitizenOut()
    {
        // As of 05-01: c1's 3 months (to 04-10) and c2's (to 05-01) have elapsed, nobody's 6; c3's 3 months end 04-05,
        // c5's 05-01.
        var report = ProgrammeReport.Compute(Programme(), Whole with { AsOf = D(5, 1), To = D(5, 1) });
        Assert.Equal(new EmploymentOutcome("mentored", 3, 2, 1, 0.5), report.Outcomes[0]);
        Assert.Equal(new EmploymentOutcome("mentored", 6, 0, 0, null), report.Outcomes[2]);
        Assert.Equal(1, report.PairingsActive); // c2's ended 03-01, c1's runs to 06-10
    }

    [Fact]
    public void Compute_SmallCells_AreSuppressedAndFlagged()
    {
        var report = ProgrammeReport.Compute(Programme(), Whole with { MinCellSize = 2 });
        Assert.True(report.Suppressed);
        Assert.Equal(6, report.ProposalsMade);
        Assert.Null(report.Declined);
        Assert.Null(report.Pending);
        Assert.Equal(0, report.Withdrawn); // zero is shown
        Assert.Equal(10.5, report.MedianDaysToAcceptance);
        Assert.Null(report.BridgingClassShare);
        Assert.Equal(new EmploymentOutcome("mentored", 6, 2, 2, 1.0), report.Outcomes[2]);
        Assert.Equal(new EmploymentOutcome("mentored", 3, 2, null, null), report.Outcomes[0]);
        // A reason given fewer times than the cell size is free text about few people: never shown, only counted with the
        // others like it (here suppressed too).
        Assert.Equal([new ReasonCount(ProgrammeReport.OtherReasons, null)], report.DeclinedByReason);

        var byDefault = ProgrammeReport.Compute(Programme(), Whole with { MinCellSize = new ProgrammeReportOptions().MinCellSize });
        Assert.Null(byDefault.ProposalsMade);
    }

    [Fact]
    public void Compute_OnePartOfATotalSuppressed_TheSmallestOtherPartIsToo()
    {
        // Six proposals: 2 accepted, 1 declined, 3 expired or pending... with k = 2 the lone declined one is suppressed;
        // were every other part shown, it would be the total less them, so the smallest other non-zero part goes too.
        var report = ProgrammeReport.Compute(Programme(), Whole with { MinCellSize = 2 });
        int?[] parts = [report.Accepted, report.Declined, report.Expired, report.Withdrawn, report.Pending];
        Assert.NotNull(report.ProposalsMade);
        Assert.True(parts.Count(p => p is null) is 0 or >= 2, string.Join(",", parts));
    }

    [Fact]
    public void Compute_PastAsOf_DecisionsMadeLaterAreStillPending()
    {
        // As of 01-09: p1 (made 01-01, accepted 01-10) was still pending; p3 (declined 01-08) was declined.
        var report = ProgrammeReport.Compute(Programme(), Whole with { AsOf = D(1, 9), To = D(1, 9) });
        Assert.Equal((2, 0, 1, 1), (report.ProposalsMade, report.Accepted, report.Declined, report.Pending));
    }

    [Fact]
    public void Compute_EveryArea_CountsAreaB()
    {
        var report = ProgrammeReport.Compute(Programme(), Whole with { Area = null });
        Assert.Equal(7, report.ProposalsMade);
        Assert.Equal(1, report.PairingsActive);
        Assert.Equal(3, report.PairingsStarted);
    }

    [Fact]
    public void ProgrammeReport_LiveSnapshot_EqualsTheDatasetReport()
    {
        var live = LiveGraph.Create(Programme(), new LiveGraphOptions { Graph = new GraphOptions { AsOf = AsOf } });
        Assert.Equivalent(ProgrammeReport.Compute(Programme(), Whole), ProgrammeReport.Of(live.Current.Graph, live.Current.MentoringTies(), live.Current.Proposals, live.Current.Employment, Whole), strict: true);
    }

    /// <summary>The snapshot's employment index is made once and carried over by an edit that records no employment
    /// change; after one that does, the report reads the new change.</summary>
    [Fact]
    public void ProgrammeReport_LiveSnapshot_EmploymentIndexKeptUntilAStatusChange()
    {
        var live = LiveGraph.Create(Programme(), new LiveGraphOptions { Graph = new GraphOptions { AsOf = AsOf } });
        var index = live.Current.Employment;
        live.Apply(new GraphEdit.UpsertTie(TestData.Friend("c1", "c2")));
        Assert.Same(index, live.Current.Employment);

        var change = new StatusChange("c5", D(4, 1), Employment.Employed); // waiting since 1 Feb, in work within 3 months
        live.Apply(new GraphEdit.UpsertStatus(change));
        Assert.NotSame(index, live.Current.Employment);
        var report = ProgrammeReport.Of(live.Current.Graph, live.Current.MentoringTies(), live.Current.Proposals, live.Current.Employment, Whole);
        var edited = DatasetEdits.UpsertStatus(DatasetEdits.UpsertTie(Programme(), TestData.Friend("c1", "c2")).Dataset, change).Dataset;
        var expected = ProgrammeReport.Compute(edited, Whole);
        Assert.Equivalent(expected, report, strict: true);
        Assert.NotEqual(ProgrammeReport.Compute(Programme(), Whole).Outcomes, report.Outcomes); // the change is counted
    }

    [Fact]
    public void Compute_FromAfterTo_Throws()
    {
        var e = Assert.Throws<InvalidOptionsException>(() => ProgrammeReport.Compute(Programme(), Whole with { From = D(6, 1), To = D(5, 1) }));
        Assert.Equal("From", Assert.Single(e.Problems).Option);
    }
}
