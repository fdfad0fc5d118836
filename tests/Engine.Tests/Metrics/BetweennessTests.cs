using System.Globalization;
using SocialCapital.Graph;
using SocialCapital.Interchange;
using SocialCapital.Metrics;

namespace SocialCapital.Tests.Metrics;

/// <summary>Betweenness against networkx's betweenness_centrality (Oracles/betweenness, made by its make_expected.py),
/// the pivot estimate's determinism and its stated error bound.</summary>
public class BetweennessTests
{
    private const double Tolerance = 1e-9;

    private static string Oracles => Path.Combine(TestData.RepoRoot, "tests", "Engine.Tests", "Metrics", "Oracles", "betweenness");

    private static SocialGraph Load(string name) =>
        Directory.Exists(TestData.Sample(name)) ? TestData.LoadGraph(name) : DatasetReader.Read(Path.Combine(Oracles, name)).ToGraph();

    [Theory]
    [InlineData("karate")]
    [InlineData("toy")]
    [InlineData("gnp-150")]
    [InlineData("components-120")]
    public void Compute_Oracle_MatchesNetworkxToE9(string name)
    {
        var graph = Load(name);
        var result = Betweenness.Compute(graph);
        var expected = TestData.ReadCsv(Path.Combine(Oracles, name, "expected_betweenness.csv"));

        Assert.True(result.IsExact);
        Assert.Equal(expected.Count, result.PersonCount);
        Assert.Equal(graph.PersonCount, result.PersonCount);
        foreach (var row in expected)
        {
            var want = double.Parse(row["betweenness"], CultureInfo.InvariantCulture);
            var got = result.Values[graph.IndexOf(row["id"])];
            Assert.True(Math.Abs(want - got) <= Tolerance, $"{name} person '{row["id"]}': expected {want:R}, got {got:R}");
        }
        Assert.Equal(expected.Select(r => r["id"]), result.People.Select(p => p.Id));
        Assert.Equal(result.People.Select(p => p.Betweenness), result.People.Select(p => result.Values[graph.IndexOf(p.Id)]));
        Assert.Contains(expected, r => double.Parse(r["betweenness"], CultureInfo.InvariantCulture) > 0.01);
    }

    [Fact]
    public void Compute_Places_AreZeroAndNotCounted()
    {
        var graph = Load("components-120");
        var result = Betweenness.Compute(graph);
        Assert.Equal(120, result.PersonCount);
        Assert.Equal(0, result.Values[graph.IndexOf("e1")]);
        Assert.Equal(0, result.Values[graph.IndexOf("g1")]);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Compute_AnyThreadCount_GivesIdenticalValues(int threads)
    {
        var graph = Load("gnp-150");
        var all = Betweenness.Compute(graph).Values;
        Assert.Equal(all, Betweenness.Compute(graph, new BetweennessOptions { MaxDegreeOfParallelism = threads }).Values);
        var sampled = new BetweennessOptions { Pivots = 40, Seed = 5 };
        Assert.Equal(Betweenness.Compute(graph, sampled).Values,
            Betweenness.Compute(graph, sampled with { MaxDegreeOfParallelism = threads }).Values);
    }

    [Fact]
    public void Compute_SameSeed_GivesTheSameEstimate_AnotherSeedAnother()
    {
        var graph = Load("gnp-150");
        var a = Betweenness.Compute(graph, new BetweennessOptions { Pivots = 30, Seed = 11 });
        var b = Betweenness.Compute(graph, new BetweennessOptions { Pivots = 30, Seed = 11 });
        var c = Betweenness.Compute(graph, new BetweennessOptions { Pivots = 30, Seed = 12 });
        Assert.False(a.IsExact);
        Assert.Equal(30, a.Pivots);
        Assert.Equal(11, a.Seed);
        Assert.Equal(a.Values, b.Values);
        Assert.NotEqual(a.Values, c.Values);
    }

    [Theory]
    [InlineData("karate")]
    [InlineData("components-120")]
    public void Compute_PivotsAtLeastPeople_EqualsExact(string name)
    {
        var graph = Load(name);
        var exact = Betweenness.Compute(graph);
        var all = Betweenness.Compute(graph, new BetweennessOptions { Pivots = graph.PersonCount, Seed = 3 });
        var more = Betweenness.Compute(graph, new BetweennessOptions { Pivots = graph.PersonCount + 10 });
        Assert.True(all.IsExact);
        Assert.Null(all.Seed);
        Assert.Equal(0, all.ErrorBound(0.05));
        Assert.Equal(exact.Values, all.Values);
        Assert.Equal(exact.Values, more.Values);
    }

    [Fact]
    public void Compute_ExactLimitBelowPeople_EstimatesWithTheDefaultPivots()
    {
        var graph = Load("gnp-150");
        var result = Betweenness.Compute(graph, new BetweennessOptions { ExactLimit = 100 });
        Assert.True(result.IsExact); // 1,000 default pivots cover all 150 people
        var estimate = Betweenness.Compute(graph, new BetweennessOptions { ExactLimit = 100, Pivots = 50 });
        Assert.False(estimate.IsExact);
    }

    /// <summary>The estimate's mean over seeds is the exact value (unbiased), and each person's estimate is within the
    /// stated Hoeffding half-width at least as often as 1 − δ says.</summary>
    [Fact]
    public void Compute_Estimate_IsWithinTheStatedBoundAtTheStatedRate()
    {
        var graph = Load("gnp-150");
        var exact = Betweenness.Compute(graph).Values;
        const int Seeds = 200, Pivots = 8;
        const double Delta = 0.1;
        var bound = Betweenness.ErrorBound(graph.PersonCount, Pivots, Delta);
        var mean = new double[graph.NodeCount];
        int outside = 0, trials = 0;
        for (var seed = 0; seed < Seeds; seed++)
        {
            var estimate = Betweenness.Compute(graph, new BetweennessOptions { Pivots = Pivots, Seed = seed });
            Assert.Equal(bound, estimate.ErrorBound(Delta));
            for (var v = 0; v < graph.NodeCount; v++)
            {
                mean[v] += estimate.Values[v] / Seeds;
                if (Math.Abs(estimate.Values[v] - exact[v]) >= bound) outside++;
                trials++;
            }
        }
        Assert.True(outside <= Delta * trials, $"{outside} of {trials} estimates outside ±{bound}");
        for (var v = 0; v < graph.NodeCount; v++) Assert.True(Math.Abs(mean[v] - exact[v]) <= 0.02, $"node {v}: mean {mean[v]}, exact {exact[v]}");
    }

    [Fact]
    public void ErrorBound_IsHoeffdingsHalfWidth()
    {
        Assert.Equal(Math.Sqrt(Math.Log(2 / 0.05) / (2.0 * 999)), Betweenness.ErrorBound(1_000_000, 1_000, 0.05), 15);
        Assert.Equal(0, Betweenness.ErrorBound(50, 50, 0.05));
        Assert.Throws<ArgumentOutOfRangeException>(() => Betweenness.ErrorBound(50, 10, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Betweenness.ErrorBound(50, 10, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => Betweenness.ErrorBound(50, 1, 0.05));
    }

    [Fact]
    public void Compute_TwoPeopleOrNone_IsZeroAsNetworkx()
    {
        var two = new SocialGraphBuilder().AddNode(TestData.Citizen("a")).AddNode(TestData.Citizen("b")).AddTie(TestData.Friend("a", "b")).Build();
        Assert.Equal([0.0, 0.0], Betweenness.Compute(two).Values);
        var none = new SocialGraphBuilder().Build();
        Assert.Empty(Betweenness.Compute(none).Values);
    }

    [Fact]
    public void Compute_Path_MiddleCarriesEveryPair()
    {
        var graph = new SocialGraphBuilder()
            .AddNode(TestData.Citizen("a")).AddNode(TestData.Citizen("b")).AddNode(TestData.Citizen("c"))
            .AddTie(TestData.Friend("a", "b")).AddTie(TestData.Friend("b", "c")).Build();
        Assert.Equal([0.0, 1.0, 0.0], Betweenness.Compute(graph).Values);
    }

    [Fact]
    public void Compute_BadOptions_Throw()
    {
        var graph = Load("toy");
        Assert.Throws<ArgumentNullException>(() => Betweenness.Compute(null!));
        Assert.Throws<ArgumentOutOfRangeException>(() => Betweenness.Compute(graph, new BetweennessOptions { Pivots = 1 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => Betweenness.Compute(graph, new BetweennessOptions { ExactLimit = -1 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => Betweenness.Compute(graph, new BetweennessOptions { MaxDegreeOfParallelism = 0 }));
    }

    [Fact]
    public void Compute_Cancelled_Throws()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => Betweenness.Compute(Load("karate"), new BetweennessOptions { CancellationToken = cts.Token }));
    }
}
