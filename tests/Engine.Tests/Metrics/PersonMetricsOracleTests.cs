using SocialCapital.Graph;
using SocialCapital.Metrics;
using SocialCapital.Model;

namespace SocialCapital.Tests.Metrics;

/// <summary>The public oracles in data-samples (karate, toy: values computed by networkx) reproduce to 1e-6.</summary>
public class PersonMetricsOracleTests
{
    private const double Tolerance = 1e-6;

    [Theory]
    [InlineData("toy")]
    [InlineData("karate")]
    public void Compute_OracleSample_MatchesEveryExpectedColumn(string sample)
    {
        var result = PersonMetrics.Compute(TestData.LoadGraph(sample));
        var expected = TestData.ReadCsv(Path.Combine(TestData.Sample(sample), "expected_people.csv"));
        Assert.Equal(expected.Count, result.People.Count);
        foreach (var row in expected)
        {
            var p = result.People.Single(x => x.Id == row["id"]);
            Assert.Equal(int.Parse(row["degree"], System.Globalization.CultureInfo.InvariantCulture), p.Degree);
            Check(row, "strength", p.Strength, p.Id);
            Check(row, "clustering", p.Clustering.OrNaN(), p.Id);
            Check(row, "constraint", p.Constraint.OrNaN(), p.Id);
            Check(row, "effective_size", p.EffectiveSize.OrNaN(), p.Id);
            Check(row, "efficiency", p.Efficiency.OrNaN(), p.Id);
            Check(row, "hierarchy", p.Hierarchy.OrNaN(), p.Id);
            Check(row, "ei_work", p.EiWork.OrNaN(), p.Id);
            Check(row, "economic_connectedness", p.EconomicConnectedness.OrNaN(), p.Id);
            Check(row, "work_connectedness", p.WorkConnectedness.OrNaN(), p.Id);
        }
    }

    [Theory]
    [InlineData("toy")]
    [InlineData("karate")]
    public void LocalClustering_OracleSample_MatchesTheExpectedColumn(string sample)
    {
        var graph = TestData.LoadGraph(sample);
        var clustering = LocalClustering.Compute(graph);
        foreach (var row in TestData.ReadCsv(Path.Combine(TestData.Sample(sample), "expected_people.csv")))
            Check(row, "clustering", clustering[graph.IndexOf(row["id"])], row["id"]);
    }

    [Theory]
    [InlineData("toy")]
    [InlineData("karate")]
    public void BurtConstraint_OracleSample_MatchesTheExpectedColumn(string sample)
    {
        var graph = TestData.LoadGraph(sample);
        var constraint = BurtConstraint.Compute(graph);
        foreach (var row in TestData.ReadCsv(Path.Combine(TestData.Sample(sample), "expected_people.csv")))
            Check(row, "constraint", constraint[graph.IndexOf(row["id"])], row["id"]);
    }

    [Fact]
    public void Compute_Results_AreOrderedByOrdinalId()
    {
        var ids = PersonMetrics.Compute(TestData.LoadGraph("karate")).People.Select(p => p.Id).ToArray();
        Assert.Equal(ids.Order(StringComparer.Ordinal), ids);
    }

    /// <summary>docs/measures.md, Verification: unweighted structural holes of karate (networkx without weight=).</summary>
    [Theory]
    [InlineData("0", 16, 0.155423, 13.750000, 0.859375, 0.087545)]
    [InlineData("33", 17, 0.156419, 15.235294, 0.896194, 0.241609)]
    [InlineData("2", 10, 0.185177, 7.800000, 0.780000, 0.045359)]
    [InlineData("11", 1, 1.000000, 1.000000, 1.000000, double.NaN)]
    [InlineData("16", 2, 0.781250, 1.000000, 0.500000, 0.000000)]
    public void Compute_KarateUnweighted_MatchesScienceTable(string id, int k, double constraint, double effective, double efficiency, double hierarchy)
    {
        var graph = TestData.LoadGraph("karate");
        var p = PersonMetrics.Compute(graph, new MetricsOptions { UseStrengths = false }).ForNode(graph.IndexOf(id));
        Assert.Equal(k, p.Degree);
        Assert.Equal(constraint, p.Constraint.OrNaN(), Tolerance);
        Assert.Equal(effective, p.EffectiveSize.OrNaN(), Tolerance);
        Assert.Equal(efficiency, p.Efficiency.OrNaN(), Tolerance);
        if (double.IsNaN(hierarchy)) Assert.True(double.IsNaN(p.Hierarchy.OrNaN()));
        else Assert.Equal(hierarchy, p.Hierarchy.OrNaN(), Tolerance);
    }

    [Theory]
    [InlineData("16", 0.939749, 1.000000)]
    [InlineData("2", 0.255654, 7.946970)]
    [InlineData("33", 0.186287, 15.228919)]
    public void Compute_KarateWeighted_MatchesScienceTable(string id, double constraint, double effective)
    {
        var graph = TestData.LoadGraph("karate");
        var p = PersonMetrics.Compute(graph).ForNode(graph.IndexOf(id));
        Assert.Equal(constraint, p.Constraint.OrNaN(), Tolerance);
        Assert.Equal(effective, p.EffectiveSize.OrNaN(), Tolerance);
    }

    [Fact]
    public void Compute_PathOfFour_ConstraintIsOneHalfHalfOne()
    {
        var graph = new SocialGraphBuilder()
            .AddNodes(new[] { "a", "b", "c", "d" }.Select(id => TestData.Citizen(id)))
            .AddTies([TestData.Friend("a", "b"), TestData.Friend("b", "c"), TestData.Friend("c", "d")])
            .Build();
        var constraint = PersonMetrics.Compute(graph).People.Select(p => p.Constraint.OrNaN()).ToArray();
        Assert.Equal(new[] { 1, 0.5, 0.5, 1 }, constraint);
    }

    [Fact]
    public void Compute_IsolatedPerson_HasUndefinedStructuralHolesAndZeroClustering()
    {
        var graph = new SocialGraphBuilder().AddNode(TestData.Citizen("alone", "A", Employment.Unemployed, 0.2)).Build();
        var p = Assert.Single(PersonMetrics.Compute(graph).People);
        Assert.Equal(0, p.Degree);
        Assert.Equal(0, p.Clustering.OrNaN());
        Assert.True(double.IsNaN(p.Constraint.OrNaN()) && double.IsNaN(p.EffectiveSize.OrNaN()) && double.IsNaN(p.Efficiency.OrNaN())
            && double.IsNaN(p.Hierarchy.OrNaN()) && double.IsNaN(p.EiWork.OrNaN()) && double.IsNaN(p.EconomicConnectedness.OrNaN())
            && double.IsNaN(p.WorkConnectedness.OrNaN()) && double.IsNaN(p.BridgingScore.OrNaN()));
    }

    [Fact]
    public void Compute_PlacesAndTheirTies_AreNotPeopleAndNotContacts()
    {
        var graph = new SocialGraphBuilder()
            .AddNodes([TestData.Citizen("a"), TestData.Citizen("b"), new NodeRecord("club", NodeKind.PeerGroup), new NodeRecord("acme", NodeKind.Employer)])
            .AddTies([TestData.Friend("a", "b"), new TieRecord("a", "club", TieKind.Membership), new TieRecord("b", "acme", TieKind.Employment)])
            .Build();
        var people = PersonMetrics.Compute(graph).People;
        Assert.Equal(["a", "b"], people.Select(p => p.Id));
        Assert.All(people, p => Assert.Equal(1, p.Degree));
    }

    [Fact]
    public void Compute_WorkStatusGroups_CountStudentsAndRetiredInNeitherWorkShare()
    {
        // u (out of work) knows one employed, one unemployed, one student: WC uses only the first two.
        var graph = new SocialGraphBuilder()
            .AddNodes([
                TestData.Citizen("u", employment: Employment.Unemployed), TestData.Citizen("e", employment: Employment.Employed),
                TestData.Citizen("x", employment: Employment.Unemployed), TestData.Citizen("s", employment: Employment.Student)])
            .AddTies([TestData.Friend("u", "e"), TestData.Friend("u", "x"), TestData.Friend("u", "s")])
            .Build();
        var result = PersonMetrics.Compute(graph);
        var u = result.ForNode(graph.IndexOf("u"));
        Assert.Equal(1.0 / 3, result.PopulationInWorkShare.OrNaN(), 12); // e of {u, e, x}
        Assert.Equal(0.5 / (1.0 / 3), u.WorkConnectedness.OrNaN(), 12);
        Assert.Equal(1, u.InWorkContacts);
        Assert.Equal((2.0 * 2 - 3) / 3, u.EiWork.OrNaN(), 12); // e and s are in other groups than u
    }

    private static void Check(Dictionary<string, string> row, string column, double actual, string id)
    {
        var expected = TestData.Number(row[column]);
        if (expected is null) Assert.True(double.IsNaN(actual), $"{id} {column}: expected undefined, got {actual}");
        else Assert.True(Math.Abs(expected.Value - actual) <= Tolerance, $"{id} {column}: expected {expected}, got {actual}");
    }
}
