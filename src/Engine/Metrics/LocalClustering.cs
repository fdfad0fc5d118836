using System.Collections.Concurrent;
using SocialCapital.Graph;

namespace SocialCapital.Metrics;

/// <summary>Local clustering alone (the share of pairs of a node's contacts who are in contact themselves), for callers
/// that need only this measure: the same values as <see cref="PersonMeasures.Clustering"/>, without the other measures'
/// work. Unweighted, as in docs/measures.md; 0 for fewer than two contacts (networkx's and igraph's "zero" convention).</summary>
/// <remarks>One marker pass per node over its contacts' contact lists, O(Σ_v k_v²) integer work, in parallel across
/// nodes with a marker array per thread; identical for any thread count. Thread-safe.</remarks>
public static class LocalClustering
{
    private const int Chunk = 4096;

    /// <summary>Computes every node's local clustering coefficient.</summary>
    /// <param name="graph">The snapshot.</param>
    /// <param name="maxDegreeOfParallelism">Threads to use; -1 (default) for one per core.</param>
    /// <returns>The coefficient of each node, indexed by node index (places have no person–person contacts: 0).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="graph"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxDegreeOfParallelism"/> is 0 or below -1.</exception>
    public static double[] Compute(SocialGraph graph, int maxDegreeOfParallelism = -1)
    {
        Guard.NotNull(graph);
        var threads = Guard.Parallelism(maxDegreeOfParallelism);
        var offsets = graph.Contacts.Offsets;
        var neighbors = graph.Contacts.Neighbors;
        var n = graph.NodeCount;
        var result = new double[n];
        var pool = new ConcurrentBag<int[]>();
        Parallel.ForEach(
            Partitioner.Create(0, n, Chunk),
            new ParallelOptions { MaxDegreeOfParallelism = threads },
            () => pool.TryTake(out var reused) ? reused : new int[n],
            (range, _, mark) =>
            {
                for (var u = range.Item1; u < range.Item2; u++)
                {
                    int start = offsets[u], end = offsets[u + 1], k = end - start;
                    if (k < 2) continue;
                    var stamp = u + 1; // stamps are per node, so a reused marker array never needs clearing
                    for (var s = start; s < end; s++) mark[neighbors[s]] = stamp;
                    long closed = 0; // ordered pairs of contacts in contact: each triangle at u counted twice
                    for (var s = start; s < end; s++)
                    {
                        var v = neighbors[s];
                        for (var t = offsets[v]; t < offsets[v + 1]; t++)
                            if (mark[neighbors[t]] == stamp) closed++;
                    }
                    result[u] = (double)closed / ((long)k * (k - 1));
                }
                return mark;
            },
            pool.Add);
        return result;
    }
}
