using System.Collections.Immutable;
using SocialCapital.Model;

namespace SocialCapital.Live;

/// <summary>The programme records of a live snapshot: the proposals in the order they were made, the employment changes
/// in the order they were recorded, the coaches' contacts in the order they were added, and where each sits by its key (a
/// proposal's id; a change's person and day; a contact's four values). Persistent, so an edit shares everything it does not change. Immutable; thread-safe.</summary>
internal sealed record LifecycleRecords(
    ImmutableList<ProposalRecord> Proposals,
    ImmutableDictionary<string, int> ProposalAt,
    ImmutableList<StatusChange> History,
    ImmutableDictionary<(string Person, DateOnly Date), int> HistoryAt,
    ImmutableList<ContactRecord> Contacts,
    ImmutableHashSet<ContactRecord> ContactSet)
{
    /// <summary>The records of a dataset (the first of repeated keys is the one found by key).</summary>
    public static LifecycleRecords Of(IReadOnlyList<ProposalRecord> proposals, IReadOnlyList<StatusChange> history,
        IReadOnlyList<ContactRecord> contacts)
    {
        var proposalAt = ImmutableDictionary.CreateBuilder<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < proposals.Count; i++) proposalAt.TryAdd(proposals[i].Id, i);
        var historyAt = ImmutableDictionary.CreateBuilder<(string, DateOnly), int>();
        for (var i = 0; i < history.Count; i++) historyAt.TryAdd((history[i].Person, history[i].Date), i);
        return new LifecycleRecords([.. proposals], proposalAt.ToImmutable(), [.. history], historyAt.ToImmutable(), [.. contacts],
            [.. contacts]);
    }

    /// <summary>The proposal with an id, or null.</summary>
    public ProposalRecord? Proposal(string id) => ProposalAt.TryGetValue(id, out var at) ? Proposals[at] : null;

    /// <summary>The records with one proposal added (appended) or replaced (in its place).</summary>
    public LifecycleRecords WithProposal(ProposalRecord proposal) => ProposalAt.TryGetValue(proposal.Id, out var at)
        ? this with { Proposals = Proposals.SetItem(at, proposal) }
        : this with { Proposals = Proposals.Add(proposal), ProposalAt = ProposalAt.Add(proposal.Id, Proposals.Count) };

    /// <summary>The records with one change added (appended) or replaced (in its place); whether it was there before.</summary>
    public LifecycleRecords WithChange(StatusChange change) => HistoryAt.TryGetValue((change.Person, change.Date), out var at)
        ? this with { History = History.SetItem(at, change) }
        : this with { History = History.Add(change), HistoryAt = HistoryAt.Add((change.Person, change.Date), History.Count) };

    /// <summary>The records with one contact appended, or these when an equal contact is stored.</summary>
    public LifecycleRecords WithContact(ContactRecord contact) => ContactSet.Contains(contact)
        ? this
        : this with { Contacts = Contacts.Add(contact), ContactSet = ContactSet.Add(contact) };

    /// <summary>The records after a node is deleted (<see cref="Storage.DatasetEdits.DeleteNode"/>'s semantics): without
    /// the proposals it is the citizen or mentor of, its employment changes and its contacts; the proposals it made stay, with no one
    /// recorded as their maker. Keys found again.</summary>
    public LifecycleRecords Without(string id) => Of(
        [.. Proposals.Where(p => p.Citizen != id && p.Mentor != id).Select(p => p.ProposedBy == id ? p with { ProposedBy = null } : p)],
        [.. History.Where(c => c.Person != id)],
        [.. Contacts.Where(c => c.Coach != id && c.Citizen != id)]);

    /// <summary>Whether any proposal, employment change or contact names the node.</summary>
    public bool Names(string id) =>
        Proposals.Any(p => p.Citizen == id || p.Mentor == id || p.ProposedBy == id) || History.Any(c => c.Person == id)
        || Contacts.Any(c => c.Coach == id || c.Citizen == id);
}
