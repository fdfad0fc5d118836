using System.Globalization;
using SocialCapital.Model;

namespace SocialCapital.Interchange;

// The rules of proposals.csv and status_history.csv: each record against the nodes, then the rules across records.
internal static partial class RecordValidator
{
    /// <summary>Checks proposals and employment changes against the nodes, adding one problem per broken rule.</summary>
    /// <param name="nodes">The nodes, valid.</param>
    /// <param name="proposals">The proposals, in input order.</param>
    /// <param name="history">The employment changes, in input order.</param>
    /// <param name="where">Where each record came from.</param>
    /// <param name="problems">Receives the problems.</param>
    /// <param name="positions">The nodes' <see cref="Positions"/>, when the caller already has them.</param>
    /// <param name="unreadableIds">Ids of node rows that failed to parse: references to them are not reported again.</param>
    /// <param name="nodesKnown">False when the nodes could not be read: the records are checked on their own, their
    /// references not looked up.</param>
    /// <param name="checkPending">Whether to apply <see cref="CheckPending"/> to <paramref name="proposals"/>; false for an
    /// edit, which checks the proposals as they will be stored instead.</param>
    public static void ValidateLifecycle(IReadOnlyList<NodeRecord> nodes, IReadOnlyList<ProposalRecord> proposals,
        IReadOnlyList<StatusChange> history, RecordLocator where, ProblemCollector problems,
        IdTable? positions = null, IReadOnlySet<string>? unreadableIds = null, bool nodesKnown = true, bool checkPending = true)
    {
        if (proposals.Count == 0 && history.Count == 0) return;
        var references = !nodesKnown ? new References(nodes, null, null, unreadableIds)
            : positions is null && FewReferences(proposals, history) is { } few ? new References(nodes, null, Find(nodes, few), unreadableIds)
            : new References(nodes, positions ?? Positions(nodes), null, unreadableIds);
        var firstById = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < proposals.Count; i++)
        {
            var proposal = proposals[i];
            var at = new At(where, Kind.Proposal, i, problems);
            if (proposal is null) { at.Add(null, null, "proposal is null"); continue; }
            if (IdProblem(proposal.Id) is { } idProblem) at.Add("id", proposal.Id, idProblem);
            else if (!firstById.TryAdd(proposal.Id, i))
                at.Add("id", proposal.Id, $"duplicate id (first at {Describe(where.Proposal(firstById[proposal.Id]))})");
            CheckProposal(proposal, at, references);
        }
        if (checkPending) CheckPending(proposals, where, problems);

        var firstChange = new Dictionary<(string, DateOnly), int>();
        for (var i = 0; i < history.Count; i++)
        {
            var change = history[i];
            var at = new At(where, Kind.Status, i, problems);
            if (change is null) { at.Add(null, null, "status change is null"); continue; }
            if (references.Check(change.Person, "person", at) is { } kind && !kind.IsPerson())
                at.Add("person", change.Person, $"must be a person (citizen, mentor or coach), not {Words.A(kind.Name())}");
            if (change.Employment == Employment.Unknown)
                at.Add("employment", "", $"employment is required (one of {string.Join(", ", WireNames.EmploymentNames.Skip(1))})");
            else if (change.Employment > Employment.Retired)
                at.Add("employment", change.Employment.ToString(), "not an employment status");
            if (change.Person is not null && !firstChange.TryAdd((change.Person, change.Date), i))
                at.Add("date", Iso(change.Date),
                    $"a second change for this person on this day (first at {Describe(where.Status(firstChange[(change.Person, change.Date)]))})");
        }
    }

    private static void CheckProposal(ProposalRecord proposal, At at, References references)
    {
        if (references.Check(proposal.Citizen, "citizen", at) is { } citizen && citizen != NodeKind.Citizen)
            at.Add("citizen", proposal.Citizen, $"must be a citizen, not {Words.A(citizen.Name())}");
        if (references.Check(proposal.Mentor, "mentor", at) is { } mentor && mentor != NodeKind.Mentor)
            at.Add("mentor", proposal.Mentor, $"must be a mentor, not {Words.A(mentor.Name())}");
        if (proposal.ProposedBy is { Length: 0 })
            at.Add("proposed_by", "", "an empty id: leave it out (null) when no coach made the proposal");
        else if (proposal.ProposedBy is not null && references.Check(proposal.ProposedBy, "proposed_by", at) is { } by && by != NodeKind.Coach)
            at.Add("proposed_by", proposal.ProposedBy, $"must be a coach, not {Words.A(by.Name())}");

        if (proposal.Expires <= proposal.Proposed)
            at.Add("expires", Iso(proposal.Expires), $"must be after proposed ({Iso(proposal.Proposed)})");
        var status = proposal.Status;
        if (status > ProposalStatus.Withdrawn)
        {
            at.Add("status", status.ToString(), "not a proposal status");
            return;
        }
        if (status == ProposalStatus.Proposed)
        {
            if (proposal.Decided is { } decided)
                at.Add("decided", Iso(decided), "a proposal still proposed (undecided) has no decided date");
        }
        else if (proposal.Decided is not { } decided)
            at.Add("decided", null, $"decided is required for {Words.A(status.Name())} proposal");
        else if (decided < proposal.Proposed)
            at.Add("decided", Iso(decided), $"must not be before proposed ({Iso(proposal.Proposed)})");
        if (proposal.Reason is { } reason)
        {
            if (status is ProposalStatus.Declined or ProposalStatus.Withdrawn) CheckReason(reason, "reason", at);
            else at.Add("reason", TextRule.Visible(reason), $"only a declined or withdrawn proposal has a reason, not {Words.A(status.Name())} one");
        }
    }

    /// <summary>At most one undecided proposal per citizen and mentor at a time: two with status <c>proposed</c> for the
    /// same pair whose periods (<c>proposed</c> to <c>expires</c>) overlap are a problem, reported at the later one in
    /// input order. A proposal that lapsed undecided may be followed by a new one.</summary>
    /// <param name="proposals">The proposals.</param>
    /// <param name="where">Where each one came from.</param>
    /// <param name="problems">Receives the problems.</param>
    /// <param name="pairs">Only these (citizen, mentor) pairs are checked; null for every pair.</param>
    public static void CheckPending(IReadOnlyList<ProposalRecord> proposals, RecordLocator where, ProblemCollector problems,
        IReadOnlySet<(string Citizen, string Mentor)>? pairs = null)
    {
        var byPair = new Dictionary<(string, string), List<int>>();
        for (var i = 0; i < proposals.Count; i++)
        {
            var p = proposals[i];
            if (p is not { Status: ProposalStatus.Proposed, Citizen: not null, Mentor: not null } || p.Expires <= p.Proposed) continue;
            var pair = (p.Citizen, p.Mentor);
            if (pairs is not null && !pairs.Contains(pair)) continue;
            if (!byPair.TryGetValue(pair, out var list)) byPair.Add(pair, list = []);
            list.Add(i);
        }
        foreach (var ((citizen, mentor), list) in byPair)
        {
            if (list.Count < 2) continue;
            list.Sort((a, b) => proposals[a].Proposed != proposals[b].Proposed ? proposals[a].Proposed.CompareTo(proposals[b].Proposed) : a.CompareTo(b));
            var holder = list[0];
            for (var k = 1; k < list.Count; k++)
            {
                var next = list[k];
                if (proposals[next].Proposed < proposals[holder].Expires)
                {
                    var (first, later) = holder < next ? (holder, next) : (next, holder);
                    var other = proposals[first];
                    new At(where, Kind.Proposal, later, problems).Add("status", ProposalStatus.Proposed.Name(),
                        $"citizen '{citizen}' and mentor '{mentor}' already have an undecided proposal from {Iso(other.Proposed)} to "
                        + $"{Iso(other.Expires)} (at {Describe(where.Proposal(first))}): at most one at a time");
                }
                if (proposals[next].Expires > proposals[holder].Expires) holder = next;
            }
        }
    }

    /// <summary>At most this many ids are looked up by one pass over the nodes rather than through an <see cref="IdTable"/>
    /// (which hashes every node's id): a single edit checks a record or two against a large dataset.</summary>
    private const int FewIds = 16;

    /// <summary>The ids the records name, when there are at most <see cref="FewIds"/> of them; else null.</summary>
    private static HashSet<string>? FewReferences(IReadOnlyList<ProposalRecord> proposals, IReadOnlyList<StatusChange> history)
    {
        if (3 * proposals.Count + history.Count > FewIds) return null;
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var p in proposals)
            if (p is not null)
                foreach (var id in (ReadOnlySpan<string?>)[p.Citizen, p.Mentor, p.ProposedBy])
                    if (id is not null) ids.Add(id);
        foreach (var c in history) if (c?.Person is { } person) ids.Add(person);
        return ids;
    }

    /// <summary>The first position of each of a few ids among the nodes, in one pass.</summary>
    private static Dictionary<string, int> Find(IReadOnlyList<NodeRecord> nodes, HashSet<string> ids)
    {
        var wanted = ids.ToArray();
        var found = new Dictionary<string, int>(wanted.Length, StringComparer.Ordinal);
        for (var i = 0; i < nodes.Count && found.Count < wanted.Length; i++)
        {
            var id = nodes[i]?.Id;
            if (id is null) continue;
            foreach (var w in wanted)
                if (w.Length == id.Length && string.Equals(w, id, StringComparison.Ordinal)) { found.TryAdd(w, i); break; }
        }
        return found;
    }

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Looks node ids up for the lifecycle records.</summary>
    /// <param name="nodes">The nodes.</param>
    /// <param name="positions">Every node's position; or null, with <paramref name="few"/>.</param>
    /// <param name="few">The positions of the few ids the records name; null with both for nodes that are unknown.</param>
    /// <param name="unreadable">Ids of node rows that failed to parse.</param>
    private sealed class References(IReadOnlyList<NodeRecord> nodes, IdTable? positions, Dictionary<string, int>? few,
        IReadOnlySet<string>? unreadable)
    {
        /// <summary>The kind of the node <paramref name="id"/> names, or null after reporting why there is none (or
        /// when the nodes are unknown).</summary>
        public NodeKind? Check(string? id, string column, At at)
        {
            if (string.IsNullOrEmpty(id)) { at.Add(column, null, $"{column} is required"); return null; }
            if (positions is null && few is null) return null;
            var position = positions?.Find(id) ?? few!.GetValueOrDefault(id, -1);
            if (position >= 0) return nodes[position].Kind;
            if (unreadable?.Contains(id) != true) at.Add(column, id, "unknown id (no such node)");
            return null;
        }
    }
}
