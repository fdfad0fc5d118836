using System.Data;
using Npgsql;
using SocialCapital.Interchange;
using SocialCapital.Live;
using SocialCapital.Model;
using SocialCapital.Storage;

namespace SocialCapital.Postgres;

/// <summary>The shared store: a PostgreSQL database (or a schema in one) that several processes — API replicas — use
/// at once. Follows the <see cref="IGraphStore"/> contract exactly (the edit semantics of <see cref="DatasetEdits"/>)
/// and records every change in a change feed (<see cref="IChangeFeed"/>) that the replicas follow.</summary>
/// <remarks>
/// <para>Every write is one transaction that first locks the store's version row (<c>SELECT … FOR UPDATE</c>), so
/// writers in any number of processes run one at a time and the versions stay consecutive; the change, its audit entry
/// and its change-feed row commit together, and <c>NOTIFY</c> tells the listening replicas at the commit. An import is
/// one transaction of binary <c>COPY</c>s: all or nothing. An export reads one snapshot.</para>
/// <para>Thread-safe: every call takes a connection from the pool; <see cref="WaitForChangeAsync"/> shares one
/// dedicated connection that listens for the notifications. The password of the connection string is never part of a
/// message (<see cref="PostgresStoreOptions.Describe()"/> names the store).</para>
/// </remarks>
public sealed class PostgresGraphStore : IGraphStore, IChangeFeed, IWriteLock, ICheckpointStore
{
    private readonly NpgsqlDataSource _source;
    private readonly long _kept;
    private readonly string _channel;
    private readonly int _lockKey;
    private readonly Lock _listenerLock = new();
    private ChangeListener? _listener;
    private volatile bool _disposed;

    private PostgresGraphStore(PostgresStoreOptions options, NpgsqlDataSource source, string where, string channel, int lockKey)
    {
        _lockKey = lockKey;
        Options = options;
        _source = source;
        Where = where;
        _channel = channel;
        _kept = options.ChangesKept;
        _writeLockWait = options.WriteLockWait;
    }

    private readonly TimeSpan _writeLockWait;

    /// <summary>The options the store was opened with (for tests that open a second handle).</summary>
    internal PostgresStoreOptions Options { get; }

    /// <summary>Where the store is: host, port, database, user and schema, never the password.</summary>
    public string Where { get; }

    /// <summary>A test hook: called inside an import after each table is copied (with its name) and once the indexes
    /// are built (<c>indexes</c>), so a test can make the import fail part way.</summary>
    internal Func<string, CancellationToken, Task>? ImportStep { get; set; }

    /// <summary>A test hook: called inside an export once it holds its tables' locks, before it reads them.</summary>
    internal Func<CancellationToken, Task>? ExportLocked { get; set; }

    /// <summary>Connects, checks that the schema is empty or a SocialCapital store, and brings an older schema up to date
    /// (in one transaction, once even when several processes start together).</summary>
    /// <param name="options">The connection string and the feed's settings.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The open store; dispose it to close its connections.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    /// <exception cref="ArgumentException">The connection string is not valid, or <see cref="PostgresStoreOptions.ChangesKept"/>
    /// is below 1.</exception>
    /// <exception cref="IOException">The server cannot be reached, or refuses the connection (e.g. a wrong password);
    /// the message names host, port and database, not the password.</exception>
    /// <exception cref="InvalidDataException">The schema holds another application's tables or a newer schema version.</exception>
    public static async Task<PostgresGraphStore> OpenAsync(PostgresStoreOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.ChangesKept < 1)
            throw new ArgumentException($"ChangesKept must be at least 1; it is {options.ChangesKept}.", nameof(options));
        if (options.WriteLockWait <= TimeSpan.Zero)
            throw new ArgumentException($"WriteLockWait must be more than 0; it is {options.WriteLockWait}.", nameof(options));
        var builder = options.Builder();
        var where = PostgresStoreOptions.Describe(builder);
        var source = NpgsqlDataSource.Create(builder);
        try
        {
            string schema;
            await using (var connection = await OpenConnectionAsync(source, where, cancellationToken).ConfigureAwait(false))
            {
                await PostgresSchema.EnsureCurrentAsync(connection, where, cancellationToken).ConfigureAwait(false);
                await using var command = new NpgsqlCommand("SELECT current_schema()", connection);
                schema = (string)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
            }
            // One channel per schema, so stores in other schemas of the database do not wake this one's followers; a
            // name cut to PostgreSQL's 63 bytes can only cause a spurious wake-up, which waiters check for.
            var channel = $"socialcapital_changes_{schema}";
            return new PostgresGraphStore(options, source, where, channel.Length > 63 ? channel[..63] : channel, PostgresWriteLock.KeyOf(schema));
        }
        catch
        {
            await source.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <inheritdoc />
    public async Task<long> GetVersionAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand($"SELECT value FROM meta WHERE key = '{PostgresSchema.VersionKey}'", connection);
        return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    /// <inheritdoc />
    /// <exception cref="InvalidDataException">The store holds a value this release does not know.</exception>
    /// <exception cref="ObjectDisposedException">The store was disposed.</exception>
    public async Task<StoredDataset> ExportAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken).ConfigureAwait(false);
        var (dataset, version) = await PostgresBulk.CopyOutAsync(new PostgresSession(connection, transaction, Where), _source, ExportLocked, cancellationToken)
            .ConfigureAwait(false);
        await transaction.CommitAsync(CancellationToken.None).ConfigureAwait(false);
        return new StoredDataset(dataset, version);
    }

    /// <inheritdoc />
    /// <exception cref="OperationCanceledException">The token was cancelled; nothing was changed.</exception>
    /// <exception cref="ObjectDisposedException">The store was disposed.</exception>
    public async Task<long> ImportAsync(Dataset dataset, AuditEntry? audit = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        cancellationToken.ThrowIfCancellationRequested();
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var session = new PostgresSession(connection, transaction, Where);
        await LockVersionAsync(session, cancellationToken).ConfigureAwait(false);
        await PostgresBulk.CopyInAsync(session, dataset, ImportStep, cancellationToken).ConfigureAwait(false);
        var version = await PostgresChanges.RecordAsync(session, null, _channel, _kept, prune: true,
            audit is null ? [] : [audit with { Outcome = AuditOutcomes.Imported }], cancellationToken).ConfigureAwait(false);
        await PostgresCheckpoints.ForgetAsync(session, cancellationToken).ConfigureAwait(false); // it holds the old data
        cancellationToken.ThrowIfCancellationRequested(); // the last point where nothing has been committed
        await transaction.CommitAsync(CancellationToken.None).ConfigureAwait(false);
        return version;
    }

    /// <inheritdoc />
    /// <exception cref="ObjectDisposedException">The store was disposed.</exception>
    public Task<WriteOutcome> UpsertNodeAsync(NodeRecord node, AuditEntry? audit = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(node);
        return WriteAsync((s, ct) => PostgresEdits.UpsertNodeAsync(s, node, ct), new GraphEdit.UpsertNode(node), audit, cancellationToken);
    }

    /// <inheritdoc />
    /// <exception cref="ObjectDisposedException">The store was disposed.</exception>
    public Task<WriteOutcome> DeleteNodeAsync(string id, AuditEntry? audit = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        return WriteAsync((s, ct) => PostgresEdits.DeleteNodeAsync(s, id, ct), new GraphEdit.DeleteNode(id), audit, cancellationToken);
    }

    /// <inheritdoc />
    /// <exception cref="ObjectDisposedException">The store was disposed.</exception>
    public Task<WriteOutcome> UpsertTieAsync(TieRecord tie, AuditEntry? audit = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tie);
        return WriteAsync((s, ct) => PostgresEdits.UpsertTieAsync(s, tie, ct), new GraphEdit.UpsertTie(tie), audit, cancellationToken);
    }

    /// <inheritdoc />
    /// <exception cref="ObjectDisposedException">The store was disposed.</exception>
    public Task<WriteOutcome> UpsertTiesAsync(IReadOnlyList<TieRecord> ties, AuditEntry? audit = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ties);
        return WriteAsync((s, ct) => PostgresEdits.UpsertTiesAsync(s, ties, ct), new GraphEdit.UpsertTies([.. ties]), audit, cancellationToken);
    }

    /// <inheritdoc />
    /// <exception cref="ObjectDisposedException">The store was disposed.</exception>
    public Task<WriteOutcome> DeleteTiesAsync(string source, string target, TieKind? kind = null, AuditEntry? audit = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(target);
        return WriteAsync((s, ct) => PostgresEdits.DeleteTiesAsync(s, source, target, kind, ct), new GraphEdit.DeleteTies(source, target, kind),
            audit, cancellationToken);
    }

    /// <inheritdoc />
    /// <exception cref="ObjectDisposedException">The store was disposed.</exception>
    public Task<WriteOutcome> UpsertProposalsAsync(IReadOnlyList<ProposalRecord> proposals, TieRecord? tie = null, AuditEntry? audit = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(proposals);
        return WriteAsync((s, ct) => PostgresEdits.UpsertProposalsAsync(s, proposals, tie, ct), new GraphEdit.UpsertProposals([.. proposals], tie),
            audit, cancellationToken);
    }

    /// <inheritdoc />
    /// <exception cref="ObjectDisposedException">The store was disposed.</exception>
    public Task<WriteOutcome> UpsertStatusAsync(StatusChange change, AuditEntry? audit = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        return WriteAsync((s, ct) => PostgresEdits.UpsertStatusAsync(s, change, ct), new GraphEdit.UpsertStatus(change), audit, cancellationToken);
    }

    /// <inheritdoc />
    /// <exception cref="ObjectDisposedException">The store was disposed.</exception>
    public Task<WriteOutcome> AddContactAsync(ContactRecord contact, AuditEntry? audit = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(contact);
        return WriteAsync((s, ct) => PostgresEdits.AddContactAsync(s, contact, ct), new GraphEdit.AddContact(contact), audit, cancellationToken);
    }

    /// <inheritdoc />
    /// <remarks>The change feed records the erasure as a <see cref="GraphEdit.DeleteNode"/> and forgets every earlier
    /// change, since they may hold the person's records (a follower that was behind meets the gap and reads the whole
    /// store again).</remarks>
    /// <exception cref="ObjectDisposedException">The store was disposed.</exception>
    public async Task<WriteOutcome> EraseNodeAsync(string id, string pseudonym, AuditEntry? audit = null, CancellationToken cancellationToken = default)
    {
        AuditPseudonym.CheckErasure(id, pseudonym);
        cancellationToken.ThrowIfCancellationRequested();
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var session = new PostgresSession(connection, transaction, Where);
        var version = await LockVersionAsync(session, cancellationToken).ConfigureAwait(false);
        var (effect, removed) = await PostgresEdits.DeleteNodeAsync(session, id, cancellationToken).ConfigureAwait(false);
        await PostgresChanges.ForgetAsync(session, version, cancellationToken).ConfigureAwait(false);
        if (effect is WriteEffect.Deleted)
        {
            version = await PostgresChanges.RecordAsync(session, new GraphEdit.DeleteNode(id), _channel, _kept,
                PostgresChanges.PruneDue(version, _kept), [], cancellationToken)
                .ConfigureAwait(false);
        }
        // The checkpoint may hold the person's records too: it goes with the changes.
        await PostgresCheckpoints.ForgetAsync(session, cancellationToken).ConfigureAwait(false);
        await PostgresAudit.PseudonymiseAsync(session, id, pseudonym, cancellationToken).ConfigureAwait(false);
        if (audit is not null)
            await PostgresAudit.AppendAsync(session, [audit with { Outcome = AuditOutcomes.OfErasure(effect) }], cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(CancellationToken.None).ConfigureAwait(false);
        return new WriteOutcome(effect, version, removed);
    }

    /// <inheritdoc />
    /// <exception cref="ObjectDisposedException">The store was disposed.</exception>
    public async Task AppendAuditAsync(IReadOnlyList<AuditEntry> entries, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entries);
        foreach (var entry in entries) ArgumentNullException.ThrowIfNull(entry, nameof(entries));
        cancellationToken.ThrowIfCancellationRequested();
        if (entries.Count == 0) return;
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await PostgresAudit.AppendAsync(new PostgresSession(connection, transaction, Where), entries, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(CancellationToken.None).ConfigureAwait(false);
    }

    /// <inheritdoc />
    /// <exception cref="ObjectDisposedException">The store was disposed.</exception>
    public async Task<AuditPage> QueryAuditAsync(AuditQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        query.Validate();
        cancellationToken.ThrowIfCancellationRequested();
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        // One snapshot: the count and the page agree.
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken).ConfigureAwait(false);
        var page = await PostgresAudit.QueryAsync(new PostgresSession(connection, transaction, Where), query, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(CancellationToken.None).ConfigureAwait(false);
        return page;
    }

    /// <inheritdoc />
    /// <exception cref="ObjectDisposedException">The store was disposed.</exception>
    public async Task<long> PurgeAuditAsync(DateTimeOffset before, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var purged = await PostgresAudit.PurgeAsync(new PostgresSession(connection, transaction, Where), before, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(CancellationToken.None).ConfigureAwait(false);
        return purged;
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="afterVersion"/> is negative or <paramref name="max"/>
    /// is not positive.</exception>
    /// <exception cref="ObjectDisposedException">The store was disposed.</exception>
    public async Task<IReadOnlyList<StoreChange>> ReadChangesAsync(long afterVersion, int max, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(afterVersion);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(max);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        // One snapshot: the version and the changes agree, so a gap is told from a caller who is up to date.
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken).ConfigureAwait(false);
        var changes = await PostgresChanges.ReadAsync(new PostgresSession(connection, transaction, Where), afterVersion, max, cancellationToken)
            .ConfigureAwait(false);
        await transaction.CommitAsync(CancellationToken.None).ConfigureAwait(false);
        return changes;
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="timeout"/> is negative.</exception>
    /// <exception cref="ObjectDisposedException">The store was disposed.</exception>
    public async Task<long> WaitForChangeAsync(long afterVersion, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(timeout, TimeSpan.Zero);
        ObjectDisposedException.ThrowIf(_disposed, this);
        var listener = Listener();
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            // The signal is taken before the version is read: a notification in between still ends the wait.
            var signal = listener.Signal;
            var version = await GetVersionAsync(cancellationToken).ConfigureAwait(false);
            var left = deadline - DateTime.UtcNow;
            if (version > afterVersion || left <= TimeSpan.Zero) return Math.Max(version, afterVersion);
            try
            {
                await signal.WaitAsync(left, cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                // The fallback poll: the version is read once more above, then the wait ends.
            }
        }
    }

    /// <inheritdoc />
    /// <exception cref="ObjectDisposedException">The store was disposed.</exception>
    public async Task<CheckpointHead?> GetCheckpointAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        return await PostgresCheckpoints.HeadAsync(connection, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    /// <remarks>A session advisory lock on a connection of its own, held until the lease is disposed (or the connection
    /// lost); apart from the lock <see cref="WriteCheckpointAsync"/> takes, so the holder can write.</remarks>
    /// <exception cref="ObjectDisposedException">The store was disposed.</exception>
    public async Task<IAsyncDisposable?> TryLockCheckpointWriterAsync(CancellationToken cancellationToken = default)
    {
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        return await PostgresCheckpoints.TryLockRefreshAsync(connection, _lockKey, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    /// <remarks>The head, the store's version and the change feed are read in one snapshot with the chunks; the copy
    /// is checked against the length written (the file's own checksums are checked when it is opened).</remarks>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty.</exception>
    /// <exception cref="IOException">The file cannot be written.</exception>
    /// <exception cref="ObjectDisposedException">The store was disposed.</exception>
    public async Task<CheckpointRead> ReadCheckpointAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        return await PostgresCheckpoints.ReadAsync(connection, path, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    /// <remarks>A binary <c>COPY</c> of the file in chunks of 4 MiB into one transaction, which replaces the older
    /// checkpoint at its commit; it never holds the version row, so writes go on meanwhile. Writers of the checkpoint run
    /// one at a time (an advisory lock).</remarks>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="version"/> is past the store's version.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="SnapshotFileException">The file is not a snapshot file this build reads.</exception>
    /// <exception cref="ObjectDisposedException">The store was disposed.</exception>
    public async Task<bool> WriteCheckpointAsync(string path, long version, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentOutOfRangeException.ThrowIfNegative(version);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        return await PostgresCheckpoints.WriteAsync(connection, path, version, _lockKey, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Stops listening and closes the store's connections. Calls still running finish first; later calls throw
    /// <see cref="ObjectDisposedException"/>.</summary>
    /// <returns>A task that completes once the connections are closed.</returns>
    public async ValueTask DisposeAsync()
    {
        if (_disposed) return;
        _disposed = true;
        ChangeListener? listener;
        lock (_listenerLock) listener = _listener;
        if (listener is not null) await listener.DisposeAsync().ConfigureAwait(false);
        await _source.DisposeAsync().ConfigureAwait(false);
    }

    /// <inheritdoc />
    /// <remarks>A session-level advisory lock keyed by the store's schema, held by one pooled connection for the lease's
    /// life; the server queues the waiters and ends the wait at <paramref name="timeout"/> (its <c>lock_timeout</c>). A
    /// holder whose process dies or whose connection breaks loses its session, and the server releases the lock. A write
    /// through another instance takes it shared first (<see cref="WritesWaitForLock"/>); the holder's own writes go
    /// through.</remarks>
    /// <exception cref="IOException">The server cannot be reached.</exception>
    /// <exception cref="ObjectDisposedException">The store was disposed.</exception>
    public async Task<IAsyncDisposable> AcquireWriteLockAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(timeout, TimeSpan.Zero);
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        var lease = await PostgresWriteLock.AcquireAsync(connection, _lockKey, timeout, Where, () => Interlocked.Decrement(ref _leases),
            cancellationToken).ConfigureAwait(false);
        Interlocked.Increment(ref _leases);
        return lease;
    }

    /// <inheritdoc />
    /// <remarks>True: a write through an instance that does not hold the lock takes it shared in the same round trip as the
    /// version row's lock, before it.</remarks>
    public bool WritesWaitForLock => true;

    // Leases held through this instance: while there is one, its writes are the holder's and must not wait for it.
    private int _leases;

    /// <summary>What a write runs first, in one round trip with its first statement: the write lock shared (unless this
    /// instance holds it), then the version row's lock, answering the version — always in that order, so a write never
    /// holds the version row while it waits for a holder whose own write needs that row.</summary>
    private string[] WriteLead() => Volatile.Read(ref _leases) > 0 ? HolderLead : _sharedLead ??=
        [string.Create(System.Globalization.CultureInfo.InvariantCulture, $"SET LOCAL lock_timeout = '{(long)Math.Ceiling(_writeLockWait.TotalMilliseconds)}ms'"),
            PostgresWriteLock.Shared(_lockKey), "RESET lock_timeout", LockVersion];

    private static readonly string[] HolderLead = [LockVersion];
    private string[]? _sharedLead; // made once: it depends on the store's lock key and wait only

    /// <summary>Runs <paramref name="write"/>, whose first statement follows <see cref="WriteLead"/>: a wait for the write
    /// lock past <see cref="PostgresStoreOptions.WriteLockWait"/> (the only wait the lead bounds) is the lock's timeout.</summary>
    private async Task<T> LockedAsync<T>(Func<Task<T>> write)
    {
        try
        {
            return await write().ConfigureAwait(false);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.LockNotAvailable)
        {
            throw new WriteLockTimeoutException(Where, _writeLockWait, e);
        }
    }

    /// <summary>The second key of the store's write lock (for tests that look for its holder in <c>pg_locks</c>).</summary>
    internal int WriteLockKey => _lockKey;

    /// <summary>A pooled connection (for tests of the store's tables).</summary>
    internal async Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return await OpenConnectionAsync(_source, Where, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<NpgsqlConnection> OpenConnectionAsync(NpgsqlDataSource source, string where, CancellationToken cancellationToken)
    {
        try
        {
            return await source.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is NpgsqlException or System.Net.Sockets.SocketException or TimeoutException)
        {
            // Npgsql's messages name the user and the server's reason (e.g. "password authentication failed"), never the
            // password; the store adds where it was connecting to.
            throw new IOException($"Cannot connect to the PostgreSQL store at {where}: {e.Message}", e);
        }
    }

    private async Task<WriteOutcome> WriteAsync(Func<PostgresSession, CancellationToken, Task<(WriteEffect Effect, int TiesRemoved)>> edit,
        GraphEdit change, AuditEntry? audit, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var session = new PostgresSession(connection, transaction, Where);
        // The version row's lock serialises the writers of every process before the edit reads anything, so what it
        // decides from those reads still holds when it writes (each statement after the lock sees every earlier commit).
        // It is taken in the same round trip as the edit's first statement.
        session.Lead(WriteLead());
        var (effect, removed) = await LockedAsync(() => edit(session, cancellationToken)).ConfigureAwait(false);
        // An edit that sent no statement leaves the lead to run here, with its wait for the write lock.
        var version = await LockedAsync(() => session.LeadAsync(cancellationToken)).ConfigureAwait(false);
        // The entry goes in the same transaction: committed with the change, or not at all (an edit that throws rolls back
        // both). A write that changed nothing still commits its entry, and only that.
        AuditEntry[] entries = audit is null ? [] : [audit with { Outcome = AuditOutcomes.Of(effect) }];
        if (effect is WriteEffect.Created or WriteEffect.Updated or WriteEffect.Deleted)
            version = await PostgresChanges.RecordAsync(session, change, _channel, _kept, PostgresChanges.PruneDue(version, _kept), entries,
                cancellationToken).ConfigureAwait(false);
        else await PostgresAudit.AppendAsync(session, entries, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(CancellationToken.None).ConfigureAwait(false);
        return new WriteOutcome(effect, version, removed);
    }

    private const string LockVersion = $"SELECT value FROM meta WHERE key = '{PostgresSchema.VersionKey}' FOR UPDATE";

    private Task<long> LockVersionAsync(PostgresSession s, CancellationToken ct)
    {
        s.Lead(WriteLead());
        return LockedAsync(() => s.LeadAsync(ct));
    }

    private ChangeListener Listener()
    {
        lock (_listenerLock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _listener ??= new ChangeListener(_source, _channel);
        }
    }

    /// <summary>One connection that LISTENs on the store's channel and wakes the waiters at each notification (and at
    /// each reconnection, since notifications may have been missed while it was down).</summary>
    private sealed class ChangeListener : IAsyncDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _loop;
        private TaskCompletionSource _signal = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public ChangeListener(NpgsqlDataSource source, string channel) => _loop = Task.Run(() => ListenAsync(source, channel));

        /// <summary>Completes at the next notification.</summary>
        public Task Signal => Volatile.Read(ref _signal).Task;

        private void Pulse() =>
            Interlocked.Exchange(ref _signal, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

        private async Task ListenAsync(NpgsqlDataSource source, string channel)
        {
            var token = _stop.Token;
            while (!token.IsCancellationRequested)
            {
                try
                {
                    await using var connection = await source.OpenConnectionAsync(token).ConfigureAwait(false);
                    connection.Notification += (_, _) => Pulse();
                    await using (var listen = new NpgsqlCommand($"LISTEN \"{channel.Replace("\"", "\"\"", StringComparison.Ordinal)}\"", connection))
                        await listen.ExecuteNonQueryAsync(token).ConfigureAwait(false);
                    Pulse();
                    while (true) await connection.WaitAsync(token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (token.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception e) when (e is NpgsqlException or IOException or System.Net.Sockets.SocketException or TimeoutException)
                {
                    // The server went away: waiters fall back to their timeout's poll until the connection is back.
                    Pulse();
                    try
                    {
                        await Task.Delay(TimeSpan.FromSeconds(1), token).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException)
                    {
                        return;
                    }
                }
            }
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync().ConfigureAwait(false);
            await _loop.ConfigureAwait(false);
            _stop.Dispose();
        }
    }
}
