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
        // Each contact names both ends: one string per node, shared by its rows (the snapshot holds ids as UTF-8).
        var ids = graph.Nodes.Ids.ToStrings();
        // Every thread's search reads the node ranges from one array (start and end side by side), made at the first search.
        var ranges = new Lazy<int[]>(() =>
        {
            var made = new int[2 * n];
            for (var u = 0; u < n; u++) (made[2 * u], made[2 * u + 1]) = (c.Start[u], c.End[u]);
            return made;
        });
        PooledParallel.ForRanges(n, Chunk, threads, () => new SpanSearch(graph, () => ranges.Value), (from, to, search) =>
        {
            for (var u = from; u < to; u++)
            {
                var row = firstRow[u];
                for (var s = c.Start[u]; s < c.End[u]; s++)
                {
                    var v = c.Neighbors[s];
                    if (v > u) results[row++] = Measure(graph, ids, u, v, s, options.ComputeSpans ? search : null);
                }
            }
            options.Progress?.Report((double)Interlocked.Add(ref done, to - from) / n);
        }, options.CancellationToken);
        return results;
    }

    private static TieMeasures Measure(SocialGraph graph, string[] ids, int u, int v, int slot, SpanSearch? search)
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
            Source = ids[u],
            Target = ids[v],
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
    /// grown). Each side lists the nodes it reaches in order, its levels one after another, so its frontier is the
    /// list's last stretch; a node's mark is one byte (which end reached it), so a thread's marks stay in its core's
    /// cache on a graph of a million people, and the listed nodes are unmarked after each search. The side with the
    /// smaller frontier grows by one level at a time, and the search stops at the first node the other side has
    /// reached: until then each side's marked nodes are exactly its ball, so every meeting joins a node at distance dA
    /// from u to one at distance dB from v and the path found, dA + 1 + dB, is a shortest one. The node ranges are read
    /// from one array (start and end side by side); they and the marks are made at the first search, so a computation
    /// without spans makes none.</summary>
    private sealed class SpanSearch(SocialGraph graph, Func<int[]> ranges)
    {
        private readonly int[] _neighbors = graph.Contacts.Neighbors;
        private int[] _ranges = [];
        private byte[] _mark = []; // 0: not reached in this search; 1: from u; 2: from v
        private int[] _fromU = new int[64], _fromV = new int[64]; // each side's nodes in the order reached

        public double Span(int u, int v)
        {
            if (_mark.Length == 0)
            {
                _mark = new byte[graph.NodeCount];
                _ranges = ranges();
            }
            _mark[u] = 1;
            _mark[v] = 2;
            _fromU[0] = u;
            _fromV[0] = v;
            // Each side's frontier is [start, end) of its list.
            int startU = 0, endU = 1, startV = 0, endV = 1, distU = 0, distV = 0;
            var span = double.PositiveInfinity;
            while (endU > startU && endV > startV)
            {
                if (endU - startU <= endV - startV)
                {
                    var end = Expand(ref _fromU, startU, endU, 1, u, v);
                    if (end < 0)
                    {
                        (span, endU) = (distU + 1 + distV, ~end);
                        break;
                    }
                    (startU, endU, distU) = (endU, end, distU + 1);
                }
                else
                {
                    var end = Expand(ref _fromV, startV, endV, 2, u, v);
                    if (end < 0)
                    {
                        (span, endV) = (distU + 1 + distV, ~end);
                        break;
                    }
                    (startV, endV, distV) = (endV, end, distV + 1);
                }
            }
            for (var i = 0; i < endU; i++) _mark[_fromU[i]] = 0;
            for (var i = 0; i < endV; i++) _mark[_fromV[i]] = 0;
            return span;
        }

        /// <summary>Grows one side by a level, appending the nodes it reaches to its list: the list's new end, or its
        /// complement (negative) as soon as a node of the other side is reached.</summary>
        private int Expand(ref int[] list, int start, int end, byte side, int u, int v)
        {
            var count = end;
            var neighbors = _neighbors;
            var ranges = _ranges;
            var mark = _mark;
            for (var f = start; f < end; f++)
            {
                var x = list[f];
                var other = x == u ? v : x == v ? u : -1; // the contact u–v itself is left out
                for (int s = ranges[2 * x], stop = ranges[2 * x + 1]; s < stop; s++)
                {
                    var y = neighbors[s];
                    var m = mark[y];
                    if (m == side || y == other) continue;
                    if (m != 0) return ~count;
                    mark[y] = side;
                    if (count == list.Length) Array.Resize(ref list, count * 2);
                    list[count++] = y;
                }
            }
            return count;
        }
    }
}
