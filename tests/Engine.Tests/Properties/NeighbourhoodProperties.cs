using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using SocialCapital.Graph;
using SocialCapital.Interchange;
using SocialCapital.Metrics;
using SocialCapital.Model;
using SocialCapital.Recommendations;

namespace SocialCapital.Tests.Properties;

/// <summary>Connected components and Jaccard similarity against brute-force references (a plain breadth-first search;
/// set arithmetic on the contact lists) on random graphs: the small mixed datasets of <see cref="RandomDatasets"/> and
/// contact graphs of up to 1,500 people from empty to dense, with people without contacts and places.</summary>
public class NeighbourhoodProperties
{
    private static readonly GraphOptions Today = new() { AsOf = new DateOnly(2026, 1, 1) };

    /// <summary>Contact graphs of 0–1,500 people with a mean degree from 0 to 8 (many components, or one giant one and
    /// a few small ones), ids in random order, repeated ties, and a peer group some people belong to.</summary>
    private static Arbitrary<Dataset> ContactGraphs() =>
        Gen.Choose(0, 1500).SelectMany(n => Gen.Elements(0.0, 0.5, 1.0, 1.5, 2.0, 4.0, 8.0).SelectMany(degree =>
            Gen.Choose(0, int.MaxValue - 1).Select(seed => MakeContactGraph(n, degree, seed)))).ToArbitrary();

    private static Dataset MakeContactGraph(int people, double meanDegree, int seed)
    {
        var random = new Random(seed);
        var ids = Enumerable.Range(0, people).Select(i => $"p{random.Next(100000):D5}-{i}").ToArray();
        var nodes = ids.Select(id => new NodeRecord(id, NodeKind.Citizen)).Append(new NodeRecord("group", NodeKind.PeerGroup)).ToList();
        var ties = new List<TieRecord>();
        var count = people < 2 ? 0 : (int)(people * meanDegree / 2);
        for (var t = 0; t < count; t++)
        {
            var a = random.Next(people);
            var b = random.Next(people - 1);
            if (b >= a) b++;
            ties.Add(new TieRecord(ids[a], ids[b], TieKind.Friend));
        }
        for (var i = 0; i < people; i += 7) ties.Add(new TieRecord(ids[i], "group", TieKind.Membership));
        return Dataset.Create(nodes, ties);
    }

    private static Arbitrary<Dataset> AnyGraph() =>
        Gen.OneOf(RandomDatasets.Arbitrary().Generator, ContactGraphs().Generator).ToArbitrary();

    /// <summary>The reference: a breadth-first search from each unlabelled person in index order.</summary>
    private static (int[] Labels, List<int> Sizes) NaiveComponents(SocialGraph graph)
    {
        var labels = Enumerable.Repeat(-1, graph.NodeCount).ToArray();
        var sizes = new List<int>();
        for (var s = 0; s < graph.NodeCount; s++)
        {
            if (!graph.IsPerson(s) || labels[s] >= 0) continue;
            var queue = new Queue<int>([s]);
            labels[s] = sizes.Count;
            var size = 0;
            while (queue.TryDequeue(out var u))
            {
                size++;
                foreach (var v in graph.Neighbors(u))
                    if (labels[v] < 0)
                    {
                        labels[v] = sizes.Count;
                        queue.Enqueue(v);
                    }
            }
            sizes.Add(size);
        }
        return (labels, sizes);
    }

    private static HashSet<int> Contacts(SocialGraph graph, int u) => [.. graph.Neighbors(u).ToArray()];

    [Property(MaxTest = 300)]
    public Property ConnectedComponents_EqualANaiveBreadthFirstSearch() =>
        Prop.ForAll(AnyGraph(), dataset =>
        {
            var graph = dataset.ToGraph(Today);
            var result = ConnectedComponents.Compute(graph);
            var (labels, sizes) = NaiveComponents(graph);
            var largest = sizes.Count == 0 ? -1 : sizes.IndexOf(sizes.Max());
            return result.Labels.SequenceEqual(labels) && result.Sizes.SequenceEqual(sizes.ToArray())
                && result.Count == sizes.Count && result.Largest == largest
                && result.LargestSize == (largest < 0 ? 0 : sizes[largest]);
        });

    [Property(MaxTest = 300)]
    public Property JaccardAtDistanceTwo_EqualsSetArithmetic() =>
        Prop.ForAll(AnyGraph(), dataset =>
        {
            var graph = dataset.ToGraph(Today);
            var people = Enumerable.Range(0, graph.NodeCount).Where(u => u % 3 == 0 || graph.NodeCount < 100).ToArray();
            var all = JaccardSimilarity.AtDistanceTwo(graph, people);
            var at = 0;
            foreach (var u in people)
            {
                var nu = Contacts(graph, u);
                var expected = nu.SelectMany(w => Contacts(graph, w)).Where(v => v != u && !nu.Contains(v)).Distinct().Order();
                foreach (var v in expected)
                {
                    var nv = Contacts(graph, v);
                    var common = nu.Intersect(nv).Count();
                    var union = nu.Union(nv).Count();
                    if (at >= all.Length || all[at++] != new JaccardPair(u, v, common, union) || all[at - 1].Jaccard != (double)common / union) return false;
                }
            }
            return at == all.Length;
        });

    [Property(MaxTest = 200)]
    public Property JaccardOf_EqualsSetArithmeticAndIsSymmetric() =>
        Prop.ForAll(RandomDatasets.Arbitrary(), dataset =>
        {
            var graph = dataset.ToGraph(Today);
            for (var u = 0; u < graph.NodeCount; u++)
                for (var v = 0; v < graph.NodeCount; v++)
                {
                    HashSet<int> nu = Contacts(graph, u), nv = Contacts(graph, v);
                    var union = nu.Union(nv).Count();
                    var expected = union == 0 ? 0 : (double)nu.Intersect(nv).Count() / union;
                    if (JaccardSimilarity.Of(graph, u, v) != expected || JaccardSimilarity.Of(graph, v, u) != expected) return false;
                }
            return true;
        });

    [Property(MaxTest = 100)]
    public Property JaccardAtDistanceTwo_ManyPeopleEqualEachAloneForAnyThreadCount() =>
        Prop.ForAll(AnyGraph(), Gen.Choose(1, 4).ToArbitrary(), Gen.Choose(0, 10000).ToArbitrary(), (dataset, threads, seed) =>
        {
            var graph = dataset.ToGraph(Today);
            if (graph.NodeCount == 0) return true;
            var random = new Random(seed);
            var people = Enumerable.Range(0, random.Next(0, 80)).Select(_ => random.Next(graph.NodeCount)).ToArray(); // repeats too
            var alone = people.SelectMany(u => JaccardSimilarity.AtDistanceTwo(graph, u));
            return JaccardSimilarity.AtDistanceTwo(graph, people, threads).SequenceEqual(alone);
        });

    [Property(MaxTest = 100)]
    public Property PeerSuggestions_LinkPredictionEqualsSetArithmetic() =>
        Prop.ForAll(RandomDatasets.Arbitrary(), dataset =>
        {
            var graph = dataset.ToGraph(Today);
            for (var u = 0; u < graph.NodeCount; u++)
            {
                if (!graph.IsPerson(u)) continue;
                var nu = Contacts(graph, u);
                foreach (var s in PeerSuggestions.ForPerson(graph, graph.Id(u), top: 0))
                {
                    var v = graph.IndexOf(s.Peer);
                    var common = nu.Intersect(Contacts(graph, v)).Order().ToArray();
                    var adamicAdar = common.Aggregate(0.0, (sum, w) => sum + (1 / Math.Log(graph.Degree(w))));
                    var resource = common.Aggregate(0.0, (sum, w) => sum + (1.0 / graph.Degree(w)));
                    if (s.CommonNeighbors != common.Length || s.AdamicAdar != adamicAdar || s.ResourceAllocation != resource
                        || s.Jaccard != JaccardSimilarity.Of(graph, u, v)) return false;
                }
            }
            return true;
        });
}
