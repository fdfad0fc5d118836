using SocialCapital.Storage;

namespace SocialCapital.Neo4j;

// The audit trail: (:ScAudit) nodes, appended in the transaction of the write they record, or in batches of their own.
public sealed partial class Neo4jGraphStore
{
    /// <inheritdoc />
    /// <exception cref="Neo4jStoreException">Neo4j failed (after retries, for transient failures); nothing was changed.</exception>
    public Task<WriteOutcome> EraseNodeAsync(string id, string pseudonym, AuditEntry? audit = null, CancellationToken cancellationToken = default)
    {
        AuditPseudonym.CheckErasure(id, pseudonym);
        CheckOpen(cancellationToken);
        return RetryAsync(async ct =>
        {
            var (transaction, first) = await _client.BeginAsync(CypherStatements.LockMeta, null, "erasing a node", ct).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                Meta meta;
                using (first) meta = Meta.Read(first);
                WriteEffect effect;
                int removed;
                using (var result = await transaction.RunAsync(CypherStatements.DeleteNode, Args(("id", id)), ct).ConfigureAwait(false))
                    (effect, removed) = result.First("ties") is { } ties
                        ? (WriteEffect.Deleted, checked((int)(TypedJson.Integer(ties) ?? 0)))
                        : (WriteEffect.NotFound, 0);
                if (effect is WriteEffect.Deleted) await DeleteLifecycleOfAsync(transaction, id, ct).ConfigureAwait(false);
                var version = effect is WriteEffect.Deleted
                    ? await BumpAsync(transaction, meta.NextSeq, meta.AttributeColumns, ct).ConfigureAwait(false)
                    : meta.Version;
                (await transaction.RunAsync(CypherStatements.PseudonymiseAudit, Args(("id", id), ("pseudonym", pseudonym)), ct)
                    .ConfigureAwait(false)).Dispose();
                // Also releases the meta lock when nothing was deleted (no bump).
                await AppendAuditAsync(transaction, audit is null ? [] :
                    [audit with { Outcome = AuditOutcomes.OfErasure(effect) }], ct).ConfigureAwait(false);
                await transaction.CommitAsync(CancellationToken.None).ConfigureAwait(false);
                return new WriteOutcome(effect, version, removed);
            }
        }, cancellationToken);
    }

    /// <inheritdoc />
    /// <exception cref="Neo4jStoreException">Neo4j failed (after retries, for transient failures); nothing was appended.</exception>
    public Task AppendAuditAsync(IReadOnlyList<AuditEntry> entries, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entries);
        foreach (var entry in entries) ArgumentNullException.ThrowIfNull(entry, nameof(entries));
        CheckOpen(cancellationToken);
        if (entries.Count == 0) return Task.CompletedTask;
        return RetryAsync(async ct =>
        {
            var (transaction, first) = await _client.BeginAsync(CypherStatements.AppendAudit, Args(("rows", Rows(entries))),
                "appending audit entries", ct).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                first.Dispose();
                await transaction.CommitAsync(CancellationToken.None).ConfigureAwait(false);
                return 0;
            }
        }, cancellationToken);
    }

    /// <inheritdoc />
    /// <exception cref="Neo4jStoreException">Neo4j failed (after retries, for transient failures).</exception>
    public Task<AuditPage> QueryAuditAsync(AuditQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        query.Validate();
        CheckOpen(cancellationToken);
        var filter = Args(("actor", query.Actor), ("target", query.Target), ("from", query.From?.UtcTicks), ("to", query.To?.UtcTicks));
        return RetryAsync(async ct =>
        {
            var (transaction, first) = await _client.BeginAsync(CypherStatements.CountAudit, filter, "reading the audit", ct).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                long total;
                using (first) total = first.First("total") is { } count ? TypedJson.Integer(count) ?? 0 : 0;
                var page = new Dictionary<string, object?>(filter) { ["skip"] = (long)query.Skip, ["limit"] = (long)query.Limit };
                using var result = await transaction.RunAsync(CypherStatements.QueryAudit, page, ct).ConfigureAwait(false);
                var entries = new List<AuditEntry>(result.Count);
                if (result.Count > 0)
                {
                    int time = result.Field("time"), actor = result.Field("actor"), role = result.Field("role"), action = result.Field("action"),
                        targets = result.Field("targets"), outcome = result.Field("outcome");
                    foreach (var row in result.Rows)
                        entries.Add(new AuditEntry(new DateTimeOffset(TypedJson.Integer(row[time]) ?? 0, TimeSpan.Zero),
                            TypedJson.String(row[actor]) ?? "", TypedJson.String(row[role]) ?? "", TypedJson.String(row[action]) ?? "",
                            TypedJson.StringList(row[targets]), TypedJson.String(row[outcome]) ?? ""));
                }
                await transaction.RollbackAsync().ConfigureAwait(false);
                return new AuditPage(entries, total);
            }
        }, cancellationToken);
    }

    /// <inheritdoc />
    /// <exception cref="Neo4jStoreException">Neo4j failed (after retries, for transient failures); nothing was deleted.</exception>
    public Task<long> PurgeAuditAsync(DateTimeOffset before, CancellationToken cancellationToken = default)
    {
        CheckOpen(cancellationToken);
        return RetryAsync(async ct =>
        {
            var (transaction, first) = await _client.BeginAsync(CypherStatements.PurgeAudit, Args(("before", before.UtcTicks)),
                "purging the audit", ct).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                long deleted;
                using (first) deleted = first.First("deleted") is { } count ? TypedJson.Integer(count) ?? 0 : 0;
                await transaction.CommitAsync(CancellationToken.None).ConfigureAwait(false);
                return deleted;
            }
        }, cancellationToken);
    }

    /// <summary>Appends entries inside a running transaction (also releasing the meta lock that write took).</summary>
    private static async Task AppendAuditAsync(Neo4jTransaction transaction, IReadOnlyList<AuditEntry> entries, CancellationToken cancellationToken)
    {
        if (entries.Count == 0)
        {
            (await transaction.RunAsync(CypherStatements.AppendAudit, Args(("rows", Array.Empty<object>())), cancellationToken)
                .ConfigureAwait(false)).Dispose();
            return;
        }
        (await transaction.RunAsync(CypherStatements.AppendAudit, Args(("rows", Rows(entries))), cancellationToken).ConfigureAwait(false)).Dispose();
    }

    private static Dictionary<string, object?>[] Rows(IReadOnlyList<AuditEntry> entries) =>
    [
        .. entries.Select(e => new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["time"] = e.Time.UtcTicks, ["actor"] = e.Actor, ["role"] = e.Role, ["action"] = e.Action,
            ["targets"] = e.Targets.ToArray(), ["outcome"] = e.Outcome,
        }),
    ];
}
