using System.Globalization;
using Microsoft.Data.Sqlite;
using SocialCapital.Live;

namespace SocialCapital.Sqlite;

/// <summary>The change feed's table (<c>changes</c>, schema 5): written inside the caller's write transaction, read
/// inside a read transaction, so a change is committed with what it records or not at all.</summary>
internal static class SqliteChanges
{
    /// <summary>Records the change that took the store to <paramref name="version"/> (<paramref name="edit"/> null for an
    /// import) and forgets those more than <paramref name="kept"/> versions old.</summary>
    public static void Record(SqliteConnection connection, SqliteTransaction transaction, long version, GraphEdit? edit, int kept)
    {
        using (var command = Command(connection, transaction, "INSERT INTO changes (version, edit, at) VALUES ($version, $edit, $at)"))
        {
            command.Parameters.AddWithValue("$version", version);
            command.Parameters.AddWithValue("$edit", edit is null ? DBNull.Value : GraphEditJson.Serialize(edit));
            command.Parameters.AddWithValue("$at", DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture));
            command.ExecuteNonQuery();
        }
        ForgetBefore(connection, transaction, version - kept + 1);
    }

    /// <summary>Forgets every change before <paramref name="version"/>.</summary>
    public static void ForgetBefore(SqliteConnection connection, SqliteTransaction transaction, long version)
    {
        using var command = Command(connection, transaction, "DELETE FROM changes WHERE version < $version");
        command.Parameters.AddWithValue("$version", version);
        command.ExecuteNonQuery();
    }

    /// <summary>The changes after <paramref name="afterVersion"/>, at most <paramref name="max"/>, consecutive from
    /// <paramref name="afterVersion"/> + 1; <paramref name="storeVersion"/> is the store's version in the same transaction.</summary>
    /// <exception cref="ChangeFeedGapException">The first change needed, or one within the page, is no longer kept.</exception>
    /// <exception cref="InvalidDataException">A recorded edit or time cannot be read.</exception>
    public static List<StoreChange> Read(SqliteConnection connection, SqliteTransaction transaction, long afterVersion, int max, long storeVersion,
        string file)
    {
        var changes = new List<StoreChange>();
        if (afterVersion >= storeVersion) return changes;
        using var command = Command(connection, transaction, "SELECT version, edit, at FROM changes WHERE version > $after ORDER BY version LIMIT $max");
        command.Parameters.AddWithValue("$after", afterVersion);
        command.Parameters.AddWithValue("$max", max);
        using (var reader = command.ExecuteReader())
            while (reader.Read())
            {
                var version = reader.GetInt64(0);
                // Versions are consecutive unless older ones were forgotten (pruned, or by an erasure).
                if (version != afterVersion + changes.Count + 1) throw new ChangeFeedGapException(afterVersion, version);
                changes.Add(new StoreChange(version, reader.IsDBNull(1) ? null : Edit(reader.GetString(1), version, file), Time(reader.GetString(2), version, file)));
            }
        if (changes.Count == 0) throw new ChangeFeedGapException(afterVersion, storeVersion + 1); // none kept at all
        return changes;
    }

    private static GraphEdit Edit(string json, long version, string file)
    {
        try
        {
            return GraphEditJson.Deserialize(json);
        }
        catch (FormatException e)
        {
            throw new InvalidDataException($"'{file}': the change at version {version} cannot be read: {e.Message}", e);
        }
    }

    private static DateTimeOffset Time(string text, long version, string file) =>
        DateTimeOffset.TryParseExact(text, "O", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? at
            : throw new InvalidDataException($"'{file}': the change at version {version} has time '{text}', not an ISO 8601 time.");

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }
}
