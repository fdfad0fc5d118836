using Npgsql;
using NpgsqlTypes;
using SocialCapital.Storage;
using SocialCapital.Live;

namespace SocialCapital.Postgres;

/// <summary>The change feed's table (<c>changes</c>): every write that raises the version records its change in the same
/// transaction and notifies the store's channel with the new version (delivered at commit).</summary>
internal static class PostgresChanges
{
    /// <summary>Raises the store's version by one, records <paramref name="edit"/> as the change that took it there,
    /// notifies the channel (delivered at commit), when <paramref name="prune"/> (<see cref="PruneDue"/>) prunes the changes older than the latest
    /// <paramref name="kept"/> (but not those after a checkpoint that is not abandoned: <see cref="PostgresCheckpoints.FeedHeld"/>), and appends <paramref name="audit"/> — all in one round trip, since the caller holds the
    /// version row's lock (every writer of every process waits for it) until it commits.</summary>
    /// <returns>The new version.</returns>
    public static async Task<long> RecordAsync(PostgresSession s, GraphEdit? edit, string channel, long kept, bool prune,
        IReadOnlyList<AuditEntry> audit, CancellationToken ct)
    {
        await using var batch = new NpgsqlBatch(s.Connection, s.Transaction);
        var record = batch.CreateBatchCommand();
        record.CommandText =
            $"WITH bumped AS (UPDATE meta SET value = value + 1 WHERE key = '{PostgresSchema.VersionKey}' RETURNING value), "
            + "recorded AS (INSERT INTO changes (version, edit, at) SELECT value, $1, clock_timestamp() FROM bumped RETURNING version) "
            + "SELECT version, pg_notify($2, version::text) FROM recorded";
        record.Parameters.Add(new NpgsqlParameter { Value = edit is null ? DBNull.Value : GraphEditJson.Serialize(edit), NpgsqlDbType = NpgsqlDbType.Json });
        record.Parameters.Add(new NpgsqlParameter { Value = channel, NpgsqlDbType = NpgsqlDbType.Text });
        batch.BatchCommands.Add(record);
        if (prune)
        {
            // A range delete on the primary key. The changes after the checkpoint stay while it is not abandoned
            // (PostgresCheckpoints.FeedHeld): it is usable only while the feed leads from its version.
            var pruning = batch.CreateBatchCommand();
            const string Version = $"(SELECT value FROM meta WHERE key = '{PostgresSchema.VersionKey}')";
            pruning.CommandText = $"DELETE FROM changes WHERE version <= {Version} - $1 AND {PostgresCheckpoints.PrunableForCheckpoint(Version, "$1")}";
            pruning.Parameters.Add(new NpgsqlParameter { Value = kept, NpgsqlDbType = NpgsqlDbType.Bigint });
            batch.BatchCommands.Add(pruning);
        }
        PostgresAudit.AddTo(batch, audit);
        await using var reader = await batch.ExecuteReaderAsync(ct).ConfigureAwait(false);
        await reader.ReadAsync(ct).ConfigureAwait(false);
        var version = reader.GetInt64(0);
        while (await reader.NextResultAsync(ct).ConfigureAwait(false)) { } // the prune and the audit rows
        return version;
    }

    /// <summary>Whether the write that raises the version from <paramref name="locked"/> (read under the version row's lock)
    /// prunes: every so often is enough to bound the table, and the other writes send no delete at all.</summary>
    public static bool PruneDue(long locked, long kept) => (locked + 1) % Math.Min(1000, kept) == 0;

    /// <summary>Forgets every change up to <paramref name="version"/> (an erasure, as the SQLite store does): earlier changes
    /// may hold the erased person's records, which must not outlive them in the feed; a follower further behind meets a
    /// gap and reads the whole store again.</summary>
    public static Task<int> ForgetAsync(PostgresSession s, long version, CancellationToken ct) =>
        s.ExecuteAsync("DELETE FROM changes WHERE version <= $1", p => p.Long(version), ct);

    /// <summary>The changes after <paramref name="afterVersion"/>, in one consistent read with the version.</summary>
    /// <exception cref="ChangeFeedGapException">The changes needed were pruned.</exception>
    public static async Task<IReadOnlyList<StoreChange>> ReadAsync(PostgresSession s, long afterVersion, int max, CancellationToken ct)
    {
        var current = await s.ScalarAsync($"SELECT value FROM meta WHERE key = '{PostgresSchema.VersionKey}'", _ => { }, ct).ConfigureAwait(false);
        if (afterVersion >= current) return [];
        var changes = await s.QueryAsync("SELECT version, edit::text, at FROM changes WHERE version > $1 ORDER BY version LIMIT $2",
            p =>
            {
                p.Long(afterVersion);
                p.Long(max);
            }, r =>
            {
                var version = r.Long();
                var edit = r.Text() is { } json ? GraphEditJson.Deserialize(json) : null;
                return new StoreChange(version, edit, r.At());
            }, ct).ConfigureAwait(false);
        if (changes.Count == 0 || changes[0].Version != afterVersion + 1)
        {
            var oldest = await s.ScalarAsync("SELECT coalesce(min(version), $1) FROM changes", p => p.Long(current + 1), ct).ConfigureAwait(false);
            throw new ChangeFeedGapException(afterVersion, oldest);
        }
        return changes;
    }
}
