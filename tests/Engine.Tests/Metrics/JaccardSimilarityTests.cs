using SocialCapital.Graph;
using SocialCapital.Interchange;
using SocialCapital.Metrics;
using SocialCapital.Model;

namespace SocialCapital.Tests.Metrics;

/// <summary>Expected values from networkx 2.8.8 <c>jaccard_coefficient</c> (igraph 0.10.2 <c>similarity_jaccard(loops=False)</c>
/// gives the same) on <c>nx.karate_club_graph()</c> and the toy network, written as exact fractions.</summary>
public class JaccardSimilarityTests
{
    private static readonly GraphOptions AsOf = new() { AsOf = new DateOnly(2026, 1, 1) };

    [Theory]
    // person: (other, common contacts, |N ∪ N|) for everyone at distance exactly 2
    [InlineData("karate", "0", "9:1:17 16:2:16 24:1:18 25:1:18 27:1:19 28:2:17 30:2:18 32:3:25 33:4:29")]
    [InlineData("karate", "33", "0:4:29 1:3:23 2:6:21 3:1:22 24:2:18 25:2:18")]
    [InlineData("karate", "16", "0:2:16 4:1:4 10:1:4")]
    [InlineData("karate", "11", "1:1:9 2:1:10 3:1:6 4:1:3 5:1:4 6:1:4 7:1:4 8:1:5 10:1:3 12:1:2 13:1:5 17:1:2 19:1:3 21:1:2 31:1:6")]
    [InlineData("toy", "9", "1:1:5 6:1:5 11:1:3")]
    [InlineData("toy", "11", "9:1:3")]
    public void AtDistanceTwo_OracleSample_MatchesNetworkx(string sample, string person, string expected)
    {
        var graph = TestData.LoadGraph(sample);
        var u = graph.IndexOf(person);
        var pairs = JaccardSimilarity.AtDistanceTwo(graph, u);

        var want = expected.Split(' ').Select(e => e.Split(':')).Select(p => (Other: graph.IndexOf(p[0]), Common: int.Parse(p[1], System.Globalization.CultureInfo.InvariantCulture), Union: int.Parse(p[2], System.Globalization.CultureInfo.InvariantCulture)))
            .OrderBy(p => p.Other).ToArray();
        Assert.Equal(want.Length, pairs.Length);
        for (var i = 0; i < want.Length; i++)
        {
            Assert.Equal(u, pairs[i].Person);
            Assert.Equal(want[i].Other, pairs[i].Other);
            Assert.Equal(want[i].Common, pairs[i].CommonContacts);
            Assert.Equal((double)want[i].Common / want[i].Union, pairs[i].Jaccard);
            Assert.Equal(pairs[i].Jaccard, JaccardSimilarity.Of(graph, u, pairs[i].Other));
        }
    }

    [Fact]
    public void Of_KnownPairs_AsNetworkx()
    {
        var karate = TestData.LoadGraph("karate");
        Assert.Equal(4.0 / 29, JaccardSimilarity.Of(karate, karate.IndexOf("0"), karate.IndexOf("33")));
        Assert.Equal(4.0 / 29, JaccardSimilarity.Of(karate, karate.IndexOf("33"), karate.IndexOf("0")));
        Assert.Equal(1.0, JaccardSimilarity.Of(karate, karate.IndexOf("5"), karate.IndexOf("5")));
        var toy = TestData.LoadGraph("toy");
        // In contact: N(0) = {1, 2}, N(1) = {0, 2, 8}; a person is not in their own neighbourhood.
        Assert.Equal(0.25, JaccardSimilarity.Of(toy, toy.IndexOf("0"), toy.IndexOf("1")));
    }

    [Fact]
    public void AtDistanceTwo_IsolatedPlaceAndNoSecondNeighbours_AreEmpty()
    {
        var graph = Dataset.Create(
            [TestData.Citizen("a"), TestData.Citizen("b"), TestData.Citizen("c"), TestData.Citizen("d"), new NodeRecord("g", NodeKind.PeerGroup)],
            [TestData.Friend("a", "b"), TestData.Friend("a", "c"), TestData.Friend("b", "c"), new TieRecord("d", "g", TieKind.Membership)]).ToGraph(AsOf);
        Assert.Empty(JaccardSimilarity.AtDistanceTwo(graph, graph.IndexOf("a"))); // a triangle: everyone is a contact
        Assert.Empty(JaccardSimilarity.AtDistanceTwo(graph, graph.IndexOf("d"))); // no contacts
        Assert.Empty(JaccardSimilarity.AtDistanceTwo(graph, graph.IndexOf("g"))); // a place
        Assert.Equal(0.0, JaccardSimilarity.Of(graph, graph.IndexOf("d"), graph.IndexOf("g")));
        Assert.Equal(0.0, JaccardSimilarity.Of(graph, graph.IndexOf("d"), graph.IndexOf("d")));
        Assert.Empty(JaccardSimilarity.AtDistanceTwo(graph, []));
        Assert.Empty(JaccardSimilarity.AtDistanceTwo(Dataset.Create([], []).ToGraph(AsOf), []));
    }

    [Fact]
    public void AtDistanceTwo_ManyPeople_ConcatenatesEachInTheGivenOrder()
    {
        var graph = TestData.LoadGraph("karate");
        int[] people = [graph.IndexOf("33"), graph.IndexOf("0"), graph.IndexOf("33"), graph.IndexOf("16")];
        var expected = people.SelectMany(u => JaccardSimilarity.AtDistanceTwo(graph, u)).ToArray();
        foreach (var threads in new[] { 1, 2, -1 })
            Assert.Equal(expected, JaccardSimilarity.AtDistanceTwo(graph, people, threads));
        Assert.Equal(expected, JaccardSimilarity.AtDistanceTwo(graph, people.ToList()));
    }

    [Fact]
    public void AtDistanceTwo_ById_PairsEachResultWithTheOtherPersonsId()
    {
        var graph = TestData.LoadGraph("city-10k", AsOf);
        var id = graph.Id(37);
        var byId = JaccardSimilarity.AtDistanceTwo(graph, id);
        var byIndex = JaccardSimilarity.AtDistanceTwo(graph, 37);
        Assert.Equal(byIndex, byId.Select(r => r.Pair));
        Assert.Equal(byIndex.Select(p => graph.Id(p.Other)), byId.Select(r => r.OtherId));
        Assert.Throws<SocialCapital.Model.UnknownNodeException>(() => JaccardSimilarity.AtDistanceTwo(graph, "no such person"));
        Assert.Equal(0, default(JaccardPair).Jaccard);
    }

    [Fact]
    public void AtDistanceTwo_City_PairsAreExactlyTheFriendsOfFriends()
    {
        var graph = TestData.LoadGraph("city-10k", AsOf);
        var people = Enumerable.Range(0, graph.NodeCount).Where(u => u % 37 == 0).ToArray();
        var pairs = JaccardSimilarity.AtDistanceTwo(graph, people, 2);
        var at = 0;
        foreach (var u in people)
        {
            var contacts = graph.Neighbors(u).ToArray().ToHashSet();
            var expected = contacts.SelectMany(w => graph.Neighbors(w).ToArray()).Where(v => v != u && !contacts.Contains(v)).Distinct().Order().ToArray();
            foreach (var v in expected)
            {
                var pair = pairs[at++];
                Assert.Equal((u, v), (pair.Person, pair.Other));
                Assert.Equal(JaccardSimilarity.Of(graph, u, v), pair.Jaccard);
            }
        }
        Assert.Equal(at, pairs.Length);
    }

    [Fact]
    public void AtDistanceTwo_NullArgument_ThrowsArgumentNullException()
    {
        var graph = TestData.LoadGraph("toy");
        Assert.Throws<ArgumentNullException>(() => JaccardSimilarity.AtDistanceTwo(null!, 0));
        Assert.Throws<ArgumentNullException>(() => JaccardSimilarity.AtDistanceTwo(null!, [0]));
        Assert.Throws<ArgumentNullException>(() => JaccardSimilarity.AtDistanceTwo(graph, (IReadOnlyList<int>)null!));
    }

    [Fact]
    public void AtDistanceTwo_NotANodeIndex_ThrowsArgumentOutOfRangeExceptionNamingIt()
    {
        var graph = TestData.LoadGraph("toy");
        Assert.Equal("person", Assert.Throws<ArgumentOutOfRangeException>(() => JaccardSimilarity.AtDistanceTwo(graph, graph.NodeCount)).ParamName);
        Assert.Equal("person", Assert.Throws<ArgumentOutOfRangeException>(() => JaccardSimilarity.AtDistanceTwo(graph, -1)).ParamName);
        var element = Assert.Throws<ArgumentOutOfRangeException>(() => JaccardSimilarity.AtDistanceTwo(graph, [0, -3]));
        Assert.Equal("people[1]", element.ParamName);
        Assert.Equal(-3, element.ActualValue);
        Assert.Contains($"between 0 and {graph.NodeCount - 1}", element.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AtDistanceTwo_ZeroThreads_ThrowsArgumentOutOfRangeException() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => JaccardSimilarity.AtDistanceTwo(TestData.LoadGraph("toy"), [0], 0));

    [Fact]
    public void Of_NullGraph_ThrowsArgumentNullException() =>
        Assert.Throws<ArgumentNullException>(() => JaccardSimilarity.Of(null!, 0, 1));

    [Fact]
    public void Of_NotANodeIndex_ThrowsArgumentOutOfRangeException()
    {
        var graph = TestData.LoadGraph("toy");
        Assert.Equal("v", Assert.Throws<ArgumentOutOfRangeException>(() => JaccardSimilarity.Of(graph, 0, graph.NodeCount)).ParamName);
        Assert.Equal("u", Assert.Throws<ArgumentOutOfRangeException>(() => JaccardSimilarity.Of(graph, -1, 0)).ParamName);
    }
}
