using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using SocialCapital.Graph;
using SocialCapital.Interchange;
using SocialCapital.Metrics;

namespace SocialCapital.Tests.Properties;

/// <summary>Betweenness on small random datasets (places, repeated pairs, every person kind) against a brute force
/// straight from the definition, for any thread count, and unchanged by relabelling.</summary>
public class BetweennessProperties
{
    private static readonly GraphOptions Today = new() { AsOf = new DateOnly(2026, 1, 1) };

    [Property(MaxTest = 300)]
    public Property Compute_EqualsTheDefinitionForAnyThreadCount() =>
        Prop.ForAll(RandomDatasets.Arbitrary(), Gen.Choose(1, 4).ToArbitrary(), (dataset, threads) =>
        {
            var graph = dataset.ToGraph(Today);
            var values = Betweenness.Compute(graph, new BetweennessOptions { MaxDegreeOfParallelism = threads }).Values;
            var expected = BruteForce(graph);
            return Enumerable.Range(0, graph.NodeCount).All(v => Math.Abs(values[v] - expected[v]) <= 1e-12);
        });

    [Property(MaxTest = 200)]
    public Property Relabelling_ChangesNoValue() =>
        Prop.ForAll(RandomDatasets.Arbitrary(), Gen.Choose(0, 100000).ToArbitrary(), (dataset, seed) =>
        {
            var original = Betweenness.Compute(dataset.ToGraph(Today)).People;
            var renamed = Betweenness.Compute(RandomDatasets.Relabel(dataset, seed).ToGraph(Today)).People
                .ToDictionary(p => p.Id[(p.Id.IndexOf('-', StringComparison.Ordinal) + 1)..]);
            return original.All(p => Math.Abs(p.Betweenness - renamed[p.Id].Betweenness) <= 1e-12);
        });

    /// <summary>Σ over unordered pairs s, t of people (s ≠ v ≠ t, t reachable) of σ_sv·σ_vt/σ_st where v lies on a
    /// shortest s–t path, times 2/((n − 1)(n − 2)); from one breadth-first search per person.</summary>
    private static double[] BruteForce(SocialGraph graph)
    {
        var people = Enumerable.Range(0, graph.NodeCount).Where(graph.IsPerson).ToArray();
        var n = people.Length;
        var distance = new Dictionary<int, int[]>();
        var paths = new Dictionary<int, double[]>();
        foreach (var s in people)
        {
            var d = Enumerable.Repeat(-1, graph.NodeCount).ToArray();
            var sigma = new double[graph.NodeCount];
            d[s] = 0;
            sigma[s] = 1;
            var queue = new Queue<int>([s]);
            while (queue.Count > 0)
            {
                var u = queue.Dequeue();
                foreach (var w in graph.Neighbors(u))
                {
                    if (d[w] < 0)
                    {
                        d[w] = d[u] + 1;
                        queue.Enqueue(w);
                    }
                    if (d[w] == d[u] + 1) sigma[w] += sigma[u];
                }
            }
            distance[s] = d;
            paths[s] = sigma;
        }
        var result = new double[graph.NodeCount];
        foreach (var v in people)
            for (var i = 0; i < n; i++)
                for (var j = i + 1; j < n; j++)
                {
                    int s = people[i], t = people[j];
                    if (s == v || t == v || distance[s][t] < 0 || distance[s][v] < 0 || distance[v][t] < 0) continue;
                    if (distance[s][v] + distance[v][t] == distance[s][t])
                        result[v] += paths[s][v] * paths[v][t] / paths[s][t];
                }
        if (n > 2)
            for (var v = 0; v < result.Length; v++) result[v] *= 2.0 / ((double)(n - 1) * (n - 2));
        return result;
    }
}
