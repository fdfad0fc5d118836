using System.Buffers;
using System.Runtime.InteropServices;
using MathNet.Numerics.Statistics;

namespace SocialCapital.Metrics;

/// <summary>Percentile bootstrap confidence interval of a mean (Efron &amp; Tibshirani 1993, ch. 13), with
/// a Mersenne Twister (MathNet's stream, <see cref="Mt19937"/>) seeded per setting so intervals are reproducible and independent of the
/// order settings are computed in.</summary>
internal static class Bootstrap
{
    /// <summary>Draws held at once: the resamples of a large sample are drawn a part at a time.</summary>
    private const int DrawsAtOnce = 1 << 18;

    public static (double Low, double High) MeanInterval(IReadOnlyList<double> values, int resamples, double level, int seed, string setting) =>
        MeanIntervals([values], resamples, level, seed, setting)[0];

    /// <summary>The interval of each sample, each what <see cref="MeanInterval"/> gives it. A setting's stream of draws
    /// depends on the sample's size alone, so the samples of one size (one area on several dates, say) are resampled
    /// with draws made once.</summary>
    public static (double Low, double High)[] MeanIntervals(IReadOnlyList<IReadOnlyList<double>> samples, int resamples, double level, int seed,
        string setting)
    {
        // Held as arrays or lists, each read without a copy however many times it is resampled.
        samples = [.. samples.Select(s => s is double[] or List<double> ? s : s.ToArray())];
        var intervals = new (double Low, double High)[samples.Count];
        Array.Fill(intervals, (double.NaN, double.NaN));
        if (resamples <= 0) return intervals;
        var tail = (1 - level) / 2;
        foreach (var sameSize in Enumerable.Range(0, samples.Count).Where(i => samples[i].Count > 0).GroupBy(i => samples[i].Count))
        {
            var n = sameSize.Key;
            // One generator per size, never shared: no lock per draw (MathNet's), and no virtual call per draw either.
            var random = new Mt19937(StableSeed(seed, setting));
            var members = sameSize.ToArray();
            var means = members.Select(_ => new double[resamples]).ToArray();
            var atOnce = Math.Clamp(DrawsAtOnce / n, 1, resamples);
            var draws = ArrayPool<int>.Shared.Rent(atOnce * n); // a large array each call, else: the GC's large-object heap
            for (var first = 0; first < resamples; first += atOnce)
            {
                var count = Math.Min(atOnce, resamples - first);
                random.Fill(n, draws.AsSpan(0, count * n));
                for (var j = 0; j < members.Length; j++) Means(Values(samples[members[j]]), draws.AsSpan(0, count * n), means[j].AsSpan(first, count));
            }
            ArrayPool<int>.Shared.Return(draws);
            for (var j = 0; j < members.Length; j++)
            {
                Array.Sort(means[j]);
                intervals[members[j]] = (SortedArrayStatistics.Quantile(means[j], tail), SortedArrayStatistics.Quantile(means[j], 1 - tail));
            }
        }
        return intervals;
    }

    /// <summary>The values as they are held (an array, or a list's own array): no copy.</summary>
    private static ReadOnlySpan<double> Values(IReadOnlyList<double> values) =>
        values is List<double> list ? CollectionsMarshal.AsSpan(list) : (double[])values;

    /// <summary>The mean of each resample, whose draws follow one another in <paramref name="draws"/>: each sum in its
    /// draws' order (its bits those of one draw after another), four resamples side by side so that their additions
    /// overlap instead of each waiting for the one before.</summary>
    private static void Means(ReadOnlySpan<double> values, ReadOnlySpan<int> draws, Span<double> means)
    {
        var n = values.Length;
        if (n == 1)
        {
            means.Fill(values[0]); // as a resample of one value, with no 0 added: a −0 stays −0
            return;
        }
        var r = 0;
        for (; r + 4 <= means.Length; r += 4)
        {
            var a = draws.Slice(r * n, n);
            var b = draws.Slice((r + 1) * n, n);
            var c = draws.Slice((r + 2) * n, n);
            var d = draws.Slice((r + 3) * n, n);
            double sa = 0, sb = 0, sc = 0, sd = 0;
            for (var i = 0; i < n; i++)
            {
                sa += values[a[i]];
                sb += values[b[i]];
                sc += values[c[i]];
                sd += values[d[i]];
            }
            (means[r], means[r + 1], means[r + 2], means[r + 3]) = (sa / n, sb / n, sc / n, sd / n);
        }
        for (; r < means.Length; r++)
        {
            double sum = 0;
            foreach (var i in draws.Slice(r * n, n)) sum += values[i];
            means[r] = sum / n;
        }
    }

    /// <summary>FNV-1a of the setting's name mixed with the seed: stable across processes, unlike string.GetHashCode.</summary>
    internal static int StableSeed(int seed, string setting)
    {
        var hash = 2166136261u ^ (uint)seed;
        foreach (var c in setting) hash = (hash ^ c) * 16777619u;
        return (int)(hash & 0x7FFFFFFF);
    }
}
