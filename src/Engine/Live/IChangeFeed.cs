namespace SocialCapital.Live;

/// <summary>A store that several processes share and that records every committed change in version order, in the same
/// transaction as the change, so each process (an API replica) can follow the others' writes by applying them to its
/// own live graph instead of reading the whole store again.</summary>
/// <remarks>Every write of <see cref="Storage.IGraphStore"/> that raises the version records exactly one change with the
/// <see cref="GraphEdit"/> that repeats it (an erasure is a <see cref="GraphEdit.DeleteNode"/>; the audit is not part of
/// the graph); an import records a change with no edit.</remarks>
public interface IChangeFeed
{
    /// <summary>The changes committed after <paramref name="afterVersion"/>, oldest first, with consecutive versions
    /// starting at <paramref name="afterVersion"/> + 1; fewer than <paramref name="max"/> only when there are no more.</summary>
    /// <param name="afterVersion">The version the caller holds.</param>
    /// <param name="max">At most this many changes (&gt; 0).</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The changes; empty when the caller is up to date.</returns>
    /// <exception cref="ChangeFeedGapException">Changes after <paramref name="afterVersion"/> are no longer kept: read
    /// the whole store again.</exception>
    Task<IReadOnlyList<StoreChange>> ReadChangesAsync(long afterVersion, int max, CancellationToken cancellationToken = default);

    /// <summary>Waits until the store's version may be past <paramref name="afterVersion"/>: completes as soon as a change
    /// is committed (by any process), or after <paramref name="timeout"/> at the latest, so a missed notification only
    /// delays a follower.</summary>
    /// <param name="afterVersion">The version the caller holds.</param>
    /// <param name="timeout">The longest wait.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The store's latest version as last seen (at least <paramref name="afterVersion"/> when none is newer).</returns>
    Task<long> WaitForChangeAsync(long afterVersion, TimeSpan timeout, CancellationToken cancellationToken = default);
}

/// <summary>The change feed no longer holds the changes a follower needs (they were pruned): it reads the whole store
/// again.</summary>
/// <param name="afterVersion">The version the follower held.</param>
/// <param name="oldestKept">The oldest version the feed still holds.</param>
public sealed class ChangeFeedGapException(long afterVersion, long oldestKept)
    : Exception($"The change feed holds changes from version {oldestKept} on, not those after version {afterVersion}: read the whole store again.")
{
    /// <summary>The version the follower held.</summary>
    public long AfterVersion { get; } = afterVersion;

    /// <summary>The oldest version the feed still holds.</summary>
    public long OldestKept { get; } = oldestKept;
}
