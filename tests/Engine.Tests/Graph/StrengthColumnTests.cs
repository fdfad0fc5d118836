using SocialCapital.Graph;
using SocialCapital.Metrics;

namespace SocialCapital.Tests.Graph;

/// <summary>The strength column keeps every value exactly, by a byte code, a ushort code or a double per slot as the
/// distinct values grow, and the structural-hole kernel reads each form the same way.</summary>
public class StrengthColumnTests
{
    [Theory]
    [InlineData(10, 1L)]
    [InlineData(300, 2L)]
    [InlineData(70_000, 8L)]
    public void Build_DistinctValues_ReadBackExactlyInTheSmallestForm(int distinct, long bytesPerSlot)
    {
        var random = new Random(distinct);
        var pool = Enumerable.Range(0, distinct).Select(_ => random.NextDouble() * 1e6).ToArray();
        var strengths = Enumerable.Range(0, 100_000).Select(i => pool[i % distinct]).ToArray();
        var column = StrengthColumn.Build((double[])strengths.Clone());
        Assert.Equal(strengths.Length, column.Length);
        for (var s = 0; s < strengths.Length; s++) Assert.Equal(strengths[s], column[s]);
        var copy = new double[500];
        column.CopyTo(1000, copy);
        Assert.Equal(strengths.AsSpan(1000, 500).ToArray(), copy);
        var table = bytesPerSlot == 8 ? 0 : 8L * distinct;
        Assert.Equal(bytesPerSlot * strengths.Length + table, column.Bytes);
    }

    [Theory]
    [InlineData(5)]
    [InlineData(400)]
    [InlineData(70_000)]
    public void Constraint_EveryColumnForm_MatchesADirectComputation(int distinct)
    {
        // A ring of 60,000 people with chords (90,000 contacts): every contact's strength one of `distinct` values.
        const int people = 60_000;
        var builder = new SocialGraphBuilder().AddNodes(Enumerable.Range(0, people).Select(i => TestData.Citizen($"p{i:D5}")));
        var t = 0;
        for (var i = 0; i < people; i++)
        {
            builder.AddTie(TestData.Friend($"p{i:D5}", $"p{(i + 1) % people:D5}", 1 + (t++ % distinct) * 0.001));
            if (i % 2 == 0) builder.AddTie(TestData.Friend($"p{i:D5}", $"p{(i + 2) % people:D5}", 1 + (t++ % distinct) * 0.001));
        }
        var graph = builder.Build(new GraphOptions { AsOf = new DateOnly(2026, 1, 1) });
        var column = graph.Contacts.Strengths;
        Assert.Equal((distinct <= 256, distinct is > 256 and <= 65_536), (column.ByteCodes is not null, column.UShortCodes is not null));
        var fromPeople = PersonMetrics.Compute(graph).People.Select(p => p.Constraint.OrNaN()).ToArray();
        var alone = BurtConstraint.Compute(graph);
        Assert.Equal(fromPeople, alone);
        for (var u = 0; u < people; u += 997) Assert.Equal(Direct(graph, u), alone[u], 12);
    }

    private static double Direct(SocialGraph graph, int u)
    {
        double P(int a, int b)
        {
            var i = graph.Neighbors(a).IndexOf(b);
            if (i < 0) return 0;
            var s = graph.Strengths(a);
            double sum = 0;
            foreach (var x in s) sum += x;
            return s[i] / sum;
        }
        double c = 0;
        foreach (var v in graph.Neighbors(u))
        {
            var l = P(u, v);
            foreach (var q in graph.Neighbors(u)) if (q != v) l += P(u, q) * P(q, v);
            c += l * l;
        }
        return c;
    }
}
