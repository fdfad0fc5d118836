using SocialCapital.Graph;
using SocialCapital.Interchange;
using SocialCapital.Metrics;
using SocialCapital.Model;

namespace SocialCapital.Tests.Metrics;

public class ConnectedComponentsTests
{
    private static readonly GraphOptions AsOf = new() { AsOf = new DateOnly(2026, 1, 1) };

    [Theory]
    [InlineData("karate", 34)]
    [InlineData("toy", 12)]
    public void Compute_OracleSample_IsOneComponentOfEveryone(string sample, int people)
    {
        var graph = TestData.LoadGraph(sample);
        var components = ConnectedComponents.Compute(graph);
        Assert.Equal(1, components.Count);
        Assert.Equal([people], components.Sizes.ToArray());
        Assert.Equal(0, components.Largest);
        Assert.Equal(people, components.LargestSize);
        Assert.All(components.Labels.ToArray(), label => Assert.Equal(0, label));
    }

    [Fact]
    public void Compute_ThreeGroupsAnIsolatedPersonAndAPlace_LabelsByLowestIndex()
    {
        // Ids sort a < b < … < h < z: indices 0..8. Components {a, c, e} (a path), {b, d, f, h} (a star on h),
        // {g} (no contacts); z is a peer group that a, b and g belong to — membership is not a contact.
        var graph = Dataset.Create(
            [.. "abcdefgh".Select(c => TestData.Citizen(c.ToString())), new NodeRecord("z", NodeKind.PeerGroup)],
            [
                TestData.Friend("a", "c"), TestData.Friend("e", "c"),
                TestData.Friend("h", "b"), TestData.Friend("h", "d"), TestData.Friend("f", "h"), TestData.Friend("b", "h"),
                new TieRecord("a", "z", TieKind.Membership), new TieRecord("b", "z", TieKind.Membership), new TieRecord("g", "z", TieKind.Membership),
            ]).ToGraph(AsOf);
        var components = ConnectedComponents.Compute(graph);

        Assert.Equal(3, components.Count);
        Assert.Equal([0, 1, 0, 1, 0, 1, 2, 1, -1], components.Labels.ToArray());
        Assert.Equal([3, 4, 1], components.Sizes.ToArray());
        Assert.Equal(1, components.Largest);
        Assert.Equal(4, components.LargestSize);
        Assert.Equal([graph.IndexOf("b"), graph.IndexOf("d"), graph.IndexOf("f"), graph.IndexOf("h")], components.MembersOf(1));
        Assert.Equal([graph.IndexOf("g")], components.MembersOf(2));
        Assert.Equal(-1, components.ComponentOf(graph.IndexOf("z")));
        Assert.True(components.AreConnected(graph.IndexOf("a"), graph.IndexOf("e")));
        Assert.True(components.AreConnected(graph.IndexOf("g"), graph.IndexOf("g")));
        Assert.False(components.AreConnected(graph.IndexOf("a"), graph.IndexOf("b")));
        Assert.False(components.AreConnected(graph.IndexOf("z"), graph.IndexOf("z")));
        Assert.Throws<ArgumentOutOfRangeException>(() => components.MembersOf(3));
        Assert.Throws<ArgumentOutOfRangeException>(() => components.MembersOf(-1));
    }

    [Fact]
    public void Compute_EqualSizes_LargestIsTheLowestNumbered()
    {
        var graph = Dataset.Create(
            [.. "abcd".Select(c => TestData.Citizen(c.ToString()))],
            [TestData.Friend("b", "d"), TestData.Friend("a", "c")]).ToGraph(AsOf);
        var components = ConnectedComponents.Compute(graph);
        Assert.Equal([0, 1, 0, 1], components.Labels.ToArray());
        Assert.Equal(0, components.Largest);
    }

    [Fact]
    public void Compute_EmptyGraph_HasNoComponents()
    {
        var empty = ConnectedComponents.Compute(Dataset.Create([], []).ToGraph(AsOf));
        Assert.Equal(0, empty.Count);
        Assert.Equal(-1, empty.Largest);
        Assert.Equal(0, empty.LargestSize);
        Assert.True(empty.Labels.IsEmpty);
        Assert.Throws<ArgumentOutOfRangeException>(() => empty.MembersOf(0));
    }

    [Fact]
    public void Compute_OnePersonWithoutContacts_IsOneComponentOfOne()
    {
        var one = ConnectedComponents.Compute(Dataset.Create([TestData.Citizen("a")], []).ToGraph(AsOf));
        Assert.Equal(1, one.Count);
        Assert.Equal([0], one.Labels.ToArray());
        Assert.Equal([1], one.Sizes.ToArray());
        Assert.Equal(0, one.Largest);
    }

    [Fact]
    public void Compute_OnlyPlaces_HasNoComponentsAndLabelsMinusOne()
    {
        var places = ConnectedComponents.Compute(Dataset.Create(
            [new NodeRecord("e", NodeKind.Employer), new NodeRecord("g", NodeKind.PeerGroup)], []).ToGraph(AsOf));
        Assert.Equal(0, places.Count);
        Assert.Equal([-1, -1], places.Labels.ToArray());
        Assert.Equal(-1, places.Largest);
    }

    [Fact]
    public void ComponentOf_NotANodeIndex_ThrowsArgumentOutOfRangeException()
    {
        var components = ConnectedComponents.Compute(TestData.LoadGraph("toy"));
        var nodes = components.Labels.Length;
        Assert.Equal("node", Assert.Throws<ArgumentOutOfRangeException>(() => components.ComponentOf(nodes)).ParamName);
        Assert.Equal("node", Assert.Throws<ArgumentOutOfRangeException>(() => components.ComponentOf(-1)).ParamName);
        Assert.Equal(0, components.ComponentOf(nodes - 1));
    }

    [Fact]
    public void AreConnected_NotANodeIndex_ThrowsArgumentOutOfRangeException()
    {
        var components = ConnectedComponents.Compute(TestData.LoadGraph("toy"));
        var nodes = components.Labels.Length;
        Assert.Equal("u", Assert.Throws<ArgumentOutOfRangeException>(() => components.AreConnected(-1, 0)).ParamName);
        Assert.Equal("v", Assert.Throws<ArgumentOutOfRangeException>(() => components.AreConnected(0, nodes)).ParamName);
        // A place (-1) against an index past the end must not pass for "not connected".
        var places = ConnectedComponents.Compute(Dataset.Create([new NodeRecord("g", NodeKind.PeerGroup)], []).ToGraph(AsOf));
        Assert.Throws<ArgumentOutOfRangeException>(() => places.AreConnected(0, 1));
    }

    [Fact]
    public void Compute_LongPathInReverseIndexOrder_IsOneComponent()
    {
        // A path p999 – p998 – … – p000 whose first contacts all point down: deep trees before path halving.
        var people = Enumerable.Range(0, 1000).Select(i => TestData.Citizen($"p{i:D3}")).ToArray();
        var ties = Enumerable.Range(1, 999).Select(i => TestData.Friend($"p{i:D3}", $"p{i - 1:D3}")).ToArray();
        var components = ConnectedComponents.Compute(Dataset.Create(people, ties).ToGraph(AsOf));
        Assert.Equal(1, components.Count);
        Assert.Equal(1000, components.LargestSize);
    }

    [Fact]
    public void Compute_CityWithIsolatedPeople_AgreesWithQuikGraph()
    {
        var graph = TestData.LoadGraph("city-10k", AsOf);
        var components = ConnectedComponents.Compute(graph);
        var quik = new Dictionary<int, int>();
        var count = QuikGraph.Algorithms.AlgorithmExtensions.ConnectedComponents(graph.AsQuikGraph(), quik);
        Assert.Equal(count, components.Count);
        Assert.True(components.Count > 1);
        // Same partition: QuikGraph's numbering differs, so compare who shares a component with whom.
        var map = new Dictionary<int, int>();
        foreach (var (node, theirs) in quik)
        {
            var ours = components.ComponentOf(node);
            Assert.True(ours >= 0);
            Assert.Equal(map.TryAdd(theirs, ours) ? ours : map[theirs], ours);
        }
        Assert.Equal(graph.PersonCount, components.Sizes.ToArray().Sum());
    }

    [Fact]
    public void Compute_NullGraph_ThrowsArgumentNullException() =>
        Assert.Throws<ArgumentNullException>(() => ConnectedComponents.Compute(null!));
}
