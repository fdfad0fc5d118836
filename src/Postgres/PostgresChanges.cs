using NpgsqlTypes;
using SocialCapital.Live;

namespace SocialCapital.Postgres;

/// <summary>The change feed's table (<c>changes</c>): every write that raises the version records its change in the same
/// transaction and notifies the store's channel with the new version (delivered at commit).</summary>
internal static class PostgresChanges
{
    /// <summary>Records the change that took the store to <paramref name="version"/>, notifies, and now and then prunes
    /// the changes older than the latest <paramref name="kept"/>.</summary>
    public static async Task RecordAsync(PostgresSession s, long version, GraphEdit? edit, string channel, long kept, bool prune,
        CancellationToken ct)
    {
        await s.ExecuteAsync("INSERT INTO changes (version, edit, at) VALUES ($1, $2, clock_timestamp())",
            p =>
            {
                p.Long(version);
                p.Add(edit is null ? null : GraphEditJson.Serialize(edit), NpgsqlDbType.Json);
            }, ct).ConfigureAwait(false);
        await s.ExecuteAsync("SELECT pg_notify($1, $2)", p =>
            {
                p.Text(channel);
                p.Text(version.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }, ct)
            .ConfigureAwait(false);
        // Pruning is a range delete on the primary key; every so often is enough to bound the table.
        if (prune || version % Math.Min(1000, kept) == 0)
            await s.ExecuteAsync("DELETE FROM changes WHERE version <= $1", p => p.Long(version - kept), ct).ConfigureAwait(false);
    }

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
