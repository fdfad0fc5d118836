using System.Data;
using System.Globalization;
using Npgsql;
using NpgsqlTypes;
using SocialCapital.Live;
using SocialCapital.Storage;

namespace SocialCapital.Postgres;

/// <summary>The checkpoint (<see cref="ICheckpointStore"/>): one snapshot file of the whole store at one version, in
/// <c>checkpoint_chunks</c> (bytea rows of <see cref="ChunkBytes"/>, stored uncompressed out of line) with its head row in
/// <c>checkpoint</c>. <c>meta.checkpoint_floor</c> is the version of the latest import or erasure: no checkpoint older
/// than it is kept or used.</summary>
/// <remarks>
/// <para>A writer copies its chunks (rows of its own version, which nobody else touches) and only then takes the floor
/// row shared without waiting (<c>FOR SHARE NOWAIT</c>), checks it, replaces the head and deletes the older chunks, and
/// commits: the floor row is held for those few statements only. An import or an erasure raises the floor first, then
/// deletes the checkpoint, under the version row's lock: one that raised it before the writer's check makes the writer
/// give up (the row is locked, or holds a newer floor); one that comes after waits the few statements, then deletes what
/// the writer kept. Either way no checkpoint from before an import or an erasure outlives it, and no one waits on the
/// other's copy. Writers take a transaction advisory lock, so they run one at a time.</para>
/// <para>A reader reads the head, the floor, the version and the feed's next change in one snapshot (repeatable read),
/// so the chunks it copies are those of the head it checked.</para>
/// </remarks>
internal static class PostgresCheckpoints
{
    /// <summary>The size of a chunk: large enough that the rows cost nothing per byte, small enough to hold in memory.</summary>
    public const int ChunkBytes = 4 << 20;

    /// <summary>The key of <c>meta</c>'s row with the version of the latest import or erasure.</summary>
    public const string FloorKey = "checkpoint_floor";

    private const int LockClass = 0x53434b50; // 'SCKP': apart from the write lock's 'SCAP'
    private const int RefreshClass = 0x53434b52; // 'SCKR': held by the one process making a new checkpoint, across its export

    /// <summary>How many times the changes kept (<see cref="PostgresStoreOptions.ChangesKept"/>) the change feed keeps at
    /// most for the checkpoint: pruning keeps every change after the checkpoint's version while it is no further behind
    /// the store's than this many times the changes kept; past that the checkpoint is abandoned (the changes after it are
    /// pruned, so it is refused until a newer one replaces it) and the feed is bounded again.</summary>
    public const int FeedHeld = 4;

    /// <summary>The condition (SQL over the store's version <paramref name="version"/> and the changes kept
    /// <paramref name="kept"/>) that a change may be pruned for the checkpoint: it is not after the checkpoint's version, or
    /// the checkpoint is abandoned (see <see cref="FeedHeld"/>).</summary>
    public static string PrunableForCheckpoint(string version, string kept) =>
        $"version <= coalesce((SELECT c.version FROM checkpoint c WHERE c.version >= {version} - {kept} * {FeedHeld}), {version})";

    private const string Floor = $"(SELECT value FROM meta WHERE key = '{FloorKey}')";
    private const string Current = $"(SELECT value FROM meta WHERE key = '{PostgresSchema.VersionKey}')";

    /// <summary>The head of the checkpoint kept, or null.</summary>
    public static async Task<CheckpointHead?> HeadAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("SELECT version, as_of FROM checkpoint", connection);
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        return await reader.ReadAsync(ct).ConfigureAwait(false)
            ? new CheckpointHead(reader.GetInt64(0), reader.GetFieldValue<DateOnly>(1))
            : null;
    }

    /// <summary>Takes the lock of the one process making a new checkpoint without waiting, on
    /// <paramref name="connection"/> (kept open by the lease, closed when it is released or not had).</summary>
    /// <returns>The lease, or null when another process holds the lock.</returns>
    public static async Task<IAsyncDisposable?> TryLockRefreshAsync(NpgsqlConnection connection, int lockKey, CancellationToken ct)
    {
        try
        {
            await using var command = new NpgsqlCommand(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"SELECT pg_try_advisory_lock({RefreshClass}, {lockKey})"), connection);
            if (await command.ExecuteScalarAsync(ct).ConfigureAwait(false) is true) return new RefreshLease(connection, lockKey);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        await connection.DisposeAsync().ConfigureAwait(false);
        return null;
    }

    private sealed class RefreshLease(NpgsqlConnection connection, int lockKey) : IAsyncDisposable
    {
        private int _released;

        public async ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _released, 1) != 0) return;
            try
            {
                await using var command = new NpgsqlCommand(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"SELECT pg_advisory_unlock({RefreshClass}, {lockKey})"), connection);
                await command.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false);
            }
            catch (NpgsqlException)
            {
                // A broken connection lost the lock with its session.
            }
            finally
            {
                await connection.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>Raises the floor to the store's version and deletes the checkpoint: what an import and an erasure do in
    /// their transaction (which holds the version row's lock), after recording their change.</summary>
    public static async Task ForgetAsync(PostgresSession s, CancellationToken ct)
    {
        // The floor first: a writer between its copy and its commit holds the floor row for a few statements, and one
        // that has not reached it yet finds it raised and gives up.
        await s.ExecuteAsync($"UPDATE meta SET value = {Current} WHERE key = '{FloorKey}'", ct).ConfigureAwait(false);
        await s.ExecuteAsync("DELETE FROM checkpoint", ct).ConfigureAwait(false);
        await s.ExecuteAsync("DELETE FROM checkpoint_chunks", ct).ConfigureAwait(false);
    }

    /// <summary>Copies the checkpoint into <paramref name="path"/> when it is usable.</summary>
    public static async Task<CheckpointRead> ReadAsync(NpgsqlConnection connection, string path, CancellationToken ct)
    {
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct).ConfigureAwait(false);
        long version, length, current, floor;
        int format;
        bool followed;
        await using (var head = new NpgsqlCommand(
            $"SELECT version, format, length, {Current}, {Floor}, EXISTS (SELECT 1 FROM changes WHERE version = checkpoint.version + 1) FROM checkpoint",
            connection, transaction))
        await using (var reader = await head.ExecuteReaderAsync(ct).ConfigureAwait(false))
        {
            if (!await reader.ReadAsync(ct).ConfigureAwait(false)) return CheckpointRead.Refused("the store keeps no checkpoint");
            (version, format, length, current, floor, followed) =
                (reader.GetInt64(0), reader.GetInt32(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4), reader.GetBoolean(5));
        }
        var why = format != SnapshotFile.FormatVersion
            ? $"the checkpoint at version {version} is in snapshot format {format}; this build reads format {SnapshotFile.FormatVersion}"
            : version < floor ? $"the store was imported or a person erased at version {floor}, after the checkpoint at version {version}"
            : version > current ? $"the checkpoint's version {version} is past the store's version {current}"
            : version < current && !followed
                ? $"the change feed no longer holds the changes after the checkpoint at version {version} (a checkpoint more than {FeedHeld} times the changes kept behind the store is abandoned until a newer one is written)"
            : null;
        if (why is not null) return CheckpointRead.Refused(why);

        long copied = 0;
        var expected = 0;
        await using (var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20, FileOptions.Asynchronous))
        await using (var chunks = new NpgsqlCommand("SELECT position, bytes FROM checkpoint_chunks WHERE version = $1 ORDER BY position",
            connection, transaction) { Parameters = { new() { Value = version, NpgsqlDbType = NpgsqlDbType.Bigint } } })
        await using (var reader = await chunks.ExecuteReaderAsync(CommandBehavior.SequentialAccess, ct).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                if (reader.GetInt32(0) != expected++)
                    return CheckpointRead.Refused(string.Create(CultureInfo.InvariantCulture,
                        $"the checkpoint at version {version} lacks chunk {expected - 1}"));
                await using var bytes = await reader.GetStreamAsync(1, ct).ConfigureAwait(false);
                await bytes.CopyToAsync(file, ct).ConfigureAwait(false);
            }
            copied = file.Length;
        }
        await transaction.CommitAsync(CancellationToken.None).ConfigureAwait(false);
        return copied == length
            ? CheckpointRead.Copied(version)
            : CheckpointRead.Refused(string.Create(CultureInfo.InvariantCulture,
                $"the checkpoint at version {version} holds {copied} bytes, not the {length} it was written with"));
    }

    /// <summary>Keeps the snapshot file <paramref name="path"/> as the checkpoint of <paramref name="version"/> (see the
    /// remarks).</summary>
    /// <returns>Whether it was kept.</returns>
    public static async Task<bool> WriteAsync(NpgsqlConnection connection, string path, long version, int lockKey, CancellationToken ct)
    {
        // What the store keeps must be a snapshot file this build reads; its checksums are checked by the reader.
        var asOf = SnapshotFile.Read(path, checkSources: false).AsOf;
        await using var transaction = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
        await using (var lockCommand = new NpgsqlCommand(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"SELECT pg_advisory_xact_lock({LockClass}, {lockKey})"), connection, transaction))
            await lockCommand.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        bool sameVersion;
        await using (var check = new NpgsqlCommand(
            $"SELECT coalesce((SELECT version FROM checkpoint), -1), {Floor}, {Current}, EXISTS (SELECT 1 FROM changes WHERE version = $1 + 1), "
            + "(SELECT as_of FROM checkpoint)",
            connection, transaction) { Parameters = { new() { Value = version, NpgsqlDbType = NpgsqlDbType.Bigint } } })
        await using (var reader = await check.ExecuteReaderAsync(ct).ConfigureAwait(false))
        {
            await reader.ReadAsync(ct).ConfigureAwait(false);
            var (kept, floor, current, followed) = (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetBoolean(3));
            var keptAsOf = reader.IsDBNull(4) ? DateOnly.MinValue : reader.GetFieldValue<DateOnly>(4);
            if (version > current)
                throw new ArgumentOutOfRangeException(nameof(version), version, $"The store is at version {current}: a checkpoint cannot be ahead of it.");
            // One as new is kept (a later version, or this one built for this day or a later one), an import or erasure
            // came after it, or the feed no longer leads from it: of no use.
            if (kept > version || (kept == version && keptAsOf >= asOf) || version < floor || (version < current && !followed)) return false;
            sameVersion = kept == version;
        }
        if (sameVersion)
        {
            // The same version for a new day: its chunks make way (readers in a snapshot still see them until the commit).
            await using var gone = new NpgsqlCommand("DELETE FROM checkpoint_chunks WHERE version = $1", connection, transaction)
                { Parameters = { new() { Value = version, NpgsqlDbType = NpgsqlDbType.Bigint } } };
            await gone.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }

        var length = 0L;
        await using (var importer = await connection.BeginBinaryImportAsync("COPY checkpoint_chunks (version, position, bytes) FROM STDIN (FORMAT BINARY)", ct)
            .ConfigureAwait(false))
        await using (var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous | FileOptions.SequentialScan))
        {
            var buffer = new byte[ChunkBytes];
            for (var position = 0; ; position++)
            {
                var filled = await file.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, ct).ConfigureAwait(false);
                if (filled == 0) break;
                await importer.StartRowAsync(ct).ConfigureAwait(false);
                await importer.WriteAsync(version, NpgsqlDbType.Bigint, ct).ConfigureAwait(false);
                await importer.WriteAsync(position, NpgsqlDbType.Integer, ct).ConfigureAwait(false);
                await importer.WriteAsync(new ArraySegment<byte>(buffer, 0, filled), NpgsqlDbType.Bytea, ct).ConfigureAwait(false);
                length += filled;
            }
            await importer.CompleteAsync(ct).ConfigureAwait(false);
        }

        try
        {
            await using var batch = new NpgsqlBatch(connection, transaction);
            batch.BatchCommands.Add(new NpgsqlBatchCommand($"SELECT value FROM meta WHERE key = '{FloorKey}' FOR SHARE NOWAIT"));
            var head = new NpgsqlBatchCommand(
                "INSERT INTO checkpoint (single, version, format, length, as_of, written) VALUES (true, $1, $2, $3, $4, clock_timestamp()) "
                + "ON CONFLICT (single) DO UPDATE SET version = excluded.version, format = excluded.format, length = excluded.length, "
                + "as_of = excluded.as_of, written = excluded.written");
            head.Parameters.Add(new NpgsqlParameter { Value = version, NpgsqlDbType = NpgsqlDbType.Bigint });
            head.Parameters.Add(new NpgsqlParameter { Value = SnapshotFile.FormatVersion, NpgsqlDbType = NpgsqlDbType.Integer });
            head.Parameters.Add(new NpgsqlParameter { Value = length, NpgsqlDbType = NpgsqlDbType.Bigint });
            head.Parameters.Add(new NpgsqlParameter { Value = asOf, NpgsqlDbType = NpgsqlDbType.Date });
            var older = new NpgsqlBatchCommand("DELETE FROM checkpoint_chunks WHERE version <> $1");
            older.Parameters.Add(new NpgsqlParameter { Value = version, NpgsqlDbType = NpgsqlDbType.Bigint });
            // The floor is read under its lock (first statement); the rest is undone below when it has moved past.
            batch.BatchCommands.Add(head);
            batch.BatchCommands.Add(older);
            long floor;
            await using (var reader = await batch.ExecuteReaderAsync(ct).ConfigureAwait(false))
            {
                await reader.ReadAsync(ct).ConfigureAwait(false);
                floor = reader.GetInt64(0);
                while (await reader.NextResultAsync(ct).ConfigureAwait(false)) { }
            }
            if (version < floor) return false; // an import or erasure committed during the copy: rolled back
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.LockNotAvailable)
        {
            return false; // an import or erasure is committing now: it would delete this checkpoint anyway
        }
        await transaction.CommitAsync(CancellationToken.None).ConfigureAwait(false);
        return true;
    }
}
