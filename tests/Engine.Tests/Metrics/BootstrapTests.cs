using MathNet.Numerics.Statistics;
using SocialCapital.Metrics;

namespace SocialCapital.Tests.Metrics;

/// <summary>The bootstrap's intervals are those of one draw after another, whether a sample is resampled alone or with
/// others of its size sharing its draws, and however many resamples are drawn at once.</summary>
public class BootstrapTests
{
    [Fact]
    public void MeanIntervals_SamplesOfOneSizeAndOthers_EachAsDrawnOneAfterAnother()
    {
        double[][] samples =
        [
            [0.25], [1, 2, 3, 4, 5], [5, 4, 3, 2, 1.5], [], [.. Enumerable.Range(0, 1000).Select(i => Math.Sqrt(i))],
            [.. Enumerable.Range(0, 1000).Select(i => 1.0 / (i + 1))], [.. Enumerable.Range(0, 3000).Select(i => Math.Sin(i) + 1)], [7, 9],
        ];
        var intervals = Bootstrap.MeanIntervals(samples, 200, 0.95, 11, "ec:A001");
        for (var i = 0; i < samples.Length; i++)
        {
            Assert.Equal(OneDrawAfterAnother(samples[i], 200, 0.95, 11, "ec:A001"), intervals[i]);
            Assert.Equal(intervals[i], Bootstrap.MeanInterval(samples[i], 200, 0.95, 11, "ec:A001"));
        }
    }

    [Fact]
    public void MeanIntervals_NoResamples_GivesNoInterval() =>
        Assert.Equal([(double.NaN, double.NaN)], Bootstrap.MeanIntervals([[1.0, 2.0]], 0, 0.95, 1, "wc:A"));

    private static (double, double) OneDrawAfterAnother(double[] values, int resamples, double level, int seed, string setting)
    {
        if (values.Length == 0) return (double.NaN, double.NaN);
        var random = new Mt19937(Bootstrap.StableSeed(seed, setting));
        var means = new double[resamples];
        for (var r = 0; r < resamples; r++)
        {
            double sum = 0;
            for (var i = 0; i < values.Length; i++) sum += values[random.Next(values.Length)];
            means[r] = sum / values.Length;
        }
        Array.Sort(means);
        var tail = (1 - level) / 2;
        return (SortedArrayStatistics.Quantile(means, tail), SortedArrayStatistics.Quantile(means, 1 - tail));
    }
}
