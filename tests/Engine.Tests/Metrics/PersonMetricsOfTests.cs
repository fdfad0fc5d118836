using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using SocialCapital.Graph;
using SocialCapital.Interchange;
using SocialCapital.Metrics;
using SocialCapital.Synthetic;
using SocialCapital.Tests.Properties;

namespace SocialCapital.Tests.Metrics;

/// <summary>One person's measures (<see cref="PersonMetrics.Of"/>) are the whole-graph pass's, to the bit.</summary>
public class PersonMetricsOfTests
{
    private static readonly GraphOptions AsOf = new() { AsOf = new DateOnly(2026, 1, 1) };

    [Theory]
    [InlineData("toy", true)]
    [InlineData("toy", false)]
    [InlineData("karate", true)]
    [InlineData("karate", false)]
    [InlineData("fractional-strengths", true)]
    public void Of_OracleSample_EqualsComputeBitwiseForEveryPerson(string sample, bool useStrengths)
    {
        var graph = sample == "fractional-strengths"
            ? DatasetReader.Read(Path.Combine(TestData.RepoRoot, "tests", "Engine.Tests", "Metrics", "Oracles", sample)).ToGraph(AsOf)
            : TestData.LoadGraph(sample);
        AssertEveryPersonSame(graph, new MetricsOptions { UseStrengths = useStrengths });
    }

    [Fact]
    public void Of_GeneratedCity_EqualsComputeBitwiseForEveryPerson()
    {
        var city = CityGenerator.Create(new CityOptions { People = 1500, Seed = 7 });
        AssertEveryPersonSame(Dataset.Create(city.Nodes, city.Ties).ToGraph(AsOf), MetricsOptions.Default);
    }

    [Property(MaxTest = 150)]
    public Property Of_RandomDataset_EqualsComputeBitwise() =>
        Prop.ForAll(RandomDatasets.Arbitrary(), dataset =>
        {
            var graph = dataset.ToGraph(AsOf);
            AssertEveryPersonSame(graph, MetricsOptions.Default);
        });

    [Fact]
    public void Of_Place_ThrowsKeyNotFound()
    {
        var graph = RandomDatasets.Make(5, 3).ToGraph(AsOf);
        Assert.Throws<KeyNotFoundException>(() => PersonMetrics.Of(graph, graph.IndexOf("group")));
        Assert.Throws<KeyNotFoundException>(() => PersonMetrics.Of(graph, graph.NodeCount));
        Assert.Throws<KeyNotFoundException>(() => PersonMetrics.Of(graph, -1));
    }

    private static void AssertEveryPersonSame(SocialGraph graph, MetricsOptions options)
    {
        var all = PersonMetrics.Compute(graph, options);
        // Twice over, so that the pooled scratch of the first pass is reused by the second.
        for (var pass = 0; pass < 2; pass++)
            foreach (var expected in all.People)
            {
                var node = graph.IndexOf(expected.Id);
                AssertSameBits(expected, PersonMetrics.Of(graph, node, options));
                var (clustering, constraint) = PersonMetrics.ClusteringAndConstraint(graph, node, options.UseStrengths);
                Assert.Equal(BitConverter.DoubleToInt64Bits(expected.Clustering), BitConverter.DoubleToInt64Bits(clustering));
                Assert.Equal(BitConverter.DoubleToInt64Bits(expected.Constraint ?? double.NaN), BitConverter.DoubleToInt64Bits(constraint));
            }
    }

    internal static void AssertSameBits(PersonMeasures expected, PersonMeasures actual)
    {
        Assert.Equal(expected, actual);
        foreach (var property in typeof(PersonMeasures).GetProperties())
        {
            var (a, b) = (property.GetValue(expected), property.GetValue(actual));
            if (a is double x && b is double y)
                Assert.True(BitConverter.DoubleToInt64Bits(x) == BitConverter.DoubleToInt64Bits(y), $"{expected.Id} {property.Name}: {x:R} vs {y:R}");
        }
    }
}
