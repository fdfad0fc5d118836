using SocialCapital.Graph;

namespace SocialCapital.Metrics;

/// <summary>The tie weights the structural-hole measures use, per contact slot: the contact's strength, or 1 for every
/// contact when strengths are not used; with each node's total s_u and, when asked for, its largest weight.</summary>
internal sealed class ContactWeights
{
    private ContactWeights(double[] slot, double[] strength, double[]? max)
    {
        Slot = slot;
        Strength = strength;
        Max = max;
    }

    /// <summary>w_uv, per slot.</summary>
    public double[] Slot { get; }

    /// <summary>s_u = Σ_v w_uv, per node, added in slot order.</summary>
    public double[] Strength { get; }

    /// <summary>max_v w_uv per node (0 without contacts), or null when not asked for.</summary>
    public double[]? Max { get; }

    /// <summary>The weights of a snapshot's contacts.</summary>
    public static ContactWeights Of(Adjacency contacts, bool useStrengths, bool withMax)
    {
        var offsets = contacts.Offsets;
        var n = offsets.Length - 1;
        var slot = new double[contacts.Neighbors.Length];
        if (useStrengths) contacts.Strengths.CopyTo(0, slot);
        else Array.Fill(slot, 1.0);
        var strength = new double[n];
        var max = withMax ? new double[n] : null;
        for (var u = 0; u < n; u++)
        {
            double sum = 0, largest = 0;
            for (var s = offsets[u]; s < offsets[u + 1]; s++)
            {
                var w = slot[s];
                sum += w;
                if (w > largest) largest = w;
            }
            strength[u] = sum;
            if (max is not null) max[u] = largest;
        }
        return new ContactWeights(slot, strength, max);
    }
}
