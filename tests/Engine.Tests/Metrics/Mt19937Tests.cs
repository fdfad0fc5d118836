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
}
