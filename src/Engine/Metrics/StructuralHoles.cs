using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using SocialCapital.Graph;

namespace SocialCapital.Metrics;

/// <summary>Burt's structural-hole measures of one person (docs/measures.md): constraint, effective size, efficiency
/// and hierarchy — the one place where their formulas live, for <see cref="PersonMetrics"/> and
/// <see cref="BurtConstraint"/> alike. The dated pass of trends (<see cref="Live.DatedPass"/>) runs constraint's
/// terms for several states at once with the same operations in the same order; a test holds the two equal.</summary>
/// <remarks>One marker pass per person: the person's contacts are marked (a bit per node) with their proportional tie
/// strength p_uq beside them, then each contact v's own contact list is scanned for marked nodes q, adding p_uq·p_qv to
/// v's indirect constraint and p_uq·w_vq / max w_v· to its redundancy. O(Σ_v k_v²) over all people. The scan is split
/// in two: a branch-free pass that gathers the slots of marked nodes (the bit set, an eighth of a byte per node, stays
/// in the core's cache, where an int stamp per node did not), then the terms of those slots in slot order; and the
/// lists of a block of contacts are located and read ahead before they are scanned. The terms are added in a fixed
/// order with the same operations whichever way the slots are found, so every entry point gets the same bits. The type
/// argument of <see cref="Measure{TParts}"/> says which measures are wanted; the JIT compiles the others out.</remarks>
internal static class StructuralHoles
{
    // Contacts whose lists are located and read ahead together: enough for their cache misses to overlap, few enough
    // that what was read is still in the cache when it is scanned.
    private const int Block = 32;

    /// <summary>Which measures <see cref="Measure{TParts}"/> computes: constraint alone, or all four.</summary>
    public interface IParts
    {
        /// <summary>Whether effective size, efficiency and hierarchy are wanted too.</summary>
        static abstract bool All { get; }

        /// <summary>Whether the person's triangles are counted on the way (<see cref="Terms.Triangles"/>).</summary>
        static virtual bool Triangles => false;
    }

    /// <summary>Constraint and the person's triangles: the contacts of contacts that the constraint scans are the
    /// closing ties, so the count costs an increment instead of a pass of its own (<see cref="AreaMetrics"/>).</summary>
    public readonly struct ConstraintAndTriangles : IParts
    {
        /// <inheritdoc/>
        public static bool All => false;

        /// <inheritdoc/>
        public static bool Triangles => true;
    }

    /// <summary>Constraint alone.</summary>
    public readonly struct ConstraintOnly : IParts
    {
        /// <inheritdoc/>
        public static bool All => false;
    }

    /// <summary>Constraint, effective size, efficiency and hierarchy.</summary>
    public readonly struct Everything : IParts
    {
        /// <inheritdoc/>
        public static bool All => true;
    }

    /// <summary>All four measures and the person's triangles (<see cref="ConstraintAndTriangles"/>), for the whole-graph
    /// person pass, which then needs no triangle pass of its own.</summary>
    public readonly struct EverythingAndTriangles : IParts
    {
        /// <inheritdoc/>
        public static bool All => true;

        /// <inheritdoc/>
        public static bool Triangles => true;
    }

    /// <summary>The measures of one person; NaN where undefined (no contacts; hierarchy below two), and NaN for those
    /// not asked for; with the triangles through the person (ties between two of their contacts) when counted, else 0.</summary>
    public readonly record struct Terms(double Constraint, double EffectiveSize, double Efficiency, double Hierarchy, long Triangles = 0);

    /// <summary>Per-thread scratch: a bit per node marks the current person's contacts, with p_uq beside it; where a
    /// block of contacts' lists are and their largest weights (read ahead); the slots of one contact's list that hold
    /// marked nodes; and each contact's local constraint c_uv (for hierarchy). The bits are cleared after each person,
    /// so the scratch needs no clearing between uses.</summary>
    public sealed class Scratch(int nodes)
    {
        public readonly ulong[] Marked = new ulong[(nodes + 63) >> 6];
        public readonly double[] P = new double[nodes];
        public readonly int[] Bounds = new int[2 * Block];
        public readonly double[] BlockMax = new double[Block];
        public int[] Hits = new int[64];
        public double[] Local = new double[16];

        /// <summary>The sum of the entries read ahead, kept so that the reads are not optimised away; nobody reads it.</summary>
        public double Touched;
    }

    /// <summary>The measures of person <paramref name="u"/>.</summary>
    public static Terms Measure<TParts>(Adjacency contacts, ContactWeights weights, int u, Scratch scratch)
        where TParts : struct, IParts =>
        weights.Column switch
        {
            null => Measure<TParts, ContactWeights.Unit>(contacts, weights, default, u, scratch),
            { ByteCodes: { } codes } column => Measure<TParts, ContactWeights.ByteCoded>(contacts, weights, new(codes, column.Values), u, scratch),
            { UShortCodes: { } codes } column => Measure<TParts, ContactWeights.UShortCoded>(contacts, weights, new(codes, column.Values), u, scratch),
            var column => Measure<TParts, ContactWeights.PerSlot>(contacts, weights, new(column.Values), u, scratch),
        };

    // Called once per person, so many times per call but few calls in all: optimised from the first call instead of
    // after tiering (as TwoHop.Collect), which also folds TParts.All to a constant.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static Terms Measure<TParts, TWeights>(Adjacency contacts, ContactWeights weights, TWeights w, int u, Scratch scratch)
        where TParts : struct, IParts
        where TWeights : struct, ContactWeights.IReader
    {
        var starts = contacts.Start;
        var ends = contacts.End;
        var neighbors = contacts.Neighbors;
        var strength = weights.Strength;
        int start = starts[u], end = ends[u], k = end - start;
        if (k == 0) return new Terms(double.NaN, double.NaN, double.NaN, double.NaN);
        ref var marked = ref MemoryMarshal.GetArrayDataReference(scratch.Marked); // a node index is below the bits' count
        var p = scratch.P;
        var su = strength[u];
        var touched = 0.0; // the contacts' totals, read here where their cache misses overlap, for the scan's hits
        for (var s = start; s < end; s++)
        {
            var v = neighbors[s];
            Unsafe.Add(ref marked, v >> 6) |= 1UL << v; // C# takes the shift count mod 64
            p[v] = w.At(s) / su;
            touched += strength[v];
        }
        if (TParts.All && scratch.Local.Length < k) scratch.Local = new double[Math.Max(k, scratch.Local.Length * 2)];
        var local = scratch.Local;
        var max = weights.Max;

        double constraint = 0, effective = 0;
        long closing = 0; // (contact, contact of contact) pairs among the distinct contacts: each triangle twice
        ref var bounds = ref MemoryMarshal.GetArrayDataReference(scratch.Bounds);
        ref var blockMax = ref MemoryMarshal.GetArrayDataReference(scratch.BlockMax);
        for (var block = start; block < end; block += Block)
        {
            var blockEnd = Math.Min(end, block + Block);
            // Where the block's contacts' lists are (with their largest weights), and the first and last entries of
            // each, read before any list is scanned: the reads do not depend on one another, so their cache misses
            // overlap (as IdTable.Prefetch), where the scan would otherwise wait for each list in turn — the most of
            // its time on a large graph.
            for (var s = block; s < blockEnd; s++)
            {
                var v = neighbors[s];
                int from = starts[v], to = ends[v];
                Unsafe.Add(ref bounds, 2 * (s - block)) = from;
                Unsafe.Add(ref bounds, 2 * (s - block) + 1) = to;
                if (TParts.All) Unsafe.Add(ref blockMax, s - block) = max![v];
                if (to > from) touched += neighbors[from] + neighbors[to - 1] + w.At(from) + w.At(to - 1);
            }

            for (var s = block; s < blockEnd; s++)
            {
                var v = neighbors[s];
                int from = Unsafe.Add(ref bounds, 2 * (s - block)), kv = Unsafe.Add(ref bounds, 2 * (s - block) + 1) - from;
                if (scratch.Hits.Length < kv) scratch.Hits = new int[Math.Max(kv, scratch.Hits.Length * 2)];
                // The slots of v's marked contacts, in slot order, without a branch per slot: a mispredicted branch on
                // each contact of a contact cost more than all the rest of the scan.
                ref var hits = ref MemoryMarshal.GetArrayDataReference(scratch.Hits);
                var list = neighbors.AsSpan(from, kv);
                var found = 0;
                for (var i = 0; i < list.Length; i++)
                {
                    var q = list[i];
                    Unsafe.Add(ref hits, found) = i;
                    found += (int)((Unsafe.Add(ref marked, q >> 6) >> q) & 1);
                }
                double indirect = 0, redundancy = 0;
                var maxV = TParts.All ? Unsafe.Add(ref blockMax, s - block) : 0;
                for (var h = 0; h < found; h++)
                {
                    var i = Unsafe.Add(ref hits, h);
                    var q = list[i];
                    if (TParts.Triangles && q != u && q != v && v != u) closing++;
                    var wvq = w.At(from + i);
                    indirect += p[q] * (wvq / strength[q]);
                    if (TParts.All) redundancy += p[q] * (wvq / maxV);
                }
                var l = p[v] + indirect;
                constraint += l * l;
                if (TParts.All)
                {
                    local[s - start] = l * l;
                    effective += 1 - redundancy;
                }
            }
        }
        for (var s = start; s < end; s++) Unsafe.Add(ref marked, neighbors[s] >> 6) = 0; // only u's contacts are set
        scratch.Touched = touched;
        if (!TParts.All) return new Terms(constraint, double.NaN, double.NaN, double.NaN, closing / 2);

        var hierarchy = double.NaN;
        if (k >= 2)
        {
            double sum = 0, mean = constraint / k;
            for (var i = 0; i < k; i++)
            {
                var r = local[i] / mean;
                sum += r * Math.Log(r);
            }
            hierarchy = sum / (k * Math.Log(k));
        }
        return new Terms(constraint, effective, effective / k, hierarchy, closing / 2);
    }
}
