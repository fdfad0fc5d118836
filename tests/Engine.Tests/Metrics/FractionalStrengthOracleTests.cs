using SocialCapital.Graph;
using SocialCapital.Interchange;
using SocialCapital.Metrics;
using SocialCapital.Model;

namespace SocialCapital.Tests.Metrics;

/// <summary>Strengths are kept exactly: a graph with strengths 0.1, 100.1, 1e-12 and 1e12 (+ 1) reproduces networkx to
/// 1e-9 (Oracles/fractional-strengths, values made by its make_expected.py); a huge strength stays finite and a sum past
/// what a double holds is rejected, naming the ties.</summary>
public class FractionalStrengthOracleTests
{
    private const double Tolerance = 1e-9;

    private static string Folder => Path.Combine(TestData.RepoRoot, "tests", "Engine.Tests", "Metrics", "Oracles", "fractional-strengths");

    [Fact]
    public void Compute_FractionalStrengths_MatchNetworkxToOneInABillion()
    {
        var graph = DatasetReader.Read(Folder).ToGraph(new GraphOptions { AsOf = new DateOnly(2026, 1, 1) });
        var people = PersonMetrics.Compute(graph);
        var constraint = BurtConstraint.Compute(graph);
        var clustering = LocalClustering.Compute(graph);
        var expected = TestData.ReadCsv(Path.Combine(Folder, "expected_people.csv"));
        Assert.Equal(expected.Count, people.People.Count);
        foreach (var row in expected)
        {
            var u = graph.IndexOf(row["id"]);
            var p = people.ForNode(u);
            Assert.Equal(int.Parse(row["degree"], System.Globalization.CultureInfo.InvariantCulture), p.Degree);
            Near(row, "strength", p.Strength);
            Near(row, "clustering", p.Clustering.OrNaN());
            Near(row, "clustering", clustering[u]);
            Near(row, "constraint", p.Constraint.OrNaN());
            Near(row, "constraint", constraint[u]);
            Near(row, "effective_size", p.EffectiveSize.OrNaN());
            Near(row, "efficiency", p.Efficiency.OrNaN());
        }
    }

    [Fact]
    public void Strengths_FractionalAndLargeSums_ReadBackExactly()
    {
        var graph = DatasetReader.Read(Folder).ToGraph(new GraphOptions { AsOf = new DateOnly(2026, 1, 1) });
        Assert.Equal(100.1, StrengthBetween(graph, "c", "f"));
        Assert.Equal(1e12 + 1, StrengthBetween(graph, "a", "d"));
        Assert.Equal(1e-12, StrengthBetween(graph, "a", "c"));
        Assert.Equal(0.1 + 100.1, StrengthBetween(graph, "b", "d"));
    }

    [Theory]
    [InlineData(new[] { 1.0, 1.0, 1e16 }, 1e16 + 2)] // 1 + 1 = 2 first, then exactly representable beside 1e16
    [InlineData(new[] { 1e16, 1.0, 1.0 }, 1e16 + 2)] // in input order 1e16 + 1 would round back to 1e16, twice
    public void Build_RepeatedTies_AddUpSmallestFirstTheSameBothWays(double[] strengths, double expected)
    {
        var kinds = new[] { TieKind.Friend, TieKind.Colleague, TieKind.Family };
        var graph = new SocialGraphBuilder()
            .AddNodes([TestData.Citizen("a"), TestData.Citizen("b")])
            .AddTies(strengths.Select((s, i) => new TieRecord(i % 2 == 0 ? "a" : "b", i % 2 == 0 ? "b" : "a", kinds[i]) { Strength = s }))
            .Build();
        Assert.Equal(expected, StrengthBetween(graph, "a", "b"));
        Assert.Equal(expected, StrengthBetween(graph, "b", "a"));
    }

    [Fact]
    public void Compute_StrengthBeyondFloat_GivesFiniteStructuralHoles()
    {
        // 1e39 is past float's range; as a double it is an ordinary weight (networkx: constraint 1 for both a and b).
        var graph = new SocialGraphBuilder()
            .AddNodes([TestData.Citizen("a"), TestData.Citizen("b"), TestData.Citizen("c")])
            .AddTies([TestData.Friend("a", "b", 1e39), TestData.Friend("b", "c")])
            .Build();
        Assert.Equal(1e39, StrengthBetween(graph, "a", "b"));
        var b = PersonMetrics.Compute(graph).ForNode(graph.IndexOf("b"));
        Assert.Equal(1.0, b.Constraint.OrNaN(), Tolerance);
        Assert.Equal(1.0, BurtConstraint.Compute(graph)[graph.IndexOf("b")], Tolerance);
        Assert.True(double.IsFinite(b.EffectiveSize.OrNaN()) && double.IsFinite(b.Efficiency.OrNaN()) && double.IsFinite(b.Hierarchy.OrNaN()));
    }

    [Fact]
    public void Build_StrengthsAddingUpPastTheLargestDouble_NamesEveryTieOfThatContact()
    {
        var builder = new SocialGraphBuilder()
            .AddNodes([TestData.Citizen("a"), TestData.Citizen("b"), TestData.Citizen("c")])
            .AddTies([
                TestData.Friend("b", "c"),
                new TieRecord("a", "b", TieKind.Friend) { Strength = 1e308 },
                new TieRecord("a", "b", TieKind.Colleague) { Strength = 1e308 }]);
        var e = Assert.Throws<DataValidationException>(() => builder.Build(new GraphOptions { AsOf = new DateOnly(2026, 1, 1) }));
        Assert.Equal(["tie #2", "tie #3"], e.Problems.Select(p => p.Source));
        Assert.All(e.Problems, p => Assert.Equal("strength", p.Column));
    }

    [Fact]
    public void Build_PersonsStrengthsAddingUpPastTheLargestDouble_NamesThatPersonsTies()
    {
        var builder = new SocialGraphBuilder()
            .AddNodes([TestData.Citizen("a"), TestData.Citizen("b"), TestData.Citizen("c"), TestData.Citizen("d")])
            .AddTies([
                TestData.Friend("c", "d"),
                new TieRecord("a", "b", TieKind.Friend) { Strength = 1e308 },
                new TieRecord("a", "c", TieKind.Friend) { Strength = 1e308 }]);
        var e = Assert.Throws<DataValidationException>(() => builder.Build(new GraphOptions { AsOf = new DateOnly(2026, 1, 1) }));
        Assert.Equal(["tie #2", "tie #3"], e.Problems.Select(p => p.Source));
        Assert.All(e.Problems, p => Assert.Contains("active ties of a add up", p.Reason, StringComparison.Ordinal));
    }

    private static double StrengthBetween(SocialGraph graph, string a, string b)
    {
        var u = graph.IndexOf(a);
        var i = graph.Neighbors(u).IndexOf(graph.IndexOf(b));
        return graph.Strengths(u)[i];
    }

    private static void Near(Dictionary<string, string> row, string column, double actual)
    {
        var expected = TestData.Number(row[column])!.Value;
        Assert.True(Math.Abs(expected - actual) <= Tolerance * Math.Max(1, Math.Abs(expected)),
            $"{row["id"]} {column}: expected {expected:R}, got {actual:R}");
    }
}
