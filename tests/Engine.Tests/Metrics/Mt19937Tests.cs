using MathNet.Numerics.Random;
using SocialCapital.Metrics;

namespace SocialCapital.Tests.Metrics;

/// <summary>The bootstrap's generator draws MathNet's <c>MersenneTwister(seed).Next(n)</c> stream exactly, so the
/// intervals keep their bits.</summary>
public class Mt19937Tests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(5489)]
    [InlineData(123456789)]
    [InlineData(int.MaxValue)]
    public void Next_ManyDrawsOfMixedBounds_EqualsMathNetStream(int seed)
    {
        var expected = new MersenneTwister(seed, threadSafe: false);
        var actual = new Mt19937(seed);
        int[] bounds = [1, 2, 3, 7, 100, 1999, 65536, 1_000_003, 12_345_678, (1 << 30) - 1, 1 << 30];
        for (var i = 0; i < 5000; i++) // several refills of the 624-word state
        {
            var n = bounds[i % bounds.Length];
            Assert.Equal(expected.Next(n), actual.Next(n));
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(157)] // a resample's draws straddle renewals of the state
    [InlineData(4096)]
    public void SumOfResample_EqualsTheSumOfNextDraws(int length)
    {
        var values = Enumerable.Range(0, length).Select(i => Math.Sqrt(i + 1)).ToArray();
        var expected = new Mt19937(42);
        var actual = new Mt19937(42);
        for (var r = 0; r < 5; r++)
        {
            double sum = 0;
            for (var i = 0; i < length; i++) sum += values[expected.Next(length)];
            Assert.Equal(sum, actual.SumOfResample(values));
        }
        Assert.Equal(expected.Next(1000), actual.Next(1000)); // the stream goes on from the same place
    }
}
