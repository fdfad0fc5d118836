using SocialCapital.Graph;

namespace SocialCapital.Metrics;

/// <summary>Burt's constraint alone, for callers that need only this measure: the same values as
/// <see cref="PersonMeasures.Constraint"/> (docs/measures.md), from the same per-person kernel, without the other
/// measures' work. NaN without contacts.</summary>
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
        var contacts = graph.Contacts;
        var weights = ContactWeights.Of(contacts, useStrengths, withMax: false);
        var n = graph.NodeCount;
        var result = new double[n];
        PooledParallel.ForRanges(n, Chunk, threads, () => new StructuralHoles.Scratch(n), (from, to, scratch) =>
        {
            for (var u = from; u < to; u++)
                result[u] = StructuralHoles.Measure<StructuralHoles.ConstraintOnly>(contacts, weights, u, scratch).Constraint;
        });
        return result;
    }
}
