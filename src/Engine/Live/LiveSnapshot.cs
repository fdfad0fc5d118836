using System.Collections.Concurrent;
using SocialCapital.Graph;
using SocialCapital.Interchange;
using SocialCapital.Metrics;
using SocialCapital.Model;

namespace SocialCapital.Live;

/// <summary>One state of a <see cref="LiveGraph"/>: the analysis snapshot, the records it was made of, and the area
/// and peer-group measures kept up to date with it. Immutable: later edits make new snapshots and never change this
/// one, so any number of threads may read it while edits go on.</summary>
public sealed class LiveSnapshot
{
    internal readonly Paged<NodeRecord?> Records; // by node index; null for a removed node
    internal readonly Paged<TieRecord[]> Ties; // by node index: every tie touching the node, in the order they came

    internal readonly LifecycleRecords Lifecycle; // proposals, employment changes and contacts
    private CoachingHistory? _coaching; // made on first use
    private EmploymentHistory? _employment; // made on first use
    private TieRecord[]? _mentoring; // made on first use

    internal LiveSnapshot(SocialGraph graph, Paged<NodeRecord?> records, Paged<TieRecord[]> ties, IReadOnlyList<string> attributeColumns,
        int nodeCount, int tieCount, long edits, MeasuresSource measures, LifecycleRecords lifecycle, CoachingHistory? coaching = null,
        EmploymentHistory? employment = null)
    {
        Lifecycle = lifecycle;
        _coaching = coaching;
        _employment = employment;
        Graph = graph;
        Records = records;
        Ties = ties;
        AttributeColumns = attributeColumns;
        NodeCount = nodeCount;
        TieCount = tieCount;
        Edits = edits;
        _source = measures;
        _gate = measures.Gate;
    }

    /// <summary>Where a snapshot's measures come from until they are made: a full pass (the first snapshot), or the
    /// measures of the snapshot before and the nodes the edit changed.</summary>
    internal sealed record MeasuresSource(Func<SocialGraph, LiveMeasures>? Full, LiveSnapshot? Before, IReadOnlyCollection<int>? Changed)
    {
        /// <summary>One lock per line of snapshots (a live graph's, from one full build to the next).</summary>
        public object Gate { get; } = Before?._gate ?? new object();
    }

    private MeasuresSource? _source;
    private LiveMeasures? _measures;
    private readonly object _gate;

    /// <summary>Whether <see cref="Measures"/> has been made (reading it then costs nothing).</summary>
    internal bool HasMeasures => Volatile.Read(ref _measures) is not null;

    /// <summary>Makes the measures of this snapshot and of every snapshot before it that lacks them, oldest first (a
    /// loop, not a recursion: after a cold start the first full pass may finish behind many edits).</summary>
    private LiveMeasures MakeMeasures()
    {
        lock (_gate)
        {
            if (_measures is { } made) return made;
            var chain = new Stack<LiveSnapshot>();
            for (var s = this; s._measures is null; s = s._source!.Before!)
            {
                chain.Push(s);
                if (s._source!.Full is not null) break;
            }
            LiveMeasures? last = null;
            while (chain.TryPop(out var s))
            {
                var source = s._source!;
                last = source.Full is { } full ? full(s.Graph) : source.Before!._measures!.Apply(source.Before.Graph, s.Graph, source.Changed!);
                Volatile.Write(ref s._measures, last);
                s._source = null; // let the snapshots before go
            }
            return last!;
        }
    }

    /// <summary>The analysis snapshot.</summary>
    public SocialGraph Graph { get; }

    /// <summary>The area and peer-group measures of <see cref="Graph"/>.</summary>
    /// <remarks>Made on first use from the measures of the snapshot before (by difference), so an edit made while the
    /// first full pass is still running costs no more than any other; the live graph makes them as it goes.</remarks>
    public LiveMeasures Measures => Volatile.Read(ref _measures) ?? MakeMeasures();

    /// <summary>How many edits the live graph had applied when this snapshot was made (0 for the first).</summary>
    public long Edits { get; }

    /// <summary>The extra attribute columns of the nodes.</summary>
    public IReadOnlyList<string> AttributeColumns { get; }

    /// <summary>The number of ties (of every kind and date).</summary>
    public int TieCount { get; }

    /// <summary>The number of nodes.</summary>
    public int NodeCount { get; }

    /// <summary>Every node, in ordinal order of their ids (O(n)).</summary>
    public IEnumerable<NodeRecord> Nodes
    {
        get
        {
            foreach (var u in Graph.Nodes.InIdOrder())
                if (Records[u] is { } record) yield return record;
        }
    }

    /// <summary>The node with an id, or <see langword="null"/>; O(log n).</summary>
    /// <param name="id">The id.</param>
    /// <returns>The record.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="id"/> is null.</exception>
    public NodeRecord? Node(string id) => Graph.TryGetIndex(Guard.NotNull(id), out var node) ? Records[node] : null;

    /// <summary>The ties touching a node, in the order they came.</summary>
    /// <param name="id">The node's id.</param>
    /// <returns>The ties; empty for an unknown id.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="id"/> is null.</exception>
    public IReadOnlyList<TieRecord> TiesOf(string id) => Graph.TryGetIndex(Guard.NotNull(id), out var node) ? Ties[node] : [];

    /// <summary>The mentoring proposals, in the order they were made (a proposal replaced keeps its place).</summary>
    public IReadOnlyList<ProposalRecord> Proposals => Lifecycle.Proposals;

    /// <summary>The proposal with an id, or <see langword="null"/>.</summary>
    /// <param name="id">The proposal's id.</param>
    /// <returns>The proposal.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="id"/> is null.</exception>
    public ProposalRecord? Proposal(string id) => Lifecycle.Proposal(Guard.NotNull(id));

    /// <summary>The people's dated employment changes, in the order they were recorded (a change replaced keeps its
    /// place). They do not change the graph: a node's employment is its record's.</summary>
    public IReadOnlyList<StatusChange> StatusHistory => Lifecycle.History;

    /// <summary>The coaches' contacts with citizens, in the order they were recorded.</summary>
    public IReadOnlyList<ContactRecord> Contacts => Lifecycle.Contacts;

    /// <summary>A mentor's free places on the analysis date: capacity less current mentees less pending proposals
    /// (never below 0; 0 without a capacity).</summary>
    /// <param name="mentorId">The mentor's id.</param>
    /// <returns>The free places.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="mentorId"/> is null.</exception>
    /// <exception cref="UnknownNodeException">No node has this id.</exception>
    public int FreePlaces(string mentorId)
    {
        var mentor = Graph.IndexOf(Guard.NotNull(mentorId));
        return Graph.Mentoring.FreePlaces(mentor, Graph.Capacity(mentor));
    }

    /// <summary>Every mentoring tie (pairing), past, current or future, once, in node order (O(nodes + their ties)):
    /// with <see cref="Proposals"/> and <see cref="Employment"/>, what the programme report reads
    /// (<c>ProgrammeReport.Of(snapshot.Graph, snapshot.MentoringTies(), snapshot.Proposals, snapshot.Employment)</c>)
    /// without building a dataset. Made on first use and kept with the snapshot.</summary>
    /// <returns>The ties.</returns>
    public IEnumerable<TieRecord> MentoringTies() => Made(ref _mentoring, () => [.. TiesOfKind(TieKind.Mentoring)]);

    /// <summary><see cref="StatusHistory"/> indexed by person, for the programme and coaching reports. Made on first use
    /// (O(changes log changes)) and kept with the snapshot; an edit that records no employment change carries it over.</summary>
    public EmploymentHistory Employment => Made(ref _employment, () => EmploymentHistory.Of(Lifecycle.History));

    /// <summary>The employment index if it has been made, else null.</summary>
    internal EmploymentHistory? MadeEmployment => Volatile.Read(ref _employment);

    /// <summary>A value kept with the snapshot, made on first use; two threads racing keep the first one made.</summary>
    private static T Made<T>(ref T? field, Func<T> make) where T : class
    {
        if (Volatile.Read(ref field) is { } made) return made;
        var value = make();
        return Interlocked.CompareExchange(ref field, value, null) ?? value;
    }

    /// <summary>The coaching history of the snapshot: every coaching tie, past, current or future, and every contact,
    /// indexed by citizen and coach. Made on first use (O(nodes + ties + contacts)) and kept with the snapshot; an edit
    /// that leaves every coaching tie as it was carries a made history over, with its new contacts (O(log n) each), so a
    /// coach reading their caseload after each meeting pays for the meeting only.</summary>
    public CoachingHistory Coaching
    {
        get
        {
            return Made(ref _coaching, () => CoachingHistory.Of(TiesOfKind(TieKind.Coaching), Lifecycle.Contacts));
        }
    }

    private readonly ConcurrentDictionary<string, Lazy<BrokerageResult>> _brokerage = new(StringComparer.Ordinal);

    /// <summary>Every person's brokerage roles under a grouping (<see cref="Brokerage.Compute"/>), made on first use
    /// per grouping (O(Σ k²), once, however many threads ask at once) and kept with the snapshot, so a request reads them.</summary>
    /// <param name="grouping">A name of <see cref="Brokerage.Groupings"/>: <c>area</c>, <c>work_status</c>, … or an
    /// extra column.</param>
    /// <returns>The roles.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="grouping"/> is null.</exception>
    /// <exception cref="InvalidOptionsException"><paramref name="grouping"/> names no grouping of the snapshot.</exception>
    public BrokerageResult BrokerageRoles(string grouping)
    {
        Guard.NotNull(grouping);
        if (_brokerage.TryGetValue(grouping, out var made)) return made.Value;
        if (!Brokerage.Groupings(Graph).Contains(grouping)) return Brokerage.Compute(Graph, grouping); // throws, naming the valid ones; not kept
        return _brokerage.GetOrAdd(grouping, g => new Lazy<BrokerageResult>(() => Brokerage.Compute(Graph, g))).Value;
    }

    /// <summary>How many (resolution, seed) pairs of communities a snapshot keeps; further pairs are computed and not
    /// kept, so callers asking for many pairs cannot grow the snapshot without bound.</summary>
    public const int KeptCommunityRuns = 8;

    private readonly ConcurrentDictionary<(double Resolution, int Seed), Lazy<CommunitiesResult>> _communities = new();

    /// <summary>The Leiden communities of the people (<see cref="Metrics.Communities.Detect"/>) at a resolution and seed, made on
    /// first use per pair (once, however many threads ask at once) and kept with the snapshot for up to
    /// <see cref="KeptCommunityRuns"/> pairs, so a request reads them.</summary>
    /// <param name="resolution">The resolution γ, positive and finite; default 1.</param>
    /// <param name="seed">The seed; default 0.</param>
    /// <returns>The communities.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="resolution"/> is not positive and finite.</exception>
    public CommunitiesResult Communities(double resolution = 1, int seed = 0)
    {
        var options = new CommunitiesOptions { Resolution = resolution, Seed = seed };
        if (_communities.TryGetValue((resolution, seed), out var made)) return made.Value;
        if (!(double.IsFinite(resolution) && resolution > 0) || _communities.Count >= KeptCommunityRuns)
            return Metrics.Communities.Detect(Graph, options); // throws for a bad resolution; else not kept
        return _communities.GetOrAdd((resolution, seed), _ => new Lazy<CommunitiesResult>(() => Metrics.Communities.Detect(Graph, options))).Value;
    }

    /// <summary>The coaching history if it has been made, else null.</summary>
    internal CoachingHistory? MadeCoaching => Volatile.Read(ref _coaching);

    private IEnumerable<TieRecord> TiesOfKind(TieKind kind)
    {
        for (var u = 0; u < Graph.NodeCount; u++)
        {
            if (Records[u] is not { } record) continue;
            foreach (var tie in Ties[u])
                if (tie.Kind == kind && tie.Source == record.Id) yield return tie;
        }
    }

    /// <summary>The person measures of one person, computed from the snapshot on the spot (O(the person's contacts'
    /// degrees)), equal to those of a whole-graph <see cref="PersonMetrics.Compute"/>.</summary>
    /// <param name="id">The person's id.</param>
    /// <returns>The measures.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="id"/> is null.</exception>
    /// <exception cref="UnknownNodeException">No node has this id.</exception>
    /// <exception cref="WrongNodeKindException">The node is a place.</exception>
    public PersonMeasures Person(string id)
    {
        var node = Graph.IndexOf(Guard.NotNull(id));
        if (!Graph.IsPerson(node)) throw new WrongNodeKindException(id, Graph.Kind(node), "person");
        return PersonMetrics.Of(Graph, node);
    }

    /// <summary>The records as a dataset (O(nodes + ties + proposals + changes)): nodes in index order, each tie once,
    /// the ties from one node to another in the order they came, the proposals, employment changes and contacts in their order.</summary>
    /// <returns>The dataset.</returns>
    public Dataset ToDataset()
    {
        var nodes = new List<NodeRecord>(Graph.NodeCount);
        var ties = new List<TieRecord>(TieCount);
        for (var u = 0; u < Graph.NodeCount; u++)
        {
            if (Records[u] is not { } record) continue;
            nodes.Add(record);
            foreach (var tie in Ties[u])
                if (tie.Source == record.Id) ties.Add(tie); // each tie once, from its source's list
        }
        return new Dataset(nodes, ties, AttributeColumns) {
            Proposals = [.. Lifecycle.Proposals],
            StatusHistory = [.. Lifecycle.History],
            Contacts = [.. Lifecycle.Contacts],
        };
    }
}
