using System.Collections.Concurrent;
using System.Numerics;
using System.Runtime.CompilerServices;
using SocialCapital.Graph;
using SocialCapital.Metrics;
using SocialCapital.Model;

namespace SocialCapital.Live;

/// <summary>The area measures of every state of <see cref="DatedContacts"/> in one pass over the people: each person's
/// contacts, and their contacts' contacts, are read once for all the states, and what each state's full pass
/// (<see cref="LiveMeasures"/>) computes — constraint, triangles, the terms of economic and work connectedness and
/// friending bias, the ties' tallies and support — is worked out for every state the slots met are active in. The
/// operations of each state are those of its own pass, in the same order (a state's lists are the structure's slots
/// active in it, in slot order), so every value is the one a snapshot built for that state gives. O(Σ_v k_v² + m·S)
/// for S states, where a pass per state costs S·Σ_v k_v²: the contacts' lists are read once, not S times.</summary>
internal static class DatedPass
{
    /// <summary>People a worker takes at a time.</summary>
    private const int Chunk = 1024;

    /// <summary>People whose values per state are held at once before they go into the states' totals.</summary>
    private const int Block = 1 << 13;

    /// <summary>The area measures of every state, with the bootstrap intervals for the states
    /// <paramref name="withIntervals"/> holds for.</summary>
    /// <param name="graph">A snapshot of the dataset: its records (areas, SES, work status) hold in every state.</param>
    /// <param name="dated">The states' contacts.</param>
    /// <param name="options">Strengths are chosen when <paramref name="dated"/> is built; threads, token and the rest from here.</param>
    /// <param name="withIntervals">Whether a state's rows get bootstrap intervals (drawn from each area's residents'
    /// values in id order, which is node order: the snapshot must be a fresh build).</param>
    /// <param name="progress">Told the share of people done.</param>
    public static LiveMeasures[] Run(SocialGraph graph, DatedContacts dated, AreaMetricsOptions options, Func<int, bool> withIntervals,
        IProgress<double>? progress)
    {
        if (!graph.Nodes.IsOrdinal) throw new ArgumentException("The snapshot must be a fresh build (node order = id order).", nameof(graph));
        var n = graph.NodeCount;
        var states = dated.States;
        var threads = Guard.Parallelism(options.MaxDegreeOfParallelism);
        var token = options.CancellationToken;
        var cells = graph.Nodes.AreaNames.Length;

        // s_q per state: its active slots' weights added in slot order, as a state's own pass adds them.
        var width = dated.Width;
        if ((long)n * width > Array.MaxLength) throw new InsufficientMemoryException($"{n} nodes × {width} states are too many for one dated pass.");
        var total = new double[n * width];
        var lanes = Vector<double>.Count;
        Parallel.For(0, n, new ParallelOptions { MaxDegreeOfParallelism = threads, CancellationToken = token }, q =>
        {
            var row = total.AsSpan(q * width, width);
            ref readonly var node = ref dated.NodeAt(q);
            for (var slot = node.From; slot < node.To; slot++)
            {
                var active = dated.Active(slot);
                var weights = dated.WeightRow(slot);
                // + 0 in the lanes of the states the slot is not active in: the sum keeps its bits.
                for (var c = 0; c < width; c += lanes)
                    if (Lanes(active, c, out var on))
                        (new Vector<double>(row[c..]) + Vector.ConditionalSelect(on, Weights(dated, slot, weights, c), Vector<double>.Zero)).CopyTo(row[c..]);
            }
        });

        // People in blocks: each block's values per state go to buffers used again for the next block (fresh arrays of
        // every person × state cost more in page faults than the pass), then into each state's totals in that order.
        var block = Math.Max(1, Math.Min(n, Block));
        var done = 0;
        var terms = new LiveMeasures.PersonTerms[states][];
        var clustering = new double[states][];
        var constraint = new double[states][];
        for (var s = 0; s < states; s++) (terms[s], clustering[s], constraint[s]) = (new LiveMeasures.PersonTerms[block], new double[block], new double[block]);
        var accumulators = new LiveMeasures.Accumulator[states];
        for (var s = 0; s < states; s++) accumulators[s] = new LiveMeasures.Accumulator(graph);
        var spare = new ConcurrentBag<Scratch>();
        var workers = new List<Scratch>();
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = threads, CancellationToken = token };
        // People area by area (each area's residents in id order, the order its totals add them in), then everyone
        // else: about half of a resident's contacts live in their area, so their lists, totals and records are mostly
        // read again from the cache, where node order reads them from memory each time.
        var order = AreaOrder(graph);
        for (var first = 0; first < n; first += block)
        {
            var offset = first;
            var count = Math.Min(block, n - first);
            var made = PooledParallel.ForRanges(count, Chunk, threads, () => spare.TryTake(out var kept) ? kept : new Scratch(n, states, width, cells),
                (from, to, scratch) =>
                {
                    for (var i = from; i < to; i++) Measure(graph, dated, total, order[offset + i], i, scratch, terms, clustering, constraint);
                    progress?.Report((double)Interlocked.Add(ref done, to - from) / n);
                }, token);
            foreach (var scratch in made)
            {
                if (!workers.Contains(scratch)) workers.Add(scratch);
                spare.Add(scratch);
            }
            Parallel.For(0, states, parallel, s =>
            {
                for (var i = 0; i < count; i++) accumulators[s].Add(order[offset + i], terms[s][i], clustering[s][i], constraint[s][i]);
            });
        }

        var tally = new DatedTally(cells, states);
        foreach (var worker in workers) tally.Merge(worker.Tally);
        var tallies = new AreaMetrics.TieTally[states];
        Parallel.For(0, states, parallel, s => tallies[s] = tally.State(s));
        var measures = LiveMeasures.Accumulator.Measures(accumulators, options, tallies, withIntervals);
        return measures;
    }

    /// <summary>Every node: the residents (people with an area) area by area, in node order within an area, then the
    /// other nodes in node order.</summary>
    private static int[] AreaOrder(SocialGraph graph)
    {
        var n = graph.NodeCount;
        var areas = graph.Nodes.AreaNames.Length;
        var areaOf = graph.Nodes.AreaCodes;
        var start = new int[areas + 2]; // bucket areas + 1 holds the others
        int Bucket(int u) => graph.IsResident(u) ? areaOf[u] : areas;
        for (var u = 0; u < n; u++) start[Bucket(u) + 1]++;
        for (var b = 0; b <= areas; b++) start[b + 1] += start[b];
        var order = new int[n];
        for (var u = 0; u < n; u++) order[start[Bucket(u)]++] = u;
        return order;
    }

    /// <summary>Per-worker scratch: a bit per node marking the current person's contacts and their positions among
    /// them, their p_uv per state (a row of <see cref="DatedContacts.Width"/> a contact), per-state sums, and the
    /// worker's tie tallies per state.</summary>
    private sealed class Scratch(int nodes, int states, int width, int cells)
    {
        public readonly ulong[] Marked = new ulong[(nodes + 63) >> 6];
        public readonly int[] Position = new int[nodes];
        public double[] P = new double[16 * width];
        public double[] Totals = new double[16 * width];
        public int[] Hits = new int[64];
        public bool[] InArea = new bool[16];
        public int[] Bounds = new int[32]; // each contact's list, from and to
        public byte[] ContactSes = new byte[16]; // DatedContacts.SesUnknown, SesLow or SesHigh
        public WorkStatus[] ContactWork = new WorkStatus[16];
        public double Touched; // the sum of what the touching loop read, so the reads are kept
        public readonly int[] Known = new int[states], High = new int[states], ResidentsKnown = new int[states], ResidentsHigh = new int[states];
        public readonly int[] InWork = new int[states], InOrOut = new int[states];
        public readonly DatedTally Tally = new(cells, states);
    }

    /// <summary>Per lane pattern of a vector's states (bit i for lane i), the lanes set: the mask of a chunk of states.</summary>
    private static readonly Vector<long>[] LaneMasks = [.. Enumerable.Range(0, 1 << Vector<double>.Count).Select(bits =>
        new Vector<long>([.. Enumerable.Range(0, Vector<long>.Count).Select(i => (bits >> i & 1) == 0 ? 0L : -1L)]))];

    /// <summary>The lanes of the vector of states from <paramref name="first"/> on that <paramref name="states"/> (a bit
    /// each) holds, as a mask; false when it holds none of them.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Lanes(uint states, int first, out Vector<long> on)
    {
        var bits = (states >> first) & ((1u << Vector<double>.Count) - 1);
        on = LaneMasks[bits];
        return bits != 0;
    }

    /// <summary>A slot's weights in the vector of states from <paramref name="first"/> on: its one weight, or its row's
    /// (<see cref="DatedContacts.WeightRow"/>, fetched once by the caller).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<double> Weights(DatedContacts dated, int slot, ReadOnlySpan<double> row, int first) =>
        row.IsEmpty ? new Vector<double>(dated.Weight[slot]) : new Vector<double>(row[first..]);

    /// <summary>Person <paramref name="u"/>'s values in every state, into entry <paramref name="at"/> of the block's
    /// buffers, and their ties (to higher nodes) into the worker's tallies.</summary>
    private static void Measure(SocialGraph graph, DatedContacts dated, double[] total, int u, int at, Scratch scratch,
        LiveMeasures.PersonTerms[][] terms, double[][] clustering, double[][] constraint)
    {
        var states = dated.States;
        var width = dated.Width;
        var lanes = Vector<double>.Count;
        ref readonly var self = ref dated.NodeAt(u);
        int from = self.From, to = self.To;
        var k = to - from;
        var person = graph.IsPerson(u);
        var areaOf = graph.Nodes.AreaCodes;
        var au = areaOf[u];
        Span<Vector<long>> degrees = stackalloc Vector<long>[width / lanes];
        degrees.Clear();
        Array.Clear(scratch.Known);
        Array.Clear(scratch.High);
        Array.Clear(scratch.ResidentsKnown);
        Array.Clear(scratch.ResidentsHigh);
        Array.Clear(scratch.InWork);
        Array.Clear(scratch.InOrOut);
        var neighbors = dated.Neighbors;
        var marked = scratch.Marked;
        var position = scratch.Position;
        if (scratch.P.Length < k * width)
        {
            scratch.P = new double[Math.Max(k * width, scratch.P.Length * 2)];
            scratch.Totals = new double[scratch.P.Length];
        }
        var p = scratch.P;
        // The contacts' s_q rows beside their p_uq rows: a hit reads both by the contact's position, from the core's
        // cache, where reading s_q from the whole table missed it on every hit.
        var totals = scratch.Totals;
        if (scratch.InArea.Length < k)
        {
            var size = Math.Max(k, scratch.InArea.Length * 2);
            (scratch.InArea, scratch.Bounds, scratch.ContactSes, scratch.ContactWork) = (new bool[size], new int[2 * size], new byte[size], new WorkStatus[size]);
        }
        var (inArea, bounds, contactSes, contactWork) = (scratch.InArea, scratch.Bounds, scratch.ContactSes, scratch.ContactWork);
        var su = total.AsSpan(u * width, width);
        // The contacts' SES and work status are read only for whom the terms read them (LiveMeasures.Terms).
        var resident = graph.IsResident(u);
        var lowSes = resident && self.Ses == DatedContacts.SesLow;
        var outOfWork = resident && self.Work == WorkStatus.OutOfWork;
        // Everything read of a contact first, in a loop whose reads do not depend on one another, so that their cache
        // misses overlap (as StructuralHoles), where the loops below would wait for each contact in turn — the most of
        // the pass's time at a million people: the contact's record (list bounds, area, SES, work status) and totals.
        for (var a = 0; a < k; a++)
        {
            var v = neighbors[from + a];
            marked[v >> 6] |= 1UL << v;
            position[v] = a;
            ref readonly var node = ref dated.NodeAt(v);
            (bounds[2 * a], bounds[(2 * a) + 1]) = (node.From, node.To);
            inArea[a] = node.Area == au;
            for (var c = 0; c < width; c += lanes) new Vector<double>(total.AsSpan(v * width + c, lanes)).CopyTo(totals.AsSpan(a * width + c, lanes));
            if (lowSes) contactSes[a] = node.Ses;
            if (outOfWork) contactWork[a] = node.Work;
        }
        // Then the first and last entries of their lists and of the lists' states, for the scan below: a loop of its
        // own, as these reads wait for the bounds above.
        var touched = 0.0;
        for (var a = 0; a < k; a++)
        {
            int listFrom = bounds[2 * a], listTo = bounds[(2 * a) + 1];
            if (listTo > listFrom)
                touched += neighbors[listFrom] + neighbors[listTo - 1] + dated.Active(listFrom) + dated.Active(listTo - 1) + dated.Weight[listFrom] + dated.Weight[listTo - 1];
        }
        scratch.Touched = touched;
        for (var a = 0; a < k; a++)
        {
            var slot = from + a;
            var active = dated.Active(slot);
            // p_uv in every state at once (the lanes of states the slot is not active in are never read).
            var weights = dated.WeightRow(slot);
            for (var c = 0; c < width; c += lanes)
            {
                if (!Lanes(active, c, out var on)) continue;
                (Weights(dated, slot, weights, c) / new Vector<double>(su[c..])).CopyTo(p.AsSpan(a * width + c, lanes));
                degrees[c / lanes] -= on;
            }
            var ses = lowSes ? contactSes[a] : DatedContacts.SesUnknown;
            var work = outOfWork ? contactWork[a] : WorkStatus.Unknown;
            if (ses == DatedContacts.SesUnknown && work is not (WorkStatus.InWork or WorkStatus.OutOfWork)) continue;
            var sameArea = lowSes && inArea[a];
            for (var m = active; m != 0; m &= m - 1)
            {
                var s = BitOperations.TrailingZeroCount(m);
                if (ses != DatedContacts.SesUnknown)
                {
                    var isHigh = ses == DatedContacts.SesHigh;
                    scratch.Known[s]++;
                    if (isHigh) scratch.High[s]++;
                    if (sameArea)
                    {
                        scratch.ResidentsKnown[s]++;
                        if (isHigh) scratch.ResidentsHigh[s]++;
                    }
                }
                if (work == WorkStatus.InWork) { scratch.InWork[s]++; scratch.InOrOut[s]++; }
                else if (work == WorkStatus.OutOfWork) scratch.InOrOut[s]++;
            }
        }

        var chunks = width / lanes;
        Span<Vector<double>> indirect = stackalloc Vector<double>[chunks];
        Span<Vector<long>> closing = stackalloc Vector<long>[chunks];
        closing.Clear();
        Span<Vector<double>> sums = stackalloc Vector<double>[chunks];
        sums.Clear();
        var gu = AreaMetrics.WorkGroup(graph, u);
        for (var a = 0; a < k; a++)
        {
            var slot = from + a;
            var v = neighbors[slot];
            var uv = dated.Active(slot);
            var supportable = inArea[a] && au != 0; // support counts only for a tie inside an area
            indirect.Clear();
            uint supported = 0;
            // The slots of v's list that hold u's contacts, gathered without a branch per slot (as StructuralHoles:
            // a mispredicted branch on each contact of a contact costs more than the rest of the scan).
            int listStart = bounds[2 * a], listLength = bounds[(2 * a) + 1] - listStart;
            if (scratch.Hits.Length < listLength) scratch.Hits = new int[Math.Max(listLength, scratch.Hits.Length * 2)];
            var hits = scratch.Hits;
            var found = 0;
            for (var i = 0; i < listLength; i++)
            {
                var q = neighbors[listStart + i];
                hits[found] = i;
                found += (int)((marked[q >> 6] >> q) & 1);
            }
            for (var h = 0; h < found; h++)
            {
                var b = listStart + hits[h];
                var q = neighbors[b];
                var place = position[q];
                var both = uv & dated.Active(b) & dated.Active(from + place);
                if (both == 0) continue;
                if (supportable && inArea[place]) supported |= both;
                // Every state at once, a vector of states at a time: the terms p_uq·(w_vq / s_q) of the states the three
                // ties are active in, each lane the same operations as a pass of its own; the others add 0.
                var pRow = p.AsSpan(place * width, width);
                var tRow = totals.AsSpan(place * width, width);
                var wRow = dated.WeightRow(b);
                for (var c = 0; c < chunks; c++)
                {
                    if (!Lanes(both, c * lanes, out var on)) continue;
                    var term = new Vector<double>(pRow[(c * lanes)..]) * (Weights(dated, b, wRow, c * lanes) / new Vector<double>(tRow[(c * lanes)..]));
                    indirect[c] += Vector.ConditionalSelect(on, term, Vector<double>.Zero);
                    closing[c] -= on;
                }
            }
            // The local constraint (p_uv + indirect)² into each state's sum, a vector of states at a time (+0 where the
            // tie is not active: the sums keep their bits).
            for (var c = 0; c < chunks; c++)
            {
                if (!Lanes(uv, c * lanes, out var on)) continue;
                var l = new Vector<double>(p.AsSpan(a * width + c * lanes, lanes)) + indirect[c];
                sums[c] += Vector.ConditionalSelect(on, l * l, Vector<double>.Zero);
            }
            if (v < u) continue; // each tie once, from its lower end
            ref readonly var other = ref dated.NodeAt(v);
            var av = other.Area;
            var inside = AreaMetrics.TieTally.IsInside(au, av, au, av);
            int? gv = inside ? AreaMetrics.WorkGroup(other.Work) : null, gw = inside ? gu : null;
            if (!dated.Varies(slot)) scratch.Tally.Add(au, av, (int)dated.Class[slot], uv, supported & uv, gw, gv);
            else
            {
                // A class per state: the states of each class apart.
                var classes = dated.ClassRow(slot);
                for (var cls = 0; cls < 3; cls++)
                {
                    var ofClass = 0u;
                    for (var m = uv; m != 0; m &= m - 1)
                        if ((int)classes[BitOperations.TrailingZeroCount(m)] == cls) ofClass |= m & (0u - m);
                    if (ofClass != 0) scratch.Tally.Add(au, av, cls, ofClass, supported & ofClass, gw, gv);
                }
            }
        }
        for (var a = 0; a < k; a++) marked[neighbors[from + a] >> 6] = 0;
        if (!person) return; // not read: the accumulators skip all but residents
        for (var s = 0; s < states; s++)
        {
            var degree = (int)degrees[s / lanes][s % lanes];
            constraint[s][at] = degree == 0 ? double.NaN : sums[s / lanes][s % lanes];
            clustering[s][at] = Triangles.Clustering(closing[s / lanes][s % lanes] / 2, degree);
            terms[s][at] = resident ? Terms(graph, u, scratch, s) : default;
        }
    }

    private static LiveMeasures.PersonTerms Terms(SocialGraph graph, int u, Scratch scratch, int s) =>
        LiveMeasures.Terms(graph.Ses(u), graph.WorkStatus(u) == WorkStatus.OutOfWork, scratch.Known[s], scratch.High[s],
            scratch.ResidentsKnown[s], scratch.ResidentsHigh[s], scratch.InWork[s], scratch.InOrOut[s], graph.PopulationInWorkShare);
}
