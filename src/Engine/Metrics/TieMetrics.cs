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

    /// <summary>Bidirectional breadth-first search for the shortest u–v path that does not use the contact
    /// u–v itself. Scratch is stamped per search, so it is never cleared; it is made at the first search, so a
    /// computation without spans makes none.</summary>
    private sealed class SpanSearch(SocialGraph graph)
    {
        private int[] _stamp = [];
        private int[] _side = [];
        private int[] _dist = [];
        private List<int> _frontA = [], _frontB = [], _next = [];
        private int _search;

        public double Span(int u, int v)
        {
            if (_stamp.Length == 0)
            {
                _stamp = new int[graph.NodeCount];
                _side = new int[graph.NodeCount];
                _dist = new int[graph.NodeCount];
            }
            _search++;
            Visit(u, 0, 0);
            Visit(v, 1, 0);
            _frontA.Clear(); _frontA.Add(u);
            _frontB.Clear(); _frontB.Add(v);
            while (_frontA.Count > 0 && _frontB.Count > 0)
            {
                var expandA = Work(_frontA) <= Work(_frontB);
                var best = Expand(expandA ? _frontA : _frontB, expandA ? 0 : 1, u, v);
                if (expandA) (_frontA, _next) = (_next, _frontA);
                else (_frontB, _next) = (_next, _frontB);
                if (best < int.MaxValue) return best;
            }
            return double.PositiveInfinity;
        }

        /// <summary>Expands one whole level; returns the shortest meeting found, or int.MaxValue.</summary>
        private int Expand(List<int> front, int side, int u, int v)
        {
            _next.Clear();
            var best = int.MaxValue;
            foreach (var x in front)
            {
                var dx = _dist[x];
                foreach (var y in graph.Neighbors(x))
                {
                    if ((x == u && y == v) || (x == v && y == u)) continue;
                    if (_stamp[y] == _search)
                    {
                        if (_side[y] != side) best = Math.Min(best, dx + 1 + _dist[y]);
                        continue;
                    }
                    Visit(y, side, dx + 1);
                    _next.Add(y);
                }
            }
            return best;
        }

        private void Visit(int node, int side, int dist)
        {
            _stamp[node] = _search;
            _side[node] = side;
            _dist[node] = dist;
        }

        private long Work(List<int> front)
        {
            long sum = 0;
            foreach (var x in front) sum += graph.Degree(x);
            return sum;
        }
    }
}
