using SocialCapital.Graph;
using SocialCapital.Interchange;
using SocialCapital.Model;

namespace SocialCapital.Live;

/// <summary>A dataset's person–person ties indexed for stepping a snapshot from one date to another (<see cref="Trends"/>):
/// each tie's ends as node indices of the first snapshot, and each node's ties (the same indices hold in every edited
/// snapshot, as no node is added or removed). Places, mentoring and proposals are not stepped: the area measures do
/// not read them. Built in O(nodes + ties); not thread-safe.</summary>
internal sealed class DatedTies
{
    private readonly IReadOnlyList<TieRecord> _ties;
    private readonly int[] _source, _target; // node indices; -1 for a tie to a place
    private readonly int[] _start, _list; // per node, its person–person ties (CSR)

    public DatedTies(Dataset dataset, SocialGraph graph)
    {
        _ties = dataset.Ties;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Guard.Parallelism(-1) };
        var resolved = dataset.Resolved ?? RecordValidator.Resolve(dataset.Nodes, dataset.Ties, parallel);
        var index = new int[dataset.Nodes.Count]; // input position → node index
        Parallel.For(0, index.Length, parallel, i => index[i] = graph.IndexOf(dataset.Nodes[i].Id));
        var n = graph.NodeCount;
        _source = new int[_ties.Count];
        _target = new int[_ties.Count];
        _start = new int[n + 1];
        for (var t = 0; t < _ties.Count; t++)
        {
            if (!_ties[t].Kind.IsPersonToPerson()) { _source[t] = _target[t] = -1; continue; }
            var (u, v) = (index[resolved.Source[t]], index[resolved.Target[t]]);
            (_source[t], _target[t]) = (u, v);
            _start[u + 1]++;
            _start[v + 1]++;
        }
        for (var u = 0; u < n; u++) _start[u + 1] += _start[u];
        _list = new int[_start[n]];
        var fill = _start[..n];
        for (var t = 0; t < _ties.Count; t++)
        {
            if (_source[t] < 0) continue;
            _list[fill[_source[t]]++] = t;
            _list[fill[_target[t]]++] = t;
        }
    }

    /// <summary>The person–person ties active on <paramref name="from"/> but not on <paramref name="to"/> (ended), and
    /// the other way round (started), in dataset order. O(ties).</summary>
    public (List<int> Ended, List<int> Started) Changes(DateOnly from, DateOnly to)
    {
        List<int> ended = [], started = [];
        for (var t = 0; t < _ties.Count; t++)
        {
            if (_source[t] < 0) continue;
            var tie = _ties[t];
            if (tie.Since is null && tie.Until is null) continue; // always active
            bool before = tie.IsActiveOn(from), after = tie.IsActiveOn(to);
            if (before && !after) ended.Add(t);
            else if (after && !before) started.Add(t);
        }
        return (ended, started);
    }

    /// <summary>The snapshot with the contact of every pair joined by one of <paramref name="changed"/> summed again from
    /// the pair's ties that <paramref name="isActive"/> holds for, the nodes whose lists changed, and those pairs (each
    /// once, lower index first, in order).</summary>
    public (SocialGraph Graph, int[] Changed, (int U, int V)[] Pairs) Step(SocialGraph from, List<int> changed, Func<TieRecord, bool> isActive)
    {
        if (changed.Count == 0) return (from, [], []);
        var editor = new GraphEditor(from);
        var pairs = new SortedSet<(int, int)>();
        foreach (var t in changed)
        {
            var (u, v) = (_source[t], _target[t]);
            pairs.Add(u < v ? (u, v) : (v, u));
        }
        var between = new List<TieRecord>();
        foreach (var (u, v) in pairs)
        {
            between.Clear();
            for (var i = _start[u]; i < _start[u + 1]; i++)
            {
                var t = _list[i];
                if (_source[t] == v || _target[t] == v) between.Add(_ties[t]);
            }
            GraphEditor.SetContact(editor, u, v, GraphEditor.ActiveContact(v, between, isActive, from.Id(u), from.Id(v)));
        }
        var graph = editor.Build();
        return (graph, [.. editor.Changed], [.. pairs]);
    }

    /// <summary>How many of <paramref name="ties"/> have <paramref name="node"/> as an end. O(ties given).</summary>
    public int Touching(List<int> ties, int node)
    {
        var count = 0;
        foreach (var t in ties) if (_source[t] == node || _target[t] == node) count++;
        return count;
    }

    /// <summary>How many of <paramref name="ties"/> have an end resident in each area (a tie once per area).</summary>
    public Dictionary<string, int> ByArea(SocialGraph graph, List<int> ties)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var t in ties)
        {
            string? a = graph.Area(_source[t]), b = graph.Area(_target[t]);
            if (a is not null) counts[a] = counts.GetValueOrDefault(a) + 1;
            if (b is not null && b != a) counts[b] = counts.GetValueOrDefault(b) + 1;
        }
        return counts;
    }
}
