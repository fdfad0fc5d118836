using SocialCapital.Graph;
using SocialCapital.Model;

namespace SocialCapital.Metrics;

/// <summary>The connected components of the person–person contacts: the groups of people linked by chains of contacts,
/// as networkx <c>connected_components</c> and igraph <c>connected_components()</c> give them (docs/measures.md).</summary>
/// <remarks>Union–find in the Afforest manner (Sutton, Ben-Nun &amp; Barak, IPDPS 2018): every person's first two
/// contacts are linked, which already joins nearly everyone in a social graph's giant component; a sample of 1,024 nodes
/// names that component; then only the people outside it link their remaining contacts. Roots are always the lowest
/// index of their tree (the higher root is hooked under the lower, with path halving), so a single pass in index order
/// turns the parent array in place into labels numbered by lowest node index. Near-linear in the contacts at worst, far
/// less on a graph with a giant component, whose internal contacts are mostly never read. One thread. The labels do not
/// depend on the sample. Thread-safe.</remarks>
public static class ConnectedComponents
{
    /// <summary>Contacts of each person linked before the giant component is looked for.</summary>
    private const int SampledContacts = 2;

    private const int Samples = 1024;

    // One thread: on two cores a parallel (compare-and-swap) variant measured slower; the figures against a
    // breadth-first search and union–find over every contact are in docs/performance.md.

    /// <summary>Computes the connected components.</summary>
    /// <param name="graph">The snapshot.</param>
    /// <returns>Each node's component and each component's size.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="graph"/> is null.</exception>
    public static ConnectedComponentsResult Compute(SocialGraph graph)
    {
        Guard.NotNull(graph);
        var starts = graph.Contacts.Start;
        var ends = graph.Contacts.End;
        var neighbors = graph.Contacts.Neighbors;
        var n = graph.NodeCount;
        var parent = GC.AllocateUninitializedArray<int>(n);
        for (var u = 0; u < n; u++) parent[u] = u;

        // 1. Each person's first contacts, one round at a time (a round is a pass in index order).
        for (var round = 0; round < SampledContacts; round++)
        {
            for (var u = 0; u < n; u++)
            {
                var s = starts[u] + round;
                if (s < ends[u]) Link(parent, u, neighbors[s]);
            }
        }

        // 2. The component most of a sample of nodes is in (on a social graph, the giant one), then 3. everyone outside
        // it links their other contacts. An edge between two people of that component needs no link; an edge with an
        // end outside it is linked from that end, whose first contacts were linked in step 1.
        var giant = n == 0 ? -1 : MostSampledRoot(parent);
        for (var u = 0; u < n; u++)
        {
            var root = Root(parent, u);
            parent[u] = root;
            if (root == giant) continue;
            for (var s = starts[u] + SampledContacts; s < ends[u]; s++) Link(parent, u, neighbors[s]);
            if (giant >= 0 && parent[giant] != giant) giant = Root(parent, giant); // hooked under a lower root
        }

        return Label(parent, graph);
    }

    /// <summary>Joins the trees of u and v: finds both roots with path halving and hooks the higher under the lower,
    /// so every parent has a lower index than its child.</summary>
    private static void Link(int[] parent, int u, int v)
    {
        int a = parent[u], b = parent[v];
        if (a == b) return;
        while (parent[a] != a)
        {
            var grandparent = parent[parent[a]];
            parent[a] = grandparent;
            a = grandparent;
        }
        while (parent[b] != b)
        {
            var grandparent = parent[parent[b]];
            parent[b] = grandparent;
            b = grandparent;
        }
        if (a < b) parent[b] = a;
        else if (b < a) parent[a] = b;
    }

    private static int Root(int[] parent, int u)
    {
        while (parent[u] != u) u = parent[u];
        return u;
    }

    /// <summary>The root of most of <see cref="Samples"/> nodes drawn by a fixed linear congruential sequence.</summary>
    private static int MostSampledRoot(int[] parent)
    {
        Span<int> roots = stackalloc int[Samples];
        var x = 12345u;
        for (var i = 0; i < roots.Length; i++)
        {
            x = (x * 1664525u) + 1013904223u;
            roots[i] = Root(parent, (int)((ulong)x * (ulong)parent.Length >> 32));
        }
        roots.Sort();
        int best = roots[0], bestRun = 0;
        for (int i = 0, j; i < roots.Length; i = j)
        {
            for (j = i + 1; j < roots.Length && roots[j] == roots[i]; j++) { }
            if (j - i > bestRun) (best, bestRun) = (roots[i], j - i);
        }
        return best;
    }

    /// <summary>Turns the parent array into labels, in place. In index order, a root is a new component (a place, -1);
    /// any other node's parent has a lower index, so it already holds the component's label.</summary>
    private static ConnectedComponentsResult Label(int[] labels, SocialGraph graph)
    {
        var kinds = graph.Nodes.Kinds;
        var sizes = new int[16];
        var count = 0;
        for (var u = 0; u < labels.Length; u++)
        {
            var p = labels[u];
            if (p == u)
            {
                if (!kinds[u].IsPerson())
                {
                    labels[u] = -1;
                    continue;
                }
                if (count == sizes.Length) Array.Resize(ref sizes, count * 2);
                labels[u] = count;
                sizes[count++] = 1;
            }
            else
            {
                var label = labels[p];
                labels[u] = label;
                sizes[label]++;
            }
        }
        var largest = -1;
        for (var c = 0; c < count; c++)
            if (largest < 0 || sizes[c] > sizes[largest]) largest = c;
        return new ConnectedComponentsResult(labels, sizes[..count], largest);
    }
}
