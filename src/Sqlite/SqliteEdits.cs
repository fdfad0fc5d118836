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
            // A new kind must still suit every tie, proposal and employment change of the node, so those and the other
            // nodes they name take part.
            var touching = Ties(connection, "source = ?1 OR target = ?1", node.Id, null, null, file);
            var proposals = Proposals(connection, "citizen = ?1 OR mentor = ?1 OR proposed_by = ?1", node.Id, null, file);
            var history = History(connection, "person = ?1", node.Id, null, file);
            var contacts = Contacts(connection, "coach = ?1 OR citizen = ?1", node.Id, file);
            var others = FindNodes(connection,
                touching.Select(t => t.Tie.Source == node.Id ? t.Tie.Target : t.Tie.Source)
                    .Concat(proposals.SelectMany(p => new[] { p.Record.Citizen, p.Record.Mentor, p.Record.ProposedBy }))
                    .Concat(contacts.SelectMany(c => new[] { c.Coach, c.Citizen }))
                    .Where(id => id != node.Id).Distinct(StringComparer.Ordinal), file);
            around = Dataset.Create([existing, .. others], touching.Select(t => t.Tie),
                proposals: proposals.Select(p => p.Record), statusHistory: history.Select(h => h.Record), contacts: contacts);
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
        // The ties go first and explicitly: the cascade would remove them too, but uncounted. The lifecycle records
        // follow as DatasetEdits.DeleteNode has them (the foreign keys would do the same; explicit reads plainly).
        int removed;
        using (var command = Command(connection, transaction, "DELETE FROM ties WHERE source = $id OR target = $id"))
        {
            command.Parameters.AddWithValue("$id", id);
            removed = command.ExecuteNonQuery();
        }
        using (var command = Command(connection, transaction,
            "DELETE FROM proposals WHERE citizen = $id OR mentor = $id; UPDATE proposals SET proposed_by = NULL WHERE proposed_by = $id; "
            + "DELETE FROM status_history WHERE person = $id; DELETE FROM contacts WHERE coach = $id OR citizen = $id;"))
        {
            command.Parameters.AddWithValue("$id", id);
            command.ExecuteNonQuery();
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
        ApplyTie(connection, transaction, tie, matching, edit.Effect);
        return (edit.Effect, edit.TiesRemoved);
    }

    /// <summary>Stores several dated ties in the caller's transaction, each replacing its spell
    /// (<see cref="DatasetEdits.SameSpell"/>), in order; the whole
    /// batch is checked first (every problem listed) and its outcome is <see cref="DatasetEdits.UpsertTies"/>'s on the
    /// stored ties it touches.</summary>
    public static (WriteEffect Effect, int TiesRemoved) UpsertTies(SqliteConnection connection, SqliteTransaction transaction,
        IReadOnlyList<TieRecord> ties, string file)
    {
        foreach (var tie in ties) ArgumentNullException.ThrowIfNull(tie, nameof(ties));
        var ends = FindNodes(connection, ties.SelectMany(t => new[] { t.Source, t.Target }).Distinct(StringComparer.Ordinal), file);
        var touched = new SortedDictionary<long, TieRecord>(); // by seq: repeated identical rows are distinct ties
        foreach (var (source, target, kind) in ties.Select(t => (t.Source, t.Target, Kind: RecordRows.TieKindName(t.Kind))).Distinct())
            if (kind is not null && source is not null && target is not null)
                foreach (var (seq, stored) in Ties(connection, $"kind = ?3 AND {TiesBetween}", source, target, kind, file))
                    touched[seq] = stored;
        var whole = DatasetEdits.UpsertTies(Dataset.Create(ends, touched.Values), ties); // throws before anything is written
        foreach (var tie in ties)
        {
            // Each tie's own decision against its spell as the batch has left it so far.
            var matching = Ties(connection, $"kind = ?3 AND {TiesBetween}", tie.Source!, tie.Target, RecordRows.TieKindName(tie.Kind), file)
                .Where(m => DatasetEdits.SameSpell(m.Tie, tie)).ToList();
            var effect = matching.Count == 0 ? WriteEffect.Created
                : matching.Count == 1 && matching[0].Tie == tie ? WriteEffect.Unchanged : WriteEffect.Updated;
            ApplyTie(connection, transaction, tie, matching, effect);
        }
        return (whole.Effect, whole.TiesRemoved);
    }

    /// <summary>Writes a validated tie upsert's decision: <paramref name="matching"/> are the stored ties with its ends
    /// and kind, in export order.</summary>
    private static void ApplyTie(SqliteConnection connection, SqliteTransaction transaction, TieRecord tie,
        List<(long Seq, TieRecord Tie)> matching, WriteEffect effect)
    {
        switch (effect)
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
                using (var statement = new RawStatement(connection, $"UPDATE ties SET {RecordRows.TieAssignments} WHERE seq = ?9"))
                {
                    RecordRows.BindTie(statement, tie);
                    statement.Bind(9, matching[0].Seq);
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
    }

    public static (WriteEffect Effect, int TiesRemoved) UpsertProposals(SqliteConnection connection, SqliteTransaction transaction,
        IReadOnlyList<ProposalRecord> proposals, TieRecord? tie, string file)
    {
        // The stored proposals the batch can touch: those it replaces, and the undecided ones of the pairs it proposes
        // (the one-at-a-time rule), in export order; then every node any of them or the tie names.
        var stored = new SortedDictionary<long, ProposalRecord>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var proposal in proposals)
        {
            if (proposal?.Id is null) continue;
            if (ids.Add(proposal.Id))
                foreach (var (seq, record) in Proposals(connection, "id = ?1", proposal.Id, null, file)) stored[seq] = record;
            if (proposal is { Status: ProposalStatus.Proposed, Citizen: not null, Mentor: not null })
                foreach (var (seq, record) in Proposals(connection, "citizen = ?1 AND mentor = ?2 AND status = 'proposed'", proposal.Citizen,
                    proposal.Mentor, file)) stored[seq] = record;
        }
        var named = new List<string?>();
        foreach (var p in proposals.Concat(stored.Values))
            if (p is not null) named.AddRange([p.Citizen, p.Mentor, p.ProposedBy]);
        var kind = tie is null ? null : RecordRows.TieKindName(tie.Kind);
        var matching = tie is null || kind is null || tie.Source is null || tie.Target is null
            ? []
            : Ties(connection, $"kind = ?3 AND {TiesBetween}", tie.Source, tie.Target, kind, file);
        if (tie is not null) named.AddRange([tie.Source, tie.Target]);
        var nodes = FindNodes(connection, named.Distinct(StringComparer.Ordinal), file);

        var around = Dataset.Create(nodes, matching.Select(m => m.Tie), proposals: stored.Values);
        var edit = DatasetEdits.UpsertProposals(around, proposals, tie);
        if (edit.Effect is WriteEffect.Unchanged) return (edit.Effect, 0);

        var seqById = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (seq, record) in stored) seqById[record.Id] = seq;
        using (var insert = new RawStatement(connection, $"INSERT INTO proposals ({RecordRows.ProposalColumns}) VALUES ({RecordRows.ProposalValues})"))
        using (var update = new RawStatement(connection, $"UPDATE proposals SET {RecordRows.ProposalAssignments} WHERE seq = ?10"))
            foreach (var proposal in proposals)
            {
                if (seqById.TryGetValue(proposal.Id, out var seq))
                {
                    if (stored[seq] == proposal) continue;
                    RecordRows.BindProposal(update, proposal);
                    update.Bind(10, seq);
                    update.Execute();
                }
                else
                {
                    RecordRows.BindProposal(insert, proposal);
                    insert.Execute();
                }
            }
        if (tie is not null)
        {
            // The tie's own decision, as UpsertTie makes it (the batch was validated whole above).
            var tieEffect = matching.Count == 0 ? WriteEffect.Created
                : matching.Count == 1 && matching[0].Tie == tie ? WriteEffect.Unchanged : WriteEffect.Updated;
            ApplyTie(connection, transaction, tie, matching, tieEffect);
        }
        return (edit.Effect, edit.TiesRemoved);
    }

    public static (WriteEffect Effect, int TiesRemoved) UpsertStatus(SqliteConnection connection, StatusChange change, string file)
    {
        var stored = change.Person is null ? [] : History(connection, "person = ?1 AND date = ?2", change.Person, Iso(change.Date), file);
        var around = Dataset.Create(FindNodes(connection, [change.Person], file), [], statusHistory: stored.Select(s => s.Record));
        var edit = DatasetEdits.UpsertStatus(around, change);
        if (edit.Effect is WriteEffect.Unchanged) return (edit.Effect, 0);
        using var statement = new RawStatement(connection, edit.Effect is WriteEffect.Created
            ? $"INSERT INTO status_history ({RecordRows.StatusColumns}) VALUES (?1, ?2, ?3)"
            : $"UPDATE status_history SET person = ?1, date = ?2, employment = ?3 WHERE seq = ?4");
        RecordRows.BindStatus(statement, change);
        if (edit.Effect is WriteEffect.Updated) statement.Bind(4, stored[0].Seq);
        statement.Execute();
        return (edit.Effect, 0);
    }

    public static (WriteEffect Effect, int TiesRemoved) AddContact(SqliteConnection connection, ContactRecord contact, string file)
    {
        // Only an identical stored row matters (it makes the write Unchanged); the nodes named are checked for their kinds.
        var stored = new List<ContactRecord>();
        if (contact.Coach is not null && contact.Citizen is not null && contact.Channel <= ContactChannel.Message)
        {
            using var find = new RawStatement(connection,
                $"SELECT {RecordRows.ContactColumns} FROM contacts WHERE coach = ?1 AND citizen = ?2 AND date = ?3 AND channel = ?4 LIMIT 1");
            RecordRows.BindContact(find, contact);
            while (find.Read()) stored.Add(RecordRows.ReadContact(find, 0, NodeIds.None, file));
        }
        var around = Dataset.Create(FindNodes(connection, new[] { contact.Coach, contact.Citizen }.Distinct(StringComparer.Ordinal), file), [],
            contacts: stored);
        var edit = DatasetEdits.AddContact(around, contact);
        if (edit.Effect is WriteEffect.Unchanged) return (edit.Effect, 0);
        using var statement = new RawStatement(connection, $"INSERT INTO contacts ({RecordRows.ContactColumns}) VALUES (?1, ?2, ?3, ?4)");
        RecordRows.BindContact(statement, contact);
        statement.Execute();
        return (edit.Effect, 0);
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

    /// <summary>The stored proposals meeting <paramref name="where"/> (over <c>?1</c>, <c>?2</c>), in export order.</summary>
    private static List<(long Seq, ProposalRecord Record)> Proposals(SqliteConnection connection, string where, string a, string? b, string file)
    {
        var found = new List<(long, ProposalRecord)>();
        using var statement = new RawStatement(connection, $"SELECT seq, {RecordRows.ProposalColumns} FROM proposals WHERE {where} ORDER BY seq");
        statement.Bind(1, a);
        if (b is not null) statement.Bind(2, b);
        while (statement.Read()) found.Add((statement.Int64(0), RecordRows.ReadProposal(statement, 1, NodeIds.None, file)));
        return found;
    }

    /// <summary>The stored employment changes meeting <paramref name="where"/> (over <c>?1</c>, <c>?2</c>), in export order.</summary>
    private static List<(long Seq, StatusChange Record)> History(SqliteConnection connection, string where, string a, string? b, string file)
    {
        var found = new List<(long, StatusChange)>();
        using var statement = new RawStatement(connection, $"SELECT seq, {RecordRows.StatusColumns} FROM status_history WHERE {where} ORDER BY seq");
        statement.Bind(1, a);
        if (b is not null) statement.Bind(2, b);
        while (statement.Read()) found.Add((statement.Int64(0), RecordRows.ReadStatus(statement, 1, NodeIds.None, file)));
        return found;
    }

    /// <summary>The stored contacts meeting <paramref name="where"/> (over <c>?1</c>), in export order.</summary>
    private static List<ContactRecord> Contacts(SqliteConnection connection, string where, string a, string file)
    {
        var found = new List<ContactRecord>();
        using var statement = new RawStatement(connection, $"SELECT {RecordRows.ContactColumns} FROM contacts WHERE {where} ORDER BY seq");
        statement.Bind(1, a);
        while (statement.Read()) found.Add(RecordRows.ReadContact(statement, 0, NodeIds.None, file));
        return found;
    }

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }
}
