using System.Diagnostics;
using FsCheck;
using FsCheck.Fluent;
using SocialCapital.Interchange;
using SocialCapital.Live;
using SocialCapital.Model;
using SocialCapital.Storage;
using SocialCapital.Storage.Contract;

namespace SocialCapital.Postgres.Tests;

/// <summary>The store's change feed: every committed change recorded once, in version order, with the edit that
/// repeats it; notifications that wake a follower in another process; and the gap a pruned feed reports.</summary>
public sealed class PostgresChangeFeedTests
{
    private static Task<PostgresGraphStore> NewStoreAsync(long changesKept = 100_000) =>
        PostgresGraphStore.OpenAsync(new PostgresStoreOptions { ConnectionString = PostgresServer.NewSchema(), ChangesKept = changesKept });

    /// <summary>Applies a change's edit to a dataset with the stores' semantics.</summary>
    private static Dataset Apply(Dataset dataset, GraphEdit edit) => (edit switch
    {
        GraphEdit.UpsertNode e => DatasetEdits.UpsertNode(dataset, e.Node),
        GraphEdit.DeleteNode e => DatasetEdits.DeleteNode(dataset, e.Id),
        GraphEdit.UpsertTie e => DatasetEdits.UpsertTie(dataset, e.Tie),
        GraphEdit.UpsertTies e => DatasetEdits.UpsertTies(dataset, e.Ties),
        GraphEdit.DeleteTies e => DatasetEdits.DeleteTies(dataset, e.Source, e.Target, e.Kind),
        GraphEdit.UpsertProposals e => DatasetEdits.UpsertProposals(dataset, e.Proposals, e.Tie),
        GraphEdit.UpsertStatus e => DatasetEdits.UpsertStatus(dataset, e.Change),
        GraphEdit.AddContact e => DatasetEdits.AddContact(dataset, e.Contact),
        _ => throw new InvalidOperationException(edit.GetType().Name),
    }).Dataset;

    [SkippableFact]
    public async Task EveryWrite_RecordsOneChange_WhoseEditGivesTheNewExport()
    {
        await (await NewStoreAsync()).DisposeAsync(); // skips here, not inside FsCheck, without a server
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(15), Prop.ForAll(StoreOperations.Sequences(), operations =>
        {
            RunAsync(operations).GetAwaiter().GetResult();
            return true;
        }));
    }

    private static async Task RunAsync(StoreOperation[] operations)
    {
        await using var store = await NewStoreAsync();
        var before = await store.ExportAsync();
        foreach (var operation in operations.Append(new StoreOperation.EraseNode("a", "p-1")))
        {
            await operation.ApplyAsync(store);
            var after = await store.ExportAsync();
            var changes = await store.ReadChangesAsync(before.Version, 100);
            if (after.Version == before.Version)
                Assert.Empty(changes);
            else
            {
                var change = Assert.Single(changes);
                Assert.Equal(before.Version + 1, change.Version);
                Assert.Equal(after.Version, change.Version);
                if (operation is StoreOperation.Import) Assert.Null(change.Edit);
                else
                {
                    Assert.NotNull(change.Edit);
                    DatasetAssert.Equal(after.Dataset, Apply(before.Dataset, change.Edit));
                }
            }
            before = after;
        }
        var all = await store.ReadChangesAsync(0, 1000);
        Assert.Equal(Enumerable.Range(1, (int)before.Version).Select(v => (long)v), all.Select(c => c.Version));
    }

    [SkippableFact]
    public async Task EraseNodeAsync_RecordsADeleteAndBlanksEarlierChangesNamingThePerson()
    {
        await using var store = await NewStoreAsync();
        await store.ImportAsync(Samples.Small());
        await store.UpsertNodeAsync(new NodeRecord("zoe", NodeKind.Citizen) { Area = "Z1" });
        await store.UpsertTieAsync(new TieRecord("a", "zoe", TieKind.Friend));
        await store.UpsertNodeAsync(new NodeRecord("yan", NodeKind.Citizen));
        var erased = await store.EraseNodeAsync("zoe", "p-123");

        var changes = await store.ReadChangesAsync(0, 100);
        Assert.Equal(erased.Version, changes[^1].Version);
        Assert.Equal(new GraphEdit.DeleteNode("zoe"), changes[^1].Edit);
        Assert.Null(changes[1].Edit); // the upsert of zoe: a follower reads the whole store instead
        Assert.Null(changes[2].Edit); // the tie naming zoe
        Assert.Equal(new GraphEdit.UpsertNode(new NodeRecord("yan", NodeKind.Citizen)), changes[3].Edit);
    }

    [SkippableFact]
    public async Task ReadChangesAsync_AfterPruning_ReportsTheGap()
    {
        await using var store = await NewStoreAsync(changesKept: 3);
        await store.ImportAsync(Samples.Small());
        for (var i = 0; i < 10; i++) await store.UpsertNodeAsync(new NodeRecord($"n{i}", NodeKind.Citizen));
        var gap = await Assert.ThrowsAsync<ChangeFeedGapException>(() => store.ReadChangesAsync(0, 100));
        Assert.Equal(0, gap.AfterVersion);
        Assert.InRange(gap.OldestKept, 2, 9);
        // Those still kept are read as usual, and a follower that is up to date gets nothing.
        Assert.Equal([10L, 11L], (await store.ReadChangesAsync(9, 100)).Select(c => c.Version));
        Assert.Equal([10L], (await store.ReadChangesAsync(9, 1)).Select(c => c.Version));
        Assert.Empty(await store.ReadChangesAsync(11, 100));
        // An import prunes too: the feed then starts at the import, whose change tells followers to read everything.
        await store.ImportAsync(Samples.Small());
        Assert.Null(Assert.Single(await store.ReadChangesAsync(11, 100)).Edit);
    }

    [SkippableFact]
    public async Task ReadChangesAsync_BadArguments_AreRefused()
    {
        await using var store = await NewStoreAsync();
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => store.ReadChangesAsync(-1, 10));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => store.ReadChangesAsync(0, 0));
    }

    [SkippableFact]
    public async Task WaitForChangeAsync_AWriteInAnotherStore_WakesTheWaiterAtOnce()
    {
        await using var follower = await NewStoreAsync();
        await using var writer = await PostgresGraphStore.OpenAsync(follower.Options);
        await writer.ImportAsync(Samples.Small());
        Assert.Equal(1, await follower.WaitForChangeAsync(0, TimeSpan.FromSeconds(30))); // already newer: no wait
        for (var round = 0; round < 3; round++)
        {
            var version = await follower.GetVersionAsync();
            var clock = Stopwatch.StartNew();
            var waiting = follower.WaitForChangeAsync(version, TimeSpan.FromSeconds(60));
            await Task.Delay(200);
            Assert.False(waiting.IsCompleted);
            await writer.UpsertNodeAsync(new NodeRecord($"r{round}", NodeKind.Citizen));
            Assert.Equal(version + 1, await waiting.WaitAsync(TimeSpan.FromSeconds(20)));
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"woken after {clock.Elapsed}, not by the notification");
        }
    }

    [SkippableFact]
    public async Task WaitForChangeAsync_NothingHappens_ReturnsAfterTheTimeout()
    {
        await using var store = await NewStoreAsync();
        var clock = Stopwatch.StartNew();
        Assert.Equal(0, await store.WaitForChangeAsync(0, TimeSpan.FromMilliseconds(300)));
        Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(20));
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.WaitForChangeAsync(0, TimeSpan.FromMinutes(5), cancel.Token));
    }
}
