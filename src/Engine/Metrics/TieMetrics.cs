using SocialCapital.Graph;

namespace SocialCapital.Metrics;

/// <summary>Computes measures of every person–person contact: class, bridging score, embeddedness, overlap
/// (Onnela et al. 2007), local bridges and their span (Granovetter 1973; networkx <c>local_bridges</c>).
/// Results are ordered by source then target id (ordinal) and identical for any thread count.</summary>
public static class TieMetrics
{
    private const int Chunk = 1024;

    /// <summary>Computes the measures of every contact.</summary>
    /// <param name="graph">The snapshot.</param>
    /// <param name="options">Options; defaults to <see cref="TieMetricsOptions.Default"/>.</param>
    /// <returns>One entry per contact, ordered by source then target id.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="graph"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><see cref="TieMetricsOptions.MaxDegreeOfParallelism"/> is 0 or below -1.</exception>
    /// <exception cref="OperationCanceledException">The options' token was cancelled.</exception>
    public static IReadOnlyList<TieMeasures> Compute(SocialGraph graph, TieMetricsOptions? options = null)
    {
        Guard.NotNull(graph);
        options ??= TieMetricsOptions.Default;
        var threads = Guard.Parallelism(options.MaxDegreeOfParallelism);
        var c = graph.Contacts;
        var n = graph.NodeCount;
        // Row of each contact u < v: the count of forward slots before u, plus v's rank among u's forward slots.
        var firstRow = new int[n + 1];
        for (var u = 0; u < n; u++)
        {
            var forward = 0;
            for (var s = c.Start[u]; s < c.End[u]; s++) if (c.Neighbors[s] > u) forward++;
            firstRow[u + 1] = firstRow[u] + forward;
        }
        var results = new TieMeasures[firstRow[n]];
        var done = 0;
        if (n == 0) return results;
        PooledParallel.ForRanges(n, Chunk, threads, () => new SpanSearch(graph), (from, to, search) =>
        {
            for (var u = from; u < to; u++)
            {
                var row = firstRow[u];
                for (var s = c.Start[u]; s < c.End[u]; s++)
                {
                    var v = c.Neighbors[s];
                    if (v > u) results[row++] = Measure(graph, u, v, s, options.ComputeSpans ? search : null);
                }
            }
            options.Progress?.Report((double)Interlocked.Add(ref done, to - from) / n);
        }, options.CancellationToken);
        return results;
    }

    private static TieMeasures Measure(SocialGraph graph, int u, int v, int slot, SpanSearch? search)
    {
        var c = graph.Contacts;
        var common = SortedLists.CommonCount(graph.Neighbors(u), graph.Neighbors(v));
        double ku = c.Degree(u), kv = c.Degree(v);
        var denominator = (ku - 1) + (kv - 1) - common;
        var isBridge = common == 0;
        return new TieMeasures
        {
            SourceIndex = u,
            TargetIndex = v,
            Source = graph.Id(u),
            Target = graph.Id(v),
            Kinds = c.Kinds[slot],
            Strength = c.Strengths[slot],
            Class = c.Classes[slot],
            BridgingScore = graph.Classifier.Score(u, v),
            Embeddedness = common,
            Overlap = denominator > 0 ? common / denominator : double.NaN,
            LocalBridge = isBridge,
            Span = isBridge && search is not null ? search.Span(u, v) : double.NaN,
        };
    }

    /// <summary>Bidirectional breadth-first search for the shortest u–v path that does not use the contact u–v itself,
    /// one per thread, reused for every local bridge it measures (nothing is allocated per search once its lists have
    /// grown). Each node's mark holds the search's number and the side that reached it, in one array, so a visit costs
    /// one memory access and nothing is cleared between searches. The side with the smaller frontier (by the sum of
    /// its degrees) grows by one level at a time, and the search stops at the first node the other side has reached:
    /// until then each side's visited nodes are exactly its ball, so every meeting joins a node at distance dA from u
    /// to one at distance dB from v and the path found, dA + 1 + dB, is a shortest one (no later node can do better).
    /// The marks are made at the first search, so a computation without spans makes none.</summary>
    private sealed class SpanSearch(SocialGraph graph)
    {
        private readonly Adjacency _contacts = graph.Contacts;
        private int[] _mark = []; // search number × 2 + side, of the last search that reached the node
        private int[] _frontA = new int[16], _frontB = new int[16], _next = new int[16];
        private int _search;

        public double Span(int u, int v)
        {
            if (_mark.Length == 0) _mark = new int[graph.NodeCount];
            if (_search == int.MaxValue / 2 - 1)
            {
                // The numbers would overflow: start again from a clean array (never in practice: 10⁹ searches a thread).
                Array.Clear(_mark);
                _search = 0;
            }
            var own = ++_search << 1;
            _mark[u] = own;
            _mark[v] = own | 1;
            _frontA[0] = u;
            _frontB[0] = v;
            int countA = 1, countB = 1, distA = 0, distB = 0;
            long workA = _contacts.Degree(u), workB = _contacts.Degree(v);
            while (countA > 0 && countB > 0)
            {
                var expandA = workA <= workB;
                var (count, work, met) = expandA
                    ? Expand(_frontA, countA, own, 0, u, v)
                    : Expand(_frontB, countB, own, 1, u, v);
                if (met) return distA + 1 + distB;
                if (expandA)
                {
                    (_frontA, _next) = (_next, _frontA);
                    (countA, workA) = (count, work);
                    distA++;
                }
                else
                {
                    (_frontB, _next) = (_next, _frontB);
                    (countB, workB) = (count, work);
                    distB++;
                }
            }
            return double.PositiveInfinity;
        }

        /// <summary>Grows one side by a level into <see cref="_next"/>: its size and the sum of its degrees, or
        /// <c>met</c> as soon as a node of the other side is reached.</summary>
        private (int Count, long Work, bool Met) Expand(int[] front, int frontCount, int own, int side, int u, int v)
        {
            var mine = own | side;
            var count = 0;
            long work = 0;
            var neighbors = _contacts.Neighbors;
            var mark = _mark;
            for (var f = 0; f < frontCount; f++)
            {
                var x = front[f];
                int start = _contacts.Start[x], end = _contacts.End[x];
                var other = x == u ? v : x == v ? u : -1; // the contact u–v itself is left out
                for (var s = start; s < end; s++)
                {
                    var y = neighbors[s];
                    if (y == other) continue;
                    var m = mark[y];
                    if (m == mine) continue;
                    if (m == (mine ^ 1)) return (0, 0, true);
                    mark[y] = mine;
                    if (count == _next.Length) Array.Resize(ref _next, count * 2);
                    _next[count++] = y;
                    work += _contacts.Degree(y);
                }
            }
            return (count, work, false);
        }
    }
}
