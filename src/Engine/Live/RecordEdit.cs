using SocialCapital.Graph;
using SocialCapital.Interchange;
using SocialCapital.Model;
using SocialCapital.Storage;
using SocialCapital.Ties;

namespace SocialCapital.Live;

/// <summary>Applies record edits to a live snapshot with the semantics of <see cref="DatasetEdits"/> (each edit checks
/// only its own record, against the nodes it names), and turns each into the graph changes it causes: the contact
/// between the two ends (its strength summed again from their active ties), a person's places,
/// a mentoring pair. Work is proportional to the records touched. Not thread-safe; nothing is published until
/// <see cref="Build"/>.</summary>
internal sealed class RecordEdit
{
    private readonly LiveSnapshot _from;
    private readonly GraphEditor _graph;
    private readonly Paged<NodeRecord?>.Editor _records;
    private readonly Paged<TieRecord[]>.Editor _ties;
    private readonly List<string> _columns;
    private readonly DateOnly _asOf;
    private int _nodeCount, _tieCount;
    private LifecycleRecords _lifecycle;
    private bool _coachingTiesChanged; // a coaching tie (or a node with coaching records) written: the history is rebuilt
    private readonly List<ContactRecord> _addedContacts = [];

    public RecordEdit(LiveSnapshot from)
    {
        _from = from;
        _graph = new GraphEditor(from.Graph);
        _records = from.Records.Edit();
        _ties = from.Ties.Edit();
        _columns = [.. from.AttributeColumns];
        _asOf = from.Graph.AsOf;
        _nodeCount = from.NodeCount;
        _tieCount = from.TieCount;
        _lifecycle = from.Lifecycle;
    }

    public EditOutcome Apply(GraphEdit edit) => edit switch
    {
        GraphEdit.UpsertNode e => UpsertNode(Guard.NotNull(e.Node)),
        GraphEdit.DeleteNode e => DeleteNode(Guard.NotNull(e.Id)),
        GraphEdit.UpsertTie e => UpsertTie(Guard.NotNull(e.Tie)),
        GraphEdit.UpsertTies e => UpsertTies(Guard.NotNull(e.Ties)),
        GraphEdit.DeleteTies e => DeleteTies(Guard.NotNull(e.Source), Guard.NotNull(e.Target), e.Kind),
        GraphEdit.UpsertProposals e => UpsertProposals(Guard.NotNull(e.Proposals), e.Tie),
        GraphEdit.UpsertStatus e => UpsertStatus(Guard.NotNull(e.Change)),
        GraphEdit.AddContact e => AddContact(Guard.NotNull(e.Contact)),
        null => throw new ArgumentNullException(nameof(edit)),
        _ => throw new ArgumentException($"Unknown edit {edit.GetType().Name}.", nameof(edit)),
    };

    /// <summary>The next snapshot, and every node whose record, contacts or places changed.</summary>
    public (LiveSnapshot Snapshot, int[] Changed) Build(long edits)
    {
        var graph = _graph.Build();
        int[] changed = [.. _graph.Changed];
        return (new LiveSnapshot(graph, _records.ToPaged(), _ties.ToPaged(), [.. _columns], _nodeCount, _tieCount, edits,
            new LiveSnapshot.MeasuresSource(null, _from, changed), _lifecycle,
            _coachingTiesChanged ? null : _from.MadeCoaching?.WithContacts(_addedContacts),
            ReferenceEquals(_lifecycle.History, _from.Lifecycle.History) ? _from.MadeEmployment : null), changed);
    }

    private EditOutcome UpsertNode(NodeRecord node)
    {
        var problems = new ProblemCollector();
        RecordValidator.Validate([node], [], new NamedLocator([node], []), problems);
        problems.ThrowIfAny();
        var u = _graph.IndexOf(node.Id);
        if (u < 0)
        {
            u = _graph.AddNode(node);
            _records.Add(node);
            _ties.Add([]);
            _nodeCount++;
            AddColumns(node);
            return new EditOutcome(WriteEffect.Created);
        }
        var old = _records[u]!;
        if (old.Equals(node)) return new EditOutcome(WriteEffect.Unchanged);
        if (old.Kind != node.Kind)
        {
            var ties = _ties[u];
            var ends = new List<NodeRecord> { node };
            foreach (var tie in ties) if (Record(Other(tie, node.Id)) is { } end) ends.Add(end);
            DatasetEdits.CheckTiesStillHold(ends, ties, node);
            CheckLifecycleStillHolds(node);
            if (_lifecycle.Contacts.Any(c => c.Coach == node.Id || c.Citizen == node.Id))
                DatasetEdits.CheckContactsStillHold(ContactEnds(node), _lifecycle.Contacts, node);
        }
        _graph.SetNode(u, node);
        _records[u] = node;
        AddColumns(node);
        // Which ties are active does not depend on their ends' records: only the classes of the node's contacts can
        // change, and the graph editor redoes those.
        return new EditOutcome(WriteEffect.Updated);
    }

    private EditOutcome DeleteNode(string id)
    {
        var u = _graph.IndexOf(id);
        if (u < 0) return new EditOutcome(WriteEffect.NotFound);
        var ties = _ties[u];
        var others = new HashSet<int>();
        foreach (var tie in ties)
        {
            var v = _graph.IndexOf(Other(tie, id));
            if (v != u) others.Add(v);
        }
        if (ties.Any(t => t.Kind == TieKind.Coaching) || _lifecycle.Contacts.Any(c => c.Coach == id || c.Citizen == id))
            _coachingTiesChanged = true;
        foreach (var v in others) _ties[v] = [.. _ties[v].Where(t => t.Source != id && t.Target != id)];
        _ties[u] = [];
        foreach (var v in others) Resolve(u, v, ties);
        _tieCount -= ties.Length;
        // The node's proposals, employment changes and contacts go with it (they would name an unknown node).
        foreach (var proposal in _lifecycle.Proposals)
            if (proposal.Citizen == id || proposal.Mentor == id) Share(proposal, -1);
        if (_lifecycle.Names(id)) _lifecycle = _lifecycle.Without(id);
        _graph.RemoveNode(u);
        _records[u] = null;
        _nodeCount--;
        return new EditOutcome(WriteEffect.Deleted, ties.Length);
    }

    private EditOutcome UpsertTie(TieRecord tie, bool bySince = false)
    {
        var ends = new List<NodeRecord>(2);
        if (Record(tie.Source) is { } source) ends.Add(source);
        if (Record(tie.Target) is { } target && tie.Target != tie.Source) ends.Add(target);
        var problems = new ProblemCollector();
        RecordValidator.Validate(ends, [tie], new NamedLocator(ends, [tie]), problems, skipNodes: true);
        problems.ThrowIfAny();

        int u = _graph.IndexOf(tie.Source), v = _graph.IndexOf(tie.Target);
        var list = _ties[u];
        var matches = 0;
        TieRecord? first = null;
        foreach (var stored in list)
            if (Same(stored, tie, bySince) && matches++ == 0) first = stored;
        if (matches == 1 && first == tie) return new EditOutcome(WriteEffect.Unchanged);
        if (tie.Kind == TieKind.Coaching) _coachingTiesChanged = true;
        var before = list;
        _ties[u] = Replaced(list, tie, bySince);
        _ties[v] = Replaced(_ties[v], tie, bySince);
        _tieCount += matches == 0 ? 1 : 1 - matches;
        Resolve(u, v, before);
        return matches == 0 ? new EditOutcome(WriteEffect.Created) : new EditOutcome(WriteEffect.Updated, matches - 1);
    }

    /// <summary>Stores several dated ties in order, each replacing its spell, after checking them all
    /// (<see cref="DatasetEdits.UpsertTies"/>'s semantics).</summary>
    private EditOutcome UpsertTies(IReadOnlyList<TieRecord> ties)
    {
        var ends = new List<NodeRecord>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var tie in ties)
            foreach (var id in (ReadOnlySpan<string>)[Guard.NotNull(tie).Source, tie.Target])
                if (id is not null && seen.Add(id) && Record(id) is { } end) ends.Add(end);
        var problems = new ProblemCollector();
        RecordValidator.Validate(ends, ties, new NamedLocator(ends, ties), problems, skipNodes: true);
        problems.ThrowIfAny();
        var effect = WriteEffect.Unchanged;
        var removed = 0;
        foreach (var tie in ties)
        {
            var one = UpsertTie(tie, bySince: true);
            removed += one.TiesRemoved;
            effect = effect.Then(one.Effect);
        }
        return new EditOutcome(effect, removed);
    }

    private EditOutcome DeleteTies(string sourceId, string targetId, TieKind? kind)
    {
        int u = _graph.IndexOf(sourceId), v = _graph.IndexOf(targetId);
        if (u < 0 || v < 0) return new EditOutcome(WriteEffect.NotFound);
        var before = _ties[u];
        var kept = before.Where(t => !DatasetEdits.Matches(t, sourceId, targetId, kind)).ToArray();
        var removed = before.Length - kept.Length;
        if (removed == 0) return new EditOutcome(WriteEffect.NotFound);
        if (kind is null or TieKind.Coaching && before.Any(t => t.Kind == TieKind.Coaching && DatasetEdits.Matches(t, sourceId, targetId, kind)))
            _coachingTiesChanged = true;
        _ties[u] = kept;
        _ties[v] = [.. _ties[v].Where(t => !DatasetEdits.Matches(t, sourceId, targetId, kind))];
        _tieCount -= removed;
        Resolve(u, v, before);
        return new EditOutcome(WriteEffect.Deleted, removed);
    }

    /// <summary>Adds proposals or replaces those with the same id, after storing the tie with them as
    /// <see cref="UpsertTie"/> does (<see cref="DatasetEdits.UpsertProposals"/>'s semantics): Created when a proposal
    /// or the tie is new, else Updated when one changed, else Unchanged. A pending proposal holds a place of its mentor
    /// on the analysis date; a declined one rules its pair out.</summary>
    private EditOutcome UpsertProposals(IReadOnlyList<ProposalRecord> proposals, TieRecord? tie)
    {
        var ends = new List<NodeRecord>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var problems = new ProblemCollector();
        foreach (var proposal in proposals)
        {
            Guard.NotNull(proposal);
            foreach (var id in (string?[])[proposal.Citizen, proposal.Mentor, proposal.ProposedBy])
                if (id is not null && seen.Add(id) && Record(id) is { } end) ends.Add(end);
        }
        RecordValidator.ValidateLifecycle(ends, proposals, [], new NamedLocator(ends, [], proposals), problems, checkPending: false);
        problems.ThrowIfAny();
        // One undecided proposal per citizen and mentor at a time, against the proposals as they will be stored: those
        // of the pairs the batch names (stored ones replaced by id), as DatasetEdits.UpsertProposals checks it.
        var pairs = new HashSet<(string, string)>();
        foreach (var p in proposals)
            if (p is { Status: ProposalStatus.Proposed }) pairs.Add((p.Citizen, p.Mentor));
        if (pairs.Count > 0)
        {
            var batch = new Dictionary<string, ProposalRecord>(StringComparer.Ordinal);
            foreach (var p in proposals) batch[p.Id] = p;
            var merged = new List<ProposalRecord>();
            foreach (var stored in _lifecycle.Proposals)
                if (pairs.Contains((stored.Citizen, stored.Mentor)) || batch.ContainsKey(stored.Id))
                    merged.Add(batch.Remove(stored.Id, out var replaced) ? replaced : stored);
            foreach (var p in proposals) if (batch.Remove(p.Id, out var added)) merged.Add(added);
            RecordValidator.CheckPending(merged, new NamedLocator([], [], merged), problems, pairs);
            problems.ThrowIfAny();
        }
        // The graph needs both ends (the format's rules say so too; this holds whatever they check).
        foreach (var proposal in proposals)
            foreach (var (column, id) in (ReadOnlySpan<(string, string)>)[("citizen", proposal.Citizen), ("mentor", proposal.Mentor)])
                if (id is null || _graph.IndexOf(id) < 0) problems.Add($"proposal '{proposal.Id}'", null, column, id, $"no node has id '{id}'");
        problems.ThrowIfAny();
        var outcome = tie is null ? new EditOutcome(WriteEffect.Unchanged) : UpsertTie(tie);
        var effect = outcome.Effect;
        foreach (var proposal in proposals)
        {
            var old = _lifecycle.Proposal(proposal.Id);
            if (old == proposal) continue;
            if (old is not null) Share(old, -1);
            Share(proposal, +1);
            _lifecycle = _lifecycle.WithProposal(proposal);
            effect = old is null ? WriteEffect.Created : effect == WriteEffect.Unchanged ? WriteEffect.Updated : effect;
        }
        return outcome with { Effect = effect };
    }

    /// <summary>Records an employment change, replacing the one of the same person and day. The graph does not change:
    /// a node's employment is its record's, which the caller updates separately.</summary>
    private EditOutcome UpsertStatus(StatusChange change)
    {
        var problems = new ProblemCollector();
        var person = change.Person is null ? null : Record(change.Person);
        RecordValidator.ValidateLifecycle(person is null ? [] : [person], [], [change], new NamedLocator([], [], null, [change]), problems);
        if (person is null && problems.Count == 0) problems.Add("status change", null, "person", change.Person, $"no node has id '{change.Person}'");
        problems.ThrowIfAny();
        var at = _lifecycle.HistoryAt.TryGetValue((change.Person!, change.Date), out var i) ? i : -1;
        if (at >= 0 && _lifecycle.History[at] == change) return new EditOutcome(WriteEffect.Unchanged);
        _lifecycle = _lifecycle.WithChange(change);
        return new EditOutcome(at >= 0 ? WriteEffect.Updated : WriteEffect.Created);
    }

    /// <summary>Records a coach's meeting with a citizen. The graph does not change: who coaches whom is the coaching ties.</summary>
    private EditOutcome AddContact(ContactRecord contact)
    {
        var ends = new List<NodeRecord>(2);
        if (contact.Coach is not null && Record(contact.Coach) is { } coach) ends.Add(coach);
        if (contact.Citizen is not null && contact.Citizen != contact.Coach && Record(contact.Citizen) is { } citizen) ends.Add(citizen);
        var problems = new ProblemCollector();
        RecordValidator.ValidateContacts(ends, [contact], new NamedLocator(ends, [], contacts: [contact]), problems);
        problems.ThrowIfAny();
        var before = _lifecycle;
        _lifecycle = _lifecycle.WithContact(contact);
        if (ReferenceEquals(before, _lifecycle)) return new EditOutcome(WriteEffect.Unchanged);
        _addedContacts.Add(contact);
        return new EditOutcome(WriteEffect.Created);
    }

    /// <summary>Throws when a node's new kind breaks a proposal or employment change that names it (as
    /// <see cref="DatasetEdits.UpsertNode"/> refuses it): the records naming it are checked against the nodes they name.</summary>
    private void CheckLifecycleStillHolds(NodeRecord node)
    {
        var id = node.Id;
        if (!_lifecycle.Names(id)) return;
        ProposalRecord[] touching = [.. _lifecycle.Proposals.Where(p => p.Citizen == id || p.Mentor == id || p.ProposedBy == id)];
        StatusChange[] changes = [.. _lifecycle.History.Where(c => c.Person == id)];
        var nodes = new List<NodeRecord> { node };
        foreach (var other in touching.SelectMany(p => new[] { p.Citizen, p.Mentor, p.ProposedBy }).Distinct())
            if (other is not null && other != id && Record(other) is { } record) nodes.Add(record);
        DatasetEdits.CheckLifecycleStillHolds(nodes, touching, changes, node);
    }

    /// <summary>The node and every other end of its contacts, for checking them against its new kind.</summary>
    private List<NodeRecord> ContactEnds(NodeRecord node)
    {
        var nodes = new List<NodeRecord> { node };
        var seen = new HashSet<string>(StringComparer.Ordinal) { node.Id };
        foreach (var c in _lifecycle.Contacts)
            if (c.Coach == node.Id || c.Citizen == node.Id)
                foreach (var other in (ReadOnlySpan<string>)[c.Coach, c.Citizen])
                    if (seen.Add(other) && Record(other) is { } record) nodes.Add(record);
        return nodes;
    }

    /// <summary>Adds (+1) or takes away (−1) a proposal's share of the mentoring history on the analysis date.</summary>
    private void Share(ProposalRecord proposal, int step) =>
        _graph.SetProposal(_graph.IndexOf(proposal.Mentor), _graph.IndexOf(proposal.Citizen), proposal.IsPendingOn(_asOf),
            proposal.Status == ProposalStatus.Declined, step);

    /// <summary>The first tie with the same ends and kind takes the new values and its place; repeats go; with none,
    /// the tie is appended.</summary>
    /// <summary>Whether <paramref name="tie"/> replaces <paramref name="stored"/>: the same ends and kind, and with
    /// <paramref name="bySince"/> the same spell (<see cref="DatasetEdits.SameSpell"/>).</summary>
    private static bool Same(TieRecord stored, TieRecord tie, bool bySince) =>
        bySince ? DatasetEdits.SameSpell(stored, tie) : DatasetEdits.Matches(stored, tie.Source, tie.Target, tie.Kind);

    private static TieRecord[] Replaced(TieRecord[] list, TieRecord tie, bool bySince)
    {
        var result = new List<TieRecord>(list.Length + 1);
        var found = false;
        foreach (var stored in list)
        {
            if (!Same(stored, tie, bySince)) { result.Add(stored); continue; }
            if (!found) result.Add(tie);
            found = true;
        }
        if (!found) result.Add(tie);
        return [.. result];
    }

    /// <summary>Brings the graph in line with the ties now between <paramref name="u"/> and <paramref name="v"/>
    /// (<paramref name="before"/>: u's ties before the edit, to know which parts the pair took part in).</summary>
    private void Resolve(int u, int v, TieRecord[] before)
    {
        var vId = Id(v);
        var between = _ties[u].Where(t => t.Source == vId || t.Target == vId).ToArray();
        var touched = between.Concat(before.Where(t => t.Source == vId || t.Target == vId)).ToArray(); // the pair's ties, then and now
        _graph.ResolvePair(u, v, Id(u), vId, between, touched, node => _ties[node]);
    }

    private void AddColumns(NodeRecord node)
    {
        foreach (var (name, _) in node.Attributes)
            if (!_columns.Contains(name)) _columns.Add(name);
    }

    private NodeRecord? Record(string id) => _graph.IndexOf(id) is var u and >= 0 ? _records[u] : null;

    private string Id(int node) => _records[node]?.Id ?? _from.Graph.Id(node);

    private static string Other(TieRecord tie, string id) => tie.Source == id ? tie.Target : tie.Source;
}

/// <summary>What one edit of a <see cref="LiveGraph"/> did.</summary>
/// <param name="Effect">Created, Updated, Unchanged, Deleted or NotFound.</param>
/// <param name="TiesRemoved">Ties removed: by a tie delete, by a node delete, or repeats merged by a tie upsert.</param>
public readonly record struct EditOutcome(WriteEffect Effect, int TiesRemoved = 0);
