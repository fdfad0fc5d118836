using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using SocialCapital.Graph;

namespace SocialCapital.Metrics;

/// <summary>Betweenness centrality of every person (Freeman 1977) on the person–person contacts, unweighted, by Brandes'
/// algorithm (2001): the share of shortest paths between other pairs of people that pass through a person, normalised as
/// networkx's default <c>betweenness_centrality(G)</c> — the pair sum divided by (n − 1)(n − 2)/2, n the number of
/// people, left as is for n ≤ 2 (docs/measures.md). Exact, or estimated from k source pivots chosen by a seed
/// (Brandes &amp; Pich 2007) and scaled as networkx 3.6's <c>k=</c> (unbiased), within <see cref="ErrorBound"/> of the
/// exact value.</summary>
/// <remarks>One breadth-first search per source over a compact copy of the contacts (CSR, sorted lists), then the
/// dependencies accumulated in reverse visiting order, finding a node's predecessors among its contacts one level
/// closer (no predecessor lists). In parallel across sources, each worker with its own scratch (queue, distances, path
/// counts, dependencies) and its own accumulator; the accumulators are fixed-point integers (a scale of 2^b chosen so
/// the largest possible sum fits in 62 bits), so their sum is the same in any order and the values are identical for
/// any thread count. O(k·m) time, O(threads·n) memory. Thread-safe.</remarks>
public static class Betweenness
{
    /// <summary>Computes every person's betweenness, exact or estimated as <paramref name="options"/> say.</summary>
    /// <param name="graph">The snapshot.</param>
    /// <param name="options">Pivots, seed, threads, progress; <see cref="BetweennessOptions.Default"/> when null.</param>
    /// <returns>The values, with the number of people and of pivots.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="graph"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">Pivots below 2, an exact limit below 0, or a parallelism of 0 or
    /// below -1.</exception>
    /// <exception cref="OperationCanceledException">The options' token was cancelled.</exception>
    public static BetweennessResult Compute(SocialGraph graph, BetweennessOptions? options = null)
    {
        Guard.NotNull(graph);
        options ??= BetweennessOptions.Default;
        if (options.Pivots is { } asked) Guard.InRange(asked, 2, int.MaxValue, "Pivots");
        Guard.InRange(options.ExactLimit, 0, int.MaxValue, "ExactLimit");
        var threads = Guard.Parallelism(options.MaxDegreeOfParallelism);

        var persons = PersonIndices(graph);
        var n = persons.Length;
        var k = options.Pivots ?? (n <= options.ExactLimit ? n : BetweennessOptions.DefaultPivots);
        var sampled = k < n;
        var sources = sampled ? Pivots(persons, k, options.Seed) : persons;

        var (offsets, neighbours, nodeOf, localOf) = CompactContacts(graph, persons);
        var local = new int[sources.Length];
        for (var i = 0; i < local.Length; i++) local[i] = localOf[sources[i]];
        // Each source adds at most n − 2 to a node's sum; leave one bit of headroom for rounding.
        var largest = Math.Max(1.0, (double)sources.Length * n);
        var fractionBits = Math.Clamp(61 - (int)Math.Ceiling(Math.Log2(largest + 1)), 0, 52);
        var scale = Math.ScaleB(1.0, fractionBits);

        var done = 0;
        var chunk = Math.Clamp(local.Length / (threads * 16), 1, 64);
        var scratches = PooledParallel.ForRanges(local.Length, chunk, threads, () => new Scratch(n), (from, to, scratch) =>
        {
            for (var i = from; i < to; i++) Accumulate(offsets, neighbours, local[i], scratch, scale);
            var finished = Interlocked.Add(ref done, to - from);
            options.Progress?.Report((double)finished / local.Length);
        }, options.CancellationToken);

        var sums = new long[n];
        foreach (var scratch in scratches)
            for (var v = 0; v < n; v++) sums[v] += scratch.Sum[v];
        var nodes = graph.NodeCount;

        // networkx's _rescale (3.6): 1/((n−1)(n−2)) when exact, none for n ≤ 2; an estimate averages over the pivots
        // that can count paths through v: k − 1 for a pivot (a source adds nothing to itself), k for any other person.
        var values = new double[nodes];
        var isPivot = new bool[nodes];
        if (sampled) foreach (var s in sources) isPivot[s] = true;
        for (var i = 0; i < n; i++)
        {
            var v = nodeOf[i];
            var factor = n <= 2 ? 1.0
                : !sampled ? 1.0 / ((double)(n - 1) * (n - 2))
                : 1.0 / ((double)(isPivot[v] ? k - 1 : k) * (n - 2));
            values[v] = sums[i] / scale * factor;
        }
        return new BetweennessResult(graph, values, n, Math.Min(k, n), sampled ? options.Seed : null);
    }

    /// <summary>The Hoeffding half-width ε of a pivot estimate: each person's estimate is within ε of the exact value
    /// with probability at least 1 − <paramref name="delta"/>. For a person v who is not a pivot, the estimate is the mean
    /// of k terms δ_s(v)/(n − 2) over pivots s drawn uniformly without replacement from the n − 1 others; each term lies
    /// in [0, 1] (a source's dependency δ_s(v) counts at most the n − 2 other targets) and their mean over all n − 1
    /// others is the exact value. For a pivot, the same holds with its k − 1 fellow pivots. Hoeffding (1963, Theorem 1,
    /// and §6 for sampling without replacement) gives P(|estimate − exact| ≥ ε) ≤ 2·exp(−2(k − 1)ε²), so
    /// ε = √(ln(2/δ)/(2(k − 1))). For every person at once, divide δ by n (union bound). 0 when k ≥ n (exact).</summary>
    /// <param name="people">n, the number of people.</param>
    /// <param name="pivots">k, the number of pivots (at least 2).</param>
    /// <param name="delta">The probability allowed to fall outside, in (0, 1).</param>
    /// <returns>ε, on the normalised scale of the values.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="people"/> below 0, <paramref name="pivots"/> below 2,
    /// or <paramref name="delta"/> not in (0, 1).</exception>
    public static double ErrorBound(int people, int pivots, double delta)
    {
        Guard.InRange(people, 0, int.MaxValue);
        Guard.InRange(pivots, 2, int.MaxValue);
        if (!(delta > 0 && delta < 1)) throw new ArgumentOutOfRangeException(nameof(delta), delta, "delta must be between 0 and 1, exclusive.");
        if (pivots >= people) return 0;
        return Math.Sqrt(Math.Log(2 / delta) / (2.0 * (pivots - 1)));
    }

    private static int[] PersonIndices(SocialGraph graph)
    {
        var count = 0;
        for (var u = 0; u < graph.NodeCount; u++) if (graph.IsPerson(u)) count++;
        var persons = new int[count];
        count = 0;
        for (var u = 0; u < graph.NodeCount; u++) if (graph.IsPerson(u)) persons[count++] = u;
        return persons;
    }

    /// <summary>k distinct people chosen uniformly by a seeded partial Fisher–Yates shuffle, in index order.</summary>
    private static int[] Pivots(int[] persons, int k, int seed)
    {
        var pool = (int[])persons.Clone();
        var random = new Random(seed);
        for (var i = 0; i < k; i++)
        {
            var j = random.Next(i, pool.Length);
            (pool[i], pool[j]) = (pool[j], pool[i]);
        }
        var pivots = pool.AsSpan(0, k).ToArray();
        Array.Sort(pivots);
        return pivots;
    }

    /// <summary>The people's contacts as plain CSR arrays (a live snapshot's lists may lie apart, behind paged bounds),
    /// people renumbered in breadth-first order (each component from its lowest index), so that people close in the
    /// graph are close in memory and a search touches fewer cache lines. Returns the node of each local number and the
    /// local number of each person node.</summary>
    private static (int[] Offsets, int[] Neighbours, int[] NodeOf, int[] LocalOf) CompactContacts(SocialGraph graph, int[] persons)
    {
        var contacts = graph.Contacts;
        var n = persons.Length;
        var localOf = new int[graph.NodeCount];
        Array.Fill(localOf, -1);
        var nodeOf = new int[n];
        var next = 0;
        foreach (var root in persons)
        {
            if (localOf[root] >= 0) continue;
            localOf[root] = next;
            nodeOf[next++] = root;
            for (var head = next - 1; head < next; head++)
            {
                var u = nodeOf[head];
                foreach (var v in contacts.Neighbors.AsSpan(contacts.Start[u], contacts.Degree(u)))
                {
                    if (localOf[v] >= 0) continue;
                    localOf[v] = next;
                    nodeOf[next++] = v;
                }
            }
        }
        var offsets = new int[n + 1];
        for (var i = 0; i < n; i++) offsets[i + 1] = offsets[i] + contacts.Degree(nodeOf[i]);
        var neighbours = new int[offsets[n]];
        for (var i = 0; i < n; i++)
        {
            var u = nodeOf[i];
            var list = neighbours.AsSpan(offsets[i], offsets[i + 1] - offsets[i]);
            var k = 0;
            foreach (var v in contacts.Neighbors.AsSpan(contacts.Start[u], contacts.Degree(u))) list[k++] = localOf[v];
            list.Sort();
        }
        return (offsets, neighbours, nodeOf, localOf);
    }

    /// <summary>One source's breadth-first search and dependency accumulation (Brandes 2001, unweighted). Reads without
    /// bounds checks: every index is a local number below n or a slot below offsets[n], by construction.</summary>
    private static void Accumulate(int[] offsetArray, int[] neighbourArray, int source, Scratch scratch, double scale)
    {
        ref var offsets = ref MemoryMarshal.GetArrayDataReference(offsetArray);
        ref var neighbours = ref MemoryMarshal.GetArrayDataReference(neighbourArray);
        ref var distance = ref MemoryMarshal.GetArrayDataReference(scratch.Distance);
        ref var paths = ref MemoryMarshal.GetArrayDataReference(scratch.Paths);
        ref var order = ref MemoryMarshal.GetArrayDataReference(scratch.Order);
        ref var sum = ref MemoryMarshal.GetArrayDataReference(scratch.Sum);

        Unsafe.Add(ref distance, source) = 0;
        Unsafe.Add(ref paths, source).Sigma = 1;
        order = source;
        int head = 0, tail = 1;
        while (head < tail)
        {
            var v = Unsafe.Add(ref order, head++);
            var next = Unsafe.Add(ref distance, v) + 1;
            var sv = Unsafe.Add(ref paths, v).Sigma;
            var end = Unsafe.Add(ref offsets, v + 1);
            for (var e = Unsafe.Add(ref offsets, v); e < end; e++)
            {
                var w = Unsafe.Add(ref neighbours, e);
                ref var dw = ref Unsafe.Add(ref distance, w);
                if (dw < 0)
                {
                    dw = next;
                    Unsafe.Add(ref paths, w).Sigma = sv;
                    Unsafe.Add(ref order, tail++) = w;
                }
                else if (dw == next)
                {
                    Unsafe.Add(ref paths, w).Sigma += sv;
                }
            }
        }

        // Reverse visiting order: every node's dependency is complete before it is handed to its predecessors.
        for (var i = tail - 1; i > 0; i--)
        {
            var w = Unsafe.Add(ref order, i);
            var previous = Unsafe.Add(ref distance, w) - 1;
            ref var pw = ref Unsafe.Add(ref paths, w);
            var coefficient = (1 + pw.Delta) / pw.Sigma;
            var end = Unsafe.Add(ref offsets, w + 1);
            for (var e = Unsafe.Add(ref offsets, w); e < end; e++)
            {
                // Branch-free: a contact one level nearer gets its share, any other gets + 0 (half of them are
                // predecessors, so a branch here mispredicts often).
                var v = Unsafe.Add(ref neighbours, e);
                var predecessor = Unsafe.BitCast<bool, byte>(Unsafe.Add(ref distance, v) == previous);
                ref var pv = ref Unsafe.Add(ref paths, v);
                pv.Delta += pv.Sigma * coefficient * predecessor;
            }
            Unsafe.Add(ref sum, w) += (long)Math.Round(pw.Delta * scale);
            pw.Delta = 0;
            Unsafe.Add(ref distance, w) = -1;
        }
        Unsafe.Add(ref paths, source).Delta = 0;
        Unsafe.Add(ref distance, source) = -1;
    }

    /// <summary>A node's path count and dependency side by side: the accumulation reads both of a predecessor.</summary>
    private struct PathCount
    {
        public double Sigma;
        public double Delta;
    }

    private sealed class Scratch
    {
        public readonly int[] Distance;
        public readonly PathCount[] Paths;
        public readonly int[] Order;
        public readonly long[] Sum;

        public Scratch(int people)
        {
            Distance = new int[people];
            Array.Fill(Distance, -1);
            Paths = new PathCount[people];
            Order = new int[people];
            Sum = new long[people];
        }
    }
}
