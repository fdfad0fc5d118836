namespace SocialCapital.Live;

/// <summary>A shared store (see <see cref="IChangeFeed"/>) that keeps a checkpoint beside its rows: a snapshot file
/// (<see cref="Storage.SnapshotFile"/>) of the whole store as it was at one version, so a process that starts (an API
/// replica) loads the built graph from it in about a second instead of reading every row and building the graph, and
/// then follows the change feed from that version to the store's.</summary>
/// <remarks>The store keeps one checkpoint: a newer replaces an older, never the reverse. A checkpoint is usable only
/// while the change feed leads from its version to the store's (a store keeps those changes for it, up to a bound past
/// which it abandons the checkpoint): not once the changes after it were pruned, nor after an
/// import or an erasure (which also delete it, so an erased person's records do not outlive the erasure in it). The
/// store does not look inside the file beyond its header: the reader opens it with <see cref="Storage.SnapshotFile.Read"/>,
/// whose checksums refuse a damaged one.</remarks>
public interface ICheckpointStore
{
    /// <summary>The version and analysis date of the checkpoint the store keeps, usable or not; <see langword="null"/> when
    /// it keeps none.</summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The head, or <see langword="null"/>.</returns>
    Task<CheckpointHead?> GetCheckpointAsync(CancellationToken cancellationToken = default);

    /// <summary>Takes, without waiting, the lock that the one process making a new checkpoint holds across every process of
    /// the store, from before its read of the store to after <see cref="WriteCheckpointAsync"/>: so only one of them pays
    /// for that read at a time.</summary>
    /// <param name="cancellationToken">Cancels the attempt.</param>
    /// <returns>The lease, to dispose once done; <see langword="null"/> when another holds the lock.</returns>
    Task<IAsyncDisposable?> TryLockCheckpointWriterAsync(CancellationToken cancellationToken = default);

    /// <summary>Copies the checkpoint into the file <paramref name="path"/> when it is usable (see the remarks), else says
    /// why not and writes nothing.</summary>
    /// <param name="path">The file to write (replaced when it exists).</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The checkpoint's version when it was copied, else why not.</returns>
    Task<CheckpointRead> ReadCheckpointAsync(string path, CancellationToken cancellationToken = default);

    /// <summary>Keeps the snapshot file <paramref name="path"/> as the checkpoint of <paramref name="version"/>, unless the
    /// store keeps one as new already (of a later version, or of this version with a graph built for the file's analysis
    /// date or a later one: a new day's file of the same version replaces an earlier day's), or an import or an erasure came after <paramref name="version"/> (the file may hold
    /// what they removed).</summary>
    /// <param name="path">A snapshot file of the whole store at <paramref name="version"/>, as
    /// <see cref="Storage.SnapshotFile.Write"/> wrote it from a full read of the store at that version.</param>
    /// <param name="version">The store version the file holds.</param>
    /// <param name="cancellationToken">Cancels the write; nothing is kept then.</param>
    /// <returns>Whether it was kept.</returns>
    Task<bool> WriteCheckpointAsync(string path, long version, CancellationToken cancellationToken = default);
}

/// <summary>The checkpoint a store keeps (<see cref="ICheckpointStore.GetCheckpointAsync"/>).</summary>
/// <param name="Version">The store version it holds.</param>
/// <param name="AsOf">The analysis date its graph was built for.</param>
public sealed record CheckpointHead(long Version, DateOnly AsOf);

/// <summary>What <see cref="ICheckpointStore.ReadCheckpointAsync"/> found.</summary>
/// <param name="Version">The version of the checkpoint copied, or <see langword="null"/> when none was.</param>
/// <param name="NotUsed">Why none was copied (none kept, changes after it pruned, an import or erasure after it, another
/// snapshot format), or <see langword="null"/> when one was.</param>
public sealed record CheckpointRead(long? Version, string? NotUsed)
{
    /// <summary>A checkpoint copied.</summary>
    /// <param name="version">Its version.</param>
    /// <returns>The result.</returns>
    public static CheckpointRead Copied(long version) => new(version, null);

    /// <summary>No checkpoint copied.</summary>
    /// <param name="why">Why not.</param>
    /// <returns>The result.</returns>
    public static CheckpointRead Refused(string why) => new(null, why);
}
