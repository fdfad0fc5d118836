using System.Text;
using NpgsqlTypes;
using SocialCapital.Storage;

namespace SocialCapital.Postgres;

/// <summary>The audit trail's tables: <c>audit</c> (one row per entry; time as UTC ticks) and <c>audit_targets</c> (its
/// target ids, in order). Every function runs inside the caller's transaction.</summary>
internal static class PostgresAudit
{
    /// <summary>Appends entries: the same transaction as the write they record, or a batch of their own. One statement
    /// per entry inserts it and its targets.</summary>
    public static async Task AppendAsync(PostgresSession s, IReadOnlyList<AuditEntry> entries, CancellationToken ct)
    {
        if (entries.Count == 0) return;
        await using var batch = new Npgsql.NpgsqlBatch(s.Connection, s.Transaction);
        AddTo(batch, entries);
        await batch.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    /// <summary>Adds one command per entry to <paramref name="batch"/>, so a write sends its audit with its change.</summary>
    public static void AddTo(Npgsql.NpgsqlBatch batch, IReadOnlyList<AuditEntry> entries)
    {
        foreach (var e in entries)
        {
            var command = batch.CreateBatchCommand();
            command.CommandText =
                "WITH entry AS (INSERT INTO audit (time, actor, role, action, outcome) VALUES ($1, $2, $3, $4, $5) RETURNING seq) "
                + "INSERT INTO audit_targets (entry, position, target) "
                + "SELECT entry.seq, t.position - 1, t.target FROM entry, unnest($6::text[]) WITH ORDINALITY AS t (target, position)";
            command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = e.Time.UtcTicks, NpgsqlDbType = NpgsqlDbType.Bigint });
            foreach (var text in new[] { e.Actor, e.Role, e.Action, e.Outcome })
                command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = text, NpgsqlDbType = NpgsqlDbType.Text });
            command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = e.Targets.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
            batch.BatchCommands.Add(command);
        }
    }

    /// <summary>One page of matching entries, newest first, and how many match.</summary>
    public static async Task<AuditPage> QueryAsync(PostgresSession s, AuditQuery query, CancellationToken ct)
    {
        var where = new StringBuilder("TRUE");
        var values = new List<(object Value, NpgsqlDbType Type)>();
        void Filter(string condition, object value, NpgsqlDbType type)
        {
            values.Add((value, type));
            where.Append(" AND ").Append(condition.Replace("$?", $"${values.Count}", StringComparison.Ordinal));
        }
        if (query.Actor is not null) Filter("actor = $?", query.Actor, NpgsqlDbType.Text);
        if (query.Target is not null) Filter("seq IN (SELECT entry FROM audit_targets WHERE target = $?)", query.Target, NpgsqlDbType.Text);
        if (query.From is { } from) Filter("time >= $?", from.UtcTicks, NpgsqlDbType.Bigint);
        if (query.To is { } to) Filter("time < $?", to.UtcTicks, NpgsqlDbType.Bigint);
        void Bind(ParameterWriter p)
        {
            foreach (var (value, type) in values) p.Add(value, type);
        }

        var total = await s.ScalarAsync($"SELECT count(*) FROM audit WHERE {where}", Bind, ct).ConfigureAwait(false);
        var rows = await s.QueryAsync(
            // Columns in the order the constructor's arguments read them.
            "SELECT a.time, a.actor, a.role, a.action, "
            + "coalesce((SELECT array_agg(target ORDER BY position) FROM audit_targets WHERE entry = a.seq), '{}'), a.outcome "
            + $"FROM audit a WHERE {where} ORDER BY a.time DESC, a.seq DESC LIMIT ${values.Count + 1} OFFSET ${values.Count + 2}",
            p =>
            {
                Bind(p);
                p.Long(query.Limit);
                p.Long(query.Skip);
            },
            r => new AuditEntry(new DateTimeOffset(r.Long(), TimeSpan.Zero), r.Text()!, r.Text()!, r.Text()!, r.Texts()!, r.Text()!)
            , ct).ConfigureAwait(false);
        return new AuditPage(rows, total);
    }

    /// <summary>Deletes the entries before <paramref name="before"/> (their targets go by the foreign key's cascade).</summary>
    public static Task<int> PurgeAsync(PostgresSession s, DateTimeOffset before, CancellationToken ct) =>
        s.ExecuteAsync("DELETE FROM audit WHERE time < $1", p => p.Long(before.UtcTicks), ct);

    /// <summary>Replaces <paramref name="id"/> by <paramref name="pseudonym"/> as actor and as target.</summary>
    public static async Task PseudonymiseAsync(PostgresSession s, string id, string pseudonym, CancellationToken ct)
    {
        await s.ExecuteAsync("UPDATE audit SET actor = $2 WHERE actor = $1", p => { p.Text(id); p.Text(pseudonym); }, ct).ConfigureAwait(false);
        await s.ExecuteAsync("UPDATE audit_targets SET target = $2 WHERE target = $1", p => { p.Text(id); p.Text(pseudonym); }, ct).ConfigureAwait(false);
    }
}
