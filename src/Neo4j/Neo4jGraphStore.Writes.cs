using SocialCapital.Interchange;
using SocialCapital.Model;
using SocialCapital.Storage;

namespace SocialCapital.Neo4j;

// The single-record writes: each loads the records it can touch, lets DatasetEdits decide, and applies that in one transaction.
public sealed partial class Neo4jGraphStore
{
    /// <inheritdoc />
    /// <exception cref="Neo4jStoreException">Neo4j failed (after retries, for transient failures); nothing was changed.</exception>
    public Task<WriteOutcome> UpsertNodeAsync(NodeRecord node, AuditEntry? audit = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(node);
        return WriteAsync("upserting a node", async (transaction, meta, ct) =>
        {
            var stored = await FindNodesAsync(transaction, [node.Id], ct).ConfigureAwait(false);
            var existing = stored.Count > 0 ? stored[0] : default;
            Dataset around;
            if (existing.Node is not null && existing.Node.Kind != node.Kind)
            {
                // A new kind must still suit every tie, proposal and employment change of the node, so those and the
                // other nodes they name take part.
                var touching = await TiesAsync(transaction, CypherStatements.TiesOfNode, Args(("id", node.Id)), ct).ConfigureAwait(false);
                var proposals = await ProposalsAsync(transaction, CypherStatements.ProposalsOfNode, Args(("id", node.Id)), ct).ConfigureAwait(false);
                var history = await StatusesAsync(transaction, node.Id, null, ct).ConfigureAwait(false);
                var contacts = await ContactsAsync(transaction, node.Id, ct).ConfigureAwait(false);
                var others = await FindNodesAsync(transaction,
                    touching.Select(t => t.Tie.Source == node.Id ? t.Tie.Target : t.Tie.Source)
                        .Concat(proposals.SelectMany(p => new[] { p.Proposal.Citizen, p.Proposal.Mentor, p.Proposal.ProposedBy }))
                        .Concat(contacts.SelectMany(c => new[] { c.Coach, c.Citizen }))
                        .OfType<string>().Where(id => id != node.Id).Distinct(StringComparer.Ordinal).ToArray(), ct)
                    .ConfigureAwait(false);
                around = Dataset.Create([existing.Node, .. others.Select(o => o.Node)], touching.Select(t => t.Tie),
                    proposals: proposals.Select(p => p.Proposal), statusHistory: history.Select(h => h.Change), contacts: contacts);
            }
            else around = Dataset.Create(stored.Select(s => s.Node), []);

            var edit = DatasetEdits.UpsertNode(around, node);
            if (edit.Effect is not (WriteEffect.Created or WriteEffect.Updated)) return (edit.Effect, 0, meta.NextSeq, meta.AttributeColumns);
            var nextSeq = meta.NextSeq;
            if (edit.Effect is WriteEffect.Created)
                await CreateAsync(transaction, CypherStatements.CreateNodes[(int)node.Kind], [RecordProperties.Node(node, nextSeq++)], ct).ConfigureAwait(false);
            else
                (await transaction.RunAsync(CypherStatements.ReplaceNode[(int)node.Kind],
                    Args(("id", node.Id), ("properties", RecordProperties.Node(node, existing.Seq))), ct).ConfigureAwait(false)).Dispose();
            return (edit.Effect, 0, nextSeq, WithColumnsOf(meta.AttributeColumns, node));
        }, audit, cancellationToken);
    }

    /// <inheritdoc />
    /// <exception cref="Neo4jStoreException">Neo4j failed (after retries, for transient failures); nothing was changed.</exception>
    public Task<WriteOutcome> DeleteNodeAsync(string id, AuditEntry? audit = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        return WriteAsync("deleting a node", async (transaction, meta, ct) =>
        {
            using var result = await transaction.RunAsync(CypherStatements.DeleteNode, Args(("id", id)), ct).ConfigureAwait(false);
            if (result.First("ties") is not { } ties) return (WriteEffect.NotFound, 0, meta.NextSeq, meta.AttributeColumns);
            await DeleteLifecycleOfAsync(transaction, id, ct).ConfigureAwait(false);
            return (WriteEffect.Deleted, checked((int)(TypedJson.Integer(ties) ?? 0)), meta.NextSeq, meta.AttributeColumns);
        }, audit, cancellationToken);
    }

    /// <inheritdoc />
    /// <exception cref="Neo4jStoreException">Neo4j failed (after retries, for transient failures); nothing was changed.</exception>
    public Task<WriteOutcome> UpsertTieAsync(TieRecord tie, AuditEntry? audit = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tie);
        return WriteAsync("upserting a tie", async (transaction, meta, ct) =>
        {
            var ends = await FindNodesAsync(transaction,
                new[] { tie.Source, tie.Target }.Where(e => e is not null).Distinct(StringComparer.Ordinal).ToArray(), ct).ConfigureAwait(false);
            var matching = await MatchingTiesAsync(transaction, tie, ct).ConfigureAwait(false);
            var edit = DatasetEdits.UpsertTie(Dataset.Create(ends.Select(e => e.Node), matching.Select(m => m.Tie)), tie);
            var nextSeq = await ApplyTieAsync(transaction, tie, matching, edit.Effect, meta.NextSeq, ct).ConfigureAwait(false);
            return (edit.Effect, edit.TiesRemoved, nextSeq, meta.AttributeColumns);
        }, audit, cancellationToken);
    }

    /// <inheritdoc />
    /// <exception cref="Neo4jStoreException">Neo4j failed (after retries, for transient failures); nothing was changed.</exception>
    public Task<WriteOutcome> UpsertTiesAsync(IReadOnlyList<TieRecord> ties, AuditEntry? audit = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ties);
        foreach (var tie in ties) ArgumentNullException.ThrowIfNull(tie, nameof(ties));
        return WriteAsync("upserting ties", async (transaction, meta, ct) =>
        {
            var ends = (await FindNodesAsync(transaction,
                ties.SelectMany(t => new[] { t.Source, t.Target }).OfType<string>().Distinct(StringComparer.Ordinal).ToArray(), ct)
                .ConfigureAwait(false)).Select(e => e.Node).ToList();
            // The batch's outcome on the stored ties it touches (checked whole before anything is written), then each
            // tie's own decision against the ties as the batch has left them so far.
            var touched = new SortedDictionary<long, TieRecord>(); // by seq: repeated identical rows are distinct ties
            foreach (var tie in ties.DistinctBy(t => (t.Source, t.Target, t.Kind)))
                foreach (var (seq, stored) in await MatchingTiesAsync(transaction, tie, ct).ConfigureAwait(false))
                    touched[seq] = stored;
            var whole = DatasetEdits.UpsertTies(Dataset.Create(ends, touched.Values), ties);
            var nextSeq = meta.NextSeq;
            foreach (var tie in ties)
            {
                var matching = (await MatchingTiesAsync(transaction, tie, ct).ConfigureAwait(false))
                    .Where(m => DatasetEdits.SameSpell(m.Tie, tie)).ToList();
                var effect = matching.Count == 0 ? WriteEffect.Created
                    : matching.Count == 1 && matching[0].Tie == tie ? WriteEffect.Unchanged : WriteEffect.Updated;
                nextSeq = await ApplyTieAsync(transaction, tie, matching, effect, nextSeq, ct).ConfigureAwait(false);
            }
            return (whole.Effect, whole.TiesRemoved, nextSeq, meta.AttributeColumns);
        }, audit, cancellationToken);
    }

    /// <summary>The stored ties with the ends and kind of <paramref name="tie"/>, in export order (none for a tie whose
    /// kind or ends are missing).</summary>
    private static async Task<List<(long Seq, TieRecord Tie)>> MatchingTiesAsync(Neo4jTransaction transaction, TieRecord tie, CancellationToken ct) =>
        !RecordProperties.IsDefined(tie.Kind) || tie.Source is null || tie.Target is null
            ? []
            : await TiesAsync(transaction, CypherStatements.TiesBetween,
                Args(("source", tie.Source), ("target", tie.Target), ("type", RecordProperties.RelationshipType(tie.Kind))), ct).ConfigureAwait(false);

    /// <summary>Writes a validated tie upsert's decision; returns the order counter after it.</summary>
    private static async Task<long> ApplyTieAsync(Neo4jTransaction transaction, TieRecord tie, List<(long Seq, TieRecord Tie)> matching,
        WriteEffect effect, long nextSeq, CancellationToken ct)
    {
        switch (effect)
        {
            case WriteEffect.Created:
                await CreateAsync(transaction, CypherStatements.CreateTies[(int)tie.Kind], [RecordProperties.TieRow(tie, nextSeq++)], ct).ConfigureAwait(false);
                break;
            case WriteEffect.Updated:
                // The first match takes the new values (ends in the new order too) and keeps its place; the rest go.
                (await transaction.RunAsync(CypherStatements.DeleteTiesBySeq,
                    Args(("source", tie.Source), ("target", tie.Target), ("seqs", matching.Select(m => m.Seq).ToArray())), ct)
                    .ConfigureAwait(false)).Dispose();
                await CreateAsync(transaction, CypherStatements.CreateTies[(int)tie.Kind], [RecordProperties.TieRow(tie, matching[0].Seq)], ct)
                    .ConfigureAwait(false);
                break;
        }
        return nextSeq;
    }

    /// <inheritdoc />
    /// <exception cref="Neo4jStoreException">Neo4j failed (after retries, for transient failures); nothing was changed.</exception>
    public Task<WriteOutcome> DeleteTiesAsync(string source, string target, TieKind? kind = null, AuditEntry? audit = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(target);
        return WriteAsync("deleting ties", async (transaction, meta, ct) =>
        {
            if (kind is { } k && !RecordProperties.IsDefined(k)) return (WriteEffect.NotFound, 0, meta.NextSeq, meta.AttributeColumns);
            var type = kind is { } defined ? RecordProperties.RelationshipType(defined) : null;
            using var result = await transaction.RunAsync(CypherStatements.DeleteTies,
                Args(("source", source), ("target", target), ("type", type)), ct).ConfigureAwait(false);
            var removed = result.First("removed") is { } count ? checked((int)(TypedJson.Integer(count) ?? 0)) : 0;
            return (removed == 0 ? WriteEffect.NotFound : WriteEffect.Deleted, removed, meta.NextSeq, meta.AttributeColumns);
        }, audit, cancellationToken);
    }


    private delegate Task<(WriteEffect Effect, int TiesRemoved, long NextSeq, IReadOnlyList<string> Columns)> Edit(
        Neo4jTransaction transaction, Meta meta, CancellationToken cancellationToken);

    /// <summary>One write: a transaction that locks the meta node, lets <paramref name="edit"/> read and write, raises
    /// the version when something changed and commits (or rolls back when nothing changed or anything failed).</summary>
    private Task<WriteOutcome> WriteAsync(string doing, Edit edit, AuditEntry? audit, CancellationToken cancellationToken)
    {
        CheckOpen(cancellationToken);
        return RetryAsync(async ct =>
        {
            var (transaction, first) = await _client.BeginAsync(CypherStatements.LockMeta, null, doing, ct).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                Meta meta;
                using (first) meta = Meta.Read(first);
                var (effect, removed, nextSeq, columns) = await edit(transaction, meta, ct).ConfigureAwait(false);
                if (effect is not (WriteEffect.Created or WriteEffect.Updated or WriteEffect.Deleted))
                {
                    if (audit is null)
                    {
                        await transaction.RollbackAsync().ConfigureAwait(false);
                        return new WriteOutcome(effect, meta.Version, removed);
                    }
                    // Nothing changed, but the entry is kept: it alone is committed (and the meta lock released).
                    await AppendAuditAsync(transaction, [audit with { Outcome = AuditOutcomes.Of(effect) }], ct).ConfigureAwait(false);
                    await transaction.CommitAsync(CancellationToken.None).ConfigureAwait(false);
                    return new WriteOutcome(effect, meta.Version, removed);
                }
                var version = await BumpAsync(transaction, nextSeq, columns, ct).ConfigureAwait(false);
                if (audit is not null)
                    await AppendAuditAsync(transaction, [audit with { Outcome = AuditOutcomes.Of(effect) }], ct).ConfigureAwait(false);
                await transaction.CommitAsync(CancellationToken.None).ConfigureAwait(false);
                return new WriteOutcome(effect, version, removed);
            }
        }, cancellationToken);
    }
}
