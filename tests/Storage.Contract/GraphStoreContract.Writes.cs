using SocialCapital.Interchange;
using SocialCapital.Model;

namespace SocialCapital.Storage.Contract;

public abstract partial class GraphStoreContract
{
    [SkippableFact]
    public async Task GetVersionAsync_EachChange_RisesByOneButNotWhenNothingChanged()
    {
        await using var store = await CreateEmptyStoreAsync();
        var reference = new StoredDataset(Dataset.Create([], []), 0);
        StoreOperation[] operations =
        [
            new StoreOperation.UpsertNode(new NodeRecord("a", NodeKind.Citizen)),       // 1
            new StoreOperation.UpsertNode(new NodeRecord("a", NodeKind.Citizen)),       // unchanged
            new StoreOperation.UpsertNode(new NodeRecord("b", NodeKind.Mentor)),        // 2
            new StoreOperation.UpsertTie(new TieRecord("b", "a", TieKind.Mentoring)),   // 3
            new StoreOperation.UpsertTie(new TieRecord("b", "a", TieKind.Mentoring)),   // unchanged
            new StoreOperation.DeleteTies("a", "b", TieKind.Friend),                    // not found
            new StoreOperation.DeleteNode("nobody"),                                    // not found
            new StoreOperation.UpsertNode(new NodeRecord("a", NodeKind.Citizen) { Area = "X" }), // 4
            new StoreOperation.DeleteTies("a", "b", null),                              // 5
            new StoreOperation.DeleteNode("a"),                                         // 6
        ];
        long[] versions = [1, 1, 2, 3, 3, 3, 3, 4, 5, 6];
        for (var i = 0; i < operations.Length; i++)
        {
            (var result, reference) = await StepAsync(store, reference, operations[i]);
            Assert.Equal(versions[i], result.Outcome!.Value.Version);
        }
    }

    [SkippableFact]
    public async Task UpsertTiesAsync_Batch_AsEachInOrderAndOneVersion()
    {
        await using var store = await CreateStoreAsync(Samples.Coaching());
        var reference = new StoredDataset(Samples.Coaching(), 1);
        var day = new DateOnly(2026, 2, 1);
        StoreOperation[] operations =
        [
            // a handover: the running spell ends, the new one starts, and a later tie replaces an earlier one of the batch
            new StoreOperation.UpsertTies(
            [
                new TieRecord("k2", "b", TieKind.Coaching) { Since = new DateOnly(2026, 1, 5), Until = day },
                new TieRecord("d", "b", TieKind.Coaching) { Since = day, Strength = 2 },
                new TieRecord("d", "b", TieKind.Coaching) { Since = day },
            ]),
            new StoreOperation.UpsertTies([new TieRecord("d", "b", TieKind.Coaching) { Since = day }]), // unchanged
            new StoreOperation.UpsertTies([]),                                                          // unchanged
        ];
        WriteEffect[] effects = [WriteEffect.Created, WriteEffect.Unchanged, WriteEffect.Unchanged];
        for (var i = 0; i < operations.Length; i++)
        {
            (var result, reference) = await StepAsync(store, reference, operations[i]);
            Assert.Equal(new WriteOutcome(effects[i], 2), result.Outcome);
        }
        await AssertHoldsAsync(store, reference.Dataset, 2);
    }

    [SkippableFact]
    public async Task UpsertTiesAsync_ASecondSpellOfThePair_KeepsTheFirstAndEndsOnlyItsOwn()
    {
        await using var store = await CreateStoreAsync(Samples.Coaching());
        var reference = new StoredDataset(Samples.Coaching(), 1);
        var first = new TieRecord("k2", "b", TieKind.Coaching) { Since = new DateOnly(2026, 1, 5) };
        StoreOperation[] operations =
        [
            new StoreOperation.UpsertTies([first with { Until = new DateOnly(2026, 2, 1) }]),                   // ends the first spell
            new StoreOperation.UpsertTies([first with { Since = new DateOnly(2026, 6, 1) }]),                   // a second spell: added
            new StoreOperation.UpsertTies([first with { Since = new DateOnly(2026, 6, 1), Until = new DateOnly(2026, 9, 1) }]), // ends it
        ];
        WriteEffect[] effects = [WriteEffect.Updated, WriteEffect.Created, WriteEffect.Updated];
        for (var i = 0; i < operations.Length; i++)
        {
            (var result, reference) = await StepAsync(store, reference, operations[i]);
            Assert.Equal(effects[i], result.Outcome!.Value.Effect);
        }
        var spells = reference.Dataset.Ties.Where(t => t.Kind == TieKind.Coaching && t.Source == "k2" && t.Target == "b").ToArray();
        Assert.Equal([(new DateOnly(2026, 1, 5), new DateOnly(2026, 2, 1)), (new DateOnly(2026, 6, 1), new DateOnly(2026, 9, 1))],
            spells.Select(t => (t.Since!.Value, t.Until!.Value)));
        await AssertHoldsAsync(store, reference.Dataset, 4);
    }

    [SkippableFact]
    public async Task UpsertTiesAsync_OneBadTie_EveryProblemListedAndNothingWritten()
    {
        await using var store = await CreateStoreAsync(Samples.Coaching());
        var e = await Assert.ThrowsAsync<DataValidationException>(() => store.UpsertTiesAsync(
        [
            new TieRecord("d", "a", TieKind.Coaching) { Since = new DateOnly(2026, 2, 1) },
            new TieRecord("d", "nobody", TieKind.Coaching),
            new TieRecord("d", "a", TieKind.Friend) { Strength = 0 },
        ]));
        Assert.Equal(2, e.TotalCount);
        await AssertHoldsAsync(store, Samples.Coaching(), 1);
    }

    [SkippableFact]
    public async Task UpsertNodeAsync_NewNode_IsCreatedAtTheEnd()
    {
        await using var store = await CreateStoreAsync(Samples.Small());
        var node = new NodeRecord("new", NodeKind.Mentor) { Skills = ["coding"], Capacity = 2 };
        var outcome = await store.UpsertNodeAsync(node);
        Assert.Equal(new WriteOutcome(WriteEffect.Created, 2), outcome);
        var nodes = (await store.ExportAsync()).Dataset.Nodes;
        Assert.Equal(node, nodes[^1]);
        Assert.Equal(Samples.Small().Nodes.Count + 1, nodes.Count);
    }

    [SkippableFact]
    public async Task UpsertNodeAsync_SameNodeTwice_SecondIsUnchanged()
    {
        await using var store = await CreateStoreAsync(Samples.Rich());
        var node = Samples.Rich().Nodes[0] with { Sector = "digital" };
        Assert.Equal(new WriteOutcome(WriteEffect.Updated, 2), await store.UpsertNodeAsync(node));
        // An equal record with fresh list and dictionary instances is still the same node.
        var copy = node with
        {
            Languages = [.. node.Languages],
            Goals = [.. node.Goals],
            Attributes = new Dictionary<string, string>(node.Attributes.Reverse()),
        };
        Assert.Equal(new WriteOutcome(WriteEffect.Unchanged, 2), await store.UpsertNodeAsync(copy));
        Assert.Equal(new WriteOutcome(WriteEffect.Unchanged, 2), await store.UpsertNodeAsync(Samples.Rich().Nodes[1]));
        await AssertHoldsAsync(store, DatasetEdits.UpsertNode(Samples.Rich(), node).Dataset, 2);
    }

    [SkippableFact]
    public async Task UpsertNodeAsync_ChangedNode_KeepsItsPlace()
    {
        await using var store = await CreateStoreAsync(Samples.Small());
        var changed = Samples.Small().Nodes[1] with { Area = "C", Ses = null, Goals = ["health"] };
        Assert.Equal(new WriteOutcome(WriteEffect.Updated, 2), await store.UpsertNodeAsync(changed));
        var expected = Samples.Small().Nodes.ToArray();
        expected[1] = changed;
        var stored = (await store.ExportAsync()).Dataset;
        Assert.Equal(expected, stored.Nodes);
        Assert.Equal(Samples.Small().Ties, stored.Ties);
    }

    [SkippableFact]
    public async Task UpsertNodeAsync_NewAttributes_AddColumnsAtTheEndInNameOrder()
    {
        await using var store = await CreateStoreAsync(Samples.Rich());
        var reference = new StoredDataset(Samples.Rich(), 1);
        (_, reference) = await StepAsync(store, reference, new StoreOperation.UpsertNode(
            new NodeRecord("c2", NodeKind.Citizen) { Attributes = new Dictionary<string, string> { ["zeta"] = "1", ["alpha"] = "2", ["team"] = "x" } }));
        Assert.Equal(["ethnicity", "unused_column", "note", "team", "alpha", "zeta"], reference.Dataset.AttributeColumns);
        // Deleting the only node with an attribute keeps its column, as the reference does.
        (_, reference) = await StepAsync(store, reference, new StoreOperation.DeleteNode("c2"));
        Assert.Contains("zeta", reference.Dataset.AttributeColumns);
    }

    [SkippableFact]
    public async Task UpsertNodeAsync_KindChangeTheTiesAllow_IsUpdated()
    {
        await using var store = await CreateStoreAsync(Samples.Small());
        var reference = new StoredDataset(Samples.Small(), 1);
        // b has friend and colleague ties only: a citizen may become a mentor or a coach.
        (var result, reference) = await StepAsync(store, reference, new StoreOperation.UpsertNode(new NodeRecord("b", NodeKind.Coach)));
        Assert.Equal(WriteEffect.Updated, result.Outcome!.Value.Effect);
        // A node without ties may become anything.
        (result, _) = await StepAsync(store, reference, new StoreOperation.UpsertNode(new NodeRecord("e", NodeKind.Employer)));
        Assert.Equal(new WriteOutcome(WriteEffect.Updated, 3), result.Outcome);
    }

    [SkippableFact]
    public async Task UpsertTieAsync_SameTieTwice_SecondIsUnchanged()
    {
        await using var store = await CreateStoreAsync(Samples.Small());
        var tie = new TieRecord("e", "b", TieKind.Family) { Strength = 0.75, Since = new DateOnly(2020, 1, 1) };
        Assert.Equal(new WriteOutcome(WriteEffect.Created, 2), await store.UpsertTieAsync(tie));
        Assert.Equal(new WriteOutcome(WriteEffect.Unchanged, 2), await store.UpsertTieAsync(tie with { }));
        Assert.Equal(new WriteOutcome(WriteEffect.Unchanged, 2), await store.UpsertTieAsync(Samples.Small().Ties[0]));
        Assert.Equal(tie, (await store.ExportAsync()).Dataset.Ties[^1]);
    }

    [SkippableFact]
    public async Task UpsertTieAsync_ReversedEnds_ReplacesTheSameTie()
    {
        await using var store = await CreateStoreAsync(Samples.Small());
        var reference = new StoredDataset(Samples.Small(), 1);
        // a–b friend is tie 0; b–a friend is the same tie: it takes the new ends' order and keeps its place.
        (var result, reference) = await StepAsync(store, reference, new StoreOperation.UpsertTie(new TieRecord("b", "a", TieKind.Friend)));
        Assert.Equal(new WriteOutcome(WriteEffect.Updated, 2), result.Outcome);
        Assert.Equal(new TieRecord("b", "a", TieKind.Friend), reference.Dataset.Ties[0]);
        Assert.Equal(Samples.Small().Ties.Count, reference.Dataset.Ties.Count);
        (result, _) = await StepAsync(store, reference, new StoreOperation.UpsertTie(new TieRecord("b", "a", TieKind.Friend)));
        Assert.Equal(new WriteOutcome(WriteEffect.Unchanged, 2), result.Outcome);
    }

    [SkippableFact]
    public async Task UpsertTieAsync_ChangedTie_KeepsItsPlace()
    {
        await using var store = await CreateStoreAsync(Samples.Small());
        var reference = new StoredDataset(Samples.Small(), 1);
        (var result, reference) = await StepAsync(store, reference,
            new StoreOperation.UpsertTie(new TieRecord("c", "a", TieKind.Mentoring) { Strength = 0.125, Until = new DateOnly(2030, 1, 1) }));
        Assert.Equal(new WriteOutcome(WriteEffect.Updated, 2), result.Outcome);
        Assert.Equal(0.125, reference.Dataset.Ties[1].Strength);
    }

    [SkippableFact]
    public async Task UpsertTieAsync_RepeatedTies_MergesThemIntoTheFirst()
    {
        await using var store = await CreateStoreAsync(Samples.Rich());
        var reference = new StoredDataset(Samples.Rich(), 1);
        // The rich sample holds c1–c2 friend three times (ties 0, 1 and 10).
        var tie = new TieRecord("c2", "c1", TieKind.Friend) { Strength = 5 };
        (var result, reference) = await StepAsync(store, reference, new StoreOperation.UpsertTie(tie));
        Assert.Equal(new WriteOutcome(WriteEffect.Updated, 2, 2), result.Outcome);
        Assert.Equal(tie, reference.Dataset.Ties[0]);
        Assert.Equal(Samples.Rich().Ties.Count - 2, reference.Dataset.Ties.Count);
        // A repeated tie whose first row already holds the values is still merged: that is a change.
        await using var other = await CreateStoreAsync(Samples.Rich());
        (result, _) = await StepAsync(other, new StoredDataset(Samples.Rich(), 1), new StoreOperation.UpsertTie(Samples.Rich().Ties[0]));
        Assert.Equal(new WriteOutcome(WriteEffect.Updated, 2, 2), result.Outcome);
    }

    [SkippableFact]
    public async Task UpsertTieAsync_OtherKindBetweenTheSameEnds_IsANewTie()
    {
        await using var store = await CreateStoreAsync(Samples.Small());
        var outcome = await store.UpsertTieAsync(new TieRecord("a", "b", TieKind.Family));
        Assert.Equal(new WriteOutcome(WriteEffect.Created, 2), outcome);
        Assert.Equal(Samples.Small().Ties.Count + 1, (await store.ExportAsync()).Dataset.Ties.Count);
    }

    [SkippableFact]
    public async Task DeleteNodeAsync_NodeWithTies_CascadesAndCountsThem()
    {
        await using var store = await CreateStoreAsync(Samples.Small());
        var reference = new StoredDataset(Samples.Small(), 1);
        // a has five ties: friend with b, mentoring from c, colleague with b, membership of g, coaching from d.
        (var result, _) = await StepAsync(store, reference, new StoreOperation.DeleteNode("a"));
        Assert.Equal(new WriteOutcome(WriteEffect.Deleted, 2, 5), result.Outcome);
        Assert.DoesNotContain((await store.ExportAsync()).Dataset.Ties, t => t.Source == "a" || t.Target == "a");
    }

    [SkippableFact]
    public async Task DeleteNodeAsync_UnknownId_IsNotFoundAndKeepsTheVersion()
    {
        await using var store = await CreateStoreAsync(Samples.Small());
        Assert.Equal(new WriteOutcome(WriteEffect.NotFound, 1), await store.DeleteNodeAsync("nobody"));
        Assert.Equal(new WriteOutcome(WriteEffect.NotFound, 1), await store.DeleteNodeAsync("A")); // ids are case-sensitive
        await AssertHoldsAsync(store, Samples.Small(), 1);
    }

    [SkippableFact]
    public async Task DeleteTiesAsync_OneKind_RemovesOnlyThatKindGivenInEitherOrder()
    {
        await using var store = await CreateStoreAsync(Samples.Small());
        var reference = new StoredDataset(Samples.Small(), 1);
        (var result, reference) = await StepAsync(store, reference, new StoreOperation.DeleteTies("b", "a", TieKind.Colleague));
        Assert.Equal(new WriteOutcome(WriteEffect.Deleted, 2, 1), result.Outcome);
        Assert.Contains(reference.Dataset.Ties, t => t.Kind == TieKind.Friend && t.Source == "a" && t.Target == "b");
        (result, _) = await StepAsync(store, reference, new StoreOperation.DeleteTies("b", "a", TieKind.Friend));
        Assert.Equal(new WriteOutcome(WriteEffect.Deleted, 3, 1), result.Outcome);
    }

    [SkippableFact]
    public async Task DeleteTiesAsync_NoKind_RemovesEveryKind()
    {
        await using var store = await CreateStoreAsync(Samples.Rich());
        var reference = new StoredDataset(Samples.Rich(), 1);
        // c1–c2: three friend rows and a family tie.
        (var result, _) = await StepAsync(store, reference, new StoreOperation.DeleteTies("c2", "c1", null));
        Assert.Equal(new WriteOutcome(WriteEffect.Deleted, 2, 4), result.Outcome);
    }

    [SkippableFact]
    public async Task DeleteTiesAsync_NoSuchTie_IsNotFoundAndKeepsTheVersion()
    {
        await using var store = await CreateStoreAsync(Samples.Small());
        Assert.Equal(new WriteOutcome(WriteEffect.NotFound, 1), await store.DeleteTiesAsync("a", "b", TieKind.Family));
        Assert.Equal(new WriteOutcome(WriteEffect.NotFound, 1), await store.DeleteTiesAsync("a", "nobody"));
        Assert.Equal(new WriteOutcome(WriteEffect.NotFound, 1), await store.DeleteTiesAsync("a", "a"));
        await AssertHoldsAsync(store, Samples.Small(), 1);
    }
}
