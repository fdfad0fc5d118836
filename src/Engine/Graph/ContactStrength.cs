namespace SocialCapital.Graph;

/// <summary>The strength of a contact: the sum of its active ties' strengths. They are added smallest first, so the sum
/// is the same double whatever order the ties came in (floating-point addition is not associative), and a graph built
/// from the records equals one edited into the same records.</summary>
internal static class ContactStrength
{
    /// <summary>Sums <paramref name="strengths"/> (reordered in place).</summary>
    public static double Sum(Span<double> strengths)
    {
        if (strengths.Length == 1) return strengths[0];
        strengths.Sort();
        double sum = 0;
        foreach (var s in strengths) sum += s;
        return sum;
    }
}
