using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace SocialCapital.Metrics;

/// <summary>The Leiden algorithm (Traag, Waltman &amp; van Eck 2019) maximising modularity with a resolution γ on an
/// undirected graph given as CSR arrays (each edge once per direction, no self-loops, weight 1): fast local moving with a
/// queue, refinement of each community into well-connected sub-communities (randomised as in the paper and igraph, with
/// θ = 0.01 in edge-weight units), aggregation on the refined partition with the unrefined one as the start, repeated
/// until every community is one aggregate node; iterations from the last partition until one moves no node (or the
/// cap). Edge and node weights are integers (counts of original edges and degrees), so every sum is exact and the
/// result depends on the seed only. The local moves run on one thread (the moves depend on each other's order); the
/// refinement runs the communities in parallel, each with its own random stream, and the aggregation builds ranges of
/// sub-communities in parallel into fixed places, so the result does not depend on the number of threads.</summary>
internal static class Leiden
{
    private const double Theta = 0.01;

    /// <summary>Where the cache-warming loads of <see cref="MoveNodes"/> end, so that the JIT keeps them.</summary>
    private static int WarmSink;

    /// <summary>One level: a graph whose nodes are sets of original nodes, with the number of original edges between
    /// two sets as the weight and the sum of the members' degrees as the node weight. The base level has no weight
    /// array: every edge weighs 1 (<see cref="Unit"/>), which spares reading one per edge.</summary>
    private sealed class Level(int n, int[] offsets, int[] targets, int[]? weights, int[] nodeWeight)
    {
        public readonly int N = n;
        public readonly int[] Offsets = offsets;
        public readonly int[] Targets = targets;
        public readonly int[] Weights = weights ?? [];
        public readonly bool Unit = weights is null;
        public readonly int[] NodeWeight = nodeWeight;

        public int Weight(int edge) => Unit ? 1 : Weights[edge];
    }

    /// <summary>Runs Leiden and returns the community of every node (ids not dense) and the iterations run.</summary>
    public static (int[] Membership, int Iterations) Run(int[] offsets, int[] targets, double resolution, int seed,
        int maxIterations, int threads, CancellationToken cancellationToken, IProgress<double>? progress)
    {
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = threads, CancellationToken = cancellationToken };
        var n = offsets.Length - 1;
        var degree = new int[n];
        for (var v = 0; v < n; v++) degree[v] = offsets[v + 1] - offsets[v];
        var baseLevel = new Level(n, offsets, targets, null, degree);
        var membership = new int[n];
        for (var v = 0; v < n; v++) membership[v] = v;
        var twoM = (double)targets.Length;
        if (twoM == 0) return (membership, 0);
        var scaled = resolution / twoM; // γ/2m: the null-model term of moving v to C is scaled·k_v·K_C
        var random = new Random(seed);
        var scratch = new Scratch(n, targets.Length);
        var iterations = 0;
        while (iterations < maxIterations)
        {
            cancellationToken.ThrowIfCancellationRequested();
            iterations++;
            var first = iterations == 1;
            var changed = Iterate(baseLevel, membership, scaled, random, scratch, parallel, cancellationToken,
                first ? ProgressRange.Of(progress, 0, 0.8) : null);
            progress?.Report(0.8 + (0.2 * (1 - Math.Pow(0.5, iterations))));
            if (!changed) break;
        }
        return (membership, iterations);
    }

    /// <summary>Per-node and per-community work arrays, sized for the base level and reused at every level.</summary>
    private sealed class Scratch(int n, int slots)
    {
        public readonly int[] Accumulated = new int[n];
        public readonly double[] Gains = new double[n];
        public readonly int[] Touched = new int[n];
        public readonly int[] Queue = new int[n];
        public readonly bool[] Queued = new bool[n];
        public readonly int[] CommunityWeight = new int[n];
        public readonly int[] CommunitySize = new int[n];
        public readonly int[] Empty = new int[n];
        public readonly int[] Members = new int[n];
        public readonly int[] Start = new int[n + 1];
        public readonly int[] Refined = new int[n];
        public readonly int[] RefinedWeight = new int[n];
        public readonly int[] External = new int[n];
        public readonly bool[] NonSingleton = new bool[n];
        public readonly int[] Renumber = new int[n];
        public readonly int[] LevelOf = new int[n];

        /// <summary>Two sets of arrays for the aggregated levels, each level built in the set the level it is built from
        /// does not use: fresh arrays at every level cost more in page faults (the kernel zeroing new pages) than
        /// building them.</summary>
        public readonly LevelBuffer[] Buffers = [new(n, slots), new(n, slots)];

        private readonly System.Collections.Concurrent.ConcurrentBag<Worker> _workers = [];

        /// <summary>A worker's scratch, kept for the next parallel loop (its accumulator is all zero again by then).</summary>
        public Worker RentWorker() => _workers.TryTake(out var worker) ? worker : new Worker(n);

        public void ReturnWorker(Worker worker) => _workers.Add(worker);
    }

    /// <summary>The arrays of one aggregated level, sized for the largest: at most n nodes and the base level's slots
    /// (aggregation only merges nodes and drops edges).</summary>
    private sealed class LevelBuffer(int n, int slots)
    {
        private int[]? _targets, _weights;
        public readonly int[] Offsets = new int[n + 1];
        public readonly int[] NodeWeight = new int[n];
        public int[] Targets => _targets ??= new int[slots];
        public int[] Weights => _weights ??= new int[slots];
    }

    /// <summary>One Leiden iteration from <paramref name="membership"/> (updated in place); whether any node moved.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool Iterate(Level baseLevel, int[] membership, double scaled, Random random, Scratch s,
        ParallelOptions parallel, CancellationToken cancellationToken, IProgress<double>? progress)
    {
        var n0 = baseLevel.N;
        var level = baseLevel;
        var levelOf = s.LevelOf; // the level node of each base node
        for (var v = 0; v < n0; v++) levelOf[v] = v;
        var community = (int[])membership.Clone();
        var changed = false;
        var depth = 0; // levels built: level k is in buffer (k − 1) mod 2, level k + 1 goes to the other
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            changed |= MoveNodes(level, community, scaled, random, s, cancellationToken);
            var count = Densify(community, level.N, s.Renumber);
            progress?.Report(1 - ((double)level.N / n0));
            if (count >= level.N) break;
            var refined = Refine(level, community, count, scaled, (ulong)random.NextInt64(), s, parallel);
            if (refined >= level.N) // refinement merged nothing: aggregate on the communities themselves (as igraph)
            {
                Array.Copy(community, s.Refined, level.N);
                refined = count;
            }
            var next = Aggregate(level, s.Refined, refined, s, s.Buffers[depth++ % 2], parallel);
            var nextCommunity = new int[refined];
            for (var v = 0; v < level.N; v++) nextCommunity[s.Refined[v]] = community[v];
            for (var v = 0; v < n0; v++) levelOf[v] = s.Refined[levelOf[v]];
            level = next;
            community = nextCommunity;
        }
        for (var v = 0; v < n0; v++) membership[v] = community[levelOf[v]];
        return changed;
    }

    /// <summary>Renumbers communities 0..k-1 in order of first appearance; returns k.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int Densify(int[] community, int n, int[] renumber)
    {
        Array.Fill(renumber, -1, 0, n);
        var k = 0;
        for (var v = 0; v < n; v++)
        {
            ref var id = ref renumber[community[v]];
            if (id < 0) id = k++;
            community[v] = id;
        }
        return k;
    }

    /// <summary>Fills <paramref name="order"/>[0..n) with a seeded random permutation (Fisher–Yates).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Shuffle(int n, Random random, int[] order)
    {
        for (var i = 0; i < n; i++) order[i] = i;
        for (var i = n - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }
    }

    /// <summary>Fast local moving (the paper's MoveNodesFast): nodes from a queue, first all in random order, then the
    /// neighbours of a moved node outside its new community; each goes to the community of largest modularity gain
    /// (staying on ties, an empty community when every gain is negative). Returns whether any node moved.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool MoveNodes(Level level, int[] community, double scaled, Random random, Scratch s, CancellationToken cancellationToken)
    {
        var n = level.N;
        var offsets = level.Offsets;
        var targets = level.Targets;
        var weights = level.Weights;
        var unit = level.Unit;
        var nodeWeight = level.NodeWeight;
        var weightOf = s.CommunityWeight;
        var size = s.CommunitySize;
        var accumulated = s.Accumulated;
        var touched = s.Touched;
        var queue = s.Queue;
        var queued = s.Queued;
        var empty = s.Empty;
        Array.Clear(weightOf, 0, n);
        Array.Clear(size, 0, n);
        for (var v = 0; v < n; v++)
        {
            weightOf[community[v]] += nodeWeight[v];
            size[community[v]]++;
        }
        var emptyCount = 0;
        for (var c = n - 1; c >= 0; c--) if (size[c] == 0) empty[emptyCount++] = c;

        Shuffle(n, random, queue);
        for (var v = 0; v < n; v++) queued[v] = true;
        int head = 0, length = n;
        var moved = false;
        var steps = 0;
        // No bounds checks in the loops below: targets are node numbers below n, communities ids below n, and the queue
        // holds node numbers only, by construction.
        ref var target = ref MemoryMarshal.GetArrayDataReference(targets);
        ref var communityOf = ref MemoryMarshal.GetArrayDataReference(community);
        ref var sum = ref MemoryMarshal.GetArrayDataReference(accumulated);
        ref var seen = ref MemoryMarshal.GetArrayDataReference(touched);
        ref var weightOfC = ref MemoryMarshal.GetArrayDataReference(weightOf);
        ref var gains = ref MemoryMarshal.GetArrayDataReference(s.Gains);
        ref var queuedOf = ref Unsafe.As<bool, byte>(ref MemoryMarshal.GetArrayDataReference(queued));
        ref var queueAt = ref MemoryMarshal.GetArrayDataReference(queue);
        ref var offsetOf = ref MemoryMarshal.GetArrayDataReference(offsets);
        var warm = 0;
        while (length > 0)
        {
            if ((++steps & 0xFFFF) == 0) cancellationToken.ThrowIfCancellationRequested();
            var v = Unsafe.Add(ref queueAt, head);
            head = head + 1 == n ? 0 : head + 1;
            length--;
            // Warm the caches for the nodes next in the queue (random places in memory): their offsets two ahead, their
            // first contacts and community one ahead. Plain loads whose values are folded into `warm`; nothing waits.
            var next = Unsafe.Add(ref queueAt, head);
            var after = Unsafe.Add(ref queueAt, head + 1 >= n ? head + 1 - n : head + 1);
            warm ^= Unsafe.Add(ref offsetOf, after) ^ Unsafe.Add(ref communityOf, next)
                ^ Unsafe.Add(ref target, Math.Min(Unsafe.Add(ref offsetOf, next), targets.Length - 1));
            Unsafe.Add(ref queuedOf, v) = 0;
            var current = Unsafe.Add(ref communityOf, v);
            var kv = nodeWeight[v];
            var touchedCount = 0;
            int from = Unsafe.Add(ref offsetOf, v), to = Unsafe.Add(ref offsetOf, v + 1);
            // Without branches, so that the random reads of many contacts' communities are in flight at once: every
            // community is written to the touched list, which only grows on the first contact in it.
            if (unit)
            {
                for (var e = from; e < to; e++)
                {
                    var c = Unsafe.Add(ref communityOf, Unsafe.Add(ref target, e));
                    ref var a = ref Unsafe.Add(ref sum, c);
                    Unsafe.Add(ref seen, touchedCount) = c;
                    touchedCount += a == 0 ? 1 : 0;
                    a++;
                }
            }
            else
            {
                for (var e = from; e < to; e++)
                {
                    var c = Unsafe.Add(ref communityOf, Unsafe.Add(ref target, e));
                    ref var a = ref Unsafe.Add(ref sum, c);
                    Unsafe.Add(ref seen, touchedCount) = c;
                    touchedCount += a == 0 ? 1 : 0;
                    a += weights[e];
                }
            }
            weightOf[current] -= kv;
            size[current]--;
            var best = current;
            var bestGain = accumulated[current] - (scaled * kv * weightOf[current]);
            // The gains first (independent reads of the communities' weights), then the largest in touched order.
            for (var i = 0; i < touchedCount; i++)
            {
                var c = Unsafe.Add(ref seen, i);
                ref var a = ref Unsafe.Add(ref sum, c);
                Unsafe.Add(ref gains, i) = a - (scaled * kv * Unsafe.Add(ref weightOfC, c));
                a = 0;
            }
            for (var i = 0; i < touchedCount; i++)
            {
                var gain = Unsafe.Add(ref gains, i);
                if (gain > bestGain) { best = Unsafe.Add(ref seen, i); bestGain = gain; }
            }
            if (bestGain < 0) best = empty[--emptyCount]; // alone is better than anywhere (size[current] > 0 here)
            weightOf[best] += kv;
            size[best]++;
            Unsafe.Add(ref communityOf, v) = best;
            if (best == current) continue;
            if (size[current] == 0) empty[emptyCount++] = current;
            moved = true;
            // Queue the contacts outside the new community not queued yet, without branches: the slot after the tail
            // is free (at most n − 1 nodes are queued while v is out), so each is written there and kept or not.
            var tail = head + length;
            if (tail >= n) tail -= n;
            for (var e = from; e < to; e++)
            {
                var u = Unsafe.Add(ref target, e);
                ref var flag = ref Unsafe.Add(ref queuedOf, u);
                var add = (flag ^ 1) & (Unsafe.Add(ref communityOf, u) != best ? 1 : 0);
                Unsafe.Add(ref queueAt, tail) = u;
                flag |= (byte)add;
                length += add;
                tail += add;
                if (tail == n) tail = 0;
            }
        }
        WarmSink = warm;
        return moved;
    }

    /// <summary>Refinement (the paper's RefinePartition / MergeNodesSubset): within each community, from singletons, each
    /// well-connected node still alone joins a well-connected sub-community of the same community, chosen at random with
    /// probability ∝ exp(gain/θ) among those of non-negative gain (its own included). Writes the sub-community of each
    /// node, dense, to <see cref="Scratch.Refined"/> and returns their number.</summary>
    /// <remarks>Communities are refined independently of each other, so in parallel: each visits its members in its own
    /// random order and draws from its own stream, seeded by <paramref name="stream"/> and the community's number, so
    /// the result does not depend on the threads.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int Refine(Level level, int[] community, int count, double scaled, ulong stream, Scratch s,
        ParallelOptions parallel)
    {
        var n = level.N;
        var offsets = level.Offsets;
        var targets = level.Targets;
        var nodeWeight = level.NodeWeight;
        var refined = s.Refined;
        var refinedWeight = s.RefinedWeight;
        var external = s.External;
        var nonSingleton = s.NonSingleton;
        var weightOf = s.CommunityWeight;

        // Members of each community: a counting sort by community, in node order (each community shuffles its own).
        var start = s.Start;
        Array.Clear(start, 0, count + 1);
        Array.Clear(weightOf, 0, count);
        for (var v = 0; v < n; v++)
        {
            start[community[v] + 1]++;
            weightOf[community[v]] += nodeWeight[v];
        }
        for (var c = 0; c < count; c++) start[c + 1] += start[c];
        var fill = s.Queue;
        Array.Copy(start, fill, count);
        for (var v = 0; v < n; v++) s.Members[fill[community[v]]++] = v;

        Parallel.For(0, (n + Block - 1) / Block, parallel, b =>
        {
            for (int v = b * Block, end = Math.Min(n, v + Block); v < end; v++)
            {
                refined[v] = v;
                refinedWeight[v] = nodeWeight[v];
                nonSingleton[v] = false;
                var inside = 0;
                var own = community[v];
                for (var e = offsets[v]; e < offsets[v + 1]; e++)
                    inside += community[targets[e]] == own ? level.Weight(e) : 0;
                external[v] = inside;
            }
        });

        // Ranges of whole communities of about a thousand members each.
        var ranges = new List<int> { 0 };
        for (var c = 0; c < count; c++)
            if (start[c + 1] - start[ranges[^1]] >= 1024 || c == count - 1) ranges.Add(c + 1);
        Parallel.For(0, ranges.Count - 1, parallel, s.RentWorker, (k, _, worker) =>
        {
            for (var c = ranges[k]; c < ranges[k + 1]; c++)
                RefineCommunity(level, community, c, scaled, new Draws(stream, c), s, worker);
            return worker;
        }, s.ReturnWorker);
        // Only nodes still alone move, and a node someone joined never moves, so every refined[v] names a node that
        // stayed where it was; renumber them densely.
        return Densify(refined, n, s.Renumber);
    }

    /// <summary>Nodes per unit of parallel work.</summary>
    private const int Block = 1 << 14;

    /// <summary>Refines one community (see <see cref="Refine"/>); touches only its members' entries and the worker's
    /// scratch.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void RefineCommunity(Level level, int[] community, int c, double scaled, Draws random, Scratch s,
        Worker worker)
    {
        var offsets = level.Offsets;
        var targets = level.Targets;
        var nodeWeight = level.NodeWeight;
        var refined = s.Refined;
        var refinedWeight = s.RefinedWeight;
        var external = s.External;
        var nonSingleton = s.NonSingleton;
        var accumulated = worker.Accumulated;
        var total = s.CommunityWeight[c];
        var members = s.Members.AsSpan(s.Start[c], s.Start[c + 1] - s.Start[c]);
        for (var i = members.Length - 1; i > 0; i--) // visited in random order (Fisher–Yates)
        {
            var j = random.Next(i + 1);
            (members[i], members[j]) = (members[j], members[i]);
        }
        foreach (var v in members)
        {
            if (refined[v] != v || nonSingleton[v]) continue;
            var kv = nodeWeight[v];
            if (external[v] < scaled * kv * (total - kv)) continue;
            worker.Reserve(1 + offsets[v + 1] - offsets[v]);
            var touched = worker.Touched;
            var chances = worker.Chances;
            var touchedCount = 0;
            touched[touchedCount++] = v;
            for (var e = offsets[v]; e < offsets[v + 1]; e++)
            {
                // Without branches (see MoveNodes): contacts outside c add nothing. Their refined[u], which another
                // thread may be writing, is read but never used.
                var u = targets[e];
                var inside = community[u] == c;
                var r = refined[u];
                ref var a = ref accumulated[r];
                touched[touchedCount] = r;
                touchedCount += inside && a == 0 ? 1 : 0;
                a += inside ? level.Weight(e) : 0;
            }
            var own = external[v];
            refinedWeight[v] = 0; // v leaves its singleton, which is then empty
            external[v] = 0;
            var maxGain = 0.0;
            for (var j = 0; j < touchedCount; j++)
            {
                var r = touched[j];
                var kr = refinedWeight[r];
                if (r != v && external[r] >= scaled * kr * (total - kr))
                    maxGain = Math.Max(maxGain, accumulated[r] - (scaled * kv * kr));
            }
            // Draw among the well-connected of non-negative gain with weight exp((gain − max)/θ).
            var sum = 0.0;
            for (var j = 0; j < touchedCount; j++)
                sum += chances[j] = Chance(touched[j], v, kv, total, maxGain, scaled, refinedWeight, external, accumulated);
            var draw = random.NextDouble() * sum;
            var chosen = v;
            for (var j = 0; j < touchedCount; j++)
            {
                var p = chances[j];
                if (p == 0) continue;
                chosen = touched[j];
                draw -= p;
                if (draw < 0) break;
            }
            refinedWeight[chosen] += kv;
            external[chosen] += own - (2 * accumulated[chosen]);
            if (chosen != v)
            {
                refined[v] = chosen;
                nonSingleton[chosen] = true;
            }
            for (var j = 0; j < touchedCount; j++) accumulated[touched[j]] = 0;
        }
    }

    /// <summary>A community's own random stream for refinement (SplitMix64, Steele, Lea &amp; Flood 2014), seeded by
    /// hashing the refinement's stream with the community's number.</summary>
    private struct Draws(ulong stream, int community)
    {
        private ulong _state = Mix(stream ^ Mix((ulong)community + 1));

        private static ulong Mix(ulong z)
        {
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
            return z ^ (z >> 31);
        }

        private ulong Next() => Mix(_state += 0x9E3779B97F4A7C15);

        /// <summary>Uniform in [0, 1).</summary>
        public double NextDouble() => (Next() >> 11) * (1.0 / (1UL << 53));

        /// <summary>Uniform in [0, bound), by Lemire's multiply-shift (bias below bound/2⁶⁴).</summary>
        public int Next(int bound) => (int)Math.BigMul(Next(), (ulong)bound, out _);
    }

    /// <summary>One thread's scratch for refinement and aggregation: an accumulator over the nodes (all zero between
    /// uses) and touched lists grown to the longest needed, so that a worker costs one int per node.</summary>
    private sealed class Worker(int n)
    {
        public readonly int[] Accumulated = new int[n];

        public int[] Touched { get; private set; } = new int[1024];

        public double[] Chances { get; private set; } = new double[1024];

        /// <summary>Makes the touched lists hold at least <paramref name="count"/> entries (their contents are lost).</summary>
        public void Reserve(int count)
        {
            if (count <= Touched.Length) return;
            var size = Math.Max(count, 2 * Touched.Length);
            Touched = new int[size];
            Chances = new double[size];
        }
    }

    private static double Chance(int r, int v, int kv, int total, double maxGain, double scaled, int[] refinedWeight,
        int[] external, int[] accumulated)
    {
        var kr = refinedWeight[r];
        if (r != v && external[r] < scaled * kr * (total - kr)) return 0;
        var gain = accumulated[r] - (scaled * kv * kr);
        return gain < 0 ? 0 : Math.Exp((gain - maxGain) / Theta);
    }

    /// <summary>The graph of the refined sub-communities: one node per sub-community, weighted by its members' degrees,
    /// and one edge per pair of sub-communities with any edge between them, weighted by their number (edges inside a
    /// sub-community are dropped: a self-loop changes no move's gain). A node's list is in order of first appearance
    /// over its members in number order, a fixed order.</summary>
    /// <remarks>In parallel over ranges of sub-communities: each range writes its lists from where its members' edges
    /// would start (a bound on its output), and the ranges are then moved down to close the gaps; every list is the
    /// same whatever thread built it.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static Level Aggregate(Level level, int[] refined, int count, Scratch s, LevelBuffer buffer, ParallelOptions parallel)
    {
        var n = level.N;
        var start = s.Start;
        Array.Clear(start, 0, count + 1);
        for (var v = 0; v < n; v++) start[refined[v] + 1]++;
        for (var r = 0; r < count; r++) start[r + 1] += start[r];
        var fill = s.Queue;
        Array.Copy(start, fill, count);
        var members = s.Members;
        for (var v = 0; v < n; v++) members[fill[refined[v]]++] = v;

        var offsets = buffer.Offsets;
        var targets = buffer.Targets;
        var weights = buffer.Weights;
        var nodeWeight = buffer.NodeWeight;
        var levelOffsets = level.Offsets;
        var levelTargets = level.Targets;
        var levelWeights = level.Weights;
        var unit = level.Unit;

        // Ranges of sub-communities of about a block of members each, where each range may start writing, and the most
        // slots one sub-community of the range has (what a worker's scratch must hold).
        var ranges = new List<int> { 0 };
        var bounds = new List<int> { 0 };
        var widest = new List<int>();
        int slots = 0, widestHere = 0;
        for (var r = 0; r < count; r++)
        {
            var before = slots;
            for (var i = start[r]; i < start[r + 1]; i++) slots += levelOffsets[members[i] + 1] - levelOffsets[members[i]];
            widestHere = Math.Max(widestHere, slots - before);
            if (start[r + 1] - start[ranges[^1]] < Block && r != count - 1) continue;
            ranges.Add(r + 1);
            bounds.Add(slots);
            widest.Add(widestHere);
            widestHere = 0;
        }
        var ends = new int[ranges.Count - 1];
        Parallel.For(0, ranges.Count - 1, parallel, s.RentWorker, (k, _, worker) =>
        {
            ref var refinedOf = ref MemoryMarshal.GetArrayDataReference(refined);
            ref var target = ref MemoryMarshal.GetArrayDataReference(levelTargets);
            ref var sum = ref MemoryMarshal.GetArrayDataReference(worker.Accumulated);
            var written = bounds[k];
            worker.Reserve(widest[k]);
            for (var r = ranges[k]; r < ranges[k + 1]; r++)
            {
                ref var seen = ref MemoryMarshal.GetArrayDataReference(worker.Touched);
                var touchedCount = 0;
                var weight = 0;
                for (var i = start[r]; i < start[r + 1]; i++)
                {
                    var v = members[i];
                    weight += level.NodeWeight[v];
                    // Without branches (see MoveNodes): edges inside r are summed too, and skipped when written.
                    for (var e = levelOffsets[v]; e < levelOffsets[v + 1]; e++)
                    {
                        var q = Unsafe.Add(ref refinedOf, Unsafe.Add(ref target, e));
                        ref var a = ref Unsafe.Add(ref sum, q);
                        Unsafe.Add(ref seen, touchedCount) = q;
                        touchedCount += a == 0 ? 1 : 0;
                        a += unit ? 1 : levelWeights[e];
                    }
                }
                nodeWeight[r] = weight;
                for (var j = 0; j < touchedCount; j++)
                {
                    var q = Unsafe.Add(ref seen, j);
                    ref var a = ref Unsafe.Add(ref sum, q);
                    if (q != r)
                    {
                        targets[written] = q;
                        weights[written++] = a;
                    }
                    a = 0;
                }
                offsets[r + 1] = written;
            }
            ends[k] = written;
            return worker;
        }, s.ReturnWorker);
        offsets[0] = 0;
        var gap = 0;
        for (var k = 0; k < ends.Length; k++)
        {
            if (gap > 0)
            {
                Array.Copy(targets, bounds[k], targets, bounds[k] - gap, ends[k] - bounds[k]);
                Array.Copy(weights, bounds[k], weights, bounds[k] - gap, ends[k] - bounds[k]);
                for (var r = ranges[k]; r < ranges[k + 1]; r++) offsets[r + 1] -= gap;
            }
            gap += bounds[k + 1] - ends[k];
        }
        return new Level(count, offsets, targets, weights, nodeWeight);
    }
}
