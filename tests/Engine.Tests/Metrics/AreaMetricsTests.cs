using SocialCapital.Graph;
using SocialCapital.Metrics;
using SocialCapital.Model;

namespace SocialCapital.Tests.Metrics;

public class AreaMetricsTests
{
    private static readonly AreaMetricsOptions NoSuppression = new() { MinCellSize = 0, BootstrapResamples = 0 };

    [Theory]
    [InlineData("toy")]
    [InlineData("karate")]
    public void Compute_OracleSample_MatchesExpectedAreas(string sample)
    {
        var areas = AreaMetrics.Compute(TestData.LoadGraph(sample), NoSuppression);
        var expected = TestData.ReadCsv(Path.Combine(TestData.Sample(sample), "expected_areas.csv"));
        Assert.Equal(expected.Select(r => r["area"]), areas.Select(a => a.Area));
        foreach (var (row, area) in expected.Zip(areas))
        {
            Assert.Equal(int.Parse(row["people"], System.Globalization.CultureInfo.InvariantCulture), area.People);
            Check(row["economic_connectedness"], area.EconomicConnectedness.OrNaN());
            Check(row["exposure"], area.Exposure.OrNaN());
            Check(row["friending_bias"], area.FriendingBias.OrNaN());
            Check(row["work_connectedness"], area.WorkConnectedness.OrNaN());
            Check(row["clustering"], area.Clustering.OrNaN());
            Check(row["support_ratio"], area.SupportRatio.OrNaN());
            Assert.False(area.Suppressed);
            Assert.True(double.IsNaN(area.EconomicConnectednessCiLow.OrNaN()) && double.IsNaN(area.WorkConnectednessCiHigh.OrNaN()), "no bootstrap, no interval");
        }
    }

    [Fact]
    public void Compute_ToyAreaA_TieSharesAndHeterophilyByHand()
    {
        var a = AreaMetrics.Compute(TestData.LoadGraph("toy"), NoSuppression)[0];
        // Ties touching A: 0–1, 0–2, 1–2 (inside), 1–8, 2–3 (crossing). Bonding: 0–1, 1–8, 2–3.
        Assert.Equal(0.6, a.BondingShare.OrNaN(), 12);
        Assert.Equal(0.4, a.BridgingShare.OrNaN(), 12);
        Assert.Equal(0.0, a.LinkingShare.OrNaN(), 12);
        Assert.Equal(0.4, a.CrossAreaShare.OrNaN(), 12);
        // Inside ties on work status: 0–1 internal, 0–2 and 1–2 external.
        Assert.Equal(1.0 / 3, a.EiWork.OrNaN(), 12);
        Assert.Equal(-0.5, a.AssortativityWork.OrNaN(), 12);
        Assert.Equal(2, a.LowSes);
    }

    [Fact]
    public void Compute_WorkStatusOfFourGroups_EiCountsStudentsAndRetiredAndNotUnknown()
    {
        // Inside area A: e–s, e–r and e–u join different groups (E = 3), s–s2 joins two students (I = 1), u–x has an
        // end of unknown status (neither). E-I = (3 − 1)/4. Assortativity stays on in work vs out of work: e–u alone.
        var graph = new SocialGraphBuilder()
            .AddNodes([
                TestData.Citizen("e", "A", Employment.Employed), TestData.Citizen("s", "A", Employment.Student),
                TestData.Citizen("s2", "A", Employment.Student), TestData.Citizen("r", "A", Employment.Retired),
                TestData.Citizen("u", "A", Employment.Unemployed), TestData.Citizen("x", "A")])
            .AddTies([
                TestData.Friend("e", "s"), TestData.Friend("e", "r"), TestData.Friend("e", "u"),
                TestData.Friend("s", "s2"), TestData.Friend("u", "x")])
            .Build();
        var a = Assert.Single(AreaMetrics.Compute(graph, NoSuppression));
        Assert.Equal(0.5, a.EiWork!.Value, 12);
        Assert.Equal(-1.0, a.AssortativityWork!.Value, 12);
    }

    [Fact]
    public void Heterophily_ToyWholeNetwork_MatchesScience()
    {
        var graph = TestData.LoadGraph("toy");
        var work = Mixing(graph, u => graph.WorkStatus(u) == WorkStatus.InWork ? 0 : 1, 2);
        var area = Mixing(graph, u => graph.Area(u)![0] - 'A', 3);
        Assert.Equal(-0.015873, Heterophily.Assortativity(work), 6);
        Assert.Equal(0.714286, Heterophily.Assortativity(area), 6);
        Assert.Equal(0.0, Heterophily.EiIndex(work), 12);
        Assert.Equal(-0.625, Heterophily.EiIndex(area), 12);
        Assert.Equal(0.652778, Heterophily.Blau([3, 4, 5]), 6);
        Assert.Equal(0.486111, Heterophily.Blau([5, 7]), 6);
    }

    [Fact]
    public void Compute_SmallAreas_AreSuppressedEntirely()
    {
        var areas = AreaMetrics.Compute(TestData.LoadGraph("toy"), new AreaMetricsOptions { MinCellSize = 4, BootstrapResamples = 0 });
        var a = Assert.Single(areas, x => x.Area == "A");
        Assert.True(a.Suppressed);
        Assert.Null(a.People);
        Assert.Null(a.LowSes);
        Assert.True(double.IsNaN(a.EconomicConnectedness.OrNaN()) && double.IsNaN(a.Clustering.OrNaN()) && double.IsNaN(a.MeanConstraint.OrNaN()) && double.IsNaN(a.CrossAreaShare.OrNaN()));
        Assert.False(areas.Single(x => x.Area == "B").Suppressed);
    }

    [Fact]
    public void Compute_Bootstrap_IsReproducibleAndBracketsTheEstimate()
    {
        var graph = TestData.LoadGraph("city-10k", new GraphOptions { AsOf = new DateOnly(2026, 1, 1) });
        var options = new AreaMetricsOptions { Seed = 7 };
        var first = AreaMetrics.Compute(graph, options);
        Assert.Equal(first, AreaMetrics.Compute(graph, options));
        Assert.NotEqual(first, AreaMetrics.Compute(graph, options with { Seed = 8 }));
        Assert.All(first, a =>
        {
            Assert.InRange(a.EconomicConnectedness.OrNaN(), a.EconomicConnectednessCiLow.OrNaN(), a.EconomicConnectednessCiHigh.OrNaN());
            Assert.InRange(a.WorkConnectedness.OrNaN(), a.WorkConnectednessCiLow.OrNaN(), a.WorkConnectednessCiHigh.OrNaN());
            Assert.True(a.EconomicConnectednessCiHigh.OrNaN() - a.EconomicConnectednessCiLow.OrNaN() < 0.2, "a few hundred low-SES residents give a narrow interval");
        });
    }

    [Fact]
    public void Compute_AsOf_ChangesWhichTiesCount()
    {
        var builder = new SocialGraphBuilder()
            .AddNodes([TestData.Citizen("u", "X", Employment.Unemployed, 0.1), TestData.Citizen("e", "X", Employment.Employed, 0.9),
                TestData.Citizen("v", "X", Employment.Unemployed, 0.2)])
            .AddTies([TestData.Friend("u", "e") with { Until = new DateOnly(2025, 1, 1) }, TestData.Friend("u", "v")]);
        double Wc(int year) => AreaMetrics.Compute(builder.Build(new GraphOptions { AsOf = new DateOnly(year, 6, 1) }), NoSuppression)[0].WorkConnectedness.OrNaN();
        Assert.True(Wc(2024) > Wc(2025));
        Assert.Equal(0, Wc(2025));
    }

    [Fact]
    public void Compute_InvalidOptions_Throw()
    {
        var graph = TestData.LoadGraph("toy");
        Assert.Throws<InvalidOptionsException>(() => AreaMetrics.Compute(graph, new AreaMetricsOptions { MinCellSize = -1 }));
        Assert.Throws<InvalidOptionsException>(() => AreaMetrics.Compute(graph, new AreaMetricsOptions { ConfidenceLevel = 1 }));
        Assert.Throws<InvalidOptionsException>(() => AreaMetrics.Compute(graph, new AreaMetricsOptions { BootstrapResamples = -5 }));
    }

    private static double[,] Mixing(SocialGraph graph, Func<int, int> group, int groups)
    {
        var m = new double[groups, groups];
        for (var u = 0; u < graph.NodeCount; u++)
            foreach (var v in graph.Neighbors(u)) m[group(u), group(v)]++;
        return m;
    }

    private static void Check(string expected, double actual)
    {
        if (expected.Length == 0) Assert.True(double.IsNaN(actual), $"expected undefined, got {actual}");
        else Assert.Equal(double.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), actual, 6);
    }
}
