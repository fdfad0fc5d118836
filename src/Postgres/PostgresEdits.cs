using SocialCapital.Interchange;
using SocialCapital.Model;
using SocialCapital.Storage;
using static SocialCapital.Postgres.PostgresRows;

namespace SocialCapital.Postgres;

/// <summary>The single-record writes, each run inside the caller's write transaction (which holds the version row's
/// lock, so no other writer runs meanwhile). Each loads the few stored records the edit can touch into a small
/// <see cref="Dataset"/>, lets <see cref="DatasetEdits"/> decide (so the effect, the validation problems and the
/// conflicts are exactly the reference's), then applies that decision to the tables — as the SQLite store does.</summary>
internal static class PostgresEdits
{
    /// <summary>Ties between <c>$1</c> and <c>$2</c>, in either order.</summary>
    private const string TiesBetween = "((source = $1 AND target = $2) OR (source = $2 AND target = $1))";

    public static async Task<(WriteEffect Effect, int TiesRemoved)> UpsertNodeAsync(PostgresSession s, NodeRecord node, CancellationToken ct)
    {
        var stored = await FindNodesAsync(s, [node.Id], ct).ConfigureAwait(false);
        var existing = stored.Count > 0 ? stored[0] : null;
        Dataset around;
        if (existing is not null && existing.Kind != node.Kind)
        {
            // A new kind must still suit every tie, proposal, employment change and contact of the node, so those and the
            // other nodes they name take part.
            var touching = await TiesAsync(s, "source = $1 OR target = $1", node.Id, null, null, ct).ConfigureAwait(false);
            var proposals = await ProposalsAsync(s, "citizen = $1 OR mentor = $1 OR proposed_by = $1", node.Id, null, ct).ConfigureAwait(false);
            var history = await HistoryAsync(s, "person = $1", node.Id, null, ct).ConfigureAwait(false);
            var contacts = await s.QueryAsync($"SELECT {ContactColumnList} FROM contacts WHERE coach = $1 OR citizen = $1 ORDER BY seq",
                p => p.Text(node.Id), r => ReadContact(r, NodeIds.None, s.Where), ct).ConfigureAwait(false);
            var others = await FindNodesAsync(s,
                touching.Select(t => t.Tie.Source == node.Id ? t.Tie.Target : t.Tie.Source)
                    .Concat(proposals.SelectMany(p => new[] { p.Record.Citizen, p.Record.Mentor, p.Record.ProposedBy }))
                    .Concat(contacts.SelectMany(c => new[] { c.Coach, c.Citizen }))
                    .Where(id => id != node.Id).Distinct(StringComparer.Ordinal), ct).ConfigureAwait(false);
            around = Dataset.Create([existing, .. others], touching.Select(t => t.Tie),
                proposals: proposals.Select(p => p.Record), statusHistory: history.Select(h => h.Record), contacts: contacts);
        }
        else around = Dataset.Create(stored, []);

        var edit = DatasetEdits.UpsertNode(around, node);
        if (edit.Effect is WriteEffect.Unchanged) return (edit.Effect, 0);
        await s.ExecuteAsync(edit.Effect is WriteEffect.Created
                ? $"INSERT INTO nodes ({NodeColumnList}) VALUES ({Placeholders(NodeCount)})"
                : $"UPDATE nodes SET {Assignments(NodeColumnList)} WHERE id = $1",
            p => WriteNode(p, node), ct).ConfigureAwait(false);
        // New attribute names become columns, in ordinal order, as DatasetEdits.UpsertNode appends them.
        foreach (var key in node.Attributes.Keys.Order(StringComparer.Ordinal))
            await s.ExecuteAsync("INSERT INTO attribute_columns (position, name) SELECT coalesce(max(position), 0) + 1, $1 FROM attribute_columns "
                + "ON CONFLICT (name) DO NOTHING", p => p.Text(key), ct).ConfigureAwait(false);
        return (edit.Effect, 0);
    }

    public static async Task<(WriteEffect Effect, int TiesRemoved)> DeleteNodeAsync(PostgresSession s, string id, CancellationToken ct)
    {
        // The ties go first and explicitly: the cascade would remove them too, but uncounted. The lifecycle records follow
        // as DatasetEdits.DeleteNode has them.
        var removed = await s.ExecuteAsync("DELETE FROM ties WHERE source = $1 OR target = $1", p => p.Text(id), ct).ConfigureAwait(false);
        await s.ExecuteAsync("DELETE FROM proposals WHERE citizen = $1 OR mentor = $1", p => p.Text(id), ct).ConfigureAwait(false);
        await s.ExecuteAsync("UPDATE proposals SET proposed_by = NULL WHERE proposed_by = $1", p => p.Text(id), ct).ConfigureAwait(false);
        await s.ExecuteAsync("DELETE FROM status_history WHERE person = $1", p => p.Text(id), ct).ConfigureAwait(false);
        await s.ExecuteAsync("DELETE FROM contacts WHERE coach = $1 OR citizen = $1", p => p.Text(id), ct).ConfigureAwait(false);
        if (await s.ExecuteAsync("DELETE FROM nodes WHERE id = $1", p => p.Text(id), ct).ConfigureAwait(false) == 0) return (WriteEffect.NotFound, 0);
        return (WriteEffect.Deleted, removed);
    }

    public static async Task<(WriteEffect Effect, int TiesRemoved)> UpsertTieAsync(PostgresSession s, TieRecord tie, CancellationToken ct)
    {
        var ends = await FindNodesAsync(s, new[] { tie.Source, tie.Target }.Distinct(StringComparer.Ordinal), ct).ConfigureAwait(false);
        var kind = TieKindName(tie.Kind);
        var matching = kind is null || tie.Source is null || tie.Target is null
            ? []
            : await TiesAsync(s, $"kind = $3 AND {TiesBetween}", tie.Source, tie.Target, kind, ct).ConfigureAwait(false);
        var edit = DatasetEdits.UpsertTie(Dataset.Create(ends, matching.Select(m => m.Tie)), tie);
        await ApplyTieAsync(s, tie, matching, edit.Effect, ct).ConfigureAwait(false);
        return (edit.Effect, edit.TiesRemoved);
    }

    /// <summary>Stores several dated ties, each replacing its spell (<see cref="DatasetEdits.SameSpell"/>), in order; the
    /// whole batch is checked first (every problem listed) and its outcome is <see cref="DatasetEdits.UpsertTies"/>'s on
    /// the stored ties it touches.</summary>
    public static async Task<(WriteEffect Effect, int TiesRemoved)> UpsertTiesAsync(PostgresSession s, IReadOnlyList<TieRecord> ties,
        CancellationToken ct)
    {
        foreach (var tie in ties) ArgumentNullException.ThrowIfNull(tie, nameof(ties));
        var ends = await FindNodesAsync(s, ties.SelectMany(t => new[] { t.Source, t.Target }).Distinct(StringComparer.Ordinal), ct).ConfigureAwait(false);
        var touched = new SortedDictionary<long, TieRecord>(); // by seq: repeated identical rows are distinct ties
        foreach (var (source, target, kind) in ties.Select(t => (t.Source, t.Target, Kind: TieKindName(t.Kind))).Distinct())
            if (kind is not null && source is not null && target is not null)
                foreach (var (seq, stored) in await TiesAsync(s, $"kind = $3 AND {TiesBetween}", source, target, kind, ct).ConfigureAwait(false))
                    touched[seq] = stored;
        var whole = DatasetEdits.UpsertTies(Dataset.Create(ends, touched.Values), ties); // throws before anything is written
        foreach (var tie in ties)
        {
            // Each tie's own decision against its spell as the batch has left it so far.
            var matching = (await TiesAsync(s, $"kind = $3 AND {TiesBetween}", tie.Source, tie.Target, TieKindName(tie.Kind), ct).ConfigureAwait(false))
                .Where(m => DatasetEdits.SameSpell(m.Tie, tie)).ToList();
            var effect = matching.Count == 0 ? WriteEffect.Created
                : matching.Count == 1 && matching[0].Tie == tie ? WriteEffect.Unchanged : WriteEffect.Updated;
            await ApplyTieAsync(s, tie, matching, effect, ct).ConfigureAwait(false);
        }
        return (whole.Effect, whole.TiesRemoved);
    }

    /// <summary>Writes a validated tie upsert's decision: <paramref name="matching"/> are the stored ties it replaces, in
    /// export order.</summary>
    private static async Task ApplyTieAsync(PostgresSession s, TieRecord tie, List<(long Seq, TieRecord Tie)> matching, WriteEffect effect,
        CancellationToken ct)
    {
        switch (effect)
        {
            case WriteEffect.Created:
                await s.ExecuteAsync($"INSERT INTO ties ({TieColumnList}) VALUES ({Placeholders(TieCount)})", p => WriteTie(p, tie), ct).ConfigureAwait(false);
                break;
            case WriteEffect.Updated:
                // The first match takes the new values (ends in the new order too) and keeps its place; the rest go.
                await s.ExecuteAsync($"UPDATE ties SET {Assignments(TieColumnList)} WHERE seq = ${TieCount + 1}",
                    p => { WriteTie(p, tie); p.Long(matching[0].Seq); }, ct).ConfigureAwait(false);
                if (matching.Count > 1)
                    await s.ExecuteAsync("DELETE FROM ties WHERE seq = ANY($1)", p => p.Add(matching.Skip(1).Select(m => m.Seq).ToArray(),
                        NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Bigint), ct).ConfigureAwait(false);
                break;
        }
    }

    public static async Task<(WriteEffect Effect, int TiesRemoved)> UpsertProposalsAsync(PostgresSession s, IReadOnlyList<ProposalRecord> proposals,
        TieRecord? tie, CancellationToken ct)
    {
        // The stored proposals the batch can touch: those it replaces, and the undecided ones of the pairs it proposes (the
        // one-at-a-time rule), in export order; then every node any of them or the tie names.
        var stored = new SortedDictionary<long, ProposalRecord>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var proposal in proposals)
        {
            if (proposal?.Id is null) continue;
            if (ids.Add(proposal.Id))
                foreach (var (seq, record) in await ProposalsAsync(s, "id = $1", proposal.Id, null, ct).ConfigureAwait(false)) stored[seq] = record;
            if (proposal is { Status: ProposalStatus.Proposed, Citizen: not null, Mentor: not null })
                foreach (var (seq, record) in await ProposalsAsync(s, "citizen = $1 AND mentor = $2 AND status = 'proposed'", proposal.Citizen,
                    proposal.Mentor, ct).ConfigureAwait(false)) stored[seq] = record;
        }
        var named = new List<string?>();
        foreach (var p in proposals.Concat(stored.Values))
            if (p is not null) named.AddRange([p.Citizen, p.Mentor, p.ProposedBy]);
        var kind = tie is null ? null : TieKindName(tie.Kind);
        var matching = tie is null || kind is null || tie.Source is null || tie.Target is null
            ? []
            : await TiesAsync(s, $"kind = $3 AND {TiesBetween}", tie.Source, tie.Target, kind, ct).ConfigureAwait(false);
        if (tie is not null) named.AddRange([tie.Source, tie.Target]);
        var nodes = await FindNodesAsync(s, named.Distinct(StringComparer.Ordinal), ct).ConfigureAwait(false);

        var around = Dataset.Create(nodes, matching.Select(m => m.Tie), proposals: stored.Values);
        var edit = DatasetEdits.UpsertProposals(around, proposals, tie);
        if (edit.Effect is WriteEffect.Unchanged) return (edit.Effect, 0);

        var seqById = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (seq, record) in stored) seqById[record.Id] = seq;
        foreach (var proposal in proposals)
        {
            if (seqById.TryGetValue(proposal.Id, out var seq))
            {
                if (stored[seq] == proposal) continue;
                await s.ExecuteAsync($"UPDATE proposals SET {Assignments(ProposalColumnList)} WHERE seq = ${ProposalCount + 1}",
                    p => { WriteProposal(p, proposal); p.Long(seq); }, ct).ConfigureAwait(false);
            }
            else
            {
                await s.ExecuteAsync($"INSERT INTO proposals ({ProposalColumnList}) VALUES ({Placeholders(ProposalCount)})",
                    p => WriteProposal(p, proposal), ct).ConfigureAwait(false);
                // A later proposal of the batch with the same id replaces this one, as DatasetEdits does.
                seqById[proposal.Id] = await s.ScalarAsync("SELECT seq FROM proposals WHERE id = $1", p => p.Text(proposal.Id), ct).ConfigureAwait(false);
                stored[seqById[proposal.Id]] = proposal;
            }
        }
        if (tie is not null)
        {
            // The tie's own decision, as UpsertTie makes it (the batch was validated whole above).
            var tieEffect = matching.Count == 0 ? WriteEffect.Created
                : matching.Count == 1 && matching[0].Tie == tie ? WriteEffect.Unchanged : WriteEffect.Updated;
            await ApplyTieAsync(s, tie, matching, tieEffect, ct).ConfigureAwait(false);
        }
        return (edit.Effect, edit.TiesRemoved);
    }

    public static async Task<(WriteEffect Effect, int TiesRemoved)> UpsertStatusAsync(PostgresSession s, StatusChange change, CancellationToken ct)
    {
        var stored = change.Person is null
            ? []
            : await s.QueryAsync($"SELECT seq, {StatusColumnList} FROM status_history WHERE person = $1 AND date = $2 ORDER BY seq",
                p => { p.Text(change.Person); p.Date(change.Date); }, r => (Seq: r.Long(), Record: ReadStatus(r, NodeIds.None, s.Where)), ct)
                .ConfigureAwait(false);
        var around = Dataset.Create(await FindNodesAsync(s, [change.Person], ct).ConfigureAwait(false), [], statusHistory: stored.Select(h => h.Record));
        var edit = DatasetEdits.UpsertStatus(around, change);
        if (edit.Effect is WriteEffect.Unchanged) return (edit.Effect, 0);
        await s.ExecuteAsync(edit.Effect is WriteEffect.Created
                ? $"INSERT INTO status_history ({StatusColumnList}) VALUES ({Placeholders(StatusCount)})"
                : $"UPDATE status_history SET {Assignments(StatusColumnList)} WHERE seq = ${StatusCount + 1}",
            p =>
            {
                WriteStatus(p, change);
                if (edit.Effect is WriteEffect.Updated) p.Long(stored[0].Seq);
            }, ct).ConfigureAwait(false);
        return (edit.Effect, 0);
    }

    public static async Task<(WriteEffect Effect, int TiesRemoved)> AddContactAsync(PostgresSession s, ContactRecord contact, CancellationToken ct)
    {
        // Only an identical stored row matters (it makes the write Unchanged); the nodes named are checked for their kinds.
        var stored = contact.Coach is not null && contact.Citizen is not null && contact.Channel <= ContactChannel.Message
            ? await s.QueryAsync($"SELECT {ContactColumnList} FROM contacts WHERE coach = $1 AND citizen = $2 AND date = $3 AND channel = $4 LIMIT 1",
                p => WriteContact(p, contact), r => ReadContact(r, NodeIds.None, s.Where), ct).ConfigureAwait(false)
            : [];
        var around = Dataset.Create(await FindNodesAsync(s, new[] { contact.Coach, contact.Citizen }.Distinct(StringComparer.Ordinal), ct)
            .ConfigureAwait(false), [], contacts: stored);
        var edit = DatasetEdits.AddContact(around, contact);
        if (edit.Effect is WriteEffect.Unchanged) return (edit.Effect, 0);
        await s.ExecuteAsync($"INSERT INTO contacts ({ContactColumnList}) VALUES ({Placeholders(ContactCount)})", p => WriteContact(p, contact), ct)
            .ConfigureAwait(false);
        return (edit.Effect, 0);
    }

    public static async Task<(WriteEffect Effect, int TiesRemoved)> DeleteTiesAsync(PostgresSession s, string source, string target, TieKind? kind,
        CancellationToken ct)
    {
        var kindName = kind is { } k ? TieKindName(k) : null;
        if (kind is not null && kindName is null) return (WriteEffect.NotFound, 0); // no stored tie has an undefined kind
        var removed = await s.ExecuteAsync($"DELETE FROM ties WHERE {TiesBetween} AND ($3::text IS NULL OR kind = $3)",
            p => { p.Text(source); p.Text(target); p.Text(kindName); }, ct).ConfigureAwait(false);
        return removed == 0 ? (WriteEffect.NotFound, 0) : (WriteEffect.Deleted, removed);
    }

    /// <summary>The stored nodes among <paramref name="ids"/>, in the order asked (unknown and null ids skipped).</summary>
    private static async Task<List<NodeRecord>> FindNodesAsync(PostgresSession s, IEnumerable<string?> ids, CancellationToken ct)
    {
        var asked = ids.OfType<string>().ToList();
        if (asked.Count == 0) return [];
        var found = (await s.QueryAsync($"SELECT {NodeColumnList} FROM nodes WHERE id = ANY($1)", p => p.TextArray(asked),
            r => ReadNode(r, s.Where), ct).ConfigureAwait(false)).ToDictionary(n => n.Id, StringComparer.Ordinal);
        return [.. asked.Where(found.ContainsKey).Select(id => found[id])];
    }

    /// <summary>The stored ties meeting <paramref name="where"/> (over <c>$1</c>, <c>$2</c>, <c>$3</c>), in export order,
    /// with their row numbers.</summary>
    private static Task<List<(long Seq, TieRecord Tie)>> TiesAsync(PostgresSession s, string where, string a, string? b, string? kind,
        CancellationToken ct) =>
        s.QueryAsync($"SELECT seq, {TieColumnList} FROM ties WHERE {where} ORDER BY seq",
            p =>
            {
                p.Text(a);
                if (b is not null) p.Text(b);
                if (kind is not null) p.Text(kind);
            },
            r => (r.Long(), ReadTie(r, NodeIds.None, s.Where)), ct);

    /// <summary>The stored proposals meeting <paramref name="where"/> (over <c>$1</c>, <c>$2</c>), in export order.</summary>
    private static Task<List<(long Seq, ProposalRecord Record)>> ProposalsAsync(PostgresSession s, string where, string a, string? b,
        CancellationToken ct) =>
        s.QueryAsync($"SELECT seq, {ProposalColumnList} FROM proposals WHERE {where} ORDER BY seq",
            p =>
            {
                p.Text(a);
                if (b is not null) p.Text(b);
            },
            r => (r.Long(), ReadProposal(r, NodeIds.None, s.Where)), ct);

    /// <summary>The stored employment changes meeting <paramref name="where"/> (over <c>$1</c>), in export order.</summary>
    private static Task<List<(long Seq, StatusChange Record)>> HistoryAsync(PostgresSession s, string where, string a, string? b,
        CancellationToken ct) =>
        s.QueryAsync($"SELECT seq, {StatusColumnList} FROM status_history WHERE {where} ORDER BY seq",
            p =>
            {
                p.Text(a);
                if (b is not null) p.Text(b);
            },
            r => (r.Long(), ReadStatus(r, NodeIds.None, s.Where)), ct);
}
