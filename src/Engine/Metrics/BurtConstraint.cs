using SocialCapital.Graph;

namespace SocialCapital.Metrics;

/// <summary>Burt's constraint alone, for callers that need only this measure: the same values as
/// <see cref="PersonMeasures.Constraint"/> (docs/measures.md), without the other measures' work. NaN without contacts.</summary>
/// <remarks>One marker pass per node: the node's contacts are stamped with their proportional tie strength p_uq, then
/// each contact's own contact list is scanned for stamped nodes to add the indirect p_uq·p_qv terms. O(Σ_v k_v²),
/// in parallel across nodes with scratch arrays per thread; the summation order is the person measure's, so the values
/// are identical to it for any thread count. Thread-safe.</remarks>
public static class BurtConstraint
{
    private const int Chunk = 4096;

    /// <summary>Computes every node's constraint.</summary>
    /// <param name="graph">The snapshot.</param>
    /// <param name="useStrengths">Weight ties by strength (default, as <see cref="MetricsOptions.UseStrengths"/>);
    /// <see langword="false"/> counts every contact as 1.</param>
    /// <param name="maxDegreeOfParallelism">Threads to use; -1 (default) for one per core.</param>
    /// <returns>The constraint of each node, indexed by node index; NaN for a node without contacts.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="graph"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxDegreeOfParallelism"/> is 0 or below -1.</exception>
    public static double[] Compute(SocialGraph graph, bool useStrengths = true, int maxDegreeOfParallelism = -1)
    {
        Guard.NotNull(graph);
        var threads = Guard.Parallelism(maxDegreeOfParallelism);
        var offsets = graph.Contacts.Offsets;
        var neighbors = graph.Contacts.Neighbors;
        var weights = graph.Contacts.Strengths;
        var n = graph.NodeCount;
        var strength = new double[n];
        for (var u = 0; u < n; u++)
        {
            double sum = 0;
            for (var s = offsets[u]; s < offsets[u + 1]; s++) sum += useStrengths ? weights[s] : 1.0;
            strength[u] = sum;
        }
        var result = new double[n];
        PooledParallel.ForRanges(n, Chunk, threads, () => new Scratch(n), (from, to, scratch) =>
            {
                var mark = scratch.Mark;
                var p = scratch.P;
                for (var u = from; u < to; u++)
                {
                    int start = offsets[u], end = offsets[u + 1];
                    if (start == end) { result[u] = double.NaN; continue; }
                    var stamp = u + 1;
                    var su = strength[u];
                    for (var s = start; s < end; s++)
                    {
                        mark[neighbors[s]] = stamp;
                        p[neighbors[s]] = (useStrengths ? weights[s] : 1.0) / su;
                    }
                    double constraint = 0;
                    for (var s = start; s < end; s++)
                    {
                        var v = neighbors[s];
                        double indirect = 0;
                        for (var t = offsets[v]; t < offsets[v + 1]; t++)
                        {
                            var q = neighbors[t];
                            if (mark[q] != stamp) continue;
                            indirect += p[q] * ((useStrengths ? weights[t] : 1.0) / strength[q]);
                        }
                        var l = p[v] + indirect;
                        constraint += l * l;
                    }
                    result[u] = constraint;
                }
            });
        return result;
    }

    private sealed class Scratch(int n)
    {
        public readonly int[] Mark = new int[n];
        public readonly double[] P = new double[n];
    }
}
