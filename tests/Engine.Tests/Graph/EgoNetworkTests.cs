using SocialCapital.Graph;
using SocialCapital.Model;
using SocialCapital.Ties;

namespace SocialCapital.Tests.Graph;

public class EgoNetworkTests
{
    /// <summary>c's friends a (strong) and b; a's friend x; b's friend y in another area; c works at e, where w works too;
    /// z is three hops away.</summary>
    private static SocialGraph Fixture() => new SocialGraphBuilder()
        .AddNodes([
            TestData.Citizen("c", "X", Employment.Unemployed), TestData.Citizen("a", "X", Employment.Employed), TestData.Citizen("b", "X"),
            TestData.Citizen("x", "X"), TestData.Citizen("y", "Y"), TestData.Citizen("w", "X", Employment.Employed),
            TestData.Citizen("z", "X"), new NodeRecord("e", NodeKind.Employer) { Area = "X", Capacity = 2 },
        ])
        .AddTies([
            TestData.Friend("c", "a", 3), TestData.Friend("c", "b"), TestData.Friend("a", "x"), TestData.Friend("b", "y"),
            TestData.Friend("x", "z"), TestData.Friend("a", "b"),
            new TieRecord("c", "e", TieKind.Employment), new TieRecord("w", "e", TieKind.Employment),
        ])
        .Build();

    [Fact]
    public void Of_TwoHops_EveryNodeWithinTwoHopsAndTheTiesAmongThem()
    {
        var network = EgoNetwork.Of(Fixture(), "c");
        Assert.Equal("c", network.Center);
        Assert.Equal(["c", "e", "a", "b", "w", "x", "y"], network.Nodes.Select(n => n.Id)); // places, then strongest contacts
        Assert.Equal([0, 1, 1, 1, 2, 2, 2], network.Nodes.Select(n => n.Hops));
        Assert.False(network.Truncated);
        Assert.Equal(7, network.Reached);
        var ties = network.Ties.Select(t => $"{t.Source}-{t.Target}").Order(StringComparer.Ordinal);
        Assert.Equal(["a-b", "a-c", "a-x", "b-c", "b-y", "c-e", "w-e"], ties);
        var employment = network.Ties.Single(t => t.Target == "e" && t.Source == "w");
        Assert.Equal([TieKind.Employment], employment.Kinds);
        Assert.Null(employment.Class);
        Assert.All(network.Ties.Where(t => t.Target != "e"), t => Assert.NotNull(t.Class));
        Assert.Equal(3, network.Ties.Single(t => t.Source == "a" && t.Target == "c").Strength);
    }

    [Fact]
    public void Of_OneHop_OnlyTheCentresContactsAndPlaces()
    {
        var network = EgoNetwork.Of(Fixture(), "c", hops: 1);
        Assert.Equal(["c", "e", "a", "b"], network.Nodes.Select(n => n.Id));
        Assert.DoesNotContain(network.Ties, t => t.Source == "w");
    }

    [Fact]
    public void Of_Capped_KeepsTheClosestAndSaysSo()
    {
        var network = EgoNetwork.Of(Fixture(), "c", maxNodes: 3);
        Assert.Equal(["c", "e", "a"], network.Nodes.Select(n => n.Id));
        Assert.True(network.Truncated);
        Assert.Equal(7, network.Reached);
        Assert.All(network.Ties, t => Assert.Contains(t.Source, new[] { "c", "a" }));
    }

    [Fact]
    public void Of_Hidden_OnlyAsTheCentresOwnContactNeverWalkedThrough()
    {
        var graph = Fixture();
        var hideY = EgoNetwork.Of(graph, "c", hidden: n => graph.Area(n) == "Y");
        Assert.DoesNotContain(hideY.Nodes, n => n.Id == "y"); // two hops away: left out
        Assert.Equal(6, hideY.Reached);
        var hideB = EgoNetwork.Of(graph, "c", hidden: n => graph.Id(n) is "b" or "y");
        var b = hideB.Nodes.Single(n => n.Id == "b");
        Assert.True(b.Hidden);
        Assert.Equal(1, b.Hops);
        Assert.DoesNotContain(hideB.Nodes, n => n.Id == "y"); // reached only through b
        Assert.False(hideB.Nodes[0].Hidden);
    }

    [Theory]
    [InlineData(0, 10, "hops")]
    [InlineData(3, 10, "hops")]
    [InlineData(2, 0, "maxNodes")]
    [InlineData(2, EgoNetwork.MaxNodesLimit + 1, "maxNodes")]
    public void Of_BadArguments_RefusedNamingThem(int hops, int maxNodes, string option)
    {
        var error = Assert.Throws<InvalidOptionsException>(() => EgoNetwork.Of(Fixture(), "c", hops, maxNodes));
        Assert.Contains(option, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Of_City_ClassesAsTheSnapshotHoldsThem()
    {
        var graph = TestData.LoadGraph("city-10k");
        var network = EgoNetwork.Of(graph, "p00007");
        Assert.InRange(network.Nodes.Count, 2, EgoNetwork.DefaultMaxNodes);
        var classes = network.Ties.Where(t => t.Class is not null).Select(t => t.Class!.Value).ToHashSet();
        Assert.Contains(TieClass.Bonding, classes);
        foreach (var tie in network.Ties.Where(t => t.Class is not null))
        {
            var (u, v) = (graph.IndexOf(tie.Source), graph.IndexOf(tie.Target));
            var slot = graph.Neighbors(u).IndexOf(v);
            Assert.Equal(graph.TieClasses(u)[slot], tie.Class);
        }
    }
}
