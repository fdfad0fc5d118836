using SocialCapital.Graph;
using SocialCapital.Interchange;
using SocialCapital.Metrics;
using SocialCapital.Model;
using SocialCapital.Ties;

namespace SocialCapital.Tests.Metrics;

/// <summary>The structural-hole kernel (a bit per marked contact, a branch-free gather of the marked slots, lists read
/// ahead in blocks) gives the bits of the plain marker loop it replaced, written out here as the reference: every
/// term in the same order with the same operations. The graph has hubs with far more contacts than a block and than
/// the kernel's first gather buffer, contacts of contacts in several blocks, and weights that are not whole.</summary>
public class StructuralHolesKernelTests
{
    private static readonly GraphOptions AsOf = new() { AsOf = new DateOnly(2026, 1, 1) };

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Kernel_GraphWithHubs_EqualsPlainMarkerLoopBitwise(bool useStrengths)
    {
        var graph = HubGraph();
        var expected = Reference(graph, useStrengths);
        var people = PersonMetrics.Compute(graph, new MetricsOptions { UseStrengths = useStrengths });
        var burt = BurtConstraint.Compute(graph, useStrengths);
        Assert.True(graph.Neighbors(graph.IndexOf("p0")).Length > 200); // a hub: many blocks, a grown gather buffer
        foreach (var person in people.People)
        {
            var (constraint, effective, efficiency, hierarchy) = expected[person.Index];
            Assert.Equal(Bits(constraint), Bits(person.Constraint));
            Assert.Equal(Bits(effective), Bits(person.EffectiveSize));
            Assert.Equal(Bits(efficiency), Bits(person.Efficiency));
            Assert.Equal(Bits(hierarchy), Bits(person.Hierarchy));
            Assert.Equal(Bits(constraint), Bits(burt[person.Index]));
        }
    }

    [Fact]
    public void CodeRows_EveryContact_ScoresAsTheColumnsBitwise()
    {
        var graph = HubGraph();
        var rows = graph.Classifier.CodeRows(graph.NodeCount);
        Assert.NotNull(rows);
        for (var u = 0; u < graph.NodeCount; u++)
            foreach (var v in graph.Neighbors(u))
                Assert.Equal(Bits(graph.Classifier.Score(u, v)), Bits(graph.Classifier.Score(rows, u, v)));
    }

    private static long Bits(double? value) => BitConverter.DoubleToInt64Bits(value ?? double.NaN);

    /// <summary>400 people: two hubs tied to most others, random ties among the rest with strengths of several sizes.</summary>
    private static SocialGraph HubGraph()
    {
        var random = new Random(11);
        var nodes = new List<NodeRecord>();
        for (var i = 0; i < 400; i++)
            nodes.Add(new NodeRecord($"p{i}", NodeKind.Citizen)
            {
                Area = "a" + random.Next(4),
                Employment = (Employment)random.Next(0, 7),
                Ses = random.Next(5) == 0 ? null : Math.Round(random.NextDouble(), 3),
                Sector = random.Next(2) == 0 ? null : "s" + random.Next(3),
            });
        double[] strengths = [0.25, 0.5, 1, 1.5, 2, 3.75];
        var ties = new List<TieRecord>();
        for (var i = 1; i < 400; i++)
        {
            if (random.Next(10) < 7) ties.Add(new TieRecord("p0", $"p{i}", TieKind.Friend) { Strength = strengths[random.Next(strengths.Length)] });
            if (i > 1 && random.Next(10) < 4) ties.Add(new TieRecord("p1", $"p{i}", TieKind.Colleague) { Strength = strengths[random.Next(strengths.Length)] });
        }
        for (var t = 0; t < 2400; t++)
        {
            int a = random.Next(2, 400), b = random.Next(2, 400);
            if (a != b) ties.Add(new TieRecord($"p{a}", $"p{b}", TieKind.Friend) { Strength = strengths[random.Next(strengths.Length)] });
        }
        return Dataset.Create(nodes, ties).ToGraph(AsOf);
    }

    /// <summary>Constraint, effective size, efficiency and hierarchy per node by the plain marker loop: stamp each
    /// contact q of u with p_uq = w_uq / s_u, then for each contact v scan v's list and, at each stamped q, add
    /// p_uq·(w_vq / s_q) and p_uq·(w_vq / max w_v·).</summary>
    private static (double, double, double, double)[] Reference(SocialGraph graph, bool useStrengths)
    {
        var n = graph.NodeCount;
        var weight = new double[n][];
        var strength = new double[n];
        var max = new double[n];
        for (var u = 0; u < n; u++)
        {
            weight[u] = useStrengths ? graph.Strengths(u).ToArray() : Enumerable.Repeat(1.0, graph.Neighbors(u).Length).ToArray();
            double sum = 0, largest = 0;
            foreach (var w in weight[u]) { sum += w; if (w > largest) largest = w; }
            (strength[u], max[u]) = (sum, largest);
        }
        var mark = new int[n];
        var p = new double[n];
        var result = new (double, double, double, double)[n];
        for (var u = 0; u < n; u++)
        {
            var contacts = graph.Neighbors(u);
            var k = contacts.Length;
            if (k == 0) { result[u] = (double.NaN, double.NaN, double.NaN, double.NaN); continue; }
            for (var i = 0; i < k; i++) { mark[contacts[i]] = u + 1; p[contacts[i]] = weight[u][i] / strength[u]; }
            double constraint = 0, effective = 0;
            var local = new double[k];
            for (var i = 0; i < k; i++)
            {
                var v = contacts[i];
                var list = graph.Neighbors(v);
                double indirect = 0, redundancy = 0;
                for (var t = 0; t < list.Length; t++)
                {
                    var q = list[t];
                    if (mark[q] != u + 1) continue;
                    indirect += p[q] * (weight[v][t] / strength[q]);
                    redundancy += p[q] * (weight[v][t] / max[v]);
                }
                var l = p[v] + indirect;
                constraint += l * l;
                local[i] = l * l;
                effective += 1 - redundancy;
            }
            var hierarchy = double.NaN;
            if (k >= 2)
            {
                double sum = 0, mean = constraint / k;
                for (var i = 0; i < k; i++)
                {
                    var r = local[i] / mean;
                    sum += r * Math.Log(r);
                }
                hierarchy = sum / (k * Math.Log(k));
            }
            result[u] = (constraint, effective, effective / k, hierarchy);
        }
        return result;
    }
}
