namespace SocialCapital.Metrics;

/// <summary>Group-mixing indices over a symmetric count matrix m[g, h] = ties between groups g and h,
/// each undirected tie counted once in each direction (as networkx's mixing matrix).</summary>
internal static class Heterophily
{
    /// <summary>Krackhardt &amp; Stern's E-I index (E − I)/(E + I) over a mixing matrix: E the ties between different
    /// groups, I those within one; NaN without ties.</summary>
    public static double EiIndex(double[,] mixing)
    {
        double external = 0, internalTies = 0;
        for (var g = 0; g < mixing.GetLength(0); g++)
            for (var h = 0; h < mixing.GetLength(1); h++)
                if (g == h) internalTies += mixing[g, h];
                else external += mixing[g, h];
        return EiIndex(external, internalTies);
    }

    /// <summary>Krackhardt &amp; Stern's E-I index (E − I)/(E + I) of <paramref name="external"/> ties between different
    /// groups and <paramref name="internalTies"/> within one — the one formula of a person's and an area's E-I; NaN
    /// without ties.</summary>
    public static double EiIndex(double external, double internalTies)
    {
        var total = external + internalTies;
        return total > 0 ? (external - internalTies) / total : double.NaN;
    }

    /// <summary>The mixing matrix of the first <paramref name="groups"/> groups alone (the ties between them).</summary>
    public static double[,] Leading(double[,] mixing, int groups)
    {
        var part = new double[groups, groups];
        for (var g = 0; g < groups; g++)
            for (var h = 0; h < groups; h++) part[g, h] = mixing[g, h];
        return part;
    }

    /// <summary>Newman's nominal assortativity r = (Tr e − ‖e²‖)/(1 − ‖e²‖) on the normalised mixing matrix
    /// (networkx <c>attribute_assortativity_coefficient</c>); NaN without ties or when ‖e²‖ = 1.</summary>
    public static double Assortativity(double[,] mixing)
    {
        var groups = mixing.GetLength(0);
        double total = 0;
        foreach (var x in mixing) total += x;
        if (total <= 0) return double.NaN;
        double trace = 0, sumAB = 0;
        for (var g = 0; g < groups; g++)
        {
            double a = 0, b = 0;
            for (var h = 0; h < groups; h++) { a += mixing[g, h]; b += mixing[h, g]; }
            trace += mixing[g, g] / total;
            sumAB += a / total * (b / total);
        }
        return sumAB >= 1 ? double.NaN : (trace - sumAB) / (1 - sumAB);
    }

    /// <summary>Blau's heterogeneity 1 − Σ p_g² over group counts; NaN when every count is 0.</summary>
    public static double Blau(ReadOnlySpan<int> counts)
    {
        double total = 0;
        foreach (var c in counts) total += c;
        if (total <= 0) return double.NaN;
        double sum = 0;
        foreach (var c in counts) sum += c / total * (c / total);
        return 1 - sum;
    }
}
