using System.Text;
using Microsoft.Data.Sqlite;
using SocialCapital.Storage;

namespace SocialCapital.Sqlite;

/// <summary>The audit trail's tables (schema 2): <c>audit</c> (one row per entry; time as UTC ticks) and
/// <c>audit_targets</c> (its target ids, in order). Every function runs inside the caller's transaction.</summary>
internal static class SqliteAudit
{
    private const string EntryColumns = "seq, time, actor, role, action, outcome";

    /// <summary>Appends entries: the same transaction as the write they record, or a batch of their own.</summary>
    public static void Append(SqliteConnection connection, IReadOnlyList<AuditEntry> entries)
    {
        if (entries.Count == 0) return;
        using var entry = new RawStatement(connection, "INSERT INTO audit (time, actor, role, action, outcome) VALUES (?1, ?2, ?3, ?4, ?5)");
        using var target = new RawStatement(connection, "INSERT INTO audit_targets (entry, position, target) VALUES (?1, ?2, ?3)");
        foreach (var e in entries)
        {
            entry.Bind(1, e.Time.UtcTicks);
            entry.Bind(2, e.Actor);
            entry.Bind(3, e.Role);
            entry.Bind(4, e.Action);
            entry.Bind(5, e.Outcome);
            entry.Execute();
            var seq = SQLitePCL.raw.sqlite3_last_insert_rowid(connection.Handle);
            for (var i = 0; i < e.Targets.Count; i++)
            {
                target.Bind(1, seq);
                target.Bind(2, (long)i);
                target.Bind(3, e.Targets[i]);
                target.Execute();
            }
        }
    }

    /// <summary>One page of matching entries, newest first, and how many match.</summary>
    public static AuditPage Query(SqliteConnection connection, AuditQuery query)
    {
        var where = new StringBuilder("1 = 1");
        // Parameters: ?1 actor, ?2 target, ?3 from, ?4 to; only those used appear in the text.
        if (query.Actor is not null) where.Append(" AND actor = ?1");
        if (query.Target is not null) where.Append(" AND seq IN (SELECT entry FROM audit_targets WHERE target = ?2)");
        if (query.From is not null) where.Append(" AND time >= ?3");
        if (query.To is not null) where.Append(" AND time < ?4");

        void Bind(RawStatement statement)
        {
            if (query.Actor is not null) statement.Bind(1, query.Actor);
            if (query.Target is not null) statement.Bind(2, query.Target);
            if (query.From is { } from) statement.Bind(3, from.UtcTicks);
            if (query.To is { } to) statement.Bind(4, to.UtcTicks);
        }

        long total;
        using (var count = new RawStatement(connection, $"SELECT count(*) FROM audit WHERE {where}"))
        {
            Bind(count);
            total = count.Read() ? count.Int64(0) : 0;
            count.Reset();
        }
        var rows = new List<(long Seq, DateTimeOffset Time, string Actor, string Role, string Action, string Outcome)>();
        using (var page = new RawStatement(connection,
            $"SELECT {EntryColumns} FROM audit WHERE {where} ORDER BY time DESC, seq DESC LIMIT ?5 OFFSET ?6"))
        {
            Bind(page);
            page.Bind(5, (long)query.Limit);
            page.Bind(6, (long)query.Skip);
            while (page.Read())
                rows.Add((page.Int64(0), new DateTimeOffset(page.Int64(1), TimeSpan.Zero), page.Text(2), page.Text(3), page.Text(4), page.Text(5)));
        }
        var entries = new List<AuditEntry>(rows.Count);
        using var targets = new RawStatement(connection, "SELECT target FROM audit_targets WHERE entry = ?1 ORDER BY position");
        foreach (var row in rows)
        {
            targets.Bind(1, row.Seq);
            var ids = new List<string>();
            while (targets.Read()) ids.Add(targets.Text(0));
            entries.Add(new AuditEntry(row.Time, row.Actor, row.Role, row.Action, ids, row.Outcome));
        }
        return new AuditPage(entries, total);
    }

    /// <summary>Deletes the entries before <paramref name="before"/> (their targets go by the foreign key's cascade).</summary>
    public static long Purge(SqliteConnection connection, SqliteTransaction transaction, DateTimeOffset before)
    {
        using var command = Command(connection, transaction, "DELETE FROM audit WHERE time < $before");
        command.Parameters.AddWithValue("$before", before.UtcTicks);
        return command.ExecuteNonQuery();
    }

    /// <summary>Replaces <paramref name="id"/> by <paramref name="pseudonym"/> as actor and as target.</summary>
    public static void Pseudonymise(SqliteConnection connection, SqliteTransaction transaction, string id, string pseudonym)
    {
        using var command = Command(connection, transaction,
            "UPDATE audit SET actor = $pseudonym WHERE actor = $id; UPDATE audit_targets SET target = $pseudonym WHERE target = $id;");
        command.Parameters.AddWithValue("$id", id);
        command.Parameters.AddWithValue("$pseudonym", pseudonym);
        command.ExecuteNonQuery();
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }
}
