using MathNet.Numerics.Statistics;

namespace SocialCapital.Metrics;

/// <summary>Percentile bootstrap confidence interval of a mean (Efron &amp; Tibshirani 1993, ch. 13), with
/// a Mersenne Twister (MathNet's stream, <see cref="Mt19937"/>) seeded per setting so intervals are reproducible and independent of the
/// order settings are computed in.</summary>
internal static class Bootstrap
{
    public static (double Low, double High) MeanInterval(IReadOnlyList<double> values, int resamples, double level, int seed, string setting)
    {
        if (resamples <= 0 || values.Count == 0) return (double.NaN, double.NaN);
        // One generator per call, never shared: no lock per draw (MathNet's, which cost more than the drawing when areas
        // are resampled on every core), and no virtual call per draw either (Mt19937, the same stream).
        var random = new Mt19937(StableSeed(seed, setting));
        var means = new double[resamples];
        var n = values.Count;
        // The values as they are held (a list's own array, no copy), else copied once.
        ReadOnlySpan<double> sample = values switch
        {
            double[] array => array,
            List<double> list => System.Runtime.InteropServices.CollectionsMarshal.AsSpan(list),
            _ => [.. values],
        };
        for (var r = 0; r < resamples; r++) means[r] = random.SumOfResample(sample) / n;
        Array.Sort(means);
        var tail = (1 - level) / 2;
        return (SortedArrayStatistics.Quantile(means, tail), SortedArrayStatistics.Quantile(means, 1 - tail));
    }

    /// <summary>FNV-1a of the setting's name mixed with the seed: stable across processes, unlike string.GetHashCode.</summary>
    private static int StableSeed(int seed, string setting)
    {
        var hash = 2166136261u ^ (uint)seed;
        foreach (var c in setting) hash = (hash ^ c) * 16777619u;
        return (int)(hash & 0x7FFFFFFF);
    }
}
