using SocialCapital.Interchange;
using SocialCapital.Model;
using SocialCapital.Storage;

namespace SocialCapital.Neo4j;

// The mentoring lifecycle: proposals (with the tie an acceptance starts), employment changes and coach–citizen contacts,
// each write one transaction.
public sealed partial class Neo4jGraphStore
{
    /// <inheritdoc />
    /// <exception cref="Neo4jStoreException">Neo4j failed (after retries, for transient failures); nothing was changed.</exception>
    public Task<WriteOutcome> UpsertProposalsAsync(IReadOnlyList<ProposalRecord> proposals, TieRecord? tie = null, AuditEntry? audit = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(proposals);
        return WriteAsync("upserting proposals", async (transaction, meta, ct) =>
        {
            // The stored proposals the batch can touch: those it replaces, and the undecided ones of the pairs it proposes
            // (the one-at-a-time rule), in export order; then every node any of them or the tie names.
            var ids = proposals.Where(p => p?.Id is not null).Select(p => p.Id).Distinct(StringComparer.Ordinal).ToArray();
            var pairs = proposals.Where(p => p is { Status: ProposalStatus.Proposed, Citizen: not null, Mentor: not null })
                .Select(p => (p.Citizen, p.Mentor)).Distinct()
                .Select(p => new Dictionary<string, object?>(StringComparer.Ordinal) { ["citizen"] = p.Citizen, ["mentor"] = p.Mentor }).ToArray();
            var stored = new SortedDictionary<long, ProposalRecord>();
            if (ids.Length > 0)
                foreach (var (seq, p) in await ProposalsAsync(transaction, CypherStatements.FindProposals, Args(("ids", ids)), ct).ConfigureAwait(false))
                    stored[seq] = p;
            if (pairs.Length > 0)
                foreach (var (seq, p) in await ProposalsAsync(transaction, CypherStatements.FindPendingProposals, Args(("pairs", pairs)), ct).ConfigureAwait(false))
                    stored[seq] = p;
            var matching = tie is null ? [] : await MatchingTiesAsync(transaction, tie, ct).ConfigureAwait(false);
            var named = proposals.Concat(stored.Values).Where(p => p is not null).SelectMany(p => new[] { p.Citizen, p.Mentor, p.ProposedBy })
                .Concat(tie is null ? [] : [tie.Source, tie.Target]).OfType<string>().Distinct(StringComparer.Ordinal).ToArray();
            var nodes = await FindNodesAsync(transaction, named, ct).ConfigureAwait(false);

            var edit = DatasetEdits.UpsertProposals(
                Dataset.Create(nodes.Select(n => n.Node), matching.Select(m => m.Tie), proposals: stored.Values), proposals, tie);
            var nextSeq = meta.NextSeq;
            if (edit.Effect is WriteEffect.Unchanged) return (edit.Effect, 0, nextSeq, meta.AttributeColumns);
            var seqById = stored.ToDictionary(s => s.Value.Id, s => s.Key, StringComparer.Ordinal);
            var created = new List<Dictionary<string, object?>>();
            foreach (var proposal in proposals)
                if (!seqById.TryGetValue(proposal.Id, out var seq)) created.Add(RecordProperties.Proposal(proposal, nextSeq++));
                else if (stored[seq] != proposal)
                    (await transaction.RunAsync(CypherStatements.ReplaceProposal,
                        Args(("id", proposal.Id), ("properties", RecordProperties.Proposal(proposal, seq))), ct).ConfigureAwait(false)).Dispose();
            if (created.Count > 0) await CreateAsync(transaction, CypherStatements.CreateProposals, created, ct).ConfigureAwait(false);
            if (tie is not null)
            {
                // The tie's own decision, as DatasetEdits.UpsertTie makes it (the batch was validated whole above).
                var tieEffect = matching.Count == 0 ? WriteEffect.Created
                    : matching.Count == 1 && matching[0].Tie == tie ? WriteEffect.Unchanged : WriteEffect.Updated;
                nextSeq = await ApplyTieAsync(transaction, tie, matching, tieEffect, nextSeq, ct).ConfigureAwait(false);
            }
            return (edit.Effect, edit.TiesRemoved, nextSeq, meta.AttributeColumns);
        }, audit, cancellationToken);
    }

    /// <inheritdoc />
    /// <exception cref="Neo4jStoreException">Neo4j failed (after retries, for transient failures); nothing was changed.</exception>
    public Task<WriteOutcome> UpsertStatusAsync(StatusChange change, AuditEntry? audit = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        return WriteAsync("recording an employment change", async (transaction, meta, ct) =>
        {
            var stored = change.Person is null ? [] : await StatusesAsync(transaction, change.Person, change.Date, ct).ConfigureAwait(false);
            var nodes = await FindNodesAsync(transaction, change.Person is null ? [] : [change.Person], ct).ConfigureAwait(false);
            var edit = DatasetEdits.UpsertStatus(Dataset.Create(nodes.Select(n => n.Node), [], statusHistory: stored.Select(s => s.Change)), change);
            var nextSeq = meta.NextSeq;
            if (edit.Effect is WriteEffect.Created)
                await CreateAsync(transaction, CypherStatements.CreateStatus, [RecordProperties.Status(change, nextSeq++)], ct).ConfigureAwait(false);
            else if (edit.Effect is WriteEffect.Updated)
                (await transaction.RunAsync(CypherStatements.ReplaceStatus,
                    Args(("person", change.Person), ("date", change.Date), ("employment", change.Employment.Name())), ct)
                    .ConfigureAwait(false)).Dispose();
            return (edit.Effect, 0, nextSeq, meta.AttributeColumns);
        }, audit, cancellationToken);
    }

    /// <inheritdoc />
    /// <exception cref="Neo4jStoreException">Neo4j failed (after retries, for transient failures); nothing was changed.</exception>
    public Task<WriteOutcome> AddContactAsync(ContactRecord contact, AuditEntry? audit = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(contact);
        return WriteAsync("recording a contact", async (transaction, meta, ct) =>
        {
            // Only an identical stored contact matters (it makes the write Unchanged); the nodes named are checked for their kinds.
            var stored = new List<ContactRecord>();
            if (contact.Coach is not null && contact.Citizen is not null && contact.Channel <= ContactChannel.Message)
            {
                using var result = await transaction.RunAsync(CypherStatements.FindContact, Args(("coach", contact.Coach),
                    ("citizen", contact.Citizen), ("date", contact.Date), ("channel", contact.Channel.Name())), ct).ConfigureAwait(false);
                stored.AddRange(RecordProperties.Contacts(result).Select(c => c.Contact));
            }
            var named = new[] { contact.Coach, contact.Citizen }.OfType<string>().Distinct(StringComparer.Ordinal).ToArray();
            var nodes = await FindNodesAsync(transaction, named, ct).ConfigureAwait(false);
            var edit = DatasetEdits.AddContact(Dataset.Create(nodes.Select(n => n.Node), [], contacts: stored), contact);
            var nextSeq = meta.NextSeq;
            if (edit.Effect is WriteEffect.Created)
                await CreateAsync(transaction, CypherStatements.CreateContacts, [RecordProperties.Contact(contact, nextSeq++)], ct).ConfigureAwait(false);
            return (edit.Effect, 0, nextSeq, meta.AttributeColumns);
        }, audit, cancellationToken);
    }

    /// <summary>Removes a deleted node's proposals (as citizen or mentor) and employment changes, and clears it as the
    /// maker of the proposals it made, as <see cref="DatasetEdits.DeleteNode"/> does.</summary>
    private static async Task DeleteLifecycleOfAsync(Neo4jTransaction transaction, string id, CancellationToken ct)
    {
        (await transaction.RunAsync(CypherStatements.DeleteLifecycleOfNode, Args(("id", id)), ct).ConfigureAwait(false)).Dispose();
    }

    private static async Task<List<(long Seq, ProposalRecord Proposal)>> ProposalsAsync(Neo4jTransaction transaction, CypherStatement statement,
        Dictionary<string, object?> parameters, CancellationToken ct)
    {
        using var result = await transaction.RunAsync(statement, parameters, ct).ConfigureAwait(false);
        return [.. RecordProperties.Proposals(result)];
    }

    /// <summary>The stored contacts that name a node (as coach or citizen), in export order.</summary>
    private static async Task<List<ContactRecord>> ContactsAsync(Neo4jTransaction transaction, string id, CancellationToken ct)
    {
        using var result = await transaction.RunAsync(CypherStatements.ContactsOfNode, Args(("id", id)), ct).ConfigureAwait(false);
        return [.. RecordProperties.Contacts(result).Select(c => c.Contact)];
    }

    /// <summary>A person's stored employment changes, of one day or (<paramref name="date"/> null) of every day.</summary>
    private static async Task<List<(long Seq, StatusChange Change)>> StatusesAsync(Neo4jTransaction transaction, string person, DateOnly? date,
        CancellationToken ct)
    {
        using var result = await transaction.RunAsync(CypherStatements.StatusOfPerson, Args(("person", person), ("date", date)), ct).ConfigureAwait(false);
        return [.. RecordProperties.Statuses(result)];
    }
}
