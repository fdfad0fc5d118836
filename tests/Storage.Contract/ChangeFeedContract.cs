using FsCheck;
using FsCheck.Fluent;
using SocialCapital.Interchange;
using SocialCapital.Live;
using SocialCapital.Model;

namespace SocialCapital.Storage.Contract;

/// <summary>The contract of a store's change feed (<see cref="IChangeFeed"/>), as tests: derive a test class per store that
/// is a feed. Every write that raises the version records exactly one change, whose edit applied with
/// <see cref="DatasetEdits"/>' semantics to the export before it gives the export after it; versions are consecutive; a
/// waiter on another handle wakes after a write; changes beyond the kept number are a gap; an import records no edit; an
/// erasure forgets every earlier change (they may hold the person's records).</summary>
public abstract partial class ChangeFeedContract
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    /// <summary>Creates a new, empty store (version 0) that only this test uses and whose feed keeps the latest
    /// <paramref name="changesKept"/> changes.</summary>
    /// <param name="changesKept">How many changes the feed keeps.</param>
    /// <returns>The store, which is an <see cref="IChangeFeed"/>; the test disposes it.</returns>
    protected abstract Task<IGraphStore> CreateEmptyStoreAsync(int changesKept = 10_000);

    /// <summary>Opens a second, independent handle on the data behind <paramref name="first"/> (another process would
    /// open the same).</summary>
    /// <param name="first">A store from <see cref="CreateEmptyStoreAsync"/>.</param>
    /// <returns>The handle; the test disposes it before the first one.</returns>
    protected abstract Task<IGraphStore> OpenSecondHandleAsync(IGraphStore first);

    private static IChangeFeed Feed(IGraphStore store) =>
        store as IChangeFeed ?? throw new Xunit.Sdk.XunitException($"{store.GetType().Name} is not an IChangeFeed.");

    /// <summary>A dataset after one change, with the stores' edit semantics.</summary>
    /// <param name="dataset">The dataset before.</param>
    /// <param name="edit">The change.</param>
    /// <returns>The dataset after.</returns>
    public static Dataset Apply(Dataset dataset, GraphEdit edit) => Reference(dataset, edit).Dataset;

    /// <summary>What <see cref="DatasetEdits"/> — the reference every store and the live graph are tested against — does
    /// with one change.</summary>
    /// <param name="dataset">The dataset before.</param>
    /// <param name="edit">The change.</param>
    /// <returns>The reference's result.</returns>
    public static DatasetEdit Reference(Dataset dataset, GraphEdit edit) => edit switch
    {
        GraphEdit.UpsertNode e => DatasetEdits.UpsertNode(dataset, e.Node),
        GraphEdit.DeleteNode e => DatasetEdits.DeleteNode(dataset, e.Id),
        GraphEdit.UpsertTie e => DatasetEdits.UpsertTie(dataset, e.Tie),
        GraphEdit.UpsertTies e => DatasetEdits.UpsertTies(dataset, e.Ties),
        GraphEdit.DeleteTies e => DatasetEdits.DeleteTies(dataset, e.Source, e.Target, e.Kind),
        GraphEdit.UpsertProposals e => DatasetEdits.UpsertProposals(dataset, e.Proposals, e.Tie),
        GraphEdit.UpsertStatus e => DatasetEdits.UpsertStatus(dataset, e.Change),
        GraphEdit.AddContact e => DatasetEdits.AddContact(dataset, e.Contact),
        _ => throw new InvalidOperationException($"Unknown edit {edit.GetType().Name}."),
    };

    [SkippableFact]
    public async Task Writes_AnySequence_RecordOneChangeEachThatRepeatsIt()
    {
        await (await CreateEmptyStoreAsync()).DisposeAsync(); // a store without its server skips here, not inside FsCheck
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(30), Prop.ForAll(StoreOperations.Sequences(), operations =>
        {
            RunSequenceAsync(operations).GetAwaiter().GetResult();
            return true;
        }));
    }

    private async Task RunSequenceAsync(StoreOperation[] operations)
    {
        await using var store = await CreateEmptyStoreAsync();
        var feed = Feed(store);
        var before = await store.ExportAsync();
        foreach (var operation in operations)
        {
            await operation.ApplyAsync(store);
            var after = await store.ExportAsync();
            var changes = await feed.ReadChangesAsync(before.Version, 10);
            if (after.Version == before.Version)
            {
                Assert.True(changes.Count == 0, $"{operation}: changed nothing but recorded a change");
            }
            else
            {
                Assert.Equal(before.Version + 1, after.Version);
                var change = Assert.Single(changes);
                Assert.Equal(after.Version, change.Version);
                if (operation is StoreOperation.Import)
                    Assert.True(change.Edit is null, $"{operation}: an import's change has an edit");
                else
                {
                    Assert.True(change.Edit is not null, $"{operation}: the change has no edit");
                    var replayed = Apply(before.Dataset, change.Edit);
                    Assert.True(DatasetAssert.AreEqual(after.Dataset, replayed), $"{operation}: the change {GraphEditJson.Serialize(change.Edit)} does not repeat it");
                }
            }
            before = after;
        }
        // The whole history, in pages of three: consecutive from version 1, ending at the store's version.
        var all = new List<StoreChange>();
        for (IReadOnlyList<StoreChange> page; (page = await feed.ReadChangesAsync(all.Count, 3)).Count > 0;) all.AddRange(page);
        Assert.Equal(Enumerable.Range(1, (int)before.Version).Select(v => (long)v), all.Select(c => c.Version));
    }

    [SkippableFact]
    public async Task ReadChangesAsync_Pages_AreConsecutiveAndEndAtTheStoreVersion()
    {
        await using var store = await CreateEmptyStoreAsync();
        var feed = Feed(store);
        Assert.Empty(await feed.ReadChangesAsync(0, 5)); // a new store: nothing to follow
        await store.ImportAsync(Samples.Small());
        var started = DateTimeOffset.UtcNow;
        for (var i = 0; i < 5; i++) await store.UpsertNodeAsync(new NodeRecord($"n{i}", NodeKind.Citizen) { Area = "A" });

        var first = await feed.ReadChangesAsync(0, 2);
        Assert.Equal([1L, 2L], first.Select(c => c.Version));
        Assert.Null(first[0].Edit);
        Assert.Equal(new GraphEdit.UpsertNode(new NodeRecord("n0", NodeKind.Citizen) { Area = "A" }), first[1].Edit);
        var rest = await feed.ReadChangesAsync(2, 100);
        Assert.Equal([3L, 4L, 5L, 6L], rest.Select(c => c.Version));
        Assert.All(rest, c => Assert.InRange(c.At, started.AddMinutes(-1), DateTimeOffset.UtcNow.AddMinutes(1)));
        Assert.True(rest.Zip(rest.Skip(1)).All(p => p.First.At <= p.Second.At), "changes are committed in version order");
        Assert.Empty(await feed.ReadChangesAsync(6, 100));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => feed.ReadChangesAsync(0, 0));
    }

    [SkippableFact]
    public async Task Writes_Refused_OrChangingNothing_RecordNoChange()
    {
        await using var store = await CreateEmptyStoreAsync();
        var feed = Feed(store);
        await store.ImportAsync(Samples.Small());
        await store.UpsertNodeAsync(Samples.Small().Nodes[0]); // unchanged
        await Assert.ThrowsAsync<DataValidationException>(() => store.UpsertTieAsync(new TieRecord("a", "nobody", TieKind.Friend)));
        await store.DeleteNodeAsync("nobody"); // not found
        Assert.Equal(1, await store.GetVersionAsync());
        Assert.Empty(await feed.ReadChangesAsync(1, 10));
    }

    [SkippableFact]
    public async Task WaitForChangeAsync_OnAnotherHandle_WakesAfterAWrite()
    {
        await using var store = await CreateEmptyStoreAsync();
        await store.ImportAsync(Samples.Small());
        await using var second = await OpenSecondHandleAsync(store);
        var feed = Feed(second);

        // Nothing written: the wait lasts its timeout and says the version held.
        var clock = System.Diagnostics.Stopwatch.StartNew();
        Assert.Equal(1, await feed.WaitForChangeAsync(1, TimeSpan.FromMilliseconds(200)));
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(150), $"returned after {clock.Elapsed.TotalMilliseconds} ms");
        // Behind already: at once.
        Assert.Equal(1, await feed.WaitForChangeAsync(0, Patience));

        var waiting = feed.WaitForChangeAsync(1, Patience);
        await Task.Delay(100);
        Assert.False(waiting.IsCompleted);
        clock.Restart();
        await store.UpsertNodeAsync(new NodeRecord("new", NodeKind.Citizen));
        Assert.Equal(2, await waiting.WaitAsync(Patience));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"woke {clock.Elapsed.TotalMilliseconds} ms after the write");

        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => feed.WaitForChangeAsync(2, Patience, cancel.Token));
    }

    [SkippableFact]
    public async Task ReadChangesAsync_BeyondTheKeptChanges_IsAGap()
    {
        await using var store = await CreateEmptyStoreAsync(changesKept: 3);
        var feed = Feed(store);
        await store.ImportAsync(Samples.Small());
        for (var i = 0; i < 5; i++) await store.UpsertNodeAsync(new NodeRecord($"n{i}", NodeKind.Citizen));

        var gap = await Assert.ThrowsAsync<ChangeFeedGapException>(() => feed.ReadChangesAsync(2, 10));
        Assert.Equal(2, gap.AfterVersion);
        Assert.Equal(4, gap.OldestKept);
        await Assert.ThrowsAsync<ChangeFeedGapException>(() => feed.ReadChangesAsync(0, 10));
        Assert.Equal([4L, 5L, 6L], (await feed.ReadChangesAsync(3, 10)).Select(c => c.Version));
    }

    [SkippableFact]
    public async Task EraseNodeAsync_ForgetsEveryEarlierChange()
    {
        await using var store = await CreateEmptyStoreAsync();
        var feed = Feed(store);
        await store.ImportAsync(Samples.Small());
        await store.UpsertNodeAsync(new NodeRecord("x", NodeKind.Citizen) { Area = "A", Skills = ["welding"] });
        await store.UpsertTieAsync(new TieRecord("x", "a", TieKind.Friend));
        var erased = await store.EraseNodeAsync("x", "pseudonym-1");

        Assert.Equal(4, erased.Version);
        var change = Assert.Single(await feed.ReadChangesAsync(3, 10));
        Assert.Equal(new GraphEdit.DeleteNode("x"), change.Edit);
        var gap = await Assert.ThrowsAsync<ChangeFeedGapException>(() => feed.ReadChangesAsync(2, 10));
        Assert.Equal(4, gap.OldestKept);

        // Erasing again (after a delete, say) changes no data but forgets the feed up to the store's version all the same.
        await store.UpsertNodeAsync(new NodeRecord("y", NodeKind.Citizen));
        Assert.Equal(WriteEffect.NotFound, (await store.EraseNodeAsync("x", "pseudonym-2")).Effect);
        await Assert.ThrowsAsync<ChangeFeedGapException>(() => feed.ReadChangesAsync(3, 10));
        Assert.Empty(await feed.ReadChangesAsync(5, 10));
    }

    [SkippableFact]
    public async Task Writes_ConcurrentThroughTwoHandles_ReplayFromTheFeedToTheExport()
    {
        await using var store = await CreateEmptyStoreAsync();
        await store.ImportAsync(Samples.Small());
        await using var second = await OpenSecondHandleAsync(store);
        var start = await store.ExportAsync();
        await Task.WhenAll(Enumerable.Range(0, 4).Select(w => Task.Run(async () =>
        {
            var handle = w % 2 == 0 ? store : second;
            for (var i = 0; i < 15; i++)
            {
                await handle.UpsertNodeAsync(new NodeRecord($"w{w}-{i}", NodeKind.Citizen) { Area = "A" });
                await handle.UpsertTieAsync(new TieRecord($"w{w}-{i}", i % 2 == 0 ? "a" : "b", TieKind.Friend) { Strength = 1 + w });
            }
        })));

        var end = await second.ExportAsync();
        var changes = await Feed(second).ReadChangesAsync(start.Version, 1000);
        Assert.Equal(Enumerable.Range((int)start.Version + 1, (int)(end.Version - start.Version)).Select(v => (long)v), changes.Select(c => c.Version));
        var replayed = changes.Aggregate(start.Dataset, (dataset, change) => Apply(dataset, change.Edit!));
        DatasetAssert.Equal(end.Dataset, replayed);
    }
}
