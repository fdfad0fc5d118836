using SocialCapital.Interchange;
using SocialCapital.Model;
using SocialCapital.Storage;
using SocialCapital.Storage.Contract;

namespace SocialCapital.Tests.Storage;

/// <summary>The reference edits keep the lifecycle records through every edit of nodes and ties.</summary>
public class DatasetEditsLifecycleTests
{
    [Fact]
    public void NodeAndTieEdits_KeepProposalsAndHistory()
    {
        var lifecycle = Samples.Lifecycle();
        DatasetEdit[] edits =
        [
            DatasetEdits.UpsertNode(lifecycle, new NodeRecord("new", NodeKind.Citizen)),
            DatasetEdits.UpsertNode(lifecycle, lifecycle.Nodes[0] with { Area = "Q" }),
            DatasetEdits.UpsertTie(lifecycle, new TieRecord("a", "e", TieKind.Friend)),
            DatasetEdits.DeleteTies(lifecycle, "a", "b"),
            DatasetEdits.DeleteNode(lifecycle, "w"),
            DatasetEdits.UpsertStatus(lifecycle, new StatusChange("e", new DateOnly(2026, 5, 1), Employment.Employed)),
            DatasetEdits.UpsertProposals(lifecycle, [], new TieRecord("e", "b", TieKind.Friend)),
        ];
        foreach (var edit in edits)
        {
            Assert.NotEqual(WriteEffect.Unchanged, edit.Effect);
            Assert.Equal(lifecycle.Proposals, edit.Dataset.Proposals);
            Assert.Equal(lifecycle.StatusHistory, edit.Dataset.StatusHistory.Take(lifecycle.StatusHistory.Count));
        }
    }

    [Fact]
    public void UpsertProposals_ProblemsOfRecordsTieAndPendingRule_AllReportedNamedById()
    {
        var lifecycle = Samples.Lifecycle();
        var day = new DateOnly(2026, 1, 25);
        var e = Assert.Throws<DataValidationException>(() => DatasetEdits.UpsertProposals(lifecycle,
            [new ProposalRecord("n1", "a", "zz", day, day.AddDays(5)), new ProposalRecord("n2", "e", "c", day, day.AddDays(5))],
            new TieRecord("a", "b", TieKind.Mentoring)));
        Assert.Equal([("proposal 'n1'", "mentor"), ("tie a–b (mentoring)", "source"), ("proposal 'n2'", "status")],
            e.Problems.Select(p => (p.Source, p.Column!)));
        Assert.Contains("(at proposal 'p3')", e.Problems[2].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void UpsertProposals_LargeDatasetAndBatch_MergesById()
    {
        var nodes = new List<NodeRecord>();
        for (var i = 0; i < 20_000; i++) nodes.Add(new NodeRecord($"c{i}", NodeKind.Citizen));
        for (var i = 0; i < 2_000; i++) nodes.Add(new NodeRecord($"m{i}", NodeKind.Mentor));
        var day = new DateOnly(2026, 1, 1);
        var dataset = Dataset.Create(nodes, [],
            proposals: Enumerable.Range(0, 20_000).Select(i => new ProposalRecord($"p{i}", $"c{i}", $"m{i % 2000}", day, day.AddDays(10))));
        // Half replace stored ones, half are new (withdrawn: each pair already has an undecided one).
        ProposalRecord[] batch = [.. Enumerable.Range(10_000, 20_000).Select(i => new ProposalRecord($"p{i}", $"c{i % 20_000}", $"m{i % 2000}", day, day.AddDays(9))
        {
            Status = i < 20_000 ? ProposalStatus.Proposed : ProposalStatus.Withdrawn,
            Decided = i < 20_000 ? null : day,
        })];
        var edit = DatasetEdits.UpsertProposals(dataset, batch);
        Assert.Equal(WriteEffect.Created, edit.Effect);
        Assert.Equal(30_000, edit.Dataset.Proposals.Count);
        Assert.Equal(batch[0], edit.Dataset.Proposals[10_000]);
        Assert.Equal(batch[^1], edit.Dataset.Proposals[^1]);
    }
}
