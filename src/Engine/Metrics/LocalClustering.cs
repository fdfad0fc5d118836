using SocialCapital.Graph;

namespace SocialCapital.Metrics;

/// <summary>Local clustering alone (the share of pairs of a node's contacts who are in contact themselves), for callers
/// that need only this measure: the same values as <see cref="PersonMeasures.Clustering"/>, from the same triangle count
/// and formula, without the other measures' work. Unweighted, as in docs/measures.md; 0 for fewer than two contacts
/// (networkx's and igraph's "zero" convention).</summary>
/// <remarks>Each triangle is found once, by the forward algorithm over contacts oriented by (degree, index) rank
/// (O(m·√m) at worst, far less on sparse social graphs). Triangle counts are integers gathered per thread and summed,
/// so the values are identical for any thread count. Thread-safe.</remarks>
public static class LocalClustering
{
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
        var contacts = graph.Contacts;
        var triangles = Triangles.Count(contacts, threads);
        var result = new double[triangles.Length];
        for (var u = 0; u < result.Length; u++) result[u] = Triangles.Clustering(triangles[u], contacts.Degree(u));
        return result;
    }
}
