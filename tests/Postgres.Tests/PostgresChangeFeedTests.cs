using System.Diagnostics;
using Npgsql;
using SocialCapital.Live;
using SocialCapital.Model;
using SocialCapital.Storage;
using SocialCapital.Storage.Contract;

namespace SocialCapital.Postgres.Tests;

/// <summary>The store keeps the change feed's contract (<see cref="ChangeFeedContract"/>: one change per write that
/// repeats it, consecutive versions, a waiter woken by another handle's write, the gap, erasure), and what is its own: the
/// pruning cadence, notifications that wake a follower in another process at once rather than at its poll.</summary>
public sealed class PostgresChangeFeedTests : ChangeFeedContract
{
    private static Task<PostgresGraphStore> NewStoreAsync(long changesKept = 100_000) =>
        PostgresGraphStore.OpenAsync(new PostgresStoreOptions { ConnectionString = PostgresServer.NewSchema(), ChangesKept = changesKept });

    protected override async Task<IGraphStore> CreateEmptyStoreAsync(int changesKept = 10_000) => await NewStoreAsync(changesKept);

    protected override async Task<IGraphStore> OpenSecondHandleAsync(IGraphStore first) =>
        await PostgresGraphStore.OpenAsync(((PostgresGraphStore)first).Options);

    /// <summary>A second store (its own pool) takes the lock; the kill ends its server session (<c>pg_terminate_backend</c>,
    /// as a lost connection or a killed client does), found by the lock's key in <c>pg_locks</c>.</summary>
    protected override async Task<Func<Task>> HoldWriteLockElsewhereAsync(IGraphStore first)
    {
        var holder = await PostgresGraphStore.OpenAsync(((PostgresGraphStore)first).Options);
        _ = await holder.AcquireWriteLockAsync(TimeSpan.FromSeconds(10)); // never released: the session dies holding it
        return async () =>
        {
            await using (var connection = await ((PostgresGraphStore)first).OpenAsync(CancellationToken.None))
            await using (var command = new NpgsqlCommand(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_locks WHERE locktype = 'advisory' AND granted AND objsubid = 2 "
                + "AND classid::bigint = $1 AND objid::bigint = $2", connection)
                { Parameters = { new() { Value = 0x53434150L }, new() { Value = (long)(uint)holder.WriteLockKey } } })
                Assert.Equal(1L, await command.ExecuteScalarAsync());
            await holder.DisposeAsync();
        };
    }

    [SkippableFact]
    public async Task AcquireWriteLockAsync_StoresInOtherSchemas_HaveTheirOwnLock()
    {
        await using var one = await NewStoreAsync();
        await using var other = await NewStoreAsync();
        await using var held = await one.AcquireWriteLockAsync(TimeSpan.FromSeconds(10));
        await (await other.AcquireWriteLockAsync(TimeSpan.FromSeconds(2))).DisposeAsync();
        await Assert.ThrowsAsync<WriteLockTimeoutException>(() => one.AcquireWriteLockAsync(TimeSpan.FromMilliseconds(100)));
    }

    [SkippableFact]
    public async Task Write_WhileAnotherInstanceHoldsTheWriteLock_WaitsAtMostWriteLockWaitThenFailsHavingWrittenNothing()
    {
        await using var holder = await NewStoreAsync();
        await holder.ImportAsync(Samples.Small());
        await using var writer = await PostgresGraphStore.OpenAsync(holder.Options with { WriteLockWait = TimeSpan.FromMilliseconds(300) });
        var clock = Stopwatch.StartNew();
        await using (await holder.AcquireWriteLockAsync(TimeSpan.FromSeconds(10)))
        {
            var e = await Assert.ThrowsAsync<WriteLockTimeoutException>(() => writer.UpsertNodeAsync(new NodeRecord("late", NodeKind.Citizen)));
            Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(250), $"gave up after {clock.Elapsed}");
            Assert.Contains("nothing was written", e.Message, StringComparison.Ordinal);
            Assert.Equal(1, await writer.GetVersionAsync());
        }
        // Released: the same write goes through.
        Assert.Equal(2, (await writer.UpsertNodeAsync(new NodeRecord("late", NodeKind.Citizen))).Version);
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
