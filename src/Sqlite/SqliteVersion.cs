using System.Globalization;
using Microsoft.Data.Sqlite;

namespace SocialCapital.Sqlite;

/// <summary>The store version kept in the <c>meta</c> table, read and raised inside the caller's transaction.</summary>
internal static class SqliteVersion
{
    public static long Read(SqliteConnection connection, SqliteTransaction transaction) =>
        Scalar(connection, transaction, "SELECT value FROM meta WHERE key = $key");

    /// <summary>Raises the version by one and returns the new value.</summary>
    public static long Bump(SqliteConnection connection, SqliteTransaction transaction) =>
        Scalar(connection, transaction, "UPDATE meta SET value = value + 1 WHERE key = $key RETURNING value");

    private static long Scalar(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.Parameters.AddWithValue("$key", SqliteSchema.VersionKey);
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }
}
