using Microsoft.Extensions.Options;
using SocialCapital.Api.Hosting;
using SocialCapital.Graph;
using SocialCapital.Interchange;
using SocialCapital.Live;
using SocialCapital.Metrics;
using SocialCapital.Storage;
using SocialCapital.Ties;

namespace SocialCapital.Api.Snapshots;

/// <summary>Holds the current snapshot and is the only way to write. Readers take <see cref="Current"/> (one volatile
/// read) and never wait. Writers queue on one gate: each commits to the store, then the edit is applied to the live graph
/// (<see cref="LiveGraph"/>: the new snapshot shares everything the edit did not change, and the area and group measures
/// follow by difference) before it answers, so once a write has answered every later read sees it (read-your-writes). A
/// write costs its change, not the graph; only the first load, an import, and a store changed by someone else are built
/// from scratch.</summary>
/// <remarks>When the store is a change feed (<see cref="IChangeFeed"/>: several API replicas share it), the others' writes
/// reach this replica through the feed: <see cref="ReplicaFollower"/> calls <see cref="CatchUpAsync"/> whenever the store
/// moves on, and a write of its own that finds another's committed before it catches up from the feed first. Either way
/// the changes are applied to the live graph in version order under the apply gate (apart from the write gate, which
/// orders this replica's store commits, so following never waits for one), the changes that piled up as one batch;
/// an import elsewhere, or changes the feed no longer holds, mean reading the whole store again.
/// <para>When the store also has a write lock across processes (<see cref="IWriteLock"/>), every data write of every
/// replica commits under it (taken by the store's own writes when <see cref="IWriteLock.WritesWaitForLock"/>, else around
/// each batch here), and a checked write (<see cref="WriteCheckedAsync"/>) holds it from its catch-up through its
/// plan to its commit: the write gate orders the writes of one replica, the store's lock those of all of them, so a rule a
/// plan checks (a mentor's free places) holds across replicas exactly as within one. The lock is taken inside the write
/// gate and released before the next write takes the gate; the follower and the readers never take it, so following
/// never waits for it. A lock not had within <see cref="ReplicaSettings.WriteLockWait"/> fails the write with
/// <see cref="WriteLockTimeoutException"/> (a 503 with <c>Retry-After</c>), having written nothing.</para>
/// <para>When the store keeps a checkpoint (<see cref="ICheckpointStore"/>, and <c>Store:Postgres:Checkpoint</c> is on), the
/// first load starts from it when the store can still lead from its version to the current one, and follows the feed from
/// there; otherwise, and whenever the checkpoint cannot be used, it reads the rows. Every snapshot built from a full read
/// (the first load from rows, an import, a re-read) is written back as the checkpoint of its version in the background; and
/// once the checkpoint is <c>Store:Postgres:CheckpointEvery</c> changes behind or of an earlier day (the new day's rebuild
/// works on the live records, which a checkpoint cannot be made from: see <see cref="CheckpointInBackground"/>), one
/// replica at a time reads the store whole in the background and writes a new one.</para></remarks>
internal sealed class SnapshotHost(
    IGraphStore store, IOptions<AnalysisSettings> analysis, IOptions<ReplicaSettings> replicas, IOptions<StoreSettings> stores,
    TimeProvider time, ILogger<SnapshotHost> log) : IAsyncDisposable
{
    /// <summary>Changes read from the feed at a time.</summary>
    private const int FeedPage = 500;

    // Never disposed: it has no wait handle to release, and the audit's last flush may still pass through it when the
    // host stops after disposing its services.
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    // Held while the live graph is changed and a snapshot published: by a write once the store has committed it, by the
    // follower, by a rebuild. Apart from the write gate, so the follower never waits for a write's store commit.
    private readonly SemaphoreSlim _applyGate = new(1, 1);
    private readonly Queue<PendingWrite> _queue = new();
    private readonly TiePolicy _policy = LoadPolicy(analysis.Value.Policy);
    private volatile ApiSnapshot? _current;
    private LiveGraph? _live;
    private int _refreshing;
    private readonly IChangeFeed? _feed = store as IChangeFeed;
    private readonly IWriteLock? _storeLock = store as IWriteLock;
    private readonly ICheckpointStore? _checkpoints = stores.Value.Postgres.Checkpoint ? store as ICheckpointStore : null;
    private readonly CancellationTokenSource _stopping = new();
    private Task _checkpointing = Task.CompletedTask;
    private int _checkpointRunning;
    // The store's checkpoint as this replica last knew it (read, written, or being written by another replica): a new one
    // is made once it is CheckpointEvery changes behind or of an earlier day.
    private readonly Lock _checkpointNote = new();
    private long _checkpointVersion;
    private DateOnly _checkpointDay = DateOnly.MinValue;
    // Completed (and replaced) at every publish: what readers waiting for a version (X-Min-Version) wait on.
    private TaskCompletionSource _published = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public IGraphStore Store => store;

    /// <summary>The store's change feed when it has one (several replicas may share the store), else null.</summary>
    public IChangeFeed? Feed => _feed;

    /// <summary>The version of the snapshot being served (0 before the first load), without the new-day check
    /// <see cref="Current"/> makes.</summary>
    public long Version => _current?.Version ?? 0;

    /// <summary>Whether a snapshot has been loaded.</summary>
    public bool IsLoaded => _current is not null;

    /// <summary>The snapshot to read from. When the date has moved on since it was built (ties start and end on dates),
    /// a fresh one is built in the background while this one keeps serving.</summary>
    public ApiSnapshot Current
    {
        get
        {
            var current = _current ?? throw new InvalidOperationException("The data is not loaded yet.");
            if (current.Graph.AsOf != Today() && Interlocked.Exchange(ref _refreshing, 1) == 0) _ = RefreshAsync();
            return current;
        }
    }

    /// <summary>Waits until a snapshot at <paramref name="version"/> or later is served, at most <paramref name="timeout"/>.
    /// With a change feed, a version not served yet has the feed read at once rather than at the follower's next look
    /// (a client that names a version got it from a write already committed).</summary>
    /// <returns>Whether it is.</returns>
    public async Task<bool> WaitForVersionAsync(long version, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (Version < version && _feed is not null && Interlocked.CompareExchange(ref _nudged, 1, 0) == 0) _ = NudgeAsync();
        // Real time, not the injected clock (that one dates the analysis): a request waits in seconds of the wall.
        var started = TimeProvider.System.GetTimestamp();
        while (true)
        {
            var published = Volatile.Read(ref _published).Task; // taken before the check, so no publish is missed
            if (Version >= version) return true;
            var left = timeout - TimeProvider.System.GetElapsedTime(started);
            if (left <= TimeSpan.Zero) return false;
            try
            {
                await published.WaitAsync(left, cancellationToken);
            }
            catch (TimeoutException)
            {
                return Version >= version;
            }
        }
    }

    private int _nudged;

    /// <summary>One catch-up for the readers waiting for a version; one at a time, its failures left to the follower.</summary>
    private async Task NudgeAsync()
    {
        try
        {
            await CatchUpAsync(CancellationToken.None);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            log.LogDebug(e, "Catching up for a reader failed; the follower retries.");
        }
        finally
        {
            Volatile.Write(ref _nudged, 0);
        }
    }

    /// <summary>Applies the changes committed by others since the snapshot being served (see the remarks), under the
    /// apply gate: it never waits for a write's store commit. Does nothing when the store is not a change feed.</summary>
    public async Task CatchUpAsync(CancellationToken cancellationToken)
    {
        if (_feed is null) return;
        await _applyGate.WaitAsync(cancellationToken);
        try
        {
            await CatchUpLockedAsync(long.MaxValue, cancellationToken);
        }
        finally
        {
            _applyGate.Release();
        }
    }

    /// <summary>How far this replica is behind the store: the versions it has not applied yet, and how long ago the oldest
    /// of them was committed (the store's clock); (0, zero) when it is up to date or the store is no change feed.</summary>
    /// <exception cref="ChangeFeedGapException">It is so far behind that the feed no longer holds what it needs.</exception>
    public async Task<(long Behind, TimeSpan Lag)> LagAsync(CancellationToken cancellationToken)
    {
        if (_feed is null || _current is not { } current) return (0, TimeSpan.Zero);
        var oldest = await _feed.ReadChangesAsync(current.Version, 1, cancellationToken);
        if (oldest.Count == 0) return (0, TimeSpan.Zero);
        var behind = Math.Max(1, await store.GetVersionAsync(cancellationToken) - current.Version);
        var lag = DateTimeOffset.UtcNow - oldest[0].At; // the store's clock against the wall, not the analysis clock
        return (behind, lag < TimeSpan.Zero ? TimeSpan.Zero : lag);
    }

    /// <summary>Loads the store's content into the first snapshot: from the store's checkpoint and the changes after it
    /// when it can be used, else from the rows.</summary>
    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        if (_checkpoints is not null && await FromCheckpointAsync(_checkpoints, cancellationToken))
        {
            await CatchUpAsync(cancellationToken); // from the checkpoint's version to the store's
            return;
        }
        Publish(Build(await store.ExportAsync(cancellationToken)));
    }

    /// <summary>Publishes the first snapshot from the store's checkpoint (see the class's remarks).</summary>
    /// <returns>False, having logged why, when it cannot be used: read the rows.</returns>
    private async Task<bool> FromCheckpointAsync(ICheckpointStore checkpoints, CancellationToken cancellationToken)
    {
        var path = CheckpointPath();
        long? version = null;
        try
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var read = await checkpoints.ReadCheckpointAsync(path, cancellationToken);
            if (read.Version is not { } at)
            {
                log.LogInformation("Not starting from the store's checkpoint: {Why}. Reading the store's rows.", read.NotUsed);
                return false;
            }
            version = at;
            var copied = clock.Elapsed;
            var file = SnapshotFile.Read(path, checkSources: false);
            var graphOptions = GraphOptions();
            var options = new LiveGraphOptions { Graph = graphOptions, Areas = AreaOptions() };
            var dataset = file.Dataset;
            // The file's graph serves when it was built for today under this policy; else the records are built afresh.
            var built = file.BuiltWith(graphOptions.AsOf!.Value, _policy);
            var live = built ? LiveGraph.FromGraph(dataset, file.Graph, options) : LiveGraph.Create(dataset, options);
            _live = live;
            NoteCheckpoint(at, file.AsOf); // an earlier day's: a new one is made in the background
            Publish(Snapshot(live.Current, at));
            log.LogInformation("Started from the store's checkpoint at version {Version}: {Nodes:N0} nodes, {Ties:N0} ties, {Graph}; "
                + "read in {Read:0.0} s, ready in {Seconds:0.0} s. Following the change feed from there.", at, dataset.Nodes.Count,
                dataset.Ties.Count, built ? "its graph as written" : "graph built again (another date or tie policy)", copied.TotalSeconds,
                clock.Elapsed.TotalSeconds);
            return true;
        }
        catch (Exception e) when (e is not (OutOfMemoryException or OperationCanceledException))
        {
            // A damaged, foreign or unreadable checkpoint is never served: the rows are the source.
            log.LogWarning("The store's checkpoint{At} cannot be used ({Message}); reading the store's rows.",
                version is { } v ? $" at version {v}" : "", e.Message);
            return false;
        }
        finally
        {
            DeleteQuietly(path);
        }
    }

    /// <summary>Writes a new checkpoint in the background, never on a request's path, one at a time in this process and
    /// across every replica (the store's checkpoint writer lock, tried before anything costly: a replica that does not
    /// get it leaves the work to the one that did). <paramref name="read"/> is a snapshot just built from a full read of
    /// the store (first load from rows, an import, a re-read), with its <paramref name="graph"/>: written unless the store
    /// keeps one as new. Without one (<see cref="CheckpointIfDue"/>: the checkpoint is
    /// <see cref="PostgresSettings.CheckpointEvery"/> changes behind, or of an earlier day), the store is read whole at
    /// one version in the background (a repeatable-read export) and its graph built as of today.
    /// Failures are logged, never thrown.</summary>
    /// <remarks>Why not write the live snapshot this replica serves, which would spare the export: a checkpoint must be
    /// exactly what a full read of the store gives, since a replica that starts from it and follows the feed must hold
    /// what one that read the rows holds. The live graph's records after edits are not in the store's order (new people
    /// and ties come last, deletes leave holes, a compaction orders people by id: <see cref="LiveSnapshot.ToDataset"/>),
    /// its graph has live edits (<see cref="LiveGraph.FromGraph"/> refuses it), and a compaction or a new day's rebuild
    /// works on a snapshot that is not tied to one store version while the follower goes on. So the rows it is.</remarks>
    private void CheckpointInBackground(StoredDataset? read = null, SocialGraph? graph = null)
    {
        if (_checkpoints is not { } checkpoints || read is { Version: <= 0 } || _stopping.IsCancellationRequested) return;
        if (Interlocked.CompareExchange(ref _checkpointRunning, 1, 0) != 0) return; // the store keeps the newest anyway
        var stopping = _stopping.Token;
        _checkpointing = Task.Run(async () =>
        {
            var path = CheckpointPath();
            long? version = read?.Version;
            try
            {
                await using var writer = await checkpoints.TryLockCheckpointWriterAsync(stopping);
                if (writer is null)
                {
                    NoteCheckpoint(Math.Max(read?.Version ?? 0, Version), Today()); // the holder is writing a newer one
                    log.LogDebug("Another replica is writing the store's checkpoint; this one leaves it to it.");
                    return;
                }
                var today = Today();
                var head = await checkpoints.GetCheckpointAsync(stopping);
                if (head is { } kept)
                {
                    NoteCheckpoint(kept.Version, kept.AsOf);
                    if (read is not null
                        ? kept.Version > read.Version || (kept.Version == read.Version && kept.AsOf >= graph!.AsOf)
                        : Version - kept.Version < CheckpointEvery && kept.AsOf >= today) return;
                }
                var clock = System.Diagnostics.Stopwatch.StartNew();
                var (dataset, built, at) = read is not null ? (read.Dataset, graph!, read.Version) : await ReadForCheckpointAsync(stopping);
                version = at;
                var readTime = clock.Elapsed;
                SnapshotFile.Write(dataset, built, path);
                var file = clock.Elapsed - readTime;
                var bytes = new FileInfo(path).Length;
                if (await checkpoints.WriteCheckpointAsync(path, at, stopping))
                {
                    NoteCheckpoint(at, built.AsOf);
                    log.LogInformation("Wrote the store's checkpoint at version {Version} ({Why}): {Bytes:N0} bytes; rows read and graph built in "
                        + "{Read:0.0} s, file in {File:0.0} s, into the store in {Copy:0.0} s.", at,
                        read is not null ? "after a full read" : head is null ? "the store kept none" : $"refreshing the one at version {head.Version} as of {head.AsOf:yyyy-MM-dd}",
                        bytes, readTime.TotalSeconds, file.TotalSeconds, (clock.Elapsed - readTime - file).TotalSeconds);
                }
                else log.LogInformation("Did not write a checkpoint at version {Version}: the store keeps one as new, or has moved past it (an import or erasure).", at);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                NoteCheckpoint(Math.Max(version ?? 0, Version), Today()); // tried again CheckpointEvery changes later, not at once
                log.LogWarning(e, "Writing the store's checkpoint at version {Version} failed; starts read the rows meanwhile.", version);
            }
            finally
            {
                DeleteQuietly(path);
                Volatile.Write(ref _checkpointRunning, 0);
            }
        }, CancellationToken.None);
    }

    /// <summary>The whole store at one version and its graph as of today, for a checkpoint (in the background).</summary>
    private async Task<(Dataset Dataset, SocialGraph Graph, long Version)> ReadForCheckpointAsync(CancellationToken cancellationToken)
    {
        var stored = await store.ExportAsync(cancellationToken);
        return (stored.Dataset, stored.Dataset.ToGraph(GraphOptions()), stored.Version);
    }

    /// <summary>Starts a new checkpoint in the background when the one this replica knows of is
    /// <see cref="PostgresSettings.CheckpointEvery"/> changes behind <paramref name="snapshot"/>, or was built for an
    /// earlier day (every start would build the graph again): it stays usable, and a start stays short.</summary>
    private void CheckpointIfDue(ApiSnapshot snapshot)
    {
        if (_checkpoints is null || Volatile.Read(ref _checkpointRunning) != 0) return;
        long known;
        DateOnly day;
        lock (_checkpointNote) (known, day) = (_checkpointVersion, _checkpointDay);
        if (snapshot.Version - known >= CheckpointEvery || day < snapshot.Graph.AsOf) CheckpointInBackground();
    }

    /// <summary>An erasure has deleted the store's checkpoint (no erased record may outlive it there): a new one is
    /// started now, in the background, so that starts do not read the rows until <see cref="CheckpointEvery"/> more
    /// changes have come. Should one be running already, the store refuses its file if it was read before the erasure,
    /// and the next snapshot published starts a new one, as this replica then knows of no checkpoint.</summary>
    public void CheckpointAfterErasure()
    {
        if (_checkpoints is null) return;
        NoteCheckpoint(0, DateOnly.MinValue);
        CheckpointInBackground();
    }

    private void NoteCheckpoint(long version, DateOnly asOf)
    {
        lock (_checkpointNote) (_checkpointVersion, _checkpointDay) = (version, asOf);
    }

    private long CheckpointEvery => stores.Value.Postgres.CheckpointEvery > 0
        ? stores.Value.Postgres.CheckpointEvery
        : Math.Max(1, stores.Value.ChangesKept / 2);

    /// <summary>A file of this process's own for a checkpoint on its way into or out of the store.</summary>
    private static string CheckpointPath() => Path.Combine(Path.GetTempPath(), $"socialcapital-checkpoint-{Guid.NewGuid():N}.scg");

    private void DeleteQuietly(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            log.LogWarning("Could not delete the checkpoint file {Path}: {Message}", path, e.Message);
        }
    }

    /// <summary>Applies one edit: to the store, then to the live graph by the same semantics (<see cref="GraphEdit"/>,
    /// as <see cref="DatasetEdits"/>, which every store is contract-tested against). Writes that queue up while another
    /// is being applied are committed one by one and then applied to the live graph as one batch (group commit): each
    /// still answers only once a snapshot holding it is being served.</summary>
    public async Task<(WriteOutcome Outcome, ApiSnapshot Snapshot)> WriteAsync(
        Func<IGraphStore, CancellationToken, Task<WriteOutcome>> write, GraphEdit edit, CancellationToken cancellationToken)
    {
        var pending = new PendingWrite(write, edit, cancellationToken);
        lock (_queue) _queue.Enqueue(pending);
        await _writeGate.WaitAsync(CancellationToken.None); // whoever holds the gate applies every queued write
        try
        {
            if (!pending.Done.Task.IsCompleted) await ApplyQueuedAsync();
        }
        finally
        {
            _writeGate.Release();
        }
        return await pending.Done.Task;
    }

    /// <summary>Runs <paramref name="work"/> — a store write outside the data, such as a batch of the audit's read
    /// entries — between the data writes (under the same gate), so the two never contend for the store's write lock.</summary>
    public async Task BesideWritesAsync(Func<Task> work)
    {
        await _writeGate.WaitAsync(CancellationToken.None);
        try
        {
            await work();
        }
        finally
        {
            _writeGate.Release();
        }
    }

    /// <summary>Writes decided on the latest snapshot: <paramref name="plan"/> runs under the write gate, after every
    /// write queued before it, and — when the store has a write lock — under the store's lock from the catch-up to the
    /// commit, so a rule it checks (a mentor's free places) cannot be raced by another write of this replica or any other.
    /// It returns the writes to commit, in order, or null to write nothing.</summary>
    /// <exception cref="WriteLockTimeoutException">Another replica held the store's lock for longer than
    /// <see cref="ReplicaSettings.WriteLockWait"/>: nothing was planned or written.</exception>
    public async Task<(IReadOnlyList<WriteOutcome> Outcomes, ApiSnapshot Snapshot)> WriteCheckedAsync(
        Func<ApiSnapshot, IReadOnlyList<PlannedWrite>?> plan, CancellationToken cancellationToken)
    {
        await _writeGate.WaitAsync(CancellationToken.None);
        try
        {
            bool queued;
            lock (_queue) queued = _queue.Count > 0;
            if (queued) await ApplyQueuedAsync();
            // A plan's rules are dated (what is pending, what expired, when a tie starts): after midnight, today's snapshot
            // first, even when no read has asked for it yet. It and a first catch-up (an import elsewhere is read whole)
            // are done before the store's lock, so other replicas' writes do not wait for a whole read of the store.
            if (_current!.Graph.AsOf != Today()) await RebuildAsync();
            await CatchUpAsync(CancellationToken.None);
            PendingWrite[] batch;
            // Held from the catch-up to the commit: no replica commits in between, so the snapshot planned on is the store's.
            var lease = await LockStoreAsync(cancellationToken);
            await using (lease)
            {
                // The plan checks its rules on the latest snapshot: with other replicas writing, on what they committed too.
                await CatchUpAsync(CancellationToken.None);
                if (_current!.Graph.AsOf != Today()) await RebuildAsync(); // midnight passed meanwhile
                if (plan(_current!) is not { Count: > 0 } planned) return ([], _current!);
                // The first write may be cancelled; once it is committed, the rest of the plan is too.
                batch = [.. planned.Select((p, i) => new PendingWrite(p.Write, p.Edit, i == 0 ? cancellationToken : CancellationToken.None))];
                await CommitAsync(batch, stopAtRefusal: true, lease);
            }
            var outcomes = new List<WriteOutcome>(batch.Length);
            ApiSnapshot? last = null;
            foreach (var pending in batch)
            {
                var (outcome, snapshot) = await pending.Done.Task; // rethrows a refused write
                outcomes.Add(outcome);
                last = snapshot;
            }
            return (outcomes, last!);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    /// <summary>Commits every queued write in order, then swaps in one snapshot that holds them all.</summary>
    private async Task ApplyQueuedAsync()
    {
        PendingWrite[] batch;
        lock (_queue)
        {
            batch = [.. _queue];
            _queue.Clear();
        }
        // A store whose writes wait for the lock by themselves needs no lease around plain writes (it would cost round trips
        // that every replica's writes then queue behind); one whose writes do not is locked around the batch.
        if (_storeLock is null or { WritesWaitForLock: true })
        {
            await CommitAsync(batch);
            return;
        }
        IAsyncDisposable lease;
        try
        {
            lease = await LockStoreAsync(CancellationToken.None); // each write's own token is looked at before its commit
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            foreach (var pending in batch) pending.Done.TrySetException(e);
            return;
        }
        await using (lease) await CommitAsync(batch, lease: lease);
    }

    /// <summary>The store's write lock across replicas (see the remarks), waited for at most
    /// <see cref="ReplicaSettings.WriteLockWait"/>; nothing to hold when the store has none. The caller holds the write gate.</summary>
    /// <exception cref="WriteLockTimeoutException">Another replica held it for longer.</exception>
    private async Task<IAsyncDisposable> LockStoreAsync(CancellationToken cancellationToken) => _storeLock is null
        ? NoLease.Instance
        : await _storeLock.AcquireWriteLockAsync(replicas.Value.WriteLockWait, cancellationToken);

    /// <summary>The lease of a store with no write lock: one process writes to it.</summary>
    private sealed class NoLease : IAsyncDisposable
    {
        public static readonly NoLease Instance = new();

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    /// <summary>Commits the writes to the store in order (under the write gate, which the caller holds), then applies them
    /// to the live graph under the apply gate, which the follower shares: it may have applied some meanwhile.</summary>
    /// <param name="batch">The writes, in order.</param>
    /// <param name="stopAtRefusal">Whether a refused write refuses the ones after it (a plan's).</param>
    /// <param name="lease">The store's write lock when held for these writes: released once they are committed, before
    /// they are applied to the live graph, so other replicas wait for the commits only.</param>
    private async Task CommitAsync(PendingWrite[] batch, bool stopAtRefusal = false, IAsyncDisposable? lease = null)
    {
        var own = new List<(long Version, GraphEdit Edit)>(batch.Length);
        long seen = 0; // the latest store version a write answered with (an unchanged write answers the store's)
        var committed = new List<(PendingWrite Write, WriteOutcome Outcome)>(batch.Length);
        foreach (var pending in batch)
        {
            if (pending.Token.IsCancellationRequested)
            {
                pending.Done.TrySetCanceled(pending.Token);
                if (!stopAtRefusal) continue;
                foreach (var rest in batch.SkipWhile(p => p != pending).Skip(1)) rest.Done.TrySetCanceled(pending.Token);
                break;
            }
            try
            {
                var outcome = await pending.Write(store, pending.Token);
                seen = Math.Max(seen, outcome.Version);
                if (outcome.Changed) own.Add((outcome.Version, pending.Edit));
                committed.Add((pending, outcome));
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                pending.Done.TrySetException(e); // rejected (invalid, conflict, cancelled): nothing was written
                if (stopAtRefusal) // a plan's later writes depend on the earlier: refuse them too
                {
                    foreach (var rest in batch.SkipWhile(p => p != pending).Skip(1)) rest.Done.TrySetException(e);
                    break;
                }
            }
        }
        if (lease is not null) await lease.DisposeAsync();
        if (committed.Count == 0) return;
        await _applyGate.WaitAsync(CancellationToken.None);
        try
        {
            await ApplyCommittedAsync(own, seen);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            log.LogError(e, "Committed writes up to version {Version} but could not build their snapshot.", seen);
            foreach (var (pending, _) in committed) pending.Done.TrySetException(e);
            return;
        }
        finally
        {
            _applyGate.Release();
        }
        foreach (var (pending, outcome) in committed) pending.Done.TrySetResult((outcome, _current!));
    }

    /// <summary>Brings the served snapshot up to the versions this replica's writes made (<paramref name="own"/>, in
    /// order) and answered (<paramref name="seen"/>); the caller holds the apply gate. Its own edits when they follow the
    /// served version one by one; with a change feed, otherwise, the feed's changes in version order (ours among them;
    /// those the follower applied already are skipped); without one, the whole store again.</summary>
    private async Task ApplyCommittedAsync(List<(long Version, GraphEdit Edit)> own, long seen)
    {
        var from = _current!.Version;
        var target = Math.Max(seen, own.Count > 0 ? own[^1].Version : 0);
        if (_feed is null && own.Count == 0) return; // nothing changed, and nobody else's writes to follow
        if (target <= from) return; // the follower has applied them already (it read them from the feed)
        var edits = new List<GraphEdit>(own.Count);
        var consecutive = own.Count == target - from;
        for (var i = 0; consecutive && i < own.Count; i++) consecutive = own[i].Version == from + 1 + i;
        bool reread;
        if (consecutive)
        {
            edits.AddRange(own.Select(o => o.Edit));
            reread = false;
        }
        else reread = _feed is null || !await FromFeedAsync(edits, from, target); // others' changes, then ours, in order
        Publish(reread ? Build(await store.ExportAsync(CancellationToken.None)) : await EditAsync(edits, target));
    }

    /// <summary>Appends the feed's edits of the versions after <paramref name="from"/> up to <paramref name="to"/> to
    /// <paramref name="edits"/>.</summary>
    /// <returns>False when they cannot be had so (an import among them, or no longer kept): read the whole store.</returns>
    private async Task<bool> FromFeedAsync(List<GraphEdit> edits, long from, long to)
    {
        try
        {
            while (from < to)
            {
                var changes = await _feed!.ReadChangesAsync(from, (int)Math.Min(FeedPage, to - from), CancellationToken.None);
                if (changes.Count == 0) return false; // the store says it is at `to`: its feed must have the changes
                foreach (var change in changes)
                {
                    if (change.Edit is null) return false;
                    edits.Add(change.Edit);
                    from = change.Version;
                }
            }
            return true;
        }
        catch (ChangeFeedGapException)
        {
            return false;
        }
    }

    /// <summary>Applies the changes after the served snapshot (up to <paramref name="upTo"/>), a page of the feed at a
    /// time as one batch with one snapshot at its last version (publishing costs as much as a small edit, so a replica
    /// following a busy stream keeps up by applying what has piled up together); an import or a gap reads the whole
    /// store. The caller holds the apply gate.</summary>
    private async Task CatchUpLockedAsync(long upTo, CancellationToken cancellationToken)
    {
        var edits = new List<GraphEdit>(FeedPage);
        while (_current!.Version < upTo)
        {
            IReadOnlyList<StoreChange> changes;
            try
            {
                changes = await _feed!.ReadChangesAsync(_current.Version, FeedPage, cancellationToken);
            }
            catch (ChangeFeedGapException e)
            {
                log.LogWarning("Behind the change feed ({Message}): reading the whole store.", e.Message);
                Publish(Build(await store.ExportAsync(cancellationToken)));
                continue;
            }
            if (changes.Count == 0) return;
            edits.Clear();
            var last = _current.Version;
            var imported = false;
            foreach (var change in changes)
            {
                if (change.Edit is null)
                {
                    imported = true;
                    log.LogInformation("The store was imported at version {Version}: reading it whole.", change.Version);
                    break;
                }
                edits.Add(change.Edit);
                last = change.Version;
            }
            // The import reads everything the edits before it would have given.
            if (imported) Publish(Build(await store.ExportAsync(cancellationToken)));
            else if (edits.Count > 0) await ApplyFollowedAsync(edits, last, cancellationToken);
        }
    }

    /// <summary>Publishes the followed <paramref name="edits"/> as one snapshot at <paramref name="version"/>; should the
    /// live graph refuse one of them (nothing is applied then), the store wins and is read whole.</summary>
    private async Task ApplyFollowedAsync(List<GraphEdit> edits, long version, CancellationToken cancellationToken)
    {
        try
        {
            Publish(Snapshot(_live!.Apply(edits).After, version));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            log.LogWarning(e, "The changes up to version {Version} could not be applied to the live graph; reading the whole store.", version);
            Publish(Build(await store.ExportAsync(cancellationToken)));
        }
    }

    /// <summary>The snapshot after committed edits; should the live graph ever refuse what the store accepted, the
    /// store wins and is read again.</summary>
    private async Task<ApiSnapshot> EditAsync(List<GraphEdit> edits, long version)
    {
        try
        {
            return Snapshot(_live!.Apply(edits).After, version);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            log.LogWarning(e, "Committed writes could not be applied to the live graph; rereading the store.");
        }
        return Build(await store.ExportAsync(CancellationToken.None));
    }

    /// <summary>Replaces everything with <paramref name="dataset"/>: the store (with <paramref name="audit"/> in the same
    /// transaction), then a snapshot built from scratch.</summary>
    public async Task<ApiSnapshot> ImportAsync(Dataset dataset, AuditEntry? audit, CancellationToken cancellationToken)
    {
        await _writeGate.WaitAsync(CancellationToken.None);
        try
        {
            long version;
            await using (await LockStoreAsync(cancellationToken)) version = await store.ImportAsync(dataset, audit, cancellationToken);
            await _applyGate.WaitAsync(CancellationToken.None);
            try
            {
                // The follower may have read the store whole after the import already (and more since): never go back.
                if (_current is { } current && current.Version >= version) return current;
                var snapshot = Build(new StoredDataset(dataset, version));
                Publish(snapshot);
                return snapshot;
            }
            finally
            {
                _applyGate.Release();
            }
        }
        finally
        {
            _writeGate.Release();
        }
    }

    /// <summary>Reads the whole store into a new snapshot, under the apply gate.</summary>
    private async Task RebuildAsync()
    {
        await _applyGate.WaitAsync(CancellationToken.None);
        try
        {
            Publish(Build(await store.ExportAsync(CancellationToken.None)));
        }
        finally
        {
            _applyGate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        try
        {
            await _checkpointing; // its errors are logged there
        }
        finally
        {
            await store.DisposeAsync();
        }
    }

    /// <summary>A new day: ties may have started or ended, so the live graph is rebuilt as of today in the background
    /// (writes go on meanwhile and are replayed onto it).</summary>
    private async Task RefreshAsync()
    {
        try
        {
            if (_live is not { } live) return;
            var today = Today();
            await live.CompactAsync(today);
            await _applyGate.WaitAsync();
            try
            {
                if (_current is { } current && ReferenceEquals(_live, live)) Publish(Snapshot(live.Current, current.Version));
            }
            finally
            {
                _applyGate.Release();
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            log.LogError(e, "Rebuilding the snapshot for the new day failed; the old one keeps serving.");
        }
        finally
        {
            Volatile.Write(ref _refreshing, 0);
        }
    }

    /// <summary>A snapshot built from scratch (first load, import, a store changed by someone else), with a new live graph.</summary>
    private ApiSnapshot Build(StoredDataset stored)
    {
        var live = LiveGraph.Create(stored.Dataset, new LiveGraphOptions { Graph = GraphOptions(), Areas = AreaOptions() });
        _live = live;
        CheckpointInBackground(stored, live.Current.Graph);
        return Snapshot(live.Current, stored.Version);
    }

    private ApiSnapshot Snapshot(LiveSnapshot live, long version) => new(live, version, GraphOptions(), AreaOptions());

    private void Publish(ApiSnapshot snapshot)
    {
        _current = snapshot;
        Interlocked.Exchange(ref _published, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
        CheckpointIfDue(snapshot);
    }

    private GraphOptions GraphOptions() => new() { AsOf = Today(), TiePolicy = _policy };

    private AreaMetricsOptions AreaOptions() => new() { MinCellSize = analysis.Value.MinCellSize };

    private DateOnly Today() => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    private static TiePolicy LoadPolicy(string path) => string.IsNullOrWhiteSpace(path) ? TiePolicy.Default : TiePolicy.Load(path);

    /// <summary>One write of a <see cref="WriteCheckedAsync"/> plan: the store call and the same change for the live graph.</summary>
    public sealed record PlannedWrite(Func<IGraphStore, CancellationToken, Task<WriteOutcome>> Write, GraphEdit Edit);

    /// <summary>A write waiting for the gate, and how its caller learns the outcome.</summary>

    private sealed record PendingWrite(Func<IGraphStore, CancellationToken, Task<WriteOutcome>> Write, GraphEdit Edit, CancellationToken Token)
    {
        public TaskCompletionSource<(WriteOutcome, ApiSnapshot)> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
