using System.Globalization;
using SocialCapital.Graph;
using SocialCapital.Metrics;
using SocialCapital.Model;
using SocialCapital.Recommendations;

namespace SocialCapital.Tests.Graph;

/// <summary>The 2-hop scratch and its spares: calls that rent scratch at once, on snapshots of different sizes, give
/// what they give one at a time; a spare grows to the snapshot it serves and is lent again only when clean.</summary>
public class TwoHopTests
{
    private static readonly GraphOptions AsOf = new() { AsOf = new DateOnly(2026, 1, 1) };

    [Fact]
    public void Rent_ParallelCallsOnTwoSnapshotsOfDifferentSizes_EqualSequentialResults()
    {
        // A 10k city and a 34-person club: scratch sized for one is offered to calls on the other, from more callers
        // than the pool has places.
        SocialGraph[] graphs = [TestData.LoadGraph("city-10k", AsOf), TestData.LoadGraph("karate")];
        var calls = new List<Func<string>>();
        foreach (var graph in graphs)
        {
            var people = Enumerable.Range(0, graph.NodeCount).Where(u => graph.IsPerson(u) && (graph.NodeCount < 100 || u % 97 == 0)).ToArray();
            foreach (var u in people)
            {
                calls.Add(() => Render(PeerSuggestions.ForPerson(graph, graph.Id(u), top: 0)));
                calls.Add(() => Render(JaccardSimilarity.AtDistanceTwo(graph, u)));
                if (graph.Kind(u) == NodeKind.Citizen)
                    calls.Add(() => Render(MentorMatching.ForCitizen(graph, graph.Id(u), new MatchOptions { AnyArea = true, Top = 0 })));
            }
            calls.Add(() => Render(JaccardSimilarity.AtDistanceTwo(graph, people, 2)));
        }
        var order = Enumerable.Range(0, calls.Count).ToArray();
        new Random(5).Shuffle(order); // the two sizes interleaved

        var expected = order.Select(i => calls[i]()).ToArray();
        for (var round = 0; round < 2; round++)
        {
            var actual = new string[order.Length];
            Parallel.For(0, order.Length, new ParallelOptions { MaxDegreeOfParallelism = 16 }, i => actual[i] = calls[order[i]]());
            Assert.Equal(expected, actual);
        }
    }

    [Fact]
    public void Rent_SpareSmallerThanTheSnapshot_GrowsIt()
    {
        var small = TwoHop.Rent(5);
        var need = small.Capacity + 100; // read before Return: other tests may rent and grow the spare afterwards
        TwoHop.Return(small);
        var grown = TwoHop.Rent(need);
        Assert.True(grown.Capacity >= need);
        TwoHop.Return(grown);
    }

    [Fact]
    public void Return_InstanceNotCleared_IsNotLentAgain()
    {
        var graph = TestData.LoadGraph("karate");
        var dirty = TwoHop.Rent(graph.NodeCount);
        dirty.Collect(graph.Contacts, 0, scores: false);
        Assert.True(dirty.Count > 0);
        TwoHop.Return(dirty);
        var next = TwoHop.Rent(graph.NodeCount);
        Assert.NotSame(dirty, next);
        TwoHop.Return(next);
    }

    [Fact]
    public void Collect_ReusedAcrossSnapshots_SameAsAFreshInstance()
    {
        var large = TestData.LoadGraph("city-10k", AsOf);
        var small = TestData.LoadGraph("karate");
        var reused = new TwoHop(large.NodeCount);
        foreach (var (graph, u) in new[] { (large, 0), (small, 0), (large, 97), (small, 33), (small, 0) })
        {
            reused.Collect(graph.Contacts, u, scores: true);
            var fresh = new TwoHop(graph.NodeCount);
            fresh.Collect(graph.Contacts, u, scores: true);
            Assert.Equal(fresh.Found.ToArray(), reused.Found.ToArray());
            foreach (var x in fresh.Found)
                Assert.Equal((fresh.Common(x), fresh.AdamicAdar(x), fresh.ResourceAllocation(x)), (reused.Common(x), reused.AdamicAdar(x), reused.ResourceAllocation(x)));
            reused.Clear();
        }
    }

    private static string Render(IEnumerable<PeerSuggestion> suggestions) =>
        string.Join('\n', suggestions.Select(s => string.Create(CultureInfo.InvariantCulture,
            $"{s.Person}|{s.Peer}|{s.Rank}|{Bits(s.Score)}|{Bits(s.LinkPrediction)}|{Bits(s.Bridging)}|{s.CommonNeighbors}|{Bits(s.AdamicAdar)}|{Bits(s.ResourceAllocation)}|{Bits(s.Jaccard)}|{string.Join(';', s.Reasons)}")));

    private static string Render(IEnumerable<JaccardPair> pairs) => string.Join('\n', pairs);

    private static string Render(MentorMatchResult result) =>
        string.Create(CultureInfo.InvariantCulture, $"{result.Citizen}|{result.Eligible}|{result.Ineligible}\n")
        + string.Join('\n', result.Matches.Select(m => string.Create(CultureInfo.InvariantCulture,
            $"{m.Mentor}|{m.Rank}|{Bits(m.Score)}|{m.MutualContacts}|{Bits(m.AdamicAdar)}|{string.Join(';', m.Reasons)}")));

    private static long Bits(double value) => BitConverter.DoubleToInt64Bits(value);
}
