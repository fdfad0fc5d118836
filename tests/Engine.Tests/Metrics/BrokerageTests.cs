using System.Globalization;
using SocialCapital.Graph;
using SocialCapital.Interchange;
using SocialCapital.Metrics;
using SocialCapital.Model;

namespace SocialCapital.Tests.Metrics;

/// <summary>Gould &amp; Fernandez brokerage reproduces R's <c>sna::brokerage(g, cl)$raw.nli</c> exactly on karate, the
/// toy graph and three seeded random graphs (Oracles/brokerage, values made by its brokerage.R), for area, work status
/// and an extra column, with people of unknown group left out as documented.</summary>
public class BrokerageTests
{
    private static string Folder => Path.Combine(TestData.RepoRoot, "tests", "Engine.Tests", "Metrics", "Oracles", "brokerage");

    private static readonly DateOnly AsOf = new(2026, 1, 1);

    [Theory]
    [InlineData("data-samples/karate", "area", "expected_karate_area.csv")]
    [InlineData("data-samples/toy", "area", "expected_toy_area.csv")]
    [InlineData("data-samples/toy", "work_status", "expected_toy_work_status.csv")]
    [InlineData("random-areas", "area", "expected_random-areas_area.csv")]
    [InlineData("random-work", "work_status", "expected_random-work_work_status.csv")]
    [InlineData("random-club", "club", "expected_random-club_club.csv")]
    public void Compute_OracleGraphs_EqualSnaRawCounts(string graphFolder, string grouping, string expectedFile)
    {
        var dir = graphFolder.StartsWith("data-samples", StringComparison.Ordinal)
            ? Path.Combine(TestData.RepoRoot, graphFolder)
            : Path.Combine(Folder, graphFolder);
        var graph = DatasetReader.Read(dir).ToGraph(new GraphOptions { AsOf = AsOf });
        var expected = TestData.ReadCsv(Path.Combine(Folder, expectedFile));
        foreach (var threads in new[] { 1, 2 })
        {
            var result = Brokerage.Compute(graph, grouping, threads);
            Assert.Equal(grouping, result.Grouping);
            Assert.Equal(expected.Select(r => r["id"]), result.People.Select(p => p.Id));
            foreach (var row in expected)
            {
                var p = result.ForId(row["id"]);
                Assert.Equal(Count(row["coordinator"]), p.Coordinator);
                Assert.Equal(Count(row["itinerant"]), p.Itinerant);
                Assert.Equal(Count(row["gatekeeper"]), p.Gatekeeper);
                Assert.Equal(Count(row["representative"]), p.Representative);
                Assert.Equal(Count(row["liaison"]), p.Liaison);
                Assert.Equal(Count(row["total"]), p.Total);
            }
        }
    }

    [Fact]
    public void Compute_UnknownGroups_LeftOutOfEveryPath()
    {
        // The path a - b - c - d - e with b's area unknown: b's roles are undefined, and c, whose other contact is b,
        // brokers nothing (b-c-d is not counted).
        var graph = new SocialGraphBuilder()
            .AddNodes([TestData.Citizen("a", "X"), TestData.Citizen("b"), TestData.Citizen("c", "X"), TestData.Citizen("d", "Y"), TestData.Citizen("e", "Y")])
            .AddTies([TestData.Friend("a", "b"), TestData.Friend("b", "c"), TestData.Friend("c", "d"), TestData.Friend("d", "e")])
            .Build();
        var result = Brokerage.Compute(graph, "area");
        var b = result.ForId("b");
        Assert.Null(b.Group);
        Assert.Null(b.Total);
        Assert.Null(b.BrokersAcrossGroups);
        Assert.Equal(0, result.ForId("c").Total);
        // d brokers c (X) -> e (Y) and back: gatekeeper once (broker in the target's group), representative once
        var d = result.ForId("d");
        Assert.Equal("Y", d.Group);
        Assert.Equal((0L, 0L, 1L, 1L, 0L, 2L), (d.Coordinator!.Value, d.Itinerant!.Value, d.Gatekeeper!.Value, d.Representative!.Value, d.Liaison!.Value, d.Total!.Value));
        Assert.True(d.BrokersAcrossGroups);
    }

    [Fact]
    public void Compute_FiveRoles_OnePathEach()
    {
        // Stars with one broker each; both directions count, so a symmetric role pair shows twice.
        var graph = new SocialGraphBuilder()
            .AddNodes([
                TestData.Citizen("c0", "A"), TestData.Citizen("c1", "A"), TestData.Citizen("c2", "A"), // coordinator c0
                TestData.Citizen("i0", "B"), TestData.Citizen("i1", "C"), TestData.Citizen("i2", "C"), // itinerant i0
                TestData.Citizen("l0", "D"), TestData.Citizen("l1", "E"), TestData.Citizen("l2", "F")]) // liaison l0
            .AddTies([
                TestData.Friend("c0", "c1"), TestData.Friend("c0", "c2"),
                TestData.Friend("i0", "i1"), TestData.Friend("i0", "i2"),
                TestData.Friend("l0", "l1"), TestData.Friend("l0", "l2")])
            .Build();
        var result = Brokerage.Compute(graph, "area");
        Assert.Equal(2, result.ForId("c0").Coordinator);
        Assert.False(result.ForId("c0").BrokersAcrossGroups);
        Assert.Equal(2, result.ForId("i0").Itinerant);
        Assert.Equal(2, result.ForId("l0").Liaison);
        Assert.All(new[] { "c0", "i0", "l0" }, id => Assert.Equal(2, result.ForId(id).Total));
    }

    [Fact]
    public void Compute_ClosedTriangle_BrokersNothing()
    {
        var graph = new SocialGraphBuilder()
            .AddNodes([TestData.Citizen("a", "X"), TestData.Citizen("b", "Y"), TestData.Citizen("c", "Z")])
            .AddTies([TestData.Friend("a", "b"), TestData.Friend("b", "c"), TestData.Friend("a", "c")])
            .Build();
        Assert.All(Brokerage.Compute(graph, "area").People, p => Assert.Equal(0, p.Total));
    }

    [Fact]
    public void Compute_UnknownGrouping_NamesTheValidOnes()
    {
        var graph = TestData.LoadGraph("toy");
        var e = Assert.Throws<InvalidOptionsException>(() => Brokerage.Compute(graph, "faction"));
        Assert.Equal("grouping", e.Problems.Single().Option);
        Assert.Contains("area", e.Message, StringComparison.Ordinal);
        Assert.Contains("work_status", e.Message, StringComparison.Ordinal);
        Assert.Contains("faction", e.Message, StringComparison.Ordinal);
        Assert.Equal(["work_status", "ses_band", "age_band", "area", "sector"], Brokerage.Groupings(graph));
    }

    [Fact]
    public void Compute_PlacesAndMembers_OnlyPeopleHaveRows()
    {
        var graph = TestData.LoadGraph("city-10k");
        var result = Brokerage.Compute(graph, "area");
        Assert.Equal(graph.PersonCount, result.People.Count);
        Assert.All(result.People, p => Assert.True(p.Total is null || p.Total == p.Coordinator + p.Itinerant + p.Gatekeeper + p.Representative + p.Liaison));
    }

    [Fact]
    public void BrokerageRoles_LiveSnapshot_MadeOncePerGrouping()
    {
        var live = SocialCapital.Live.LiveGraph.Create(DatasetReader.Read(TestData.Sample("toy")));
        var snapshot = live.Current;
        var area = snapshot.BrokerageRoles("area");
        Assert.Same(area, snapshot.BrokerageRoles("area"));
        Assert.NotSame(area, snapshot.BrokerageRoles("work_status"));
        Assert.Equal(Brokerage.Compute(snapshot.Graph, "area").People, area.People);
        Assert.Throws<InvalidOptionsException>(() => snapshot.BrokerageRoles("faction"));
    }

    [Fact]
    public void ByArea_SmallCells_SuppressedAndShareHeldBackWithASmallComplement()
    {
        var result = Brokerage.Compute(TestData.LoadGraph("toy"), "work_status");
        var open = result.ByArea(0);
        Assert.Equal(["A", "B", "C"], open.Select(a => a.Area));
        var c = open[2]; // 7-11: totals 4, 4, 4, 2, 0; itinerant, gatekeeper or representative for 7, 9 and 10
        Assert.Equal((5, 5), (c.People!.Value, c.Classified!.Value));
        Assert.Equal(14.0 / 5, c.MeanTotal!.Value, 12);
        Assert.Equal(3.0 / 5, c.BrokerShare!.Value, 12);
        Assert.False(c.Suppressed);
        Assert.All(result.ByArea(6), a => Assert.Equal(new AreaBrokerage { Area = a.Area, Suppressed = true }, a));
        var three = result.ByArea(3)[2]; // 5 people: shown, but 2 non-brokers are a small cell, so the share is held back
        Assert.NotNull(three.MeanTotal);
        Assert.Null(three.BrokerShare);
        Assert.True(three.Suppressed);
        Assert.Same(result.ByArea(0)[0].Area, result.ByArea(1)[0].Area); // sums made once
    }

    private static long? Count(string cell) => cell.Length == 0 ? null : long.Parse(cell, CultureInfo.InvariantCulture);
}
