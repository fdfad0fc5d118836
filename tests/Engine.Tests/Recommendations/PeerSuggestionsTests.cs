using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using SocialCapital.Graph;
using SocialCapital.Recommendations;
using SocialCapital.Tests.Properties;

namespace SocialCapital.Tests.Recommendations;

public class PeerSuggestionsTests
{
    private static readonly GraphOptions AsOf = new() { AsOf = new DateOnly(2026, 1, 1) };

    [Fact]
    public void ForPerson_KaratePair0And33_LinkPredictionByHand()
    {
        // N(0) ∩ N(33) = {8, 13, 19, 31}, of degrees 5, 5, 3, 6.
        var s = PeerSuggestions.ForPerson(TestData.LoadGraph("karate"), "0", top: 0).Single(p => p.Peer == "33");
        Assert.Equal(4, s.CommonNeighbors);
        Assert.Equal(2 / Math.Log(5) + 1 / Math.Log(3) + 1 / Math.Log(6), s.AdamicAdar, 12);
        Assert.Equal(2.0 / 5 + 1.0 / 3 + 1.0 / 6, s.ResourceAllocation, 12);
        Assert.Equal(4.0 / (16 + 17 - 4), s.Jaccard, 12);
        Assert.Contains("4 mutual contacts: 13, 19, 31, …", s.Reasons);
    }

    [Fact]
    public void ForPerson_NeverSuggestsThemselvesOrAContact_AndRanksBestFirst()
    {
        var graph = TestData.LoadGraph("karate");
        var u = graph.IndexOf("0");
        var all = PeerSuggestions.ForPerson(graph, "0", top: 0);
        Assert.DoesNotContain(all, s => s.Peer == "0" || graph.AreInContact(u, graph.IndexOf(s.Peer)));
        Assert.Equal(all.Select(s => s.Score).OrderDescending(), all.Select(s => s.Score));
        var friendsOfFriends = graph.Neighbors(u).ToArray().SelectMany(w => graph.Neighbors(w).ToArray());
        var sameArea = Enumerable.Range(0, graph.NodeCount).Where(v => graph.Area(v) == graph.Area(u));
        var expected = friendsOfFriends.Concat(sameArea).Where(v => v != u && !graph.AreInContact(u, v)).Select(graph.Id).ToHashSet();
        Assert.Equal(expected.Order(StringComparer.Ordinal), all.Select(s => s.Peer).Order(StringComparer.Ordinal));
        Assert.Equal(3, PeerSuggestions.ForPerson(graph, "0", top: 3).Count);
    }

    [Fact]
    public void ForPerson_PlaceOrUnknown_Throws()
    {
        var graph = TestData.LoadGraph("city-10k", AsOf);
        Assert.Throws<SocialCapital.Model.UnknownNodeException>(() => PeerSuggestions.ForPerson(graph, "nobody"));
        Assert.Contains("is an employer, not a person", Assert.Throws<SocialCapital.Model.WrongNodeKindException>(() => PeerSuggestions.ForPerson(graph, "e01")).Message, StringComparison.Ordinal);
        Assert.Throws<SocialCapital.Model.InvalidOptionsException>(() => PeerSuggestions.ForPerson(graph, "p00007", top: -1));
    }

    [Property(MaxTest = 150)]
    public Property ForPerson_IsReciprocalAndExcludesContacts() =>
        Prop.ForAll(RandomDatasets.Arbitrary(), dataset =>
        {
            var graph = dataset.ToGraph(AsOf);
            var people = Enumerable.Range(0, graph.NodeCount).Where(graph.IsPerson).ToArray();
            var lists = people.ToDictionary(u => u, u => PeerSuggestions.ForPerson(graph, graph.Id(u), top: 0).ToDictionary(s => s.Peer));
            return people.All(u => lists[u].Values.All(s =>
            {
                var v = graph.IndexOf(s.Peer);
                return v != u && !graph.AreInContact(u, v) && s.Score is >= 0 and <= 1 && s.Reasons.Count > 0
                    && lists[v].TryGetValue(graph.Id(u), out var back) && Math.Abs(back.Score - s.Score) < 1e-12;
            }));
        });
}
