using System.Runtime.CompilerServices;
using SocialCapital.Graph;

namespace SocialCapital.Metrics;

/// <summary>Burt's structural-hole measures of one person (docs/measures.md): constraint, effective size, efficiency
/// and hierarchy — the one place where their formulas live, for <see cref="PersonMetrics"/> and
/// <see cref="BurtConstraint"/> alike.</summary>
/// <remarks>One marker pass per person: the person's contacts are stamped with their proportional tie strength p_uq,
/// then each contact v's own contact list is scanned for stamped nodes q, adding p_uq·p_qv to v's indirect constraint
/// and p_uq·w_vq / max w_v· to its redundancy. O(Σ_v k_v²) over all people. The terms are added in a fixed order, so
/// every entry point gets the same bits. The type argument of <see cref="Measure{TParts}"/> says which
/// measures are wanted; the JIT compiles the others out.</remarks>
internal static class StructuralHoles
{
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

    /// <summary>The measures of one person; NaN where undefined (no contacts; hierarchy below two), and NaN for those
    /// not asked for; with the triangles through the person (ties between two of their contacts) when counted, else 0.</summary>
    public readonly record struct Terms(double Constraint, double EffectiveSize, double Efficiency, double Hierarchy, long Triangles = 0);

    /// <summary>Per-thread scratch: a stamp per node marks the current person's contacts, with p_uq beside it, and
    /// each contact's local constraint c_uv (for hierarchy). Stamped per person, so it never needs clearing.</summary>
    public sealed class Scratch(int nodes)
    {
        public readonly int[] Mark = new int[nodes];
        public readonly double[] P = new double[nodes];
        public double[] Local = new double[16];
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
        var mark = scratch.Mark;
        var p = scratch.P;
        var stamp = u + 1;
        var su = strength[u];
        for (var s = start; s < end; s++)
        {
            var v = neighbors[s];
            mark[v] = stamp;
            p[v] = w.At(s) / su;
        }
        if (TParts.All && scratch.Local.Length < k) scratch.Local = new double[Math.Max(k, scratch.Local.Length * 2)];
        var local = scratch.Local;
        var max = weights.Max;

        double constraint = 0, effective = 0;
        long closing = 0; // (contact, contact of contact) pairs among the distinct contacts: each triangle twice
        for (var s = start; s < end; s++)
        {
            var v = neighbors[s];
            double indirect = 0, redundancy = 0;
            for (var t = starts[v]; t < ends[v]; t++)
            {
                var q = neighbors[t];
                if (mark[q] != stamp) continue;
                if (TParts.Triangles && q != u && q != v && v != u) closing++;
                var wvq = w.At(t);
                indirect += p[q] * (wvq / strength[q]);
                if (TParts.All) redundancy += p[q] * (wvq / max![v]);
            }
            var l = p[v] + indirect;
            constraint += l * l;
            if (TParts.All)
            {
                local[s - start] = l * l;
                effective += 1 - redundancy;
            }
        }
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
        return new Terms(constraint, effective, effective / k, hierarchy);
    }
}
