using System.Text.Json;
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

    /// <summary>Blanks the earlier changes that name <paramref name="id"/> (an erasure): a follower reading one reads the
    /// whole store again, as after an import, so the erased person's records do not outlive them in the feed.</summary>
    public static Task<int> ScrubAsync(PostgresSession s, string id, CancellationToken ct) =>
        s.ExecuteAsync("UPDATE changes SET edit = NULL WHERE edit IS NOT NULL AND strpos(edit::text, $1) > 0",
            p => p.Text(JsonSerializer.Serialize(id)), ct); // the id as the edits' JSON writes it, quotes and escapes included

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
