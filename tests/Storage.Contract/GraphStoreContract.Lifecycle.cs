using SocialCapital.Interchange;
using SocialCapital.Model;

namespace SocialCapital.Storage.Contract;

// The mentoring lifecycle: proposals (with the tie an acceptance starts), employment changes, pairing outcomes.
public abstract partial class GraphStoreContract
{
    private static readonly DateOnly Day = new(2026, 3, 2);

    [SkippableFact]
    public async Task ImportAsync_Lifecycle_ExportsEqualDataset()
    {
        var lifecycle = Samples.Lifecycle();
        await using var store = await CreateStoreAsync(lifecycle);
        await AssertHoldsAsync(store, lifecycle, 1);
        // A later import without lifecycle records replaces them too.
        Assert.Equal(2, await store.ImportAsync(Samples.Small()));
        await AssertHoldsAsync(store, Samples.Small(), 2);
    }

    [SkippableFact]
    public async Task UpsertProposalsAsync_NewSameChanged_CreatedUnchangedUpdatedInPlace()
    {
        await using var store = await CreateStoreAsync(Samples.Lifecycle());
        var reference = new StoredDataset(Samples.Lifecycle(), 1);
        var fresh = new ProposalRecord("n1", "b", "c", Day, Day.AddDays(10)) { ProposedBy = "d" };
        var changed = Samples.Lifecycle().Proposals[2] with { Status = ProposalStatus.Withdrawn, Decided = Day, Reason = "coach's call" };
        StoreOperation[] operations =
        [
            new StoreOperation.UpsertProposals([fresh]),                         // 2: created at the end
            new StoreOperation.UpsertProposals([fresh with { }]),                // unchanged
            new StoreOperation.UpsertProposals([changed]),                       // 3: updated in its place
            new StoreOperation.UpsertProposals([changed, fresh]),                // unchanged
            new StoreOperation.UpsertProposals([]),                              // unchanged
            new StoreOperation.UpsertProposals([fresh with { Expires = Day.AddDays(5) }, new ProposalRecord("n2", "e", "f", Day, Day.AddDays(3))]), // 4: created
        ];
        (WriteEffect, long)[] expected =
            [(WriteEffect.Created, 2), (WriteEffect.Unchanged, 2), (WriteEffect.Updated, 3), (WriteEffect.Unchanged, 3), (WriteEffect.Unchanged, 3), (WriteEffect.Created, 4)];
        for (var i = 0; i < operations.Length; i++)
        {
            (var result, reference) = await StepAsync(store, reference, operations[i]);
            Assert.Equal(expected[i], (result.Outcome!.Value.Effect, result.Outcome.Value.Version));
        }
        var proposals = (await store.ExportAsync()).Dataset.Proposals;
        Assert.Equal(changed, proposals[2]);
        Assert.Equal(["p1", "p2", "p3", "p4", "p5", "p6", "n1", "n2"], proposals.Select(p => p.Id));
    }

    [SkippableFact]
    public async Task UpsertProposalsAsync_AcceptanceWithItsTie_BothStoredAtOneVersion()
    {
        await using var store = await CreateStoreAsync(Samples.Lifecycle());
        var pending = Samples.Lifecycle().Proposals[2];
        var accepted = pending with { Status = ProposalStatus.Accepted, Decided = pending.Proposed.AddDays(1) };
        var tie = new TieRecord("c", "e", TieKind.Mentoring) { Since = accepted.Decided };
        var outcome = await store.UpsertProposalsAsync([accepted], tie);
        Assert.Equal(new WriteOutcome(WriteEffect.Created, 2), outcome);
        await AssertHoldsAsync(store, DatasetEdits.UpsertProposals(Samples.Lifecycle(), [accepted], tie).Dataset, 2);
        var stored = (await store.ExportAsync()).Dataset;
        Assert.Equal(tie, stored.Ties[^1]);
        Assert.Equal(accepted, stored.Proposals[2]);
        // Again: nothing to do, the version stays.
        Assert.Equal(new WriteOutcome(WriteEffect.Unchanged, 2), await store.UpsertProposalsAsync([accepted], tie));
    }

    [SkippableFact]
    public async Task UpsertProposalsAsync_EndingAPairing_StoresTheOutcome()
    {
        await using var store = await CreateStoreAsync(Samples.Lifecycle());
        var ended = new TieRecord("c", "a", TieKind.Mentoring)
        {
            Strength = 2, Until = Day, Outcome = PairingOutcome.Completed, EndReason = "goals met",
        };
        var reference = new StoredDataset(Samples.Lifecycle(), 1);
        (var result, _) = await StepAsync(store, reference, new StoreOperation.UpsertProposals([], ended));
        Assert.Equal(new WriteOutcome(WriteEffect.Updated, 2), result.Outcome);
        Assert.Contains(ended, (await store.ExportAsync()).Dataset.Ties);
    }

    [SkippableFact]
    public async Task UpsertProposalsAsync_AnyInvalidRecord_WritesNothing()
    {
        await using var store = await CreateStoreAsync(Samples.Lifecycle());
        var reference = new StoredDataset(Samples.Lifecycle(), 1);
        var valid = new ProposalRecord("n1", "b", "c", Day, Day.AddDays(10));
        StoreOperation[] operations =
        [
            // A valid proposal and tie beside an unknown mentor, a mentor who is a citizen and an expiry before the proposal.
            new StoreOperation.UpsertProposals([valid, new ProposalRecord("n2", "a", "nobody", Day, Day.AddDays(1)),
                new ProposalRecord("n3", "a", "b", Day, Day.AddDays(-1))], new TieRecord("c", "b", TieKind.Mentoring)),
            // A valid proposal with a tie that breaks a rule.
            new StoreOperation.UpsertProposals([valid], new TieRecord("a", "b", TieKind.Mentoring)),
            // A second undecided proposal for a pair that has one (p3: e and c), and the same id twice.
            new StoreOperation.UpsertProposals([new ProposalRecord("n4", "e", "c", Day.AddDays(-45), Day.AddDays(-35))]),
            new StoreOperation.UpsertProposals([valid, valid with { Status = ProposalStatus.Declined, Decided = Day }]),
            // Decided, reason and status rules.
            new StoreOperation.UpsertProposals([valid with { Status = ProposalStatus.Accepted }, valid with { Id = "n5", Reason = "why" },
                valid with { Id = "n6", Decided = Day }, valid with { Id = "n7", Reason = "\u202Eevil", Status = ProposalStatus.Declined, Decided = Day }]),
            new StoreOperation.UpsertStatus(new StatusChange("w", Day, Employment.Employed)),
            new StoreOperation.UpsertStatus(new StatusChange("a", Day, Employment.Unknown)),
            new StoreOperation.UpsertTie(new TieRecord("c", "b", TieKind.Mentoring) { Outcome = PairingOutcome.Completed }),
        ];
        foreach (var operation in operations)
        {
            (var result, reference) = await StepAsync(store, reference, operation);
            Assert.Equal(typeof(DataValidationException), result.Error);
        }
        Assert.Equal(1, reference.Version);
    }

    [SkippableFact]
    public async Task UpsertProposalsAsync_ProposalAfterAnEarlierOneLapsed_IsAllowed()
    {
        await using var store = await CreateStoreAsync(Samples.Lifecycle());
        var p3 = Samples.Lifecycle().Proposals[2];
        var next = new ProposalRecord("again", p3.Citizen, p3.Mentor, p3.Expires, p3.Expires.AddDays(10));
        Assert.Equal(new WriteOutcome(WriteEffect.Created, 2), await store.UpsertProposalsAsync([next]));
    }

    [SkippableFact]
    public async Task UpsertStatusAsync_NewSameChanged_CreatedUnchangedUpdated()
    {
        await using var store = await CreateStoreAsync(Samples.Lifecycle());
        var reference = new StoredDataset(Samples.Lifecycle(), 1);
        StoreOperation[] operations =
        [
            new StoreOperation.UpsertStatus(new StatusChange("e", Day, Employment.Employed)),        // 2
            new StoreOperation.UpsertStatus(new StatusChange("e", Day, Employment.Employed)),        // unchanged
            new StoreOperation.UpsertStatus(new StatusChange("a", new DateOnly(2025, 12, 1), Employment.Inactive)), // 3, in place
            new StoreOperation.UpsertStatus(new StatusChange("f", Day, Employment.SelfEmployed)),    // 4
        ];
        (WriteEffect, long)[] expected = [(WriteEffect.Created, 2), (WriteEffect.Unchanged, 2), (WriteEffect.Updated, 3), (WriteEffect.Created, 4)];
        for (var i = 0; i < operations.Length; i++)
        {
            (var result, reference) = await StepAsync(store, reference, operations[i]);
            Assert.Equal(expected[i], (result.Outcome!.Value.Effect, result.Outcome.Value.Version));
        }
        Assert.Equal(Employment.Inactive, (await store.ExportAsync()).Dataset.StatusHistory[0].Employment);
    }

    [SkippableFact]
    public async Task ImportAsync_Coaching_ExportsEqualDataset()
    {
        var coaching = Samples.Coaching();
        await using var store = await CreateStoreAsync(coaching);
        await AssertHoldsAsync(store, coaching, 1);
        Assert.Equal(2, await store.ImportAsync(Samples.Small()));
        await AssertHoldsAsync(store, Samples.Small(), 2);
    }

    [SkippableFact]
    public async Task AddContactAsync_NewSameOther_CreatedUnchangedCreated()
    {
        await using var store = await CreateStoreAsync(Samples.Coaching());
        var reference = new StoredDataset(Samples.Coaching(), 1);
        StoreOperation[] operations =
        [
            new StoreOperation.AddContact(new ContactRecord("d", "e", Day, ContactChannel.Phone)),                  // 2
            new StoreOperation.AddContact(new ContactRecord("d", "e", Day, ContactChannel.Phone)),                  // unchanged
            new StoreOperation.AddContact(Samples.Coaching().Contacts[0]),                                         // unchanged: stored
            new StoreOperation.AddContact(new ContactRecord("d", "e", Day, ContactChannel.Video)),                  // 3
            new StoreOperation.DeleteNode("e"),                                                                     // 4, takes its contacts
        ];
        (WriteEffect, long)[] expected =
            [(WriteEffect.Created, 2), (WriteEffect.Unchanged, 2), (WriteEffect.Unchanged, 2), (WriteEffect.Created, 3), (WriteEffect.Deleted, 4)];
        for (var i = 0; i < operations.Length; i++)
        {
            (var result, reference) = await StepAsync(store, reference, operations[i]);
            Assert.Equal(expected[i], (result.Outcome!.Value.Effect, result.Outcome.Value.Version));
        }
        Assert.DoesNotContain((await store.ExportAsync()).Dataset.Contacts, c => c.Citizen == "e");
    }

    [SkippableFact]
    public async Task AddContactAsync_NotACoachOrUnknown_RefusedAndNothingWritten()
    {
        await using var store = await CreateStoreAsync(Samples.Coaching());
        var e = await Assert.ThrowsAsync<DataValidationException>(() => store.AddContactAsync(new ContactRecord("c", "a", Day, ContactChannel.Phone)));
        Assert.Equal("coach", Assert.Single(e.Problems).Column);
        await Assert.ThrowsAsync<DataValidationException>(() => store.AddContactAsync(new ContactRecord("d", "nobody", Day, ContactChannel.Phone)));
        await AssertHoldsAsync(store, Samples.Coaching(), 1);
    }

    [SkippableFact]
    public async Task UpsertNodeAsync_CoachWithContactsBecomesMentor_Conflict()
    {
        await using var store = await CreateStoreAsync(Samples.Coaching());
        await Assert.ThrowsAsync<GraphStoreConflictException>(() => store.UpsertNodeAsync(new NodeRecord("k2", NodeKind.Mentor)));
        await AssertHoldsAsync(store, Samples.Coaching(), 1);
    }

    [SkippableFact]
    public async Task DeleteNodeAsync_LifecycleRecords_FollowTheNode()
    {
        await using var store = await CreateStoreAsync(Samples.Lifecycle());
        var reference = new StoredDataset(Samples.Lifecycle(), 1);
        // The coach made proposals: they stay, unattributed. The mentor's proposals and both people's history go.
        (_, reference) = await StepAsync(store, reference, new StoreOperation.DeleteNode("d"));
        Assert.All(reference.Dataset.Proposals, p => Assert.Null(p.ProposedBy));
        Assert.Equal(6, reference.Dataset.Proposals.Count);
        (_, reference) = await StepAsync(store, reference, new StoreOperation.DeleteNode("c"));
        Assert.Equal(["p4", "p5", "p6"], reference.Dataset.Proposals.Select(p => p.Id));
        (_, reference) = await StepAsync(store, reference, new StoreOperation.EraseNode("a", "erased:1"));
        Assert.Equal(["p4", "p5"], reference.Dataset.Proposals.Select(p => p.Id));
        Assert.Equal(["b"], reference.Dataset.StatusHistory.Select(c => c.Person));
        Assert.Equal(4, reference.Version);
    }

    [SkippableFact]
    public async Task UpsertNodeAsync_KindChangeThatBreaksProposals_IsAConflictAndWritesNothing()
    {
        await using var store = await CreateStoreAsync(Samples.Lifecycle());
        var reference = new StoredDataset(Samples.Lifecycle(), 1);
        // e has no ties of its own but for its ended pairing; the coach has none but proposals it made and its history.
        StoreOperation[] operations =
        [
            new StoreOperation.UpsertNode(new NodeRecord("d", NodeKind.Mentor)),
            new StoreOperation.UpsertNode(new NodeRecord("e", NodeKind.Coach)),
            new StoreOperation.UpsertNode(new NodeRecord("b", NodeKind.Employer)),
        ];
        foreach (var operation in operations)
        {
            (var result, reference) = await StepAsync(store, reference, operation);
            Assert.Equal(typeof(GraphStoreConflictException), result.Error);
        }
        // The same kind with new attributes is fine.
        (var ok, _) = await StepAsync(store, reference, new StoreOperation.UpsertNode(new NodeRecord("d", NodeKind.Coach) { Area = "Z" }));
        Assert.Equal(new WriteOutcome(WriteEffect.Updated, 2), ok.Outcome);
    }

    [SkippableFact]
    public async Task GetVersionAsync_LifecycleWrites_RiseByOneEach()
    {
        await using var store = await CreateStoreAsync(Samples.Small());
        var reference = new StoredDataset(Samples.Small(), 1);
        StoreOperation[] operations =
        [
            new StoreOperation.UpsertNode(new NodeRecord("m", NodeKind.Mentor) { Capacity = 3 }),                       // 2
            new StoreOperation.UpsertProposals([new ProposalRecord("x", "a", "m", Day, Day.AddDays(10)),
                new ProposalRecord("y", "b", "m", Day, Day.AddDays(10)) { ProposedBy = "d" }]),                           // 3
            new StoreOperation.UpsertProposals([new ProposalRecord("x", "a", "m", Day, Day.AddDays(10)) { Status = ProposalStatus.Accepted, Decided = Day }],
                new TieRecord("m", "a", TieKind.Mentoring) { Since = Day }),                                              // 4
            new StoreOperation.UpsertStatus(new StatusChange("a", Day, Employment.Employed)),                             // 5
            new StoreOperation.UpsertTie(new TieRecord("m", "a", TieKind.Mentoring) { Since = Day, Until = Day.AddDays(90), Outcome = PairingOutcome.Completed }), // 6
            new StoreOperation.DeleteNode("m"),                                                                           // 7
        ];
        for (var i = 0; i < operations.Length; i++)
        {
            (var result, reference) = await StepAsync(store, reference, operations[i]);
            Assert.Equal(i + 2, result.Outcome!.Value.Version);
        }
        Assert.Empty(reference.Dataset.Proposals);
        Assert.Single(reference.Dataset.StatusHistory);
    }
}
