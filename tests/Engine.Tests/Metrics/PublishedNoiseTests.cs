using SocialCapital.Graph;
using SocialCapital.Interchange;
using SocialCapital.Metrics;
using SocialCapital.Model;

namespace SocialCapital.Tests.Metrics;

/// <summary><see cref="PublishedNoise"/>: deterministic keyed noise, off by default, and small sub-cells suppressed.</summary>
public class PublishedNoiseTests
{
    private static readonly Lazy<IReadOnlyList<AreaMeasures>> CityAreas = new(() =>
        AreaMetrics.Compute(Dataset.Load(TestData.Sample("city-10k")).ToGraph(new GraphOptions { AsOf = new DateOnly(2026, 1, 1) }),
            new AreaMetricsOptions { BootstrapResamples = 20 }));

    private static NoiseOptions Noise(string key = "a server secret of 32 bytes......", double epsilon = 1) =>
        new() { Epsilon = epsilon, Key = System.Text.Encoding.UTF8.GetBytes(key) };

    [Fact]
    public void Apply_NoiseOff_SameRowsExactly()
    {
        Assert.Same(CityAreas.Value, PublishedNoise.Apply(CityAreas.Value, NoiseOptions.Off, "1", 10));
    }

    [Fact]
    public void Apply_IdenticalQueries_IdenticalAnswers()
    {
        Assert.Equal(PublishedNoise.Apply(CityAreas.Value, Noise(), "5", 10), PublishedNoise.Apply(CityAreas.Value, Noise(), "5", 10));
    }

    [Fact]
    public void Apply_DifferentCellsAndReleases_DifferentNoise()
    {
        var exact = CityAreas.Value;
        var noisy = PublishedNoise.Apply(exact, Noise(), "5", 10);
        var deltas = exact.Zip(noisy, (e, n) => n.Clustering!.Value - e.Clustering!.Value).ToArray();
        Assert.Equal(deltas.Length, deltas.Distinct().Count()); // each area its own draw
        Assert.All(deltas, d => Assert.NotEqual(0, d));
        var a1 = noisy[0];
        Assert.NotEqual(a1.Clustering!.Value - exact[0].Clustering!.Value, a1.MeanConstraint!.Value - exact[0].MeanConstraint!.Value); // each measure its own
        Assert.NotEqual(noisy, PublishedNoise.Apply(exact, Noise(), "6", 10));                          // a new release draws anew
        Assert.NotEqual(noisy, PublishedNoise.Apply(exact, Noise("another server secret of 32 bytes"), "5", 10)); // the key matters
    }

    [Fact]
    public void Apply_IntervalsMoveWithTheirEstimate()
    {
        var exact = CityAreas.Value[0];
        var noisy = PublishedNoise.Apply(CityAreas.Value, Noise(), "5", 10)[0];
        var shift = noisy.EconomicConnectedness!.Value - exact.EconomicConnectedness!.Value;
        Assert.Equal(exact.EconomicConnectednessCiLow!.Value + shift, noisy.EconomicConnectednessCiLow!.Value, 12);
        Assert.Equal(exact.EconomicConnectednessCiHigh!.Value + shift, noisy.EconomicConnectednessCiHigh!.Value, 12);
    }

    [Fact]
    public void Apply_ScaleFollowsEpsilonAndCellSize()
    {
        // Laplace scale Δ/ε: over many cells the mean absolute noise of clustering (Δ = 1/people) is about 1/(ε·people).
        var rows = Enumerable.Range(0, 400).Select(i => new AreaMeasures { Area = $"X{i}", People = 100, Clustering = 0.5 }).ToArray();
        double MeanAbs(double epsilon) => PublishedNoise.Apply(rows, Noise(epsilon: epsilon), "1", 10).Average(r => Math.Abs(r.Clustering!.Value - 0.5));
        Assert.InRange(MeanAbs(1), 0.008, 0.012);
        Assert.InRange(MeanAbs(10), 0.0008, 0.0012);
    }

    [Fact]
    public void Apply_SuppressedRowsAndNulls_StayAsTheyAre()
    {
        var rows = new[] { new AreaMeasures { Area = "S", Suppressed = true }, new AreaMeasures { Area = "N", People = 50 } };
        var noisy = PublishedNoise.Apply(rows, Noise(), "1", 10);
        Assert.Equal(rows[0], noisy[0]);
        Assert.Null(noisy[1].EconomicConnectedness);
        Assert.Null(noisy[1].WorkConnectedness);
    }

    [Theory]
    [InlineData(-1.0, "a server secret of 32 bytes......", "Epsilon")]
    [InlineData(1.0, "short", "Key")]
    public void Validate_BadNoise_NamesTheOption(double epsilon, string key, string option)
    {
        Assert.Equal(option, Noise(key, epsilon).Validate().Single().Option);
        Assert.Throws<InvalidOptionsException>(() => PublishedNoise.Apply(CityAreas.Value, Noise(key, epsilon), "1", 10));
    }

    [Fact]
    public void AreaMetrics_FewLowSesResidents_EconomicConnectednessSuppressed()
    {
        // Area A: 12 residents, 3 of them low-SES — EC (over those 3) and friending bias are small cells; the area is not.
        var nodes = Enumerable.Range(0, 12).Select(i => TestData.Citizen($"a{i}", "A", i % 2 == 0 ? Employment.Employed : Employment.Unemployed, i < 3 ? 0.2 : 0.8)).ToList();
        var ties = Enumerable.Range(0, 11).Select(i => TestData.Friend($"a{i}", $"a{i + 1}")).ToList();
        var graph = Dataset.Create(nodes, ties).ToGraph();
        var row = AreaMetrics.Compute(graph, new AreaMetricsOptions { BootstrapResamples = 0 }).Single();
        Assert.False(row.Suppressed);
        Assert.Equal(12, row.People);
        Assert.Null(row.LowSes);
        Assert.Null(row.EconomicConnectedness);
        Assert.Null(row.FriendingBias);
        Assert.Null(row.WorkConnectedness); // 6 out of work
        Assert.NotNull(row.Exposure);
        var live = LiveMeasures.Create(graph, new AreaMetricsOptions { BootstrapResamples = 0 }).Areas.Single();
        Assert.Equal(row, live);
        var unsuppressed = AreaMetrics.Compute(graph, new AreaMetricsOptions { BootstrapResamples = 0, MinCellSize = 3 }).Single();
        Assert.Equal(3, unsuppressed.LowSes);
        Assert.NotNull(unsuppressed.EconomicConnectedness);
    }
}
