using Microsoft.Data.Sqlite;
using SocialCapital.Interchange;
using SocialCapital.Model;
using SocialCapital.Storage;

namespace SocialCapital.Sqlite;

/// <summary>The single-record writes, each run inside the caller's write transaction. Each loads the few stored
/// records the edit can touch into a small <see cref="Dataset"/>, lets <see cref="DatasetEdits"/> decide (so the
/// effect, the validation problems and the conflicts are exactly the reference's), then applies that decision to
/// the tables.</summary>
internal static class SqliteEdits
{
    /// <summary>Ties between <c>?1</c> and <c>?2</c>, in either order.</summary>
    private const string TiesBetween = "((source = ?1 AND target = ?2) OR (source = ?2 AND target = ?1))";

    public static (WriteEffect Effect, int TiesRemoved) UpsertNode(SqliteConnection connection, SqliteTransaction transaction,
        NodeRecord node, string file)
    {
        var stored = FindNodes(connection, [node.Id], file);
        var existing = stored.Count > 0 ? stored[0] : null;
        Dataset around;
        if (existing is not null && existing.Kind != node.Kind)
        {
            // A new kind must still suit every tie the node has, so those ties and their other ends take part.
            var touching = Ties(connection, "source = ?1 OR target = ?1", node.Id, null, null, file);
            var others = FindNodes(connection,
                touching.Select(t => t.Tie.Source == node.Id ? t.Tie.Target : t.Tie.Source).Distinct(StringComparer.Ordinal), file);
            around = Dataset.Create([existing, .. others], touching.Select(t => t.Tie));
        }
        else around = Dataset.Create(stored, []);

        var edit = DatasetEdits.UpsertNode(around, node);
        if (edit.Effect is WriteEffect.Unchanged) return (edit.Effect, 0);
        using (var statement = new RawStatement(connection, edit.Effect is WriteEffect.Created
            ? $"INSERT INTO nodes ({RecordRows.NodeColumns}) VALUES ({RecordRows.NodeValues})"
            : $"UPDATE nodes SET {RecordRows.NodeAssignments} WHERE id = ?1"))
        {
            RecordRows.BindNode(statement, node);
            statement.Execute();
        }
        AddAttributeColumns(connection, transaction, node);
        return (edit.Effect, 0);
    }

    public static (WriteEffect Effect, int TiesRemoved) DeleteNode(SqliteConnection connection, SqliteTransaction transaction, string id)
    {
        // The ties go first and explicitly: the cascade would remove them too, but uncounted.
        int removed;
        using (var command = Command(connection, transaction, "DELETE FROM ties WHERE source = $id OR target = $id"))
        {
            command.Parameters.AddWithValue("$id", id);
            removed = command.ExecuteNonQuery();
        }
        using (var command = Command(connection, transaction, "DELETE FROM nodes WHERE id = $id"))
        {
            command.Parameters.AddWithValue("$id", id);
            if (command.ExecuteNonQuery() == 0) return (WriteEffect.NotFound, 0);
        }
        return (WriteEffect.Deleted, removed);
    }

    public static (WriteEffect Effect, int TiesRemoved) UpsertTie(SqliteConnection connection, SqliteTransaction transaction,
        TieRecord tie, string file)
    {
        var ends = FindNodes(connection, new[] { tie.Source, tie.Target }.Distinct(StringComparer.Ordinal), file);
        var kind = RecordRows.TieKindName(tie.Kind);
        var matching = kind is null || tie.Source is null || tie.Target is null
            ? []
            : Ties(connection, $"kind = ?3 AND {TiesBetween}", tie.Source, tie.Target, kind, file);
        var edit = DatasetEdits.UpsertTie(Dataset.Create(ends, matching.Select(m => m.Tie)), tie);
        switch (edit.Effect)
        {
            case WriteEffect.Created:
                using (var statement = new RawStatement(connection, $"INSERT INTO ties ({RecordRows.TieColumns}) VALUES ({RecordRows.TieValues})"))
                {
                    RecordRows.BindTie(statement, tie);
                    statement.Execute();
                }
                break;
            case WriteEffect.Updated:
                // The first match takes the new values (ends in the new order too) and keeps its place; the rest go.
                using (var statement = new RawStatement(connection, $"UPDATE ties SET {RecordRows.TieAssignments} WHERE seq = ?7"))
                {
                    RecordRows.BindTie(statement, tie);
                    statement.Bind(7, matching[0].Seq);
                    statement.Execute();
                }
                using (var command = Command(connection, transaction, "DELETE FROM ties WHERE seq = $seq"))
                {
                    var seq = command.Parameters.Add("$seq", SqliteType.Integer);
                    for (var i = 1; i < matching.Count; i++)
                    {
                        seq.Value = matching[i].Seq;
                        command.ExecuteNonQuery();
                    }
                }
                break;
        }
        return (edit.Effect, edit.TiesRemoved);
    }

    public static (WriteEffect Effect, int TiesRemoved) DeleteTies(SqliteConnection connection, SqliteTransaction transaction,
        string source, string target, TieKind? kind)
    {
        var kindName = kind is { } k ? RecordRows.TieKindName(k) : null;
        if (kind is not null && kindName is null) return (WriteEffect.NotFound, 0); // no stored tie has an undefined kind
        using var command = Command(connection, transaction, $"DELETE FROM ties WHERE {TiesBetween} AND (?3 IS NULL OR kind = ?3)");
        command.Parameters.AddWithValue("?1", source);
        command.Parameters.AddWithValue("?2", target);
        command.Parameters.AddWithValue("?3", (object?)kindName ?? DBNull.Value);
        var removed = command.ExecuteNonQuery();
        return removed == 0 ? (WriteEffect.NotFound, 0) : (WriteEffect.Deleted, removed);
    }

    /// <summary>Appends the node's attribute names that are not columns yet, in ordinal order, as
    /// <see cref="DatasetEdits.UpsertNode"/> does.</summary>
    private static void AddAttributeColumns(SqliteConnection connection, SqliteTransaction transaction, NodeRecord node)
    {
        if (node.Attributes.Count == 0) return;
        using var command = Command(connection, transaction,
            "INSERT INTO attribute_columns (position, name) VALUES ((SELECT coalesce(max(position), 0) + 1 FROM attribute_columns), $name) "
            + "ON CONFLICT (name) DO NOTHING");
        var name = command.Parameters.Add("$name", SqliteType.Text);
        foreach (var key in node.Attributes.Keys.Order(StringComparer.Ordinal))
        {
            name.Value = key;
            command.ExecuteNonQuery();
        }
    }

    /// <summary>The stored nodes among <paramref name="ids"/>, in the order asked (unknown and null ids skipped).</summary>
    private static List<NodeRecord> FindNodes(SqliteConnection connection, IEnumerable<string?> ids, string file)
    {
        var found = new List<NodeRecord>();
        using var statement = new RawStatement(connection, $"SELECT {RecordRows.NodeColumns} FROM nodes WHERE id = ?1");
        foreach (var id in ids)
        {
            if (id is null) continue;
            statement.Bind(1, id);
            if (!statement.Read()) continue;
            found.Add(RecordRows.ReadNode(statement, 0, file));
            statement.Reset();
        }
        return found;
    }

    /// <summary>The stored ties meeting <paramref name="where"/> (over <c>?1</c>, <c>?2</c>, <c>?3</c>), in export
    /// order, with their row numbers.</summary>
    private static List<(long Seq, TieRecord Tie)> Ties(SqliteConnection connection, string where, string a, string? b, string? kind, string file)
    {
        var ties = new List<(long, TieRecord)>();
        using var statement = new RawStatement(connection, $"SELECT seq, {RecordRows.TieColumns} FROM ties WHERE {where} ORDER BY seq");
        statement.Bind(1, a);
        if (b is not null) statement.Bind(2, b);
        if (kind is not null) statement.Bind(3, kind);
        while (statement.Read()) ties.Add((statement.Int64(0), RecordRows.ReadTie(statement, 1, NodeIds.None, file)));
        return ties;
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }
}
