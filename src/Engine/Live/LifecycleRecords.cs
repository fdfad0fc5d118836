using System.Collections.Immutable;
using SocialCapital.Model;

namespace SocialCapital.Live;

/// <summary>The programme records of a live snapshot: the proposals in the order they were made, the employment changes
/// in the order they were recorded, the coaches' contacts in the order they were added, and where each sits by its key (a
/// proposal's id; a change's person and day; a contact's four values). Persistent, so an edit shares everything it does not change. Immutable; thread-safe.</summary>
internal sealed record LifecycleRecords
{
    // The keys are made when an edit first needs them, or by Warm (the live graph's first pass, in the background), not
    // when the snapshot is made: at a million people they are millions of entries and seconds of a replica's start.
    // A `with` that changes the keys sets them too; one that only replaces a record in its place keeps them.
    private Lazy<ImmutableDictionary<string, int>> _proposalAt;
    private Lazy<ImmutableDictionary<(string Person, DateOnly Date), int>> _historyAt;
    private Lazy<ImmutableHashSet<ContactRecord>> _contactSet;

    private LifecycleRecords(ImmutableList<ProposalRecord> proposals, ImmutableList<StatusChange> history, ImmutableList<ContactRecord> contacts)
    {
        Proposals = proposals;
        History = history;
        Contacts = contacts;
        _proposalAt = new(() =>
        {
            var at = ImmutableDictionary.CreateBuilder<string, int>(StringComparer.Ordinal);
            for (var i = 0; i < proposals.Count; i++) at.TryAdd(proposals[i].Id, i);
            return at.ToImmutable();
        });
        _historyAt = new(() =>
        {
            var at = ImmutableDictionary.CreateBuilder<(string, DateOnly), int>();
            for (var i = 0; i < history.Count; i++) at.TryAdd((history[i].Person, history[i].Date), i);
            return at.ToImmutable();
        });
        _contactSet = new(() => [.. contacts]);
    }

    /// <summary>The proposals in the order they were made.</summary>
    public ImmutableList<ProposalRecord> Proposals { get; init; }

    /// <summary>Where each proposal sits, by id.</summary>
    public ImmutableDictionary<string, int> ProposalAt { get => _proposalAt.Value; init => _proposalAt = Made(value); }

    /// <summary>The employment changes in the order they were recorded.</summary>
    public ImmutableList<StatusChange> History { get; init; }

    /// <summary>Where each change sits, by person and day.</summary>
    public ImmutableDictionary<(string Person, DateOnly Date), int> HistoryAt { get => _historyAt.Value; init => _historyAt = Made(value); }

    /// <summary>The contacts in the order they were added.</summary>
    public ImmutableList<ContactRecord> Contacts { get; init; }

    /// <summary>The contacts, by their four values.</summary>
    public ImmutableHashSet<ContactRecord> ContactSet { get => _contactSet.Value; init => _contactSet = Made(value); }

    /// <summary>The records of a dataset (the first of repeated keys is the one found by key).</summary>
    public static LifecycleRecords Of(IReadOnlyList<ProposalRecord> proposals, IReadOnlyList<StatusChange> history,
        IReadOnlyList<ContactRecord> contacts) => new([.. proposals], [.. history], [.. contacts]);

    /// <summary>Makes the keys now (they are made on first use otherwise).</summary>
    public void Warm() => _ = (ProposalAt, HistoryAt, ContactSet);

    private static Lazy<T> Made<T>(T value) => new(value);

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
