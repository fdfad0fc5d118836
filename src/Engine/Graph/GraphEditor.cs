using SocialCapital.Model;
using SocialCapital.Ties;

namespace SocialCapital.Graph;

/// <summary>One contact as an edit gives it: the other end, the exact summed strength of the active ties between the
/// two, and their kinds. Its class is worked out when the edit is built, under the snapshot's policy.</summary>
internal readonly record struct Contact(int Neighbor, double Strength, ContactKinds Kinds);

/// <summary>Changes a snapshot into the next one, sharing everything it does not change: node columns copy only the
/// pages they write (<see cref="Paged{T}"/>), a changed contact list is written after the last used slot of the shared
/// slot columns and the node pointed at it, changed short lists replace one entry of a persistent map. Work and memory
/// are proportional to the change, never to the graph. The caller keeps the graph consistent (both directions of a
/// contact, a removed node's contacts and places gone first); the editor keeps the derived parts in step: the classes of
/// every contact whose ends changed, the classifier's codes, the census. Not thread-safe; the snapshot it starts from
/// is never changed, so readers of it are not disturbed.</summary>
internal sealed class GraphEditor
{
    private readonly SocialGraph _from;
    private readonly Utf8Column.Editor _ids;
    private readonly Paged<NodeKind>.Editor _kinds;
    private readonly CodeColumn.Editor _areas;
    private readonly Paged<Employment>.Editor _employment;
    private readonly Paged<AgeBand>.Editor _ageBands;
    private readonly CodeColumn.Editor _sectors;
    private readonly CodeColumn.Editor _hubs;
    private readonly Paged<double>.Editor _ses;
    private readonly Paged<int>.Editor _capacity;
    private readonly List<string> _attributeNames;
    private readonly List<CodeColumn.Editor> _attributes;
    private readonly List<StringTable> _attributeTables;
    private NodeLists<int> _languages, _skills, _goals, _specialisms;
    private System.Collections.Immutable.ImmutableDictionary<string, int> _moved;
    private Affiliations _places;
    private MentoringHistory _mentoring;
    private Census _census;
    private readonly Dictionary<int, ReadOnlyMemory<Contact>> _lists = [];
    private readonly HashSet<int> _recorded = []; // nodes whose record changed: their contacts are classed again
    private readonly HashSet<int> _changed = [];

    public GraphEditor(SocialGraph from)
    {
        _from = from;
        var nodes = from.Nodes;
        _ids = nodes.Ids.Edit();
        _kinds = nodes.Kinds.Edit();
        _areas = nodes.AreaCodes.Edit();
        _employment = nodes.Employment.Edit();
        _ageBands = nodes.AgeBands.Edit();
        _sectors = nodes.SectorCodes.Edit();
        _hubs = nodes.HubCodes.Edit();
        _ses = nodes.Ses.Edit();
        _capacity = nodes.Capacity.Edit();
        _attributeNames = [.. nodes.AttributeNames];
        _attributes = [.. nodes.AttributeCodes.Select(c => c.Edit())];
        _attributeTables = [.. nodes.AttributeTables];
        _languages = nodes.Languages;
        _skills = nodes.Skills;
        _goals = nodes.Goals;
        _specialisms = nodes.Specialisms;
        _moved = nodes.Moved;
        _places = from.Places;
        _mentoring = from.Mentoring;
        _census = from.People;
    }

    /// <summary>The snapshot the edit started from.</summary>
    public SocialGraph From => _from;

    /// <summary>The number of node indices so far.</summary>
    public int NodeCount => _ids.Length;

    /// <summary>Every node whose record, contact list or places changed so far.</summary>
    public IReadOnlyCollection<int> Changed => _changed;

    /// <summary>A node's index as edited so far, or -1.</summary>
    public int IndexOf(string id)
    {
        return _moved.TryGetValue(id, out var moved) ? moved : _from.Nodes.IndexOf(id);
    }

    /// <summary>A node's contacts as edited so far.</summary>
    public ReadOnlySpan<Contact> ContactsOf(int node)
    {
        if (_lists.TryGetValue(node, out var list)) return list.Span;
        return node < _from.NodeCount ? Current(node) : [];
    }

    /// <summary>A person's places as edited so far.</summary>
    public ReadOnlySpan<int> PlacesOf(int person) => _places.PlacesOf(person);

    /// <summary>Adds a node at the next index; it has no contacts or places yet.</summary>
    public int AddNode(NodeRecord node)
    {
        var index = _ids.Length;
        _ids.Add(node.Id);
        _kinds.Add(default);
        _areas.Add(0);
        _employment.Add(default);
        _ageBands.Add(default);
        _sectors.Add(0);
        _hubs.Add(0);
        _ses.Add(double.NaN);
        _capacity.Add(-1);
        foreach (var column in _attributes) column.Add(0);
        _moved = _moved.SetItem(node.Id, index);
        _kinds[index] = NodeTable.Removed; // counted in by SetNode
        SetNode(index, node);
        return index;
    }

    /// <summary>Sets a node's record (its id stays); its contacts are classed again when the edit is built.</summary>
    public void SetNode(int u, NodeRecord node)
    {
        var nodes = _from.Nodes;
        _census = _census.With(_kinds[u], _employment[u], -1).With(node.Kind, node.Employment, +1);
        _kinds[u] = node.Kind;
        _areas[u] = nodes.AreaTable.Code(node.Area);
        _employment[u] = node.Employment;
        _ageBands[u] = node.AgeBand;
        _sectors[u] = nodes.SectorTable.Code(node.Sector);
        _hubs[u] = nodes.HubTable.Code(node.Hub);
        _ses[u] = node.Ses ?? double.NaN;
        _capacity[u] = node.Capacity ?? -1;
        _languages = _languages.With(u, Codes(node.Languages));
        _skills = _skills.With(u, Codes(node.Skills));
        _goals = _goals.With(u, Codes(node.Goals));
        _specialisms = _specialisms.With(u, Codes(node.Specialisms));
        foreach (var (name, _) in node.Attributes)
            if (!_attributeNames.Contains(name))
            {
                _attributeNames.Add(name);
                _attributes.Add(CodeColumn.Zeros(_ids.Length).Edit());
                _attributeTables.Add(new StringTable());
            }
        for (var a = 0; a < _attributeNames.Count; a++) _attributes[a][u] = _attributeTables[a].Code(node.Attributes.GetValueOrDefault(_attributeNames[a]));
        _recorded.Add(u);
        _changed.Add(u);
    }

    /// <summary>Leaves a node's index vacant; its contacts and places must be gone already.</summary>
    public void RemoveNode(int u)
    {
        _census = _census.With(_kinds[u], _employment[u], -1);
        _kinds[u] = NodeTable.Removed;
        _areas[u] = 0;
        _moved = _moved.SetItem(System.Text.Encoding.UTF8.GetString(_ids[u]), -1);
        _changed.Add(u);
    }

    /// <summary>Replaces a node's contact list (sorted by neighbour, each once).</summary>
    public void SetContacts(int u, Contact[] contacts)
    {
        _lists[u] = contacts;
        _changed.Add(u);
    }

    /// <summary>Replaces a person's places (in index order, each once) and the members of the places concerned.</summary>
    public void SetPlaces(int person, int[] places, TieKind[] kinds)
    {
        foreach (var place in _places.PlacesOf(person)) _changed.Add(place);
        foreach (var place in places) _changed.Add(place);
        _places = _places.WithPlaces(person, places, kinds);
        _changed.Add(person);
    }

    /// <summary>Sets whether a mentoring tie joins a pair, and whether one is active.</summary>
    public void SetMentoring(int mentor, int mentee, bool ever, bool active)
    {
        _mentoring = _mentoring.WithPair(mentor, mentee, ever, active);
        _changed.Add(mentor);
        _changed.Add(mentee);
    }

    /// <summary>Sets a mentee's last pairing event (the latest start or end of their pairings up to the analysis date).</summary>
    public void SetLastPairing(int mentee, DateOnly? date) => _mentoring = _mentoring.WithLastPairing(mentee, date);

    /// <summary>Adds (<paramref name="step"/> +1) or takes away (−1) one proposal's share: a place it holds while pending,
    /// a pair it rules out once declined. Node contacts and records do not change.</summary>
    public void SetProposal(int mentor, int citizen, bool pending, bool declined, int step) =>
        _mentoring = _mentoring.WithProposal(mentor, citizen, pending, declined, step);

    /// <summary>Brings the graph in line with the ties now between <paramref name="u"/> and <paramref name="v"/>: their
    /// contact (<see cref="ActiveContact"/>) when a person–person tie between them is or was there, the places of a
    /// person whose membership or employment tie to the other is or was there, and the state of a mentoring pair and
    /// its mentee's last pairing. The one rule of how a pair's ties make the graph, for every edit of ties (the live
    /// graph's, a what-if's); a build of the same records gives the same graph.</summary>
    /// <param name="u">One end.</param>
    /// <param name="v">The other end.</param>
    /// <param name="uId">The id of <paramref name="u"/>.</param>
    /// <param name="vId">The id of <paramref name="v"/>.</param>
    /// <param name="between">The ties between the two now, in the order they came.</param>
    /// <param name="touched">The ties between the two now and before the edit: which parts the pair took part in.</param>
    /// <param name="tiesOf">Every tie touching a node now, in the order they came (asked for the ends only).</param>
    /// <exception cref="DataValidationException">The active ties' strengths add up to more than a double holds.</exception>
    public void ResolvePair(int u, int v, string uId, string vId, IReadOnlyList<TieRecord> between, IReadOnlyList<TieRecord> touched,
        Func<int, IReadOnlyList<TieRecord>> tiesOf)
    {
        var asOf = _from.AsOf;
        if (touched.Any(t => t.Kind.IsPersonToPerson())) SetContact(this, u, v, ActiveContact(v, between, t => t.IsActiveOn(asOf), uId, vId));
        foreach (var person in touched.Where(t => !t.Kind.IsPersonToPerson()).Select(t => t.Source).Distinct())
            SetPlacesFrom(IndexOf(person), person, tiesOf);
        foreach (var (mentor, mentee) in touched.Where(t => t.Kind == TieKind.Mentoring).Select(t => (t.Source, t.Target)).Distinct())
        {
            var pair = between.Where(t => t.Kind == TieKind.Mentoring && t.Source == mentor && t.Target == mentee).ToArray();
            SetMentoring(IndexOf(mentor), IndexOf(mentee), pair.Length > 0, pair.Any(t => t.IsActiveOn(asOf)));
            var menteeIndex = IndexOf(mentee);
            DateOnly? last = null;
            foreach (var t in tiesOf(menteeIndex))
                if (t.Kind == TieKind.Mentoring && t.Target == mentee && MentoringHistory.PairingEvent(t, asOf) is { } d && (last is null || d > last))
                    last = d;
            SetLastPairing(menteeIndex, last);
        }
    }

    /// <summary>The contact of a pair from the ties between them (<paramref name="between"/>, of any kind): the summed
    /// strength (<see cref="ContactStrength"/>) and the kinds of the person–person ties <paramref name="isActive"/>
    /// holds for, seen from <paramref name="uId"/>'s side (its neighbour <paramref name="v"/>); null without one. The
    /// one rule of a contact for the live edits, a what-if's and the dated steps of trends.</summary>
    /// <exception cref="DataValidationException">The strengths add up to more than a double holds.</exception>
    public static Contact? ActiveContact(int v, IReadOnlyList<TieRecord> between, Func<TieRecord, bool> isActive, string uId, string vId)
    {
        var strengths = new List<double>(between.Count);
        var kinds = ContactKinds.None;
        foreach (var tie in between)
        {
            if (!tie.Kind.IsPersonToPerson() || !isActive(tie)) continue;
            strengths.Add(tie.Strength);
            kinds |= tie.Kind.ToContactKinds();
        }
        if (strengths.Count == 0) return null;
        return ContactOf(v, System.Runtime.InteropServices.CollectionsMarshal.AsSpan(strengths), kinds, uId, vId, () => between[^1]);
    }

    /// <summary>A contact from the strengths and kinds of its active ties (at least one): the sum
    /// (<see cref="ContactStrength"/>), checked to be finite — else an error naming <paramref name="named"/>'s tie.</summary>
    /// <exception cref="DataValidationException">The strengths add up to more than a double holds.</exception>
    public static Contact ContactOf(int v, Span<double> strengths, ContactKinds kinds, string uId, string vId, Func<TieRecord> named) =>
        ContactOf(v, strengths, kinds, (uId, vId, named), static s => SocialGraphBuilder.StrengthProblem(s.named(), SocialGraphBuilder.PairOverflow(s.uId, s.vId)));

    /// <summary>As above, the error made from <paramref name="state"/> only when the sum overflows: no ids looked up and
    /// no closure made per contact where many are summed.</summary>
    public static Contact ContactOf<TState>(int v, Span<double> strengths, ContactKinds kinds, TState state, Func<TState, DataValidationException> overflow)
    {
        var strength = ContactStrength.Sum(strengths);
        if (!double.IsFinite(strength)) throw overflow(state);
        return new Contact(v, strength, kinds);
    }

    /// <summary>Puts a pair's contact (or none) in both their lists.</summary>
    public static void SetContact(GraphEditor graph, int u, int v, Contact? contact) => graph.SetContacts([(u, v)], [contact]);

    /// <summary>Puts each pair's contact (or none) in both their lists, as <see cref="SetContact"/> one pair after the
    /// other would, but each changed list is merged once: a node in many pairs costs its list once, not once a pair.
    /// The ends count as changed in the order the pairs name them.</summary>
    /// <param name="pairs">Pairs of two nodes, each pair once (in either order).</param>
    /// <param name="contacts">Each pair's contact seen from its first end (its neighbour the second), or null for none.</param>
    public void SetContacts(ReadOnlySpan<(int U, int V)> pairs, ReadOnlySpan<Contact?> contacts)
    {
        // Each pair from both ends, ordered by node, then neighbour: a node's changes are one run, in its list's order.
        var keys = new long[2 * pairs.Length];
        var entries = new int[2 * pairs.Length]; // 2 × pair + 0 from its first end, + 1 from its second
        for (var p = 0; p < pairs.Length; p++)
        {
            var (u, v) = pairs[p];
            (keys[2 * p], entries[2 * p]) = (((long)u << 32) | (uint)v, 2 * p);
            (keys[(2 * p) + 1], entries[(2 * p) + 1]) = (((long)v << 32) | (uint)u, (2 * p) + 1);
        }
        Array.Sort(keys, entries);
        var changes = new (int Neighbor, Contact? Contact)[keys.Length];
        var runs = new List<int>(); // where each node's changes start
        for (var i = 0; i < keys.Length; i++)
        {
            if (i == 0 || keys[i] >> 32 != keys[i - 1] >> 32) runs.Add(i);
            var neighbor = (int)keys[i];
            changes[i] = (neighbor, contacts[entries[i] >> 1] is { } c ? c with { Neighbor = neighbor } : null);
        }
        runs.Add(keys.Length);
        // Each list is merged in place: a node's new array holds its list as it was at the end, room for its changes
        // before, and is merged from its start (Merged), no copy of the old list made first. The lists are only read
        // meanwhile, so a big batch merges on every core.
        var lists = new ReadOnlyMemory<Contact>[runs.Count - 1];
        void Merge(int r)
        {
            var (node, count) = ((int)(keys[runs[r]] >> 32), runs[r + 1] - runs[r]);
            var part = new Contact[EditedDegree(node) + count];
            if (_lists.TryGetValue(node, out var list)) list.Span.CopyTo(part.AsSpan(count));
            else if (node < _from.NodeCount) Current(node, part.AsSpan(count));
            lists[r] = part.AsMemory(0, Merged(part, changes.AsSpan(runs[r], count)));
        }
        if (keys.Length < ParallelChanges) for (var r = 0; r < lists.Length; r++) Merge(r);
        else Parallel.For(0, lists.Length, new ParallelOptions { MaxDegreeOfParallelism = Guard.Parallelism(-1) }, Merge);
        foreach (var (u, v) in pairs) { _changed.Add(u); _changed.Add(v); }
        for (var r = 0; r < lists.Length; r++) _lists[(int)(keys[runs[r]] >> 32)] = lists[r];
    }

    /// <summary>A node's degree as edited so far.</summary>
    private int EditedDegree(int node) =>
        _lists.TryGetValue(node, out var list) ? list.Length : node < _from.NodeCount ? _from.Contacts.Degree(node) : 0;

    /// <summary>Makes <paramref name="changes"/> (sorted by neighbour, each once) to the list (sorted by neighbour, each
    /// once) at the end of <paramref name="part"/>, after room for one contact a change: a contact replaces the one to its
    /// neighbour or is put in its place, a null takes that one out. The list is read ahead of where the result is
    /// written (before the k-th last change is written, k slots at least lie between), so it is merged in place, to
    /// the start of the part. Returns the result's length.</summary>
    private static int Merged(Span<Contact> part, ReadOnlySpan<(int Neighbor, Contact? Contact)> changes)
    {
        int read = changes.Length, write = 0;
        foreach (var (neighbor, contact) in changes)
        {
            while (read < part.Length && part[read].Neighbor < neighbor) part[write++] = part[read++];
            if (read < part.Length && part[read].Neighbor == neighbor) read++;
            if (contact is { } c) part[write++] = c;
        }
        while (read < part.Length) part[write++] = part[read++];
        return write;
    }

    /// <summary>A person's places: the places of their active membership and employment ties, each once, in index order.</summary>
    private void SetPlacesFrom(int person, string id, Func<int, IReadOnlyList<TieRecord>> tiesOf)
    {
        var asOf = _from.AsOf;
        var places = new SortedDictionary<int, TieKind>();
        foreach (var tie in tiesOf(person))
            if (tie.Source == id && !tie.Kind.IsPersonToPerson() && tie.IsActiveOn(asOf))
                places.TryAdd(IndexOf(tie.Target), tie.Kind);
        SetPlaces(person, [.. places.Keys], [.. places.Values]);
    }

    /// <summary>The next snapshot.</summary>
    public SocialGraph Build()
    {
        var old = _from.Nodes;
        var attributes = _attributes.Select(a => a.ToColumn()).ToArray();
        var nodes = new NodeTable
        {
            Ids = _ids.ToColumn(),
            Kinds = _kinds.ToPaged(),
            AreaCodes = _areas.ToColumn(),
            AreaNames = Names(old.AreaNames, old.AreaTable),
            Employment = _employment.ToPaged(),
            AgeBands = _ageBands.ToPaged(),
            SectorCodes = _sectors.ToColumn(),
            SectorNames = Names(old.SectorNames, old.SectorTable),
            HubCodes = _hubs.ToColumn(),
            HubNames = Names(old.HubNames, old.HubTable),
            Ses = _ses.ToPaged(),
            Capacity = _capacity.ToPaged(),
            Terms = Names(old.Terms, old.TermTable),
            Languages = _languages,
            Skills = _skills,
            Goals = _goals,
            Specialisms = _specialisms,
            AttributeNames = [.. _attributeNames],
            AttributeCodes = attributes,
            AttributeValues = [.. _attributeTables.Select((t, a) => a < old.AttributeValues.Length ? Names(old.AttributeValues[a], t) : t.ToArray())],
            OrdinalCount = old.OrdinalCount,
            Moved = _moved,
            AreaTable = old.AreaTable,
            SectorTable = old.SectorTable,
            HubTable = old.HubTable,
            TermTable = old.TermTable,
            AttributeTables = [.. _attributeTables],
        };
        var classifier = _recorded.Count == 0 ? _from.Classifier : _from.Classifier.With(nodes, _recorded);
        // A changed record can change the class of each of its contacts, seen from either end.
        foreach (var u in _recorded)
            foreach (var contact in ContactsOf(u))
                if (!_lists.ContainsKey(contact.Neighbor)) _lists[contact.Neighbor] = Current(contact.Neighbor);
        foreach (var u in _recorded) if (!_lists.ContainsKey(u)) _lists[u] = ContactsOf(u).ToArray();
        foreach (var u in _lists.Keys) _changed.Add(u);
        var contacts = WriteLists(nodes.Count, classifier);
        return new SocialGraph(nodes, contacts, _places, _mentoring, classifier, _from.TiePolicy, _from.AsOf, _census);
    }

    /// <summary>Writes every changed list after the last used slot (growing the slot columns by half when they are
    /// full) and points its node at it; unchanged lists and slots are shared with the snapshot edited. The lists go in
    /// node order; a big edit's slots are filled on every core (each list's slots its own, the rest only read).</summary>
    private Adjacency WriteLists(int nodeCount, TieClassifier classifier)
    {
        var c = _from.Contacts;
        var start = c.Start.Edit();
        var end = c.End.Edit();
        while (start.Length < nodeCount) { start.Add(0); end.Add(0); }
        var order = new int[_lists.Count];
        var lists = new ReadOnlyMemory<Contact>[_lists.Count];
        _lists.Keys.CopyTo(order, 0);
        _lists.Values.CopyTo(lists, 0);
        Array.Sort(order, lists);
        var used = c.SlotsUsed;
        var at = new int[order.Length + 1]; // where each list's slots start, counted from the first free slot
        for (var k = 0; k < order.Length; k++) at[k + 1] = at[k] + lists[k].Length;
        var needed = at[^1];
        var (neighbors, kinds, classes) = (c.Neighbors, c.Kinds, c.Classes);
        if (used + needed > neighbors.Length)
        {
            var length = Math.Max(used + needed, neighbors.Length + neighbors.Length / 2 + 64);
            neighbors = Grown(neighbors, length, used);
            kinds = Grown(kinds, length, used);
            classes = Grown(classes, length, used);
        }
        var strengths = new double[needed];
        void Fill(int k)
        {
            var (u, first) = (order[k], at[k]);
            var list = lists[k].Span;
            // A contact the snapshot edited has too (same neighbour, same kinds) keeps its class unless an end's record
            // changed: the class reads only the two records and the kinds. Both lists are in neighbour order.
            var kept = !_recorded.Contains(u) && u < c.NodeCount;
            int s = kept ? c.Start[u] : 0, e = kept ? c.End[u] : 0;
            for (var i = 0; i < list.Length; i++)
            {
                var (v, strength, contactKinds) = list[i];
                while (s < e && c.Neighbors[s] < v) s++;
                neighbors[used + first + i] = v;
                kinds[used + first + i] = contactKinds;
                classes[used + first + i] = s < e && c.Neighbors[s] == v && c.Kinds[s] == contactKinds && !_recorded.Contains(v)
                    ? c.Classes[s] : classifier.Classify(u, v, contactKinds);
                strengths[first + i] = strength;
            }
        }
        if (needed < ParallelSlots) for (var k = 0; k < order.Length; k++) Fill(k);
        else Parallel.For(0, order.Length, new ParallelOptions { MaxDegreeOfParallelism = Guard.Parallelism(-1) }, Fill);
        var live = c.LiveSlots;
        for (var k = 0; k < order.Length; k++)
        {
            var u = order[k];
            live += lists[k].Length - (u < c.NodeCount ? c.Degree(u) : 0);
            start[u] = used + at[k];
            end[u] = used + at[k + 1];
        }
        return new Adjacency(start.ToPaged(), end.ToPaged(), neighbors, c.Strengths.Written(used, strengths), kinds, classes, used + needed, live);
    }

    /// <summary>Slots an edit writes from which it fills them on every core; fewer cost less than starting the tasks.</summary>
    private const int ParallelSlots = 1 << 16;

    /// <summary>Pair ends a batch changes from which it merges the lists on every core.</summary>
    private const int ParallelChanges = 1 << 12;

    private Contact[] Current(int u)
    {
        var list = new Contact[_from.Contacts.Degree(u)];
        Current(u, list);
        return list;
    }

    /// <summary>Copies a node's contacts in the snapshot edited to <paramref name="into"/> (at least its degree long).</summary>
    private void Current(int u, Span<Contact> into)
    {
        var c = _from.Contacts;
        for (int s = c.Start[u], i = 0; s < c.End[u]; s++, i++) into[i] = new Contact(c.Neighbors[s], c.Strengths[s], c.Kinds[s]);
    }

    private int[] Codes(IReadOnlyList<string> terms)
    {
        var codes = new int[terms.Count];
        for (var i = 0; i < codes.Length; i++) codes[i] = _from.Nodes.TermTable.Code(terms[i]);
        return codes;
    }

    /// <summary>The snapshot's names, or a longer copy when the edit interned new ones.</summary>
    private static string?[] Names(string?[] names, StringTable table) => table.Count == names.Length ? names : table.ToArray();

    private static T[] Grown<T>(T[] array, int length, int used)
    {
        var grown = new T[length];
        array.AsSpan(0, used).CopyTo(grown);
        return grown;
    }
}
