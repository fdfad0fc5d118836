using SocialCapital.Graph;

namespace SocialCapital.Metrics;

/// <summary>The tie weights the structural-hole measures use, per contact slot: the contact's strength, read straight
/// from the snapshot's strength column (no copy), or 1 for every contact when strengths are not used; with each node's
/// total s_u and, when asked for, its largest weight.</summary>
internal sealed class ContactWeights
{
    private ContactWeights(StrengthColumn? column, double[] strength, double[]? max)
    {
        Column = column;
        Strength = strength;
        Max = max;
    }

    /// <summary>The snapshot's strengths, or null when every contact weighs 1.</summary>
    public StrengthColumn? Column { get; }

    /// <summary>s_u = Σ_v w_uv, per node, added in slot order.</summary>
    public double[] Strength { get; }

    /// <summary>max_v w_uv per node (0 without contacts), or null when not asked for.</summary>
    public double[]? Max { get; }

    /// <summary>The weights of a snapshot's contacts.</summary>
    public static ContactWeights Of(Adjacency contacts, bool useStrengths, bool withMax)
    {
        var n = contacts.NodeCount;
        var weights = new ContactWeights(useStrengths ? contacts.Strengths : null, new double[n], withMax ? new double[n] : null);
        for (var u = 0; u < n; u++) weights.Fill(contacts, u);
        return weights;
    }

    /// <summary>Weights whose totals and maxima are held in the caller's arrays (of at least one entry per node) and
    /// filled only for the nodes given to <see cref="Fill"/>: for one person's measures without O(n) work.</summary>
    public static ContactWeights Partial(Adjacency contacts, bool useStrengths, double[] strength, double[] max) =>
        new(useStrengths ? contacts.Strengths : null, strength, max);

    /// <summary>Sets s_u (added in slot order) and, when held, max_v w_uv of node <paramref name="u"/>: the one
    /// place both are computed.</summary>
    public void Fill(Adjacency contacts, int u)
    {
        var starts = contacts.Start;
        var ends = contacts.End;
        var column = Column;
        double sum = 0, largest = 0;
        for (var s = starts[u]; s < ends[u]; s++)
        {
            var w = column is null ? 1.0 : column[s];
            sum += w;
            if (w > largest) largest = w;
        }
        Strength[u] = sum;
        if (Max is not null) Max[u] = largest;
    }

    /// <summary>A way to read w_uv of a slot; a struct, so that the read is compiled into the kernel's loop.</summary>
    public interface IReader
    {
        /// <summary>The weight of a slot.</summary>
        double At(int slot);
    }

    /// <summary>Every contact weighs 1.</summary>
    public readonly struct Unit : IReader
    {
        /// <inheritdoc/>
        public double At(int slot) => 1.0;
    }

    /// <summary>Strengths from a table by a byte code per slot.</summary>
    public readonly struct ByteCoded(byte[] codes, double[] values) : IReader
    {
        /// <inheritdoc/>
        public double At(int slot) => values[codes[slot]];
    }

    /// <summary>Strengths from a table by a ushort code per slot.</summary>
    public readonly struct UShortCoded(ushort[] codes, double[] values) : IReader
    {
        /// <inheritdoc/>
        public double At(int slot) => values[codes[slot]];
    }

    /// <summary>Strengths held per slot.</summary>
    public readonly struct PerSlot(double[] values) : IReader
    {
        /// <inheritdoc/>
        public double At(int slot) => values[slot];
    }
}
