using System.Collections.Immutable;
using SocialCapital.Model;

namespace SocialCapital.Live;

/// <summary>The mentoring programme's records of a live snapshot: the proposals in the order they were made, the
/// employment changes in the order they were recorded, and where each sits by its key (a proposal's id; a change's
/// person and day). Persistent, so an edit shares everything it does not change. Immutable; thread-safe.</summary>
internal sealed record LifecycleRecords(
    ImmutableList<ProposalRecord> Proposals,
    ImmutableDictionary<string, int> ProposalAt,
    ImmutableList<StatusChange> History,
    ImmutableDictionary<(string Person, DateOnly Date), int> HistoryAt)
{
    /// <summary>The records of a dataset (the first of repeated keys is the one found by key).</summary>
    public static LifecycleRecords Of(IReadOnlyList<ProposalRecord> proposals, IReadOnlyList<StatusChange> history)
    {
        var proposalAt = ImmutableDictionary.CreateBuilder<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < proposals.Count; i++) proposalAt.TryAdd(proposals[i].Id, i);
        var historyAt = ImmutableDictionary.CreateBuilder<(string, DateOnly), int>();
        for (var i = 0; i < history.Count; i++) historyAt.TryAdd((history[i].Person, history[i].Date), i);
        return new LifecycleRecords([.. proposals], proposalAt.ToImmutable(), [.. history], historyAt.ToImmutable());
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

    /// <summary>The records after a node is deleted (<see cref="Storage.DatasetEdits.DeleteNode"/>'s semantics): without
    /// the proposals it is the citizen or mentor of and its employment changes; the proposals it made stay, with no one
    /// recorded as their maker. Keys found again.</summary>
    public LifecycleRecords Without(string id) => Of(
        [.. Proposals.Where(p => p.Citizen != id && p.Mentor != id).Select(p => p.ProposedBy == id ? p with { ProposedBy = null } : p)],
        [.. History.Where(c => c.Person != id)]);

    /// <summary>Whether any proposal or employment change names the node.</summary>
    public bool Names(string id) =>
        Proposals.Any(p => p.Citizen == id || p.Mentor == id || p.ProposedBy == id) || History.Any(c => c.Person == id);
}
