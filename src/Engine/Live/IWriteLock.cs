namespace SocialCapital.Live;

/// <summary>A store that several processes share (see <see cref="IChangeFeed"/>) and that can be locked for writing across
/// all of them, so one process can read the store, decide on what it read and write the decision with no other
/// process's write in between: what an API replica does to check a rule (a mentor's free places) that another replica
/// could otherwise race.</summary>
/// <remarks>The lock is the store's, not the data's: a holder's own writes go through as usual; whether a write from
/// elsewhere is held up by it is the store's <see cref="WritesWaitForLock"/>. A process that dies holding it releases it
/// (the operating system's file lock, the database session). Not re-entrant: a holder that asks again waits for itself
/// until the timeout.</remarks>
public interface IWriteLock
{
    /// <summary>Whether every write through another instance of the store waits while the lock is held (and a holder
    /// waits for the writes in flight), so a caller needs the lock only around a read-decide-write sequence; when false, a
    /// write waits only if its caller takes the lock.</summary>
    bool WritesWaitForLock { get; }

    /// <summary>Takes the store's write lock, waiting for another holder (of any process) at most
    /// <paramref name="timeout"/>.</summary>
    /// <param name="timeout">The longest wait (zero tries once).</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The lease: dispose it to release the lock.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="timeout"/> is negative.</exception>
    /// <exception cref="WriteLockTimeoutException">Another holder kept it for longer than <paramref name="timeout"/>.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled while waiting.</exception>
    Task<IAsyncDisposable> AcquireWriteLockAsync(TimeSpan timeout, CancellationToken cancellationToken = default);
}

/// <summary>The store's write lock (<see cref="IWriteLock"/>) was held by another process for longer than the caller
/// would wait: nothing was written; try again shortly.</summary>
/// <param name="where">The store, as its messages name it.</param>
/// <param name="waited">How long the caller waited.</param>
/// <param name="innerException">What the last attempt met, if anything other than the lock being held.</param>
public sealed class WriteLockTimeoutException(string where, TimeSpan waited, Exception? innerException = null)
    : TimeoutException($"The write lock of {where} was held by another writer for longer than {waited.TotalSeconds:0.###} s; "
        + "nothing was written. Try again shortly." + (innerException is null ? "" : $" The last attempt failed: {innerException.Message}"),
        innerException)
{
    /// <summary>How long the caller waited.</summary>
    public TimeSpan Waited { get; } = waited;
}
