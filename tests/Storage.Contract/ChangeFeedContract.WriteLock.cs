using SocialCapital.Live;
using SocialCapital.Model;

namespace SocialCapital.Storage.Contract;

/// <summary>The store's write lock across processes (<see cref="IWriteLock"/>), which a store shared by several processes
/// has: one holder at a time across handles, a bounded wait that ends in <see cref="WriteLockTimeoutException"/>, release on
/// dispose, on a cancelled wait, and when the holder's process or connection dies; the holder's writes (and anyone's)
/// go through while it is held.</summary>
public abstract partial class ChangeFeedContract
{
    /// <summary>Takes the write lock of the store behind <paramref name="first"/> in another process (or on a connection of
    /// its own), as an API replica would, and returns what kills that holder abruptly — no dispose, no unlock — as a
    /// <c>kill -9</c> or a lost connection would.</summary>
    /// <param name="first">A store from <see cref="CreateEmptyStoreAsync"/>.</param>
    /// <returns>The kill; it returns once the holder is gone.</returns>
    protected abstract Task<Func<Task>> HoldWriteLockElsewhereAsync(IGraphStore first);

    private static IWriteLock Lock(IGraphStore store) =>
        store as IWriteLock ?? throw new Xunit.Sdk.XunitException($"{store.GetType().Name} is not an IWriteLock.");

    [SkippableFact]
    public async Task WriteLock_TwoHandles_OneHolderAtATimeAndTheWaiterGetsItOnRelease()
    {
        await using var store = await CreateEmptyStoreAsync();
        await using var second = await OpenSecondHandleAsync(store);
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Lock(store).AcquireWriteLockAsync(TimeSpan.FromSeconds(-1)));

        var held = await Lock(store).AcquireWriteLockAsync(Patience);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var timeout = await Assert.ThrowsAsync<WriteLockTimeoutException>(() => Lock(second).AcquireWriteLockAsync(TimeSpan.FromMilliseconds(200)));
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(150), $"gave up after {clock.Elapsed.TotalMilliseconds} ms");
        Assert.Equal(TimeSpan.FromMilliseconds(200), timeout.Waited);
        Assert.Contains("write lock", timeout.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<WriteLockTimeoutException>(() => Lock(second).AcquireWriteLockAsync(TimeSpan.Zero));

        var waiting = Lock(second).AcquireWriteLockAsync(Patience);
        await Task.Delay(200);
        Assert.False(waiting.IsCompleted, "the second handle got the lock while the first held it");
        await held.DisposeAsync();
        await held.DisposeAsync(); // twice is once
        var next = await waiting.WaitAsync(Patience);
        await Assert.ThrowsAsync<WriteLockTimeoutException>(() => Lock(store).AcquireWriteLockAsync(TimeSpan.FromMilliseconds(50)));
        await next.DisposeAsync();
        await (await Lock(store).AcquireWriteLockAsync(Patience)).DisposeAsync();
    }

    [SkippableFact]
    public async Task WriteLock_WhileHeld_TheHoldersWritesGoThroughAndOthersWaitWhenTheStoreSaysSo()
    {
        await using var store = await CreateEmptyStoreAsync();
        await using var second = await OpenSecondHandleAsync(store);
        await store.ImportAsync(Samples.Small());
        Task<WriteOutcome> other;
        await using (await Lock(store).AcquireWriteLockAsync(Patience))
        {
            // The holder writes under it.
            Assert.Equal(2, (await store.UpsertNodeAsync(new NodeRecord("held-1", NodeKind.Citizen))).Version);
            other = second.UpsertNodeAsync(new NodeRecord("held-2", NodeKind.Citizen));
            if (Lock(second).WritesWaitForLock)
            {
                // Another handle's write waits for the holder, having written nothing yet.
                await Task.Delay(300);
                Assert.False(other.IsCompleted, "a write through another handle went through while the lock was held");
                Assert.Equal(2, await store.GetVersionAsync());
            }
            else Assert.Equal(3, (await other).Version); // it never waits unless its caller takes the lock
        }
        Assert.Equal(3, (await other.WaitAsync(Patience)).Version);
        Assert.Equal(3, await second.GetVersionAsync());
    }

    [SkippableFact]
    public async Task WriteLock_ManyWaitersOnTwoHandles_NeverTwoHoldersAtOnce()
    {
        await using var store = await CreateEmptyStoreAsync();
        await using var second = await OpenSecondHandleAsync(store);
        var inside = 0;
        var overlaps = 0;
        var turns = 0;
        await Task.WhenAll(Enumerable.Range(0, 6).Select(w => Task.Run(async () =>
        {
            var handle = Lock(w % 2 == 0 ? store : second);
            for (var i = 0; i < 8; i++)
            {
                await using (await handle.AcquireWriteLockAsync(TimeSpan.FromSeconds(30)))
                {
                    if (Interlocked.Increment(ref inside) != 1) Interlocked.Increment(ref overlaps);
                    await Task.Delay(2);
                    Interlocked.Increment(ref turns);
                    Interlocked.Decrement(ref inside);
                }
            }
        })));
        Assert.Equal(0, overlaps);
        Assert.Equal(48, turns);
    }

    [SkippableFact]
    public async Task WriteLock_WaitCancelled_ThrowsAndHoldsNothing()
    {
        await using var store = await CreateEmptyStoreAsync();
        await using var second = await OpenSecondHandleAsync(store);
        var held = await Lock(store).AcquireWriteLockAsync(Patience);
        using (var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200)))
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Lock(second).AcquireWriteLockAsync(Patience, cancel.Token));
        await held.DisposeAsync();
        // The cancelled waiter kept nothing: the first handle takes it again at once.
        await (await Lock(store).AcquireWriteLockAsync(TimeSpan.FromSeconds(2))).DisposeAsync();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Lock(second).AcquireWriteLockAsync(Patience, cancelled.Token));
        await (await Lock(store).AcquireWriteLockAsync(TimeSpan.FromSeconds(2))).DisposeAsync();
    }

    [SkippableFact]
    public async Task WriteLock_HolderKilledWithoutReleasing_IsFreeAgain()
    {
        await using var store = await CreateEmptyStoreAsync();
        var kill = await HoldWriteLockElsewhereAsync(store);
        await Assert.ThrowsAsync<WriteLockTimeoutException>(() => Lock(store).AcquireWriteLockAsync(TimeSpan.FromMilliseconds(200)));
        await kill();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await (await Lock(store).AcquireWriteLockAsync(Patience)).DisposeAsync();
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"free {clock.Elapsed.TotalMilliseconds} ms after its holder died");
    }
}
