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
    [InlineData(157)] // the draws straddle renewals of the state
    [InlineData(4096)]
    [InlineData(1 << 30)]
    public void Fill_EqualsAsManyNextDraws(int n)
    {
        var expected = new Mt19937(42);
        var actual = new Mt19937(42);
        foreach (var count in new[] { 0, 1, 3, 500, 2000 })
        {
            var draws = new int[count];
            actual.Fill(n, draws);
            Assert.Equal(Enumerable.Range(0, count).Select(_ => expected.Next(n)), draws);
        }
        Assert.Equal(expected.Next(1000), actual.Next(1000)); // the stream goes on from the same place
    }
}
