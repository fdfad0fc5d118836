using SocialCapital.Interchange;
using SocialCapital.Model;

namespace SocialCapital.Storage.Contract;

public abstract partial class GraphStoreContract
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 9, 0, 0, TimeSpan.Zero);

    private static AuditEntry Entry(int seconds, string actor = "admin-1", string action = "PUT /people/{id}", params string[] targets) =>
        new(T0.AddSeconds(seconds), actor, "admin", action, targets, "pending");

    private static async Task<IReadOnlyList<AuditEntry>> AllAuditAsync(IGraphStore store) =>
        (await store.QueryAuditAsync(new AuditQuery { Limit = AuditQuery.MaxLimit })).Entries;

    [SkippableFact]
    public async Task Writes_WithAuditEntry_AppendItInTheirTransactionWithWhatTheyDid()
    {
        await using var store = await CreateStoreAsync(Samples.Small());
        Assert.Equal(WriteEffect.Created, (await store.UpsertNodeAsync(new NodeRecord("n", NodeKind.Citizen), Entry(1, targets: "n"))).Effect);
        Assert.Equal(WriteEffect.Unchanged, (await store.UpsertNodeAsync(new NodeRecord("n", NodeKind.Citizen), Entry(2, targets: "n"))).Effect);
        Assert.Equal(WriteEffect.Created, (await store.UpsertTieAsync(new TieRecord("n", "a", TieKind.Friend), Entry(3, targets: ["n", "a"]))).Effect);
        Assert.Equal(WriteEffect.Deleted, (await store.DeleteTiesAsync("a", "n", null, Entry(4, targets: ["a", "n"]))).Effect);
        Assert.Equal(WriteEffect.NotFound, (await store.DeleteNodeAsync("nobody", Entry(5, targets: "nobody"))).Effect);
        Assert.Equal(WriteEffect.Deleted, (await store.DeleteNodeAsync("n", Entry(6, targets: "n"))).Effect);

        Assert.Equal(5, await store.GetVersionAsync()); // 1 import + 4 changes: entries alone never move the version
        var entries = await AllAuditAsync(store);
        Assert.Equal(
            [
                Entry(6, targets: "n") with { Outcome = AuditOutcomes.Deleted },
                Entry(5, targets: "nobody") with { Outcome = AuditOutcomes.NotFound },
                Entry(4, targets: ["a", "n"]) with { Outcome = AuditOutcomes.Deleted },
                Entry(3, targets: ["n", "a"]) with { Outcome = AuditOutcomes.Created },
                Entry(2, targets: "n") with { Outcome = AuditOutcomes.Unchanged },
                Entry(1, targets: "n") with { Outcome = AuditOutcomes.Created },
            ],
            entries);
    }

    [SkippableFact]
    public async Task Writes_RefusedOrCancelled_AppendNoAuditEntry()
    {
        await using var store = await CreateStoreAsync(Samples.Small());
        await Assert.ThrowsAsync<DataValidationException>(() => store.UpsertNodeAsync(new NodeRecord("a", NodeKind.Citizen) { Ses = 2 }, Entry(1)));
        await Assert.ThrowsAsync<GraphStoreConflictException>(() => store.UpsertNodeAsync(new NodeRecord("a", NodeKind.Employer), Entry(2)));
        await Assert.ThrowsAsync<DataValidationException>(() => store.UpsertTieAsync(new TieRecord("a", "nobody", TieKind.Friend), Entry(3)));
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.DeleteNodeAsync("a", Entry(4), cancelled.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.ImportAsync(Samples.Toy, Entry(5), cancelled.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.AppendAuditAsync([Entry(6)], cancelled.Token));

        Assert.Empty(await AllAuditAsync(store));
        await AssertHoldsAsync(store, Samples.Small(), 1);
    }

    [SkippableFact]
    public async Task ImportAsync_WithAuditEntry_AppendsItAndKeepsTheAuditTrail()
    {
        await using var store = await CreateEmptyStoreAsync();
        await store.AppendAuditAsync([Entry(1, action: "GET /people/{id}", targets: "x")]);
        Assert.Equal(1, await store.ImportAsync(Samples.Small(), Entry(2, action: "POST /import")));
        Assert.Equal(2, await store.ImportAsync(Samples.Toy));

        Assert.Equal(
            [Entry(2, action: "POST /import") with { Outcome = AuditOutcomes.Imported }, Entry(1, action: "GET /people/{id}", targets: "x")],
            await AllAuditAsync(store));
        Assert.Equal(2, await store.GetVersionAsync());
    }

    [SkippableFact]
    public async Task AppendAuditAsync_Entries_ReadBackExactlyNewestFirst()
    {
        await using var store = await CreateEmptyStoreAsync();
        AuditEntry[] first =
        [
            new(T0.AddTicks(1), "coach-1", "coach", "GET /people/", ["a", "b", "a"], "ok"),
            new(T0.AddTicks(1), "coach-1", "coach", "GET /people/", [], "ok"), // same time: appended later, listed first
            new(new DateTimeOffset(2026, 1, 1, 10, 0, 0, TimeSpan.FromHours(1)), "anonymous", "", "DELETE /ties", ["ü-1"], "unauthenticated"),
        ];
        await store.AppendAuditAsync(first);
        await store.AppendAuditAsync([]);

        var entries = await AllAuditAsync(store);
        Assert.Equal([first[1], first[0], first[2]], entries);
        Assert.Equal(TimeSpan.Zero, entries[2].Time.Offset);
        Assert.Equal(T0, entries[2].Time);
    }

    [SkippableFact]
    public async Task QueryAuditAsync_Filters_HoldTogetherWithPagingAndTotal()
    {
        await using var store = await CreateEmptyStoreAsync();
        var entries = Enumerable.Range(0, 30)
            .Select(i => new AuditEntry(T0.AddMinutes(i), i % 3 == 0 ? "admin-1" : "coach-1", "coach", "GET /people/{id}",
                i % 2 == 0 ? ["a", "b"] : ["c"], "ok"))
            .ToArray();
        await store.AppendAuditAsync(entries);

        var byActor = await store.QueryAuditAsync(new AuditQuery { Actor = "admin-1" });
        Assert.Equal(10, byActor.Total);
        Assert.All(byActor.Entries, e => Assert.Equal("admin-1", e.Actor));

        var byTarget = await store.QueryAuditAsync(new AuditQuery { Target = "b" });
        Assert.Equal(15, byTarget.Total);
        Assert.Equal(entries.Where(e => e.Targets.Contains("b")).Reverse(), byTarget.Entries);

        var window = await store.QueryAuditAsync(new AuditQuery { From = T0.AddMinutes(10), To = T0.AddMinutes(20) });
        Assert.Equal(entries[10..20].Reverse(), window.Entries); // from inclusive, to exclusive

        var all = new AuditQuery { Actor = "coach-1", Target = "c", From = T0.AddMinutes(5) };
        var expected = entries.Where(all.Matches).Reverse().ToArray();
        var page = await store.QueryAuditAsync(all with { Skip = 2, Limit = 3 });
        Assert.Equal(expected.Length, page.Total);
        Assert.Equal(expected.Skip(2).Take(3), page.Entries);
        Assert.Empty((await store.QueryAuditAsync(all with { Skip = 100 })).Entries);
        Assert.Equal(0, (await store.QueryAuditAsync(new AuditQuery { Target = "nobody" })).Total);

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => store.QueryAuditAsync(new AuditQuery { Limit = 0 }));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => store.QueryAuditAsync(new AuditQuery { Skip = -1 }));
    }

    [SkippableFact]
    public async Task PurgeAuditAsync_DeletesOnlyEntriesOlderThanTheCutOff()
    {
        await using var store = await CreateEmptyStoreAsync();
        var entries = Enumerable.Range(0, 10).Select(i => Entry(i * 60, targets: ["p" + i, "q"])).ToArray();
        await store.AppendAuditAsync(entries);

        Assert.Equal(4, await store.PurgeAuditAsync(T0.AddMinutes(4)));
        Assert.Equal(0, await store.PurgeAuditAsync(T0.AddMinutes(4)));
        Assert.Equal(entries[4..].Reverse(), await AllAuditAsync(store));
        Assert.Equal(6, (await store.QueryAuditAsync(new AuditQuery { Target = "q" })).Total);
        Assert.Equal(0, (await store.QueryAuditAsync(new AuditQuery { Target = "p1" })).Total);
    }

    [SkippableFact]
    public async Task EraseNodeAsync_StoredPerson_DeletesThemAndTheirTiesAndPseudonymisesTheAudit()
    {
        await using var store = await CreateStoreAsync(Samples.Small());
        await store.AppendAuditAsync([Entry(1, action: "GET /people/{id}", targets: "a"), Entry(2, actor: "a", targets: ["b", "a"]), Entry(3, targets: "b")]);
        var pseudonym = AuditPseudonym.New();

        var outcome = await store.EraseNodeAsync("a", pseudonym, Entry(4, action: "POST /people/{id}/erasure", targets: pseudonym));

        var reference = DatasetEdits.DeleteNode(Samples.Small(), "a");
        Assert.Equal(new WriteOutcome(WriteEffect.Deleted, 2, reference.TiesRemoved), outcome);
        await AssertHoldsAsync(store, reference.Dataset, 2);
        Assert.Equal(
            [
                Entry(4, action: "POST /people/{id}/erasure", targets: pseudonym) with { Outcome = AuditOutcomes.Erased },
                Entry(3, targets: "b"),
                Entry(2, actor: pseudonym, targets: ["b", pseudonym]),
                Entry(1, action: "GET /people/{id}", targets: pseudonym),
            ],
            await AllAuditAsync(store));
        Assert.Equal(0, (await store.QueryAuditAsync(new AuditQuery { Target = "a" })).Total);
        Assert.Equal(0, (await store.QueryAuditAsync(new AuditQuery { Actor = "a" })).Total);
        Assert.Equal(3, (await store.QueryAuditAsync(new AuditQuery { Target = pseudonym })).Total);
    }

    [SkippableFact]
    public async Task EraseNodeAsync_IdNoLongerStored_StillPseudonymisesAndKeepsTheVersion()
    {
        await using var store = await CreateStoreAsync(Samples.Small());
        await store.AppendAuditAsync([Entry(1, targets: "gone")]);

        var outcome = await store.EraseNodeAsync("gone", "erased:x", Entry(2, targets: "erased:x"));

        Assert.Equal(new WriteOutcome(WriteEffect.NotFound, 1), outcome);
        await AssertHoldsAsync(store, Samples.Small(), 1);
        Assert.Equal([Entry(2, targets: "erased:x") with { Outcome = AuditOutcomes.NotFound }, Entry(1, targets: "erased:x")],
            await AllAuditAsync(store));
        await Assert.ThrowsAsync<ArgumentException>(() => store.EraseNodeAsync("a", "a"));
        await Assert.ThrowsAsync<ArgumentException>(() => store.EraseNodeAsync("a", ""));
    }

    [SkippableFact]
    public async Task AppendAuditAsync_SecondHandle_SeesTheEntries()
    {
        await using var store = await CreateEmptyStoreAsync();
        await store.AppendAuditAsync([Entry(1, targets: "a")]);
        var second = await OpenSecondHandleAsync(store);
        try
        {
            Assert.Equal([Entry(1, targets: "a")], await AllAuditAsync(second));
            await second.AppendAuditAsync([Entry(2)]);
        }
        finally
        {
            if (!ReferenceEquals(second, store)) await second.DisposeAsync();
        }
        Assert.Equal(2, (await store.QueryAuditAsync(new AuditQuery())).Total);
    }
}
