using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using SocialCapital.Graph;
using SocialCapital.Interchange;
using SocialCapital.Metrics;
using SocialCapital.Tests.Properties;
using SocialCapital.Ties;

namespace SocialCapital.Tests.Metrics;

public class TieMetricsTests
{
    private static string Key(string a, string b) => string.CompareOrdinal(a, b) < 0 ? $"{a}-{b}" : $"{b}-{a}";

    private static Dictionary<string, TieMeasures> Ties(string sample) =>
        TieMetrics.Compute(TestData.LoadGraph(sample)).ToDictionary(t => Key(t.Source, t.Target));

    [Fact]
    public void Compute_Karate_LocalBridgesAndSpansMatchNetworkx()
    {
        var bridges = Ties("karate").Values.Where(t => t.LocalBridge).ToDictionary(t => Key(t.Source, t.Target), t => t.Span.OrNaN());
        var expected = new Dictionary<string, double>
        {
            [Key("0", "11")] = double.PositiveInfinity, [Key("0", "31")] = 3, [Key("1", "30")] = 3, [Key("2", "9")] = 3,
            [Key("2", "27")] = 3, [Key("2", "28")] = 3, [Key("9", "33")] = 3, [Key("13", "33")] = 3,
            [Key("19", "33")] = 3, [Key("23", "25")] = 3, [Key("24", "27")] = 3,
        };
        Assert.Equal(expected.OrderBy(p => p.Key), bridges.OrderBy(p => p.Key));
    }

    [Fact]
    public void Compute_Toy_LocalBridgesAndSpansMatchScience()
    {
        var bridges = Ties("toy").Values.Where(t => t.LocalBridge).ToDictionary(t => Key(t.Source, t.Target), t => t.Span.OrNaN());
        var expected = new Dictionary<string, double>
        {
            [Key("1", "8")] = 6, [Key("2", "3")] = 6, [Key("6", "7")] = 6,
            [Key("9", "10")] = double.PositiveInfinity, [Key("10", "11")] = double.PositiveInfinity,
        };
        Assert.Equal(expected.OrderBy(p => p.Key), bridges.OrderBy(p => p.Key));
    }

    [Theory]
    [InlineData("karate", "0", "1", 7, 0.4375)]
    [InlineData("karate", "32", "33", 10, 0.588235)]
    [InlineData("toy", "4", "5", 2, 1.0)]
    [InlineData("toy", "1", "2", 1, 0.333333)]
    public void Compute_Overlap_MatchesScience(string sample, string a, string b, int embeddedness, double overlap)
    {
        var tie = Ties(sample)[Key(a, b)];
        Assert.Equal(embeddedness, tie.Embeddedness);
        Assert.Equal(overlap, tie.Overlap.OrNaN(), 1e-6);
        Assert.False(tie.LocalBridge);
        Assert.True(double.IsNaN(tie.Span.OrNaN()));
    }

    [Fact]
    public void Compute_EachContactOnce_OrderedBySourceThenTargetId()
    {
        var graph = TestData.LoadGraph("karate");
        var ties = TieMetrics.Compute(graph);
        Assert.Equal(78, ties.Count);
        Assert.All(ties, t => Assert.True(string.CompareOrdinal(t.Source, t.Target) < 0));
        var keys = ties.Select(t => (t.Source, t.Target)).ToArray();
        Assert.Equal(keys.OrderBy(k => k.Source, StringComparer.Ordinal).ThenBy(k => k.Target, StringComparer.Ordinal), keys);
    }

    [Fact]
    public void Compute_WithoutSpans_LeavesSpanUndefined()
    {
        var ties = TieMetrics.Compute(TestData.LoadGraph("toy"), new TieMetricsOptions { ComputeSpans = false });
        Assert.All(ties.Where(t => t.LocalBridge), t => Assert.True(double.IsNaN(t.Span.OrNaN())));
    }

    [Fact]
    public void Compute_Toy_ClassesFollowDefaultPolicy()
    {
        var ties = Ties("toy");
        // 0 and 1: both out of work, low SES, area A: nothing differs.
        Assert.Equal(TieClass.Bonding, ties[Key("0", "1")].Class);
        Assert.Equal(0, ties[Key("0", "1")].BridgingScore);
        // 0 and 2: work status (2) and SES band (1) differ, area same: b = 3/4.
        Assert.Equal(TieClass.Bridging, ties[Key("0", "2")].Class);
        Assert.Equal(0.75, ties[Key("0", "2")].BridgingScore);
    }

    /// <summary>The bidirectional search that stops at its first meeting gives the span a plain breadth-first search
    /// from one end gives, on one thread and on several (each thread's marks reused from bridge to bridge).</summary>
    [Property(MaxTest = 200)]
    public Property Compute_RandomGraph_SpansEqualAPlainSearch() =>
        Prop.ForAll(RandomDatasets.Arbitrary(), dataset =>
        {
            var graph = dataset.ToGraph(new GraphOptions { AsOf = new DateOnly(2026, 1, 1) });
            foreach (var threads in (int[])[1, 2])
                foreach (var tie in TieMetrics.Compute(graph, new TieMetricsOptions { MaxDegreeOfParallelism = threads }))
                {
                    if (!tie.LocalBridge) continue;
                    Assert.Equal(PlainSpan(graph, graph.IndexOf(tie.Source), graph.IndexOf(tie.Target)), tie.Span.OrNaN());
                }
        });

    /// <summary>The length of the shortest u–v path without the contact u–v, by a breadth-first search from u.</summary>
    private static double PlainSpan(SocialGraph graph, int u, int v)
    {
        var dist = new Dictionary<int, int> { [u] = 0 };
        var queue = new Queue<int>([u]);
        while (queue.TryDequeue(out var x))
            foreach (var y in graph.Neighbors(x).ToArray())
            {
                if ((x == u && y == v) || dist.ContainsKey(y)) continue;
                dist[y] = dist[x] + 1;
                if (y == v) return dist[y];
                queue.Enqueue(y);
            }
        return double.PositiveInfinity;
    }
}
