using System.Globalization;
using SocialCapital.Graph;
using SocialCapital.Interchange;
using SocialCapital.Metrics;

namespace SocialCapital.Tests.Metrics;

/// <summary>Leiden communities against igraph's community_leiden and networkx's modularity (Oracles/communities, made by
/// its make_expected.py), determinism, and the properties every partition must have (one community per person,
/// connected communities, spans and crossing shares by brute force).</summary>
public class CommunitiesTests
{
    private static string Oracles => Path.Combine(TestData.RepoRoot, "tests", "Engine.Tests", "Metrics", "Oracles", "communities");

    private static string Betweenness => Path.Combine(TestData.RepoRoot, "tests", "Engine.Tests", "Metrics", "Oracles", "betweenness");

    private static SocialGraph Load(string name) =>
        Directory.Exists(TestData.Sample(name)) ? TestData.LoadGraph(name)
        : Directory.Exists(Path.Combine(Oracles, name)) ? DatasetReader.Read(Path.Combine(Oracles, name)).ToGraph()
        : DatasetReader.Read(Path.Combine(Betweenness, name)).ToGraph();

    public static TheoryData<string, double, double, double> Expected()
    {
        var data = new TheoryData<string, double, double, double>();
        foreach (var row in TestData.ReadCsv(Path.Combine(Oracles, "expected_communities.csv")))
            data.Add(row["graph"], Number(row["resolution"]), Number(row["igraph_modularity"]), Number(row["networkx_modularity"]));
        return data;
    }

    private static double Number(string cell) => double.Parse(cell, CultureInfo.InvariantCulture);

    [Theory]
    [MemberData(nameof(Expected))]
    public void Detect_Oracle_ReachesIgraphModularityWithin0005(string name, double resolution, double igraph, double networkx)
    {
        _ = networkx;
        var graph = Load(name);
        foreach (var seed in new[] { 0, 1, 2 })
        {
            var result = Communities.Detect(graph, new CommunitiesOptions { Resolution = resolution, Seed = seed });
            Assert.True(result.Modularity >= igraph - 0.005,
                $"{name} at γ {resolution}, seed {seed}: modularity {result.Modularity:R}, igraph's best of 20 seeds {igraph:R}");
            Assert.Equal(Communities.Modularity(graph, result.CommunityOfNode, resolution), result.Modularity, 12);
        }
    }

    [Theory]
    [MemberData(nameof(Expected))]
    public void Modularity_IgraphPartition_EqualsNetworkxToE9(string name, double resolution, double igraph, double networkx)
    {
        _ = igraph;
        var graph = Load(name);
        var membership = new int[graph.NodeCount];
        var file = Path.Combine(Oracles, $"membership_{name}_{resolution.ToString("0.0", CultureInfo.InvariantCulture)}.csv");
        foreach (var row in TestData.ReadCsv(file)) membership[graph.IndexOf(row["id"])] = int.Parse(row["community"], CultureInfo.InvariantCulture);
        var ours = Communities.Modularity(graph, membership, resolution);
        Assert.True(Math.Abs(ours - networkx) <= 1e-9, $"{name} at γ {resolution}: expected {networkx:R}, got {ours:R}");
    }

    [Fact]
    public void Detect_AnyThreadCount_GivesIdenticalCommunities()
    {
        // city-10k refines in several ranges of communities, so two threads really split the work.
        var graph = TestData.LoadGraph("city-10k");
        var one = Communities.Detect(graph, new CommunitiesOptions { Seed = 4, MaxDegreeOfParallelism = 1 });
        var two = Communities.Detect(graph, new CommunitiesOptions { Seed = 4, MaxDegreeOfParallelism = 2 });
        var all = Communities.Detect(graph, new CommunitiesOptions { Seed = 4 });
        Assert.Equal(one.CommunityOfNode, two.CommunityOfNode);
        Assert.Equal(one.CommunityOfNode, all.CommunityOfNode);
        Assert.Equal(one.Modularity, two.Modularity);
        Assert.Throws<ArgumentOutOfRangeException>(() => Communities.Detect(graph, new CommunitiesOptions { MaxDegreeOfParallelism = 0 }));
    }

    [Fact]
    public void Detect_SameSeed_GivesIdenticalCommunities()
    {
        var graph = Load("city-400");
        var a = Communities.Detect(graph, new CommunitiesOptions { Seed = 7 });
        var b = Communities.Detect(graph, new CommunitiesOptions { Seed = 7 });
        Assert.Equal(a.CommunityOfNode, b.CommunityOfNode);
        Assert.Equal(a.Modularity, b.Modularity);
        Assert.Equal(a.Iterations, b.Iterations);
        Assert.Equal(7, a.Seed);
    }

    [Theory]
    [InlineData("karate", 1.0)]
    [InlineData("toy", 1.0)]
    [InlineData("planted-5x40", 2.0)]
    [InlineData("city-400", 1.0)]
    [InlineData("components-120", 1.0)]
    [InlineData("gnp-150", 0.5)]
    public void Detect_AnyGraph_HasThePropertiesOfALeidenPartition(string name, double resolution)
    {
        var graph = Load(name);
        var result = Communities.Detect(graph, new CommunitiesOptions { Resolution = resolution, Seed = 3 });
        var c = result.CommunityOfNode;

        // one community per person, dense ids, sizes as counted, largest first; places in none
        var sizes = new int[result.Count];
        for (var u = 0; u < graph.NodeCount; u++)
        {
            if (!graph.IsPerson(u)) { Assert.Equal(-1, c[u]); continue; }
            Assert.InRange(c[u], 0, result.Count - 1);
            sizes[c[u]]++;
        }
        Assert.Equal(sizes, result.Sizes);
        for (var k = 1; k < sizes.Length; k++) Assert.True(sizes[k - 1] >= sizes[k]);
        Assert.Equal(graph.PersonCount, result.People.Count);

        // every community is connected through its own members
        var reached = new bool[graph.NodeCount];
        var components = 0;
        for (var u = 0; u < graph.NodeCount; u++)
        {
            if (c[u] < 0 || reached[u]) continue;
            components++;
            var stack = new Stack<int>([u]);
            reached[u] = true;
            while (stack.TryPop(out var v))
                foreach (var w in graph.Neighbors(v))
                    if (c[w] == c[v] && !reached[w]) { reached[w] = true; stack.Push(w); }
        }
        Assert.Equal(result.Count, components);

        // span: distinct communities among contacts
        foreach (var p in result.People)
        {
            var u = graph.IndexOf(p.Id);
            var distinct = new HashSet<int>();
            foreach (var v in graph.Neighbors(u)) distinct.Add(c[v]);
            Assert.Equal(distinct.Count, p.Span);
            Assert.Equal(c[u], p.Community);
            Assert.Equal(result.Sizes[c[u]], p.CommunitySize);
            Assert.Equal(graph.Area(u), p.Area);
        }

        // per area, nothing suppressed: ties with an end in the area, the share crossing, communities and the largest
        foreach (var row in result.ByArea(0))
        {
            int ties = 0, crossing = 0;
            var residents = new List<int>();
            for (var u = 0; u < graph.NodeCount; u++)
            {
                if (!graph.IsPerson(u)) continue;
                if (graph.Area(u) == row.Area) residents.Add(c[u]);
                foreach (var v in graph.Neighbors(u))
                {
                    if (v < u || (graph.Area(u) != row.Area && graph.Area(v) != row.Area)) continue;
                    ties++;
                    if (c[u] != c[v]) crossing++;
                }
            }
            Assert.Equal(residents.Count, row.People);
            Assert.Equal(ties, row.Ties);
            Assert.Equal(ties == 0 ? null : (double)crossing / ties, row.CrossingShare);
            Assert.Equal(residents.Distinct().Count(), row.Communities);
            Assert.Equal((double)residents.GroupBy(x => x).Max(g => g.Count()) / residents.Count, row.LargestCommunityShare);
            Assert.False(row.Suppressed);
        }
    }

    [Fact]
    public void Detect_PlantedPartition_FindsThePlantedGroups()
    {
        // planted-8x25: p_in 0.3, p_out 0.02 — each planted group of 25 is one community
        var graph = Load("planted-8x25");
        var result = Communities.Detect(graph);
        Assert.Equal(8, result.Count);
        Assert.All(result.Sizes, s => Assert.Equal(25, s));
        for (var i = 0; i < 200; i++)
            Assert.Equal(result.ForId($"n{i / 25 * 25:000}").Community, result.ForId($"n{i:000}").Community);
    }

    [Fact]
    public void Detect_PeopleWithoutContacts_AreCommunitiesOfOne_AndSpanZero()
    {
        var graph = Load("components-120");
        var result = Communities.Detect(graph);
        for (var i = 115; i < 120; i++)
        {
            var p = result.ForId($"q{i:000}");
            Assert.Equal(1, p.CommunitySize);
            Assert.Equal(0, p.Span);
        }
        Assert.Throws<SocialCapital.Model.UnknownNodeException>(() => result.ForId("e1"));
    }

    [Fact]
    public void ByArea_SmallAreas_AreSuppressed()
    {
        var graph = Load("city-400");
        var result = Communities.Detect(graph);
        Assert.All(result.ByArea(1000), row => Assert.True(row.Suppressed && row.People is null && row.CrossingShare is null));
        Assert.Contains(result.ByArea(10), row => row is { Suppressed: false, CrossingShare: > 0 });
    }

    [Fact]
    public void Detect_BadOptions_AreRejected_AndCancellationStops()
    {
        var graph = Load("karate");
        Assert.Throws<ArgumentOutOfRangeException>(() => Communities.Detect(graph, new CommunitiesOptions { Resolution = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => Communities.Detect(graph, new CommunitiesOptions { Resolution = double.NaN }));
        Assert.Throws<ArgumentOutOfRangeException>(() => Communities.Detect(graph, new CommunitiesOptions { MaxIterations = 0 }));
        Assert.Throws<ArgumentException>(() => Communities.Modularity(graph, new int[3]));
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => Communities.Detect(graph, new CommunitiesOptions { CancellationToken = cancelled.Token }));
    }

    [Fact]
    public void Detect_Progress_EndsAtOne_NeverGoingBack()
    {
        var reports = new List<double>();
        Communities.Detect(Load("city-400"), new CommunitiesOptions { Progress = new Recorder(reports) });
        Assert.Equal(1, reports[^1]);
        for (var i = 1; i < reports.Count; i++) Assert.True(reports[i] >= reports[i - 1]);
    }

    private sealed class Recorder(List<double> reports) : IProgress<double>
    {
        public void Report(double value) => reports.Add(value);
    }
}
