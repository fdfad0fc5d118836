using SocialCapital.Graph;

namespace SocialCapital.Metrics;

/// <summary>The triangles through every node and the local clustering coefficient made of them (docs/measures.md):
/// the one place where either is computed, for <see cref="LocalClustering"/> and <see cref="PersonMetrics"/> alike.</summary>
/// <remarks>Each triangle is found once: contacts are oriented from lower to higher (degree, index) rank, and for each
/// node its out-contacts are marked and their out-contacts scanned (the forward algorithm; O(m·√m) at worst, far less
/// on sparse social graphs). Counts are integers gathered per thread and summed, so they are identical for any thread
/// count. Thread-safe.</remarks>
internal static class Triangles
{
    private const int Chunk = 4096;

    /// <summary>The local clustering coefficient 2T/(k(k − 1)) of a node with <paramref name="triangles"/> triangles and
    /// <paramref name="degree"/> contacts; 0 for fewer than two contacts (networkx's and igraph's "zero" convention).</summary>
    public static double Clustering(long triangles, int degree) =>
        degree < 2 ? 0 : 2.0 * triangles / ((long)degree * (degree - 1));

    /// <summary>The number of triangles through each node, indexed by node.</summary>
    public static long[] Count(Adjacency contacts, int threads, CancellationToken cancellationToken = default)
    {
        var starts = contacts.Start;
        var ends = contacts.End;
        var neighbors = contacts.Neighbors;
        var n = contacts.NodeCount;
        var rank = DegreeRank(contacts, n);

        // Out-contacts: the contacts of higher rank, in index order (a CSR of its own).
        var outOffsets = new int[n + 1];
        for (var u = 0; u < n; u++)
        {
            var count = 0;
            for (var s = starts[u]; s < ends[u]; s++) if (rank[neighbors[s]] > rank[u]) count++;
            outOffsets[u + 1] = outOffsets[u] + count;
        }
        var outNeighbors = new int[outOffsets[n]];
        for (var u = 0; u < n; u++)
        {
            var at = outOffsets[u];
            for (var s = starts[u]; s < ends[u]; s++) if (rank[neighbors[s]] > rank[u]) outNeighbors[at++] = neighbors[s];
        }

        var scratches = PooledParallel.ForRanges(n, Chunk, threads, () => new Scratch(n), (from, to, scratch) =>
            {
                var mark = scratch.Mark;
                var triangles = scratch.Triangles;
                for (var u = from; u < to; u++)
                {
                    int start = outOffsets[u], end = outOffsets[u + 1];
                    if (end - start < 2) continue; // a triangle found at u needs two out-contacts of u
                    var stamp = u + 1; // stamps are per node, so a reused marker array never needs clearing
                    for (var s = start; s < end; s++) mark[outNeighbors[s]] = stamp;
                    for (var s = start; s < end; s++)
                    {
                        var v = outNeighbors[s];
                        for (var t = outOffsets[v]; t < outOffsets[v + 1]; t++)
                        {
                            var w = outNeighbors[t];
                            if (mark[w] != stamp) continue;
                            triangles[u]++;
                            triangles[v]++;
                            triangles[w]++;
                        }
                    }
                }
            }, cancellationToken);

        var total = new long[n];
        foreach (var scratch in scratches)
            for (var u = 0; u < n; u++) total[u] += scratch.Triangles[u];
        return total;
    }

    /// <summary>The number of triangles through one node, counted locally: the contacts of <paramref name="u"/> are
    /// stamped in <paramref name="mark"/> (one entry per node) with <paramref name="stamp"/>, which must not be there
    /// already, and each contact's contacts are scanned for stamped ones. O(Σ_{v∈N(u)} k_v); the same integer as
    /// <see cref="Count"/> gives for the node.</summary>
    public static long Through(SocialGraph graph, int u, int[] mark, int stamp)
    {
        var contacts = graph.Neighbors(u);
        if (contacts.Length < 2) return 0;
        foreach (var v in contacts) mark[v] = stamp;
        long links = 0;
        foreach (var v in contacts)
            foreach (var w in graph.Neighbors(v))
                if (mark[w] == stamp) links++;
        return links / 2; // each link between two contacts is met from both ends
    }

    /// <summary>Each node's position in (degree, index) order, by a counting sort on degree.</summary>
    private static int[] DegreeRank(Adjacency contacts, int n)
    {
        var starts = contacts.Start;
        var ends = contacts.End;
        var maxDegree = 0;
        for (var u = 0; u < n; u++) maxDegree = Math.Max(maxDegree, ends[u] - starts[u]);
        var start = new int[maxDegree + 2];
        for (var u = 0; u < n; u++) start[ends[u] - starts[u] + 1]++;
        for (var d = 1; d < start.Length; d++) start[d] += start[d - 1];
        var rank = new int[n];
        for (var u = 0; u < n; u++) rank[u] = start[ends[u] - starts[u]]++;
        return rank;
    }

    private sealed class Scratch(int n)
    {
        public readonly int[] Mark = new int[n];
        public readonly int[] Triangles = new int[n];
    }
}
