using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using SocialCapital.Interchange;
using SocialCapital.Model;
using SocialCapital.Storage.Contract;

namespace SocialCapital.Tests.Interchange;

/// <summary>proposals.csv, status_history.csv and the ties' outcome columns: reading, the rules, writing, round trips.</summary>
public class LifecycleFormatTests
{
    private const string Nodes = "id,kind\nc1,citizen\nc2,citizen\nm1,mentor\nm2,mentor\nk1,coach\nw1,employer\n";
    private const string Ties = "source,target,kind\n";
    private const string ProposalHeader = "id,citizen,mentor,proposed_by,status,proposed,expires,decided,reason\n";
    private const string StatusHeader = "person,date,employment\n";

    private static Dataset Read(string nodes, string ties, string? proposals = null, string? history = null) =>
        DatasetReader.Read(Bytes(nodes), Bytes(ties), "nodes.csv", "ties.csv",
            proposals is null ? null : Bytes(proposals), history is null ? null : Bytes(history));

    private static MemoryStream Bytes(string text) => new(Encoding.UTF8.GetBytes(text));

    private static IReadOnlyList<DataProblem> Problems(string? proposals = null, string? history = null, string ties = Ties) =>
        Assert.Throws<DataValidationException>(() => Read(Nodes, ties, proposals, history)).Problems;

    [Fact]
    public void Read_ProposalsAndHistory_AreParsed()
    {
        var dataset = Read(Nodes, "source,target,kind,strength,since,until,outcome,end_reason\nm1,c1,mentoring,1,2026-01-01,2026-02-01,ended_early,\"moved, away\"\n",
            ProposalHeader + "p1,c1,m1,k1,accepted,2026-01-01,2026-01-11,2026-01-02,\n" + "p2,c2,m1,,declined,2026-01-01,2026-01-11,2026-01-03,too far\n"
            + "p3,c2,m2,,proposed,2026-01-05,2026-01-15,,\n",
            StatusHeader + "c1,2026-03-01,employed\nk1,2020-01-01,employed\n");
        Assert.Equal(
            [
                new ProposalRecord("p1", "c1", "m1", new(2026, 1, 1), new(2026, 1, 11)) { ProposedBy = "k1", Status = ProposalStatus.Accepted, Decided = new(2026, 1, 2) },
                new ProposalRecord("p2", "c2", "m1", new(2026, 1, 1), new(2026, 1, 11)) { Status = ProposalStatus.Declined, Decided = new(2026, 1, 3), Reason = "too far" },
                new ProposalRecord("p3", "c2", "m2", new(2026, 1, 5), new(2026, 1, 15)),
            ], dataset.Proposals);
        Assert.Equal([new StatusChange("c1", new(2026, 3, 1), Employment.Employed), new StatusChange("k1", new(2020, 1, 1), Employment.Employed)],
            dataset.StatusHistory);
        var tie = Assert.Single(dataset.Ties);
        Assert.Equal((PairingOutcome.EndedEarly, "moved, away"), (tie.Outcome!.Value, tie.EndReason!));
    }

    [Fact]
    public void Read_OptionalProposalColumnsLeftOut_AreNull()
    {
        var dataset = Read(Nodes, Ties, "status,expires,proposed,mentor,citizen,id\nproposed,2026-01-11,2026-01-01,m1,c1,p1\n");
        Assert.Equal(new ProposalRecord("p1", "c1", "m1", new(2026, 1, 1), new(2026, 1, 11)), Assert.Single(dataset.Proposals));
    }

    [Theory]
    [InlineData("p1,c1,m1,,maybe,2026-01-01,2026-01-11,,", "status", "unknown proposal status")]
    [InlineData("p1,c1,m1,,,2026-01-01,2026-01-11,,", "status", "status is required")]
    [InlineData("p1,c1,m1,,proposed,2026-13-01,2026-01-11,,", "proposed", "not an ISO date")]
    [InlineData("p1,c1,m1,,proposed,2026-01-01,,,", "expires", "expires is required")]
    [InlineData("p 1,c1,m1,,proposed,2026-01-01,2026-01-11,,", "id", "id may hold only")]
    [InlineData("p1,c1,m1,,proposed,2026-01-01,2026-01-01,,", "expires", "must be after proposed (2026-01-01)")]
    [InlineData("p1,m1,m1,,proposed,2026-01-01,2026-01-11,,", "citizen", "must be a citizen, not a mentor")]
    [InlineData("p1,c1,c2,,proposed,2026-01-01,2026-01-11,,", "mentor", "must be a mentor, not a citizen")]
    [InlineData("p1,c1,m9,,proposed,2026-01-01,2026-01-11,,", "mentor", "unknown id")]
    [InlineData("p1,c1,,,proposed,2026-01-01,2026-01-11,,", "mentor", "mentor is required")]
    [InlineData("p1,c1,m1,m2,proposed,2026-01-01,2026-01-11,,", "proposed_by", "must be a coach, not a mentor")]
    [InlineData("p1,c1,m1,,accepted,2026-01-01,2026-01-11,,", "decided", "decided is required for an accepted proposal")]
    [InlineData("p1,c1,m1,,proposed,2026-01-01,2026-01-11,2026-01-02,", "decided", "has no decided date")]
    [InlineData("p1,c1,m1,,declined,2026-01-05,2026-01-11,2026-01-02,", "decided", "must not be before proposed")]
    [InlineData("p1,c1,m1,,accepted,2026-01-01,2026-01-11,2026-01-02,because", "reason", "only a declined or withdrawn proposal has a reason")]
    [InlineData("p1,c1,m1,,declined,2026-01-01,2026-01-11,2026-01-02,\"a\u202Eb\"", "reason", "invisible or control character")]
    public void Read_BadProposal_NamesFileLineAndColumn(string row, string column, string reason)
    {
        var problem = Assert.Single(Problems(ProposalHeader + row + "\n"));
        Assert.Equal(("proposals.csv", 2, column), (problem.Source, problem.Line!.Value, problem.Column!));
        Assert.Contains(reason, problem.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_DuplicateIdsAndOverlappingPendingProposals_NameTheFirstLine()
    {
        var problems = Problems(ProposalHeader
            + "p1,c1,m1,,proposed,2026-01-01,2026-01-11,,\n"
            + "p1,c2,m1,,proposed,2026-01-01,2026-01-11,,\n"
            + "p3,c1,m1,,proposed,2026-01-10,2026-01-20,,\n"
            + "p4,c1,m1,,proposed,2026-01-20,2026-01-30,,\n"   // after p3 lapsed: fine
            + "p5,c1,m1,,declined,2026-01-02,2026-01-12,2026-01-03,no\n");
        Assert.Equal(2, problems.Count);
        Assert.Equal((3, "id"), (problems[0].Line!.Value, problems[0].Column!));
        Assert.Contains("first at line 2", problems[0].Reason, StringComparison.Ordinal);
        Assert.Equal((4, "status"), (problems[1].Line!.Value, problems[1].Column!));
        Assert.Contains("(at line 2): at most one at a time", problems[1].Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("w1,2026-01-01,employed", "person", "must be a person (citizen, mentor or coach), not an employer")]
    [InlineData("x9,2026-01-01,employed", "person", "unknown id")]
    [InlineData("c1,2026-01-01,", "employment", "employment is required")]
    [InlineData("c1,2026-01-01,busy", "employment", "unknown value")]
    [InlineData("c1,01/01/2026,employed", "date", "not an ISO date")]
    public void Read_BadStatusChange_NamesFileLineAndColumn(string row, string column, string reason)
    {
        var problem = Assert.Single(Problems(history: StatusHeader + row + "\n"));
        Assert.Equal(("status_history.csv", 2, column), (problem.Source, problem.Line!.Value, problem.Column!));
        Assert.Contains(reason, problem.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_TwoChangesOnOneDay_NamesTheFirstLine()
    {
        var problem = Assert.Single(Problems(history: StatusHeader + "c1,2026-01-01,employed\nc2,2026-01-01,employed\nc1,2026-01-01,student\n"));
        Assert.Equal((4, "date"), (problem.Line!.Value, problem.Column!));
        Assert.Contains("first at line 2", problem.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_UnknownOrMissingColumns_AreProblemsOfTheHeader()
    {
        var problems = Problems("id,citizen,mentor,status,proposed,expires,colour\n", "person,date\n");
        Assert.Contains(problems, p => p is { Source: "proposals.csv", Line: 1, Column: "colour" } && p.Reason.StartsWith("unknown column", StringComparison.Ordinal));
        Assert.Contains(problems, p => p is { Source: "status_history.csv", Line: 1, Column: "employment" } && p.Reason.StartsWith("required column", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("m1,c1,mentoring,,,completed,", "outcome", "only an ended mentoring tie")]
    [InlineData("c2,c1,friend,,2026-01-01,completed,", "outcome", "only an ended mentoring tie")]
    [InlineData("m1,c1,mentoring,,2026-01-01,finished,", "outcome", "unknown pairing outcome")]
    [InlineData("m1,c1,mentoring,,2026-01-01,,why", "end_reason", "only a tie with an outcome has an end reason")]
    [InlineData("m1,c1,mentoring,,2026-01-01,ended_early,\"a\u200Bb\"", "end_reason", "invisible or control character")]
    public void Read_BadTieOutcome_NamesFileLineAndColumn(string row, string column, string reason)
    {
        var problem = Assert.Single(Problems(ties: "source,target,kind,since,until,outcome,end_reason\n" + row + "\n"));
        Assert.Equal(("ties.csv", 2, column), (problem.Source, problem.Line!.Value, problem.Column!));
        Assert.Contains(reason, problem.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_ProblemsInEveryFile_AreAllReportedAndNothingLoaded()
    {
        var e = Assert.Throws<DataValidationException>(() => Read(Nodes + "bad id,citizen\n", Ties + "c1,zz,friend\n",
            ProposalHeader + "p1,c1,m1,,proposed,2026-01-01,2025-01-01,,\n", StatusHeader + "c1,2026-01-01,\n"));
        Assert.Equal(["nodes.csv", "proposals.csv", "status_history.csv", "ties.csv"], e.Problems.Select(p => p.Source).Distinct().Order());
    }

    [Fact]
    public void Create_RecordsFromCode_AreNamedByPosition()
    {
        var nodes = Read(Nodes, Ties).Nodes;
        var e = Assert.Throws<DataValidationException>(() => Dataset.Create(nodes, [],
            proposals: [new ProposalRecord("p1", "c1", "m1", new(2026, 1, 1), new(2026, 1, 2)), new ProposalRecord("p2", "c1", "k1", new(2026, 1, 1), new(2026, 1, 2))],
            statusHistory: [new StatusChange("c1", new(2026, 1, 1), (Employment)99)]));
        Assert.Equal([("proposal #2", "mentor"), ("status change #1", "employment")], e.Problems.Select(p => (p.Source, p.Column!)));
    }

    [Fact]
    public void Save_WithoutLifecycleRecords_WritesTheFilesAsBefore()
    {
        using var folder = new TempFolder();
        var small = Samples.Small();
        small.Save(folder.Path);
        Assert.Equal(["nodes.csv", "ties.csv"], Directory.GetFiles(folder.Path).Select(Path.GetFileName).Order());
        Assert.StartsWith("source,target,kind,strength,since,until\n", File.ReadAllText(Path.Combine(folder.Path, "ties.csv")), StringComparison.Ordinal);
    }

    [Fact]
    public void Save_Lifecycle_RoundTripsAndReplacesOldFiles()
    {
        using var folder = new TempFolder();
        var lifecycle = Samples.Lifecycle();
        lifecycle.Save(folder.Path);
        Assert.Equal(["nodes.csv", "proposals.csv", "status_history.csv", "ties.csv"], Directory.GetFiles(folder.Path).Select(Path.GetFileName).Order());
        Assert.StartsWith("source,target,kind,strength,since,until,outcome,end_reason\n", File.ReadAllText(Path.Combine(folder.Path, "ties.csv")), StringComparison.Ordinal);
        DatasetAssert.Equal(lifecycle, Dataset.Load(folder.Path));
        // Saving a dataset without them over the folder leaves no stale file behind.
        Samples.Small().Save(folder.Path);
        DatasetAssert.Equal(Samples.Small(), Dataset.Load(folder.Path));
        Assert.Equal(["nodes.csv", "ties.csv"], Directory.GetFiles(folder.Path).Select(Path.GetFileName).Order());
    }

    [Property(MaxTest = 60)]
    public Property Save_RandomLifecycle_ReadsBackEqual() =>
        Prop.ForAll(Gen.Choose(0, int.MaxValue - 1).ToArbitrary(), seed =>
        {
            var dataset = RandomLifecycle(seed);
            using var folder = new TempFolder();
            dataset.Save(folder.Path);
            return DatasetAssert.AreEqual(dataset, Dataset.Load(folder.Path));
        });

    /// <summary>A valid dataset with random proposals (every status, optional fields, awkward reasons), employment changes
    /// and ended pairings.</summary>
    internal static Dataset RandomLifecycle(int seed)
    {
        var random = new Random(seed);
        string[] reasons = ["no time", "moved, \"far\" away", "line\nbreak", "café ☕", "tab\there"];
        var citizens = Enumerable.Range(0, random.Next(1, 6)).Select(i => new NodeRecord($"c{i}", NodeKind.Citizen)).ToArray();
        var mentors = Enumerable.Range(0, random.Next(1, 4)).Select(i => new NodeRecord($"m{i}", NodeKind.Mentor)).ToArray();
        var coach = new NodeRecord("k", NodeKind.Coach);
        var start = new DateOnly(2025, 1, 1).AddDays(random.Next(365));
        var proposals = new List<ProposalRecord>();
        var ties = new List<TieRecord>();
        var history = new List<StatusChange>();
        foreach (var c in citizens)
            foreach (var m in mentors)
            {
                var day = start;
                for (var k = random.Next(3); k > 0; k--)
                {
                    var status = (ProposalStatus)random.Next(5);
                    var expires = day.AddDays(random.Next(1, 15));
                    proposals.Add(new ProposalRecord($"{c.Id}-{m.Id}-{k}", c.Id, m.Id, day, expires)
                    {
                        ProposedBy = random.Next(2) == 0 ? null : coach.Id,
                        Status = status,
                        Decided = status == ProposalStatus.Proposed ? null : day.AddDays(random.Next(20)),
                        Reason = status is ProposalStatus.Declined or ProposalStatus.Withdrawn && random.Next(2) == 0 ? reasons[random.Next(reasons.Length)] : null,
                    });
                    day = expires; // the next one after this one lapsed
                }
                if (random.Next(3) == 0)
                    ties.Add(new TieRecord(m.Id, c.Id, TieKind.Mentoring)
                    {
                        Since = start, Until = start.AddDays(random.Next(1, 200)), Outcome = (PairingOutcome)random.Next(2),
                        EndReason = random.Next(2) == 0 ? null : reasons[random.Next(reasons.Length)],
                    });
            }
        foreach (var person in citizens.Concat(mentors))
            for (var k = random.Next(3); k > 0; k--)
                history.Add(new StatusChange(person.Id, start.AddDays(30 * k), (Employment)random.Next(1, 7)));
        return Dataset.Create([.. citizens, .. mentors, coach], ties, proposals: proposals, statusHistory: history);
    }
}
