using Microsoft.Data.Sqlite;
using SocialCapital.Interchange;
using SocialCapital.Live;
using SocialCapital.Model;
using SocialCapital.Storage;

namespace SocialCapital.Sqlite;

/// <summary>The embedded default store: one SQLite file in WAL mode, with a versioned schema. Follows the
/// <see cref="IGraphStore"/> contract exactly (the edit semantics of <see cref="DatasetEdits"/>); an import is one
/// transaction, so a failure, a cancellation or a crash part way leaves the old data.</summary>
/// <remarks>
/// <para>Thread-safe, and several handles and processes may use one file at once: every call takes its own pooled
/// connection; every write is one <c>BEGIN IMMEDIATE</c> transaction, so writers queue on SQLite's write lock
/// (waiting up to 30 s) and never lose each other's updates; readers see a consistent snapshot and never block
/// writers (WAL).</para>
/// <para>A call that cannot get the write lock within 30 s fails with a <see cref="SqliteException"/> (SQLITE_BUSY),
/// having changed nothing. Microsoft.Data.Sqlite does its I/O synchronously, so the asynchronous methods do their work
/// on the calling thread before they return.</para>
/// <para>It is also a change feed (<see cref="IChangeFeed"/>): every write that raises the version records its change in
/// its own transaction, so several API processes on one machine can share the file and follow each other's writes.
/// SQLite cannot notify other processes, so <see cref="WaitForChangeAsync"/> polls the file's data version
/// (<see cref="SqliteStoreOptions.ChangePollInterval"/>); a write through this handle wakes its waiters at once.</para>
/// </remarks>
public sealed partial class SqliteGraphStore : IGraphStore, IChangeFeed
{
    /// <summary>How long a call waits for another writer's lock before failing.</summary>
    private const int BusyTimeoutMilliseconds = 30_000;

    // Set on every connection (foreign_keys and synchronous are per connection, not stored in the file).
    // synchronous = FULL: WAL is then synced at every commit, so a write the caller was told succeeded survives a
    // power cut too, not only a process crash (NORMAL may lose the last commits then). Writes are single small
    // transactions, so the cost is one fsync per write.
    private static readonly string ConnectionPragmas =
        $"PRAGMA foreign_keys = ON; PRAGMA busy_timeout = {BusyTimeoutMilliseconds}; PRAGMA synchronous = FULL;";

    private const int SqliteCorrupt = 11, SqliteCantOpen = 14, SqliteNotADatabase = 26;

    private readonly string _connectionString;
    private readonly SqliteStoreOptions _options;
    private volatile bool _disposed;

    private SqliteGraphStore(string path, string connectionString, SqliteStoreOptions options)
    {
        Path = path;
        _connectionString = connectionString;
        _options = options;
    }

    /// <summary>The full path of the database file.</summary>
    public string Path { get; }

    /// <summary>Opens the store in a file, creating the folder and an empty store when they are missing, and brings
    /// an older schema up to date.</summary>
    /// <param name="path">The database file, e.g. <c>data/socialcapital.db</c>.</param>
    /// <param name="options">How many changes the feed keeps and how often a waiter polls the file; null (the default)
    /// for the defaults.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The open store; dispose it to release the file.</returns>
    /// <exception cref="ArgumentException"><paramref name="path"/> is null, empty or blank.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range (<see cref="SqliteStoreOptions"/>).</exception>
    /// <exception cref="InvalidDataException">The file is not a SQLite database, is another application's database,
    /// or has a schema newer than this release knows. The message names the file.</exception>
    /// <exception cref="IOException">The file or its folder cannot be created or opened.</exception>
    public static async Task<SqliteGraphStore> OpenAsync(string path, SqliteStoreOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        options ??= new SqliteStoreOptions();
        options.Validate();
        cancellationToken.ThrowIfCancellationRequested();
        var full = System.IO.Path.GetFullPath(path);
        if (System.IO.Path.GetDirectoryName(full) is { Length: > 0 } folder) Directory.CreateDirectory(folder);
        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = full,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = BusyTimeoutMilliseconds / 1000,
        }.ToString();
        var store = new SqliteGraphStore(full, connectionString, options);
        try
        {
            await using var connection = await store.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            SqliteSchema.EnsureCurrent(connection, full);
        }
        catch (Exception e) when (e is SqliteException or InvalidDataException)
        {
            ReleasePool(connectionString); // leave the file free, e.g. for the caller to delete it
            throw e is SqliteException { SqliteErrorCode: var code } sqlite ? Translate(sqlite, code, full) : e;
        }
        return store;
    }

    /// <inheritdoc />
    public async Task<long> GetVersionAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = connection.BeginTransaction(deferred: true);
        return SqliteVersion.Read(connection, transaction);
    }

    /// <inheritdoc />
    /// <exception cref="InvalidDataException">The file holds a value this release does not know.</exception>
    /// <exception cref="ObjectDisposedException">The store was disposed.</exception>
    public async Task<StoredDataset> ExportAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        // One read transaction: under WAL it sees one committed state throughout, whatever writers do meanwhile.
        await using var transaction = connection.BeginTransaction(deferred: true);
        var version = SqliteVersion.Read(connection, transaction);
        var nodes = new List<NodeRecord>();
        using (var statement = new RawStatement(connection, $"SELECT {RecordRows.NodeColumns} FROM nodes ORDER BY seq"))
            while (statement.Read())
            {
                if ((nodes.Count & 0xFFF) == 0) cancellationToken.ThrowIfCancellationRequested();
                nodes.Add(RecordRows.ReadNode(statement, 0, Path));
            }
        var columns = new List<string>();
        using (var statement = new RawStatement(connection, "SELECT name FROM attribute_columns ORDER BY position"))
            while (statement.Read()) columns.Add(statement.Text(0));
        var ids = new NodeIds(nodes.Select(n => n.Id));
        var ties = new List<TieRecord>();
        using (var statement = new RawStatement(connection, $"SELECT {RecordRows.TieColumns} FROM ties ORDER BY seq"))
            while (statement.Read())
            {
                if ((ties.Count & 0xFFF) == 0) cancellationToken.ThrowIfCancellationRequested();
                ties.Add(RecordRows.ReadTie(statement, 0, ids, Path));
            }
        var proposals = new List<ProposalRecord>();
        using (var statement = new RawStatement(connection, $"SELECT {RecordRows.ProposalColumns} FROM proposals ORDER BY seq"))
            while (statement.Read()) proposals.Add(RecordRows.ReadProposal(statement, 0, ids, Path));
        var history = new List<StatusChange>();
        using (var statement = new RawStatement(connection, $"SELECT {RecordRows.StatusColumns} FROM status_history ORDER BY seq"))
            while (statement.Read()) history.Add(RecordRows.ReadStatus(statement, 0, ids, Path));
        var contacts = new List<ContactRecord>();
        using (var statement = new RawStatement(connection, $"SELECT {RecordRows.ContactColumns} FROM contacts ORDER BY seq"))
            while (statement.Read())
            {
                if ((contacts.Count & 0xFFF) == 0) cancellationToken.ThrowIfCancellationRequested();
                contacts.Add(RecordRows.ReadContact(statement, 0, ids, Path));
            }
        await transaction.CommitAsync(CancellationToken.None).ConfigureAwait(false);
        return new StoredDataset(Dataset.Create(nodes, ties, columns, proposals, history, contacts), version);
    }

    /// <inheritdoc />
    /// <exception cref="OperationCanceledException">The token was cancelled; nothing was changed.</exception>
    /// <exception cref="ObjectDisposedException">The store was disposed.</exception>
    public async Task<long> ImportAsync(Dataset dataset, AuditEntry? audit = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        cancellationToken.ThrowIfCancellationRequested();
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var version = SqliteImport.Run(connection, dataset, audit is null ? null : audit with { Outcome = AuditOutcomes.Imported },
            _options.ChangesKept, cancellationToken);
        Committed();
        return version;
    }

    /// <inheritdoc />
    /// <exception cref="ObjectDisposedException">The store was disposed.</exception>
    public Task<WriteOutcome> UpsertNodeAsync(NodeRecord node, AuditEntry? audit = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(node);
        return WriteAsync((connection, transaction) => SqliteEdits.UpsertNode(connection, transaction, node, Path), new GraphEdit.UpsertNode(node), audit, cancellationToken);
    }

    /// <inheritdoc />
    /// <exception cref="ObjectDisposedException">The store was disposed.</exception>
    public Task<WriteOutcome> DeleteNodeAsync(string id, AuditEntry? audit = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        return WriteAsync((connection, transaction) => SqliteEdits.DeleteNode(connection, transaction, id), new GraphEdit.DeleteNode(id), audit, cancellationToken);
    }

    /// <inheritdoc />
    /// <exception cref="ObjectDisposedException">The store was disposed.</exception>
    public Task<WriteOutcome> UpsertTieAsync(TieRecord tie, AuditEntry? audit = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tie);
        return WriteAsync((connection, transaction) => SqliteEdits.UpsertTie(connection, transaction, tie, Path), new GraphEdit.UpsertTie(tie), audit, cancellationToken);
    }

    /// <inheritdoc />
    /// <exception cref="ObjectDisposedException">The store was disposed.</exception>
    public Task<WriteOutcome> UpsertTiesAsync(IReadOnlyList<TieRecord> ties, AuditEntry? audit = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ties);
        return WriteAsync((connection, transaction) => SqliteEdits.UpsertTies(connection, transaction, ties, Path), new GraphEdit.UpsertTies(ties), audit, cancellationToken);
    }

    /// <inheritdoc />
    /// <exception cref="ObjectDisposedException">The store was disposed.</exception>
    public Task<WriteOutcome> DeleteTiesAsync(string source, string target, TieKind? kind = null, AuditEntry? audit = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(target);
        return WriteAsync((connection, transaction) => SqliteEdits.DeleteTies(connection, transaction, source, target, kind), new GraphEdit.DeleteTies(source, target, kind), audit, cancellationToken);
    }

    /// <inheritdoc />
    /// <exception cref="ObjectDisposedException">The store was disposed.</exception>
    public Task<WriteOutcome> UpsertProposalsAsync(IReadOnlyList<ProposalRecord> proposals, TieRecord? tie = null, AuditEntry? audit = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(proposals);
        return WriteAsync((connection, transaction) => SqliteEdits.UpsertProposals(connection, transaction, proposals, tie, Path),
            new GraphEdit.UpsertProposals(proposals, tie), audit,
            cancellationToken);
    }

    /// <inheritdoc />
    /// <exception cref="ObjectDisposedException">The store was disposed.</exception>
    public Task<WriteOutcome> UpsertStatusAsync(StatusChange change, AuditEntry? audit = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        return WriteAsync((connection, _) => SqliteEdits.UpsertStatus(connection, change, Path), new GraphEdit.UpsertStatus(change), audit, cancellationToken);
    }

    /// <inheritdoc />
    /// <exception cref="ObjectDisposedException">The store was disposed.</exception>
    public Task<WriteOutcome> AddContactAsync(ContactRecord contact, AuditEntry? audit = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(contact);
        return WriteAsync((connection, _) => SqliteEdits.AddContact(connection, contact, Path), new GraphEdit.AddContact(contact), audit, cancellationToken);
    }

    /// <inheritdoc />
    /// <exception cref="ObjectDisposedException">The store was disposed.</exception>
    public async Task<WriteOutcome> EraseNodeAsync(string id, string pseudonym, AuditEntry? audit = null, CancellationToken cancellationToken = default)
    {
        AuditPseudonym.CheckErasure(id, pseudonym);
        cancellationToken.ThrowIfCancellationRequested();
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = connection.BeginTransaction(deferred: false);
        var (effect, removed) = SqliteEdits.DeleteNode(connection, transaction, id);
        var deleted = effect is WriteEffect.Deleted;
        var version = deleted ? SqliteVersion.Bump(connection, transaction) : SqliteVersion.Read(connection, transaction);
        if (deleted) SqliteChanges.Record(connection, transaction, version, new GraphEdit.DeleteNode(id), _options.ChangesKept);
        // The feed's older changes may hold the person's records (an upsert's attributes, their ties): forgotten with the
        // rest, whatever this call deleted (an erasure may follow a delete). A follower behind reads the whole store.
        SqliteChanges.ForgetBefore(connection, transaction, version);
        SqliteAudit.Pseudonymise(connection, transaction, id, pseudonym);
        if (audit is not null)
            SqliteAudit.Append(connection, [audit with { Outcome = AuditOutcomes.OfErasure(effect) }]);
        await transaction.CommitAsync(CancellationToken.None).ConfigureAwait(false);
        if (deleted) Committed();
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
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = connection.BeginTransaction(deferred: false);
        SqliteAudit.Append(connection, entries);
        await transaction.CommitAsync(CancellationToken.None).ConfigureAwait(false);
    }

    /// <inheritdoc />
    /// <exception cref="ObjectDisposedException">The store was disposed.</exception>
    public async Task<AuditPage> QueryAuditAsync(AuditQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        query.Validate();
        cancellationToken.ThrowIfCancellationRequested();
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = connection.BeginTransaction(deferred: true); // the count and the page agree
        var page = SqliteAudit.Query(connection, query);
        await transaction.CommitAsync(CancellationToken.None).ConfigureAwait(false);
        return page;
    }

    /// <inheritdoc />
    /// <exception cref="ObjectDisposedException">The store was disposed.</exception>
    public async Task<long> PurgeAuditAsync(DateTimeOffset before, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = connection.BeginTransaction(deferred: false);
        var purged = SqliteAudit.Purge(connection, transaction, before);
        await transaction.CommitAsync(CancellationToken.None).ConfigureAwait(false);
        return purged;
    }

    /// <summary>Closes the store's pooled connections, so the file can be moved or deleted once every handle on it
    /// is disposed. Calls still running finish first; later calls throw <see cref="ObjectDisposedException"/>.</summary>
    /// <returns>A completed task.</returns>
    public ValueTask DisposeAsync()
    {
        if (_disposed) return ValueTask.CompletedTask;
        _disposed = true;
        ReleasePool(_connectionString);
        return ValueTask.CompletedTask;
    }

    /// <summary>Opens a pooled connection with the store's per-connection settings (for tests of those settings).</summary>
    internal async Task<SqliteConnection> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var command = connection.CreateCommand();
            command.CommandText = ConnectionPragmas;
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private async Task<WriteOutcome> WriteAsync(
        Func<SqliteConnection, SqliteTransaction, (WriteEffect Effect, int TiesRemoved)> edit, GraphEdit change, AuditEntry? audit,
        CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        // BEGIN IMMEDIATE takes the write lock before the edit reads anything, so what it decides from those reads
        // still holds when it writes (a deferred transaction could not upgrade after another writer committed).
        await using var transaction = connection.BeginTransaction(deferred: false);
        var (effect, removed) = edit(connection, transaction);
        var changed = effect is WriteEffect.Created or WriteEffect.Updated or WriteEffect.Deleted;
        var version = changed ? SqliteVersion.Bump(connection, transaction) : SqliteVersion.Read(connection, transaction);
        if (changed) SqliteChanges.Record(connection, transaction, version, change, _options.ChangesKept); // the feed, in the same transaction
        // The entry goes in the same transaction: committed with the change, or not at all (an edit that throws rolls
        // back both). A write that changed nothing still commits its entry, and only that.
        if (audit is not null) SqliteAudit.Append(connection, [audit with { Outcome = AuditOutcomes.Of(effect) }]);
        if (changed || audit is not null) await transaction.CommitAsync(CancellationToken.None).ConfigureAwait(false);
        if (changed) Committed();
        return new WriteOutcome(effect, version, removed);
    }

    private static void ReleasePool(string connectionString)
    {
        using var connection = new SqliteConnection(connectionString);
        SqliteConnection.ClearPool(connection);
    }

    private static Exception Translate(SqliteException e, int code, string file) => code switch
    {
        SqliteNotADatabase or SqliteCorrupt =>
            new InvalidDataException($"'{file}' is not a SocialCapital database: it is not a readable SQLite file ({e.Message}).", e),
        SqliteCantOpen => new IOException($"'{file}' cannot be opened as a database ({e.Message}).", e),
        _ => new IOException($"'{file}' could not be opened: {e.Message}", e),
    };

}
