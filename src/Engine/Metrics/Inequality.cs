namespace SocialCapital.Metrics;

/// <summary>Summaries of a list of counts used by the reports: the median and the Gini coefficient
/// (docs/measures.md#coaching-caseloads-and-continuity). One place for both, so every report computes them alike.</summary>
internal static class Inequality
{
    /// <summary>The median of <paramref name="values"/> (the middle value, or the mean of the two middle ones); sorts the
    /// span in place. NaN when empty.</summary>
    public static double Median(Span<int> values)
    {
        if (values.Length == 0) return double.NaN;
        values.Sort();
        var mid = values.Length / 2;
        return values.Length % 2 == 1 ? values[mid] : (values[mid - 1] + (double)values[mid]) / 2.0;
    }

    /// <summary>The Gini coefficient of non-negative values, G = Σ_i Σ_j |x_i − x_j| / (2 n² x̄), computed on the sorted
    /// values as Σ_i (2i − n − 1) x_(i) / (n Σ x) (i = 1…n); sorts the span in place. 0 when all are equal, (n − 1)/n
    /// when one holds everything; NaN when empty or when every value is 0.</summary>
    public static double Gini(Span<int> values)
    {
        if (values.Length == 0) return double.NaN;
        values.Sort();
        long total = 0, weighted = 0;
        var n = values.Length;
        for (var i = 0; i < n; i++)
        {
            total += values[i];
            weighted += (2L * (i + 1) - n - 1) * values[i];
        }
        return total == 0 ? double.NaN : (double)weighted / ((double)n * total);
    }
}
