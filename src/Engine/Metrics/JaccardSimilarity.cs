using System.Buffers;
using System.Runtime.CompilerServices;
using SocialCapital.Graph;
using SocialCapital.Model;

namespace SocialCapital.Metrics;

/// <summary>The Jaccard similarity of two people's contacts, |N(u) ∩ N(v)| / |N(u) ∪ N(v)| (docs/measures.md): for one
/// pair, and for a person with everyone at distance exactly two — the friends of friends who are not yet contacts, the
/// candidates of a contact suggestion. The same values as networkx <c>jaccard_coefficient</c> and igraph
/// <c>similarity_jaccard(loops=False)</c>: contacts only (a person is not in their own neighbourhood), unweighted, 0 when
/// neither has a contact.</summary>
/// <remarks>The people at distance two and their shared contacts are counted in one pass over the contacts' contact lists
/// with a sparse accumulator (O(Σ_{w∈N(u)} k_w) per person, against one sorted merge per pair); the same counting gives
/// <see cref="Recommendations.PeerSuggestions"/> its common neighbours, Adamic–Adar and resource allocation. Thread-safe;
/// the results are identical for any thread count.</remarks>
public static class JaccardSimilarity
{
    private const int Chunk = 16;

    /// <summary>The Jaccard similarity of two nodes' contacts, by a merge of their sorted contact lists.</summary>
    /// <param name="graph">The snapshot.</param>
    /// <param name="u">A node index.</param>
    /// <param name="v">Another node index (<paramref name="u"/> itself gives 1, or 0 without contacts).</param>
    /// <returns>|N(u) ∩ N(v)| / |N(u) ∪ N(v)| in [0, 1]; 0 when neither has a contact (networkx's and igraph's
    /// convention).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="graph"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="u"/> or <paramref name="v"/> is not a node index.</exception>
    public static double Of(SocialGraph graph, int u, int v)
    {
        Guard.NotNull(graph);
        Guard.InRange(u, 0, graph.NodeCount - 1);
        Guard.InRange(v, 0, graph.NodeCount - 1);
        ReadOnlySpan<int> a = graph.Neighbors(u), b = graph.Neighbors(v);
        var common = SortedLists.CommonCount(a, b);
        var union = a.Length + b.Length - common;
        return union == 0 ? 0 : (double)common / union;
    }

    /// <summary>The Jaccard similarity of one person with everyone at distance exactly two from them.</summary>
    /// <param name="graph">The snapshot.</param>
    /// <param name="person">A node index (a place has no contacts, so nobody is at distance two from it).</param>
    /// <returns>One pair per person at distance two, in increasing index of <see cref="JaccardPair.Other"/>; empty when
    /// there is none.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="graph"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="person"/> is not a node index.</exception>
    public static JaccardPair[] AtDistanceTwo(SocialGraph graph, int person)
    {
        Guard.NotNull(graph);
        Guard.InRange(person, 0, graph.NodeCount - 1);
        var scratch = TwoHop.Rent(graph.NodeCount);
        var count = Collect(graph.Contacts, person, scratch);
        var pairs = new JaccardPair[count];
        Write(graph.Contacts, person, scratch, pairs);
        TwoHop.Return(scratch);
        return pairs;
    }

    /// <summary>The Jaccard similarity of one person, by id, with everyone at distance exactly two from them: the
    /// pairs of <see cref="AtDistanceTwo(SocialGraph, int)"/>, each with the other person's id.</summary>
    /// <param name="graph">The snapshot.</param>
    /// <param name="id">The person's id.</param>
    /// <returns>One (id, pair) per person at distance two, in increasing node index (ordinal id order).</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="UnknownNodeException">No node has that id.</exception>
    public static IReadOnlyList<(string OtherId, JaccardPair Pair)> AtDistanceTwo(SocialGraph graph, string id)
    {
        Guard.NotNull(graph);
        Guard.NotNull(id);
        var pairs = AtDistanceTwo(graph, graph.IndexOf(id));
        var result = new (string, JaccardPair)[pairs.Length];
        for (var i = 0; i < pairs.Length; i++) result[i] = (graph.Id(pairs[i].Other), pairs[i]);
        return result;
    }

    /// <summary>The Jaccard similarity of each of several people with everyone at distance exactly two from them, in
    /// parallel across the people.</summary>
    /// <param name="graph">The snapshot.</param>
    /// <param name="people">Node indices; repeats are allowed and give repeated pairs.</param>
    /// <param name="maxDegreeOfParallelism">Threads to use; -1 (default) for one per core.</param>
    /// <returns>The pairs of each person in the order of <paramref name="people"/>, each person's in increasing index of
    /// <see cref="JaccardPair.Other"/> (so the same as concatenating <see cref="AtDistanceTwo(SocialGraph, int)"/> of
    /// each), whatever the thread count.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="graph"/> or <paramref name="people"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An element of <paramref name="people"/> is not a node index, or
    /// <paramref name="maxDegreeOfParallelism"/> is 0 or below -1.</exception>
    public static JaccardPair[] AtDistanceTwo(SocialGraph graph, IReadOnlyList<int> people, int maxDegreeOfParallelism = -1)
    {
        Guard.NotNull(graph);
        Guard.NotNull(people);
        var threads = Guard.Parallelism(maxDegreeOfParallelism);
        var nodes = graph.NodeCount;
        var list = new int[people.Count];
        for (var i = 0; i < list.Length; i++)
        {
            list[i] = people[i];
            // The check inline, so the element's name is only made for the message.
            if ((uint)list[i] >= (uint)nodes) Guard.InRange(list[i], 0, nodes - 1, $"{nameof(people)}[{i}]");
        }
        if (list.Length == 0) return [];

        // Each chunk of people writes its pairs to a pooled buffer; the buffers are then copied, in chunk order, into
        // the result, so the only allocation that stays is the result itself.
        var contacts = graph.Contacts;
        var parts = new JaccardPair[(list.Length + Chunk - 1) / Chunk][];
        var lengths = new int[parts.Length];
        var scratches = PooledParallel.ForRanges(list.Length, Chunk, threads, () => TwoHop.Rent(nodes), (from, to, scratch) =>
            {
                var buffer = ArrayPool<JaccardPair>.Shared.Rent(1024);
                var length = 0;
                for (var i = from; i < to; i++)
                {
                    var u = list[i];
                    var count = Collect(contacts, u, scratch);
                    if (length + count > buffer.Length)
                    {
                        var larger = ArrayPool<JaccardPair>.Shared.Rent(Math.Max(length + count, 2 * buffer.Length));
                        Array.Copy(buffer, larger, length);
                        ArrayPool<JaccardPair>.Shared.Return(buffer);
                        buffer = larger;
                    }
                    Write(contacts, u, scratch, buffer.AsSpan(length, count));
                    length += count;
                }
                parts[from / Chunk] = buffer;
                lengths[from / Chunk] = length;
            });
        foreach (var scratch in scratches) TwoHop.Return(scratch);

        var total = 0;
        foreach (var length in lengths) total += length;
        var result = new JaccardPair[total];
        var at = 0;
        for (var c = 0; c < parts.Length; c++)
        {
            Array.Copy(parts[c], 0, result, at, lengths[c]);
            at += lengths[c];
            ArrayPool<JaccardPair>.Shared.Return(parts[c]);
        }
        return result;
    }

    /// <summary>Collects u's people at distance two, in index order; returns how many.</summary>
    private static int Collect(Adjacency contacts, int u, TwoHop scratch)
    {
        scratch.Collect(contacts, u, scores: false);
        scratch.SortFound();
        return scratch.Count;
    }

    /// <summary>Writes u's pairs from the collected scratch, then clears it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // as TwoHop.Collect: once per person
    private static void Write(Adjacency contacts, int u, TwoHop scratch, Span<JaccardPair> pairs)
    {
        var starts = contacts.Start;
        var ends = contacts.End;
        var degree = ends[u] - starts[u];
        var found = scratch.Found;
        for (var i = 0; i < found.Length; i++)
        {
            var x = found[i];
            var common = scratch.Common(x);
            pairs[i] = new JaccardPair(u, x, common, degree + ends[x] - starts[x] - common);
        }
        scratch.Clear();
    }
}
