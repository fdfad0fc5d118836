namespace SocialCapital.Benchmarks;

/// <summary>Percentiles of recorded latencies: shared by the benchmarks' latency mode and the HTTP load driver
/// (linked into both projects).</summary>
internal static class Percentiles
{
    /// <summary>The nearest-rank percentile <paramref name="p"/> (0 to 1) of values sorted ascending; NaN when there
    /// are none.</summary>
    public static double Nearest(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
}
