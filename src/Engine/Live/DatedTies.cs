using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using SocialCapital.Graph;
using SocialCapital.Interchange;
using SocialCapital.Model;
using SocialCapital.Storage;

namespace SocialCapital.Live;

/// <summary>A dataset's person–person ties indexed by date: each tie's ends as node indices of a snapshot of the dataset,
/// its strength, kind and days, and each node's ties. For laying out the contacts of many dates at once
/// (<see cref="Contacts"/>, area trends) and for stepping a snapshot from one date to another (<see cref="Step"/>,
/// person trends; the same indices hold in every edited snapshot, as no node is added or removed). Places, mentoring
/// and proposals are not stepped: the trends' measures do not read them. Built in O(nodes + ties); not thread-safe.</summary>
internal sealed class DatedTies
{
    private readonly IReadOnlyList<TieRecord> _ties;
    private readonly int[] _source, _target; // node indices; -1 for a tie to a place
    private readonly int[] _since, _until; // day numbers: active on a day d when since ≤ d < until; none is int.MinValue, int.MaxValue
    private readonly double[] _strength;
    private readonly TieKind[] _kind;
    private readonly int[] _start, _list; // per node, its person–person ties (CSR), in dataset order

    /// <summary>Indexes <paramref name="dataset"/>'s ties on <paramref name="graph"/>, a snapshot built from its nodes.</summary>
    /// <exception cref="ArgumentException">The graph's nodes are not the dataset's.</exception>
    public DatedTies(Dataset dataset, SocialGraph graph)
    {
        _ties = dataset.Ties;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Guard.Parallelism(-1) };
        var resolved = dataset.Resolved ?? RecordValidator.Resolve(dataset.Nodes, dataset.Ties, parallel);
        var index = graph.Nodes.IndicesOf(dataset.Nodes, parallel); // input position → node index
        if (Array.IndexOf(index, -1) >= 0 || index.Length != graph.NodeCount)
            throw new ArgumentException("The graph was not built from this dataset: their nodes differ.", nameof(graph));
        var count = _ties.Count;
        (_source, _target, _since, _until) = (new int[count], new int[count], new int[count], new int[count]);
        (_strength, _kind) = (new double[count], new TieKind[count]);
        // A snapshot file's ties are columns: read those rather than make every record.
        var columns = _ties as SnapshotTies;
        Parallel.For(0, count, parallel, t =>
        {
            var (kind, strength, since, until) = columns?.Dated(t) ?? Dated(_ties[t]);
            if (!kind.IsPersonToPerson()) { _source[t] = _target[t] = -1; return; }
            (_strength[t], _kind[t]) = (strength, kind);
            (_source[t], _target[t]) = (index[resolved.Source[t]], index[resolved.Target[t]]);
            _since[t] = since == SnapshotTies.NoDate ? int.MinValue : since;
            _until[t] = until == SnapshotTies.NoDate ? int.MaxValue : until;
        });
        var n = graph.NodeCount;
        _start = new int[n + 1];
        for (var t = 0; t < count; t++)
        {
            if (_source[t] < 0) continue;
            _start[_source[t] + 1]++;
            _start[_target[t] + 1]++;
        }
        for (var u = 0; u < n; u++) _start[u + 1] += _start[u];
        _list = new int[_start[n]];
        var fill = _start[..n];
        for (var t = 0; t < count; t++)
        {
            if (_source[t] < 0) continue;
            _list[fill[_source[t]]++] = t;
            _list[fill[_target[t]]++] = t;
        }
    }

    /// <summary>Whether tie <paramref name="t"/> is active on a day number: <see cref="TieRecord.IsActiveOn"/> on the columns.</summary>
    private bool ActiveOn(int t, int day) => _since[t] <= day && day < _until[t];

    private static (TieKind Kind, double Strength, int Since, int Until) Dated(TieRecord tie) =>
        (tie.Kind, tie.Strength, SnapshotTies.Day(tie.Since), SnapshotTies.Day(tie.Until));

    /// <summary>The person–person ties active on <paramref name="from"/> but not on <paramref name="to"/> (ended), and
    /// the other way round (started), in dataset order: <see cref="TieRecord.IsActiveOn"/> on the day numbers. O(ties).</summary>
    public (List<int> Ended, List<int> Started) Changes(DateOnly from, DateOnly to)
    {
        List<int> ended = [], started = [];
        int f = from.DayNumber, d = to.DayNumber;
        for (var t = 0; t < _source.Length; t++)
        {
            if (_source[t] < 0) continue;
            bool before = ActiveOn(t, f), after = ActiveOn(t, d);
            if (before && !after) ended.Add(t);
            else if (after && !before) started.Add(t);
        }
        return (ended, started);
    }

    /// <summary>The snapshot with the contact of every pair joined by one of <paramref name="changed"/> summed again from
    /// the pair's ties that <paramref name="isActive"/> holds for, the nodes whose lists changed, and those pairs (each
    /// once, lower index first, in order). The pairs' contacts are made on every core (<paramref name="isActive"/> must
    /// be safe to call so); each changed list is written once
    /// (<see cref="GraphEditor.SetContacts(ReadOnlySpan{ValueTuple{int, int}}, ReadOnlySpan{Contact?})"/>).</summary>
    /// <exception cref="DataValidationException">A pair's active strengths add up past what a double holds (the first
    /// such pair in order).</exception>
    public (SocialGraph Graph, int[] Changed, (int U, int V)[] Pairs) Step(SocialGraph from, List<int> changed, Func<TieRecord, bool> isActive)
    {
        if (changed.Count == 0) return (from, [], []);
        var keys = new long[changed.Count];
        for (var i = 0; i < keys.Length; i++)
        {
            var (u, v) = (_source[changed[i]], _target[changed[i]]);
            keys[i] = u < v ? ((long)u << 32) | (uint)v : ((long)v << 32) | (uint)u;
        }
        Array.Sort(keys);
        var pairs = new List<(int U, int V)>(keys.Length);
        for (var i = 0; i < keys.Length; i++)
            if (i == 0 || keys[i] != keys[i - 1]) pairs.Add(((int)(keys[i] >> 32), (int)keys[i]));
        var contacts = new Contact?[pairs.Count];
        // On every core; a pair whose strengths overflow stops its range, and the first such pair in order is reported.
        var (failedAt, failure) = (pairs.Count, (ExceptionDispatchInfo?)null);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Guard.Parallelism(-1) };
        Parallel.ForEach(Partitioner.Create(0, pairs.Count, 1 << 12), parallel, range =>
        {
            var between = new List<TieRecord>();
            for (var p = range.Item1; p < range.Item2; p++)
            {
                try { contacts[p] = Contact(pairs[p].U, pairs[p].V, between, isActive); }
                catch (DataValidationException e)
                {
                    lock (contacts) if (p < failedAt) (failedAt, failure) = (p, ExceptionDispatchInfo.Capture(e));
                    return;
                }
            }
        });
        failure?.Throw();
        var editor = new GraphEditor(from);
        var span = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(pairs);
        editor.SetContacts(span, contacts);
        return (editor.Build(), [.. editor.Changed], [.. pairs]);
    }

    /// <summary>A pair's contact (<see cref="GraphEditor.ActiveContact"/>) from its ties, found in the shorter of its
    /// ends' lists (both hold them in dataset order); <paramref name="between"/> is scratch.</summary>
    private Contact? Contact(int u, int v, List<TieRecord> between, Func<TieRecord, bool> isActive)
    {
        var (w, other) = _start[u + 1] - _start[u] <= _start[v + 1] - _start[v] ? (u, v) : (v, u);
        between.Clear();
        string uId = "", vId = "";
        for (var i = _start[w]; i < _start[w + 1]; i++)
        {
            var t = _list[i];
            if (_source[t] != other && _target[t] != other) continue;
            var tie = _ties[t];
            between.Add(tie);
            (uId, vId) = _source[t] == u ? (tie.Source, tie.Target) : (tie.Target, tie.Source);
        }
        return GraphEditor.ActiveContact(v, between, isActive, uId, vId);
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

    /// <summary>The contacts of several states at once (<see cref="DatedContacts"/>); state s holds the ties active on
    /// both its dates (one date twice for the state on a date).</summary>
    /// <param name="graph">The snapshot these ties were indexed on.</param>
    /// <param name="states">Each state's two dates.</param>
    /// <param name="useStrengths">Whether a contact weighs its strength, or 1.</param>
    /// <param name="parallel">The threads to use and the token that cancels the work.</param>
    /// <returns>The states' contacts.</returns>
    /// <exception cref="DataValidationException">A pair's or a person's active strengths add up past what a double holds.</exception>
    public DatedContacts Contacts(SocialGraph graph, IReadOnlyList<(DateOnly From, DateOnly To)> states, bool useStrengths, ParallelOptions parallel)
    {
        var count = _ties.Count;
        var mask = new uint[count];
        // Active on both of a state's days (ActiveOn) is since ≤ the earlier and the later < until: two comparisons a
        // state, without a branch.
        var earlier = states.Select(s => Math.Min(s.From.DayNumber, s.To.DayNumber)).ToArray();
        var later = states.Select(s => Math.Max(s.From.DayNumber, s.To.DayNumber)).ToArray();
        Parallel.For(0, count, parallel, t =>
        {
            if (_source[t] < 0) return;
            int since = _since[t], until = _until[t];
            uint bits = 0;
            for (var s = 0; s < earlier.Length; s++) bits |= (uint)((since <= earlier[s] ? 1 : 0) & (later[s] < until ? 1 : 0)) << s;
            mask[t] = bits;
        });
        return DatedContacts.Build(graph, states.Count, _list, _start, _source, _target, mask, _strength, _kind, t => _ties[t], useStrengths, parallel);
    }
}
