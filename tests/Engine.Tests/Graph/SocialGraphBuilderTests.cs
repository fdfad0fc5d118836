using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using QuikGraph.Algorithms;
using SocialCapital.Graph;
using SocialCapital.Interchange;
using SocialCapital.Model;
using SocialCapital.Ties;

namespace SocialCapital.Tests.Graph;

public class SocialGraphBuilderTests
{
    [Fact]
    public void Build_InParallel_IsIdenticalToOneThread()
    {
        // Enough ties (with repeats, fractional strengths and places) for the contact fill to split into ranges.
        using var folder = new TempFolder();
        SocialCapital.Synthetic.CityGenerator.Generate(folder.Path, new SocialCapital.Synthetic.CityOptions { People = 20_000 });
        var dataset = Dataset.Load(folder.Path);
        Assert.True(dataset.Ties.Count > 2 * ContactFill.MinTiesPerRange); // at least two ranges
        var repeated = dataset.Ties.Take(50_000).Select(t => t with { Strength = t.Strength / 3 });
        dataset = Dataset.Create(dataset.Nodes, dataset.Ties.Concat(repeated));
        var asOf = new DateOnly(2026, 1, 1);
        var one = dataset.ToGraph(new GraphOptions { AsOf = asOf, MaxDegreeOfParallelism = 1 });
        var all = dataset.ToGraph(new GraphOptions { AsOf = asOf, MaxDegreeOfParallelism = 4 });
        Assert.Equal(one.NodeCount, all.NodeCount);
        for (var u = 0; u < one.NodeCount; u++)
        {
            Assert.True(one.Neighbors(u).SequenceEqual(all.Neighbors(u)));
            Assert.True(one.Strengths(u).SequenceEqual(all.Strengths(u)));
            Assert.True(one.ContactKinds(u).SequenceEqual(all.ContactKinds(u)));
            Assert.True(one.TieClasses(u).SequenceEqual(all.TieClasses(u)));
            Assert.True(one.PlacesOf(u).SequenceEqual(all.PlacesOf(u)));
        }
    }

    [Property(MaxTest = 200)]
    public Property Build_NodeIndices_FollowOrdinalIdOrder_ForAnyIds()
    {
        // Ids from a small alphabet and of lengths around 8, so that many share their first eight characters.
        var ids = Gen.ArrayOf(
            from length in Gen.Choose(1, 12)
            from chars in Gen.ArrayOf(Gen.Elements('a', 'B', '1', '-', 'z'), length)
            select new string(chars));
        return Prop.ForAll(ids.ToArbitrary(), raw =>
        {
            var distinct = raw.Distinct(StringComparer.Ordinal).ToArray();
            if (distinct.Length == 0) return true;
            var graph = new SocialGraphBuilder().AddNodes(distinct.Select(id => TestData.Citizen(id))).Build();
            return Enumerable.Range(0, graph.NodeCount).Select(graph.Id).SequenceEqual(distinct.Order(StringComparer.Ordinal));
        });
    }

    [Fact]
    public void Build_NodeIndices_FollowOrdinalIdOrder()
    {
        var graph = new SocialGraphBuilder().AddNodes(new[] { "b", "a10", "a2", "B" }.Select(id => TestData.Citizen(id))).Build();
        Assert.Equal(new[] { "B", "a10", "a2", "b" }, Enumerable.Range(0, graph.NodeCount).Select(graph.Id));
        Assert.Equal(2, graph.IndexOf("a2"));
        Assert.False(graph.TryGetIndex("A2", out _));
        Assert.Equal("zzz", Assert.Throws<UnknownNodeException>(() => graph.IndexOf("zzz")).Id);
    }

    [Fact]
    public void Build_RepeatedTiesBetweenTwoPeople_BecomeOneContactWithSummedStrength()
    {
        var graph = new SocialGraphBuilder()
            .AddNodes([TestData.Citizen("a"), TestData.Citizen("b")])
            .AddTies([TestData.Friend("a", "b", 2), new TieRecord("b", "a", TieKind.Colleague) { Strength = 0.5 }, TestData.Friend("a", "b")])
            .Build();
        Assert.Equal(1, graph.ContactCount);
        var a = graph.IndexOf("a");
        Assert.Equal([graph.IndexOf("b")], graph.Neighbors(a).ToArray());
        Assert.Equal(3.5f, graph.Strengths(a)[0]);
        Assert.Equal(ContactKinds.Friend | ContactKinds.Colleague, graph.ContactKinds(a)[0]);
        Assert.Equal(graph.Strengths(a)[0], graph.Strengths(graph.IndexOf("b"))[0]);
    }

    [Fact]
    public void Build_RepeatedTies_SumToTheSameDoubleInAnyOrder()
    {
        // (0.1 + 0.2) + 0.3 and (0.3 + 0.2) + 0.1 are different doubles; a contact's strength must not depend on the order
        // its ties came in (a live graph's records list them in another order than the file they were imported from).
        TieRecord Tie(string from, string to, TieKind kind, double strength) => new(from, to, kind) { Strength = strength };
        TieRecord[] ties = [Tie("a", "b", TieKind.Friend, 0.1), Tie("b", "a", TieKind.Colleague, 0.2), Tie("a", "b", TieKind.Family, 0.3)];
        double StrengthOf(IEnumerable<TieRecord> order)
        {
            var graph = new SocialGraphBuilder().AddNodes([TestData.Citizen("a"), TestData.Citizen("b")]).AddTies(order).Build();
            return graph.Strengths(graph.IndexOf("a"))[0];
        }
        var sums = new[] { ties, [ties[2], ties[1], ties[0]], [ties[1], ties[2], ties[0]] }.Select(StrengthOf).ToArray();
        Assert.All(sums, s => Assert.Equal(sums[0], s));
    }

    [Fact]
    public void Build_AsOf_KeepsOnlyTiesActiveThatDay()
    {
        var builder = new SocialGraphBuilder()
            .AddNodes([TestData.Citizen("a"), TestData.Citizen("b"), TestData.Citizen("c")])
            .AddTies([
                TestData.Friend("a", "b") with { Since = new DateOnly(2024, 1, 1), Until = new DateOnly(2025, 1, 1) },
                TestData.Friend("a", "c") with { Since = new DateOnly(2025, 1, 1) }]);
        int Degree(DateOnly day) { var g = builder.Build(new GraphOptions { AsOf = day }); return g.Degree(g.IndexOf("a")); }
        Assert.Equal(0, Degree(new DateOnly(2023, 12, 31)));
        Assert.Equal(1, Degree(new DateOnly(2024, 1, 1)));   // since is inclusive
        Assert.Equal(1, Degree(new DateOnly(2025, 1, 1)));   // until is exclusive, a–c starts
        Assert.Equal(new DateOnly(2024, 6, 1), builder.Build(new GraphOptions { AsOf = new DateOnly(2024, 6, 1) }).AsOf);
    }

    [Fact]
    public void Build_PlaceTies_BecomeAffiliationsBothWays()
    {
        var graph = new SocialGraphBuilder()
            .AddNodes([TestData.Citizen("a"), TestData.Citizen("b"), new NodeRecord("g", NodeKind.PeerGroup) { Capacity = 8 }, new NodeRecord("e", NodeKind.Employer)])
            .AddTies([new TieRecord("b", "g", TieKind.Membership), new TieRecord("a", "g", TieKind.Membership), new TieRecord("a", "e", TieKind.Employment)])
            .Build();
        var g = graph.IndexOf("g");
        Assert.Equal([graph.IndexOf("a"), graph.IndexOf("b")], graph.MembersOf(g).ToArray());
        Assert.Equal([graph.IndexOf("e"), g], graph.PlacesOf(graph.IndexOf("a")).ToArray());
        Assert.Equal(0, graph.ContactCount);
        Assert.Equal(2, graph.PersonCount);
        Assert.Equal(8, graph.Capacity(g));
    }

    [Fact]
    public void Build_Attributes_AreReadableBack()
    {
        var graph = new SocialGraphBuilder()
            .AddNode(new NodeRecord("m", NodeKind.Mentor)
            {
                Area = "E1", Employment = Employment.Retired, AgeBand = AgeBand.Age65Plus, Sector = "health", Ses = 0.7,
                Languages = ["en", "cy"], Skills = ["care"], Goals = ["teach"], Capacity = 2,
                Attributes = new Dictionary<string, string> { ["faith"] = "none" },
            })
            .AddNode(TestData.Citizen("c"))
            .Build();
        var m = graph.IndexOf("m");
        Assert.Equal(("E1", Employment.Retired, WorkStatus.Retired, AgeBand.Age65Plus, "health", 0.7, 2),
            (graph.Area(m), graph.Employment(m), graph.WorkStatus(m), graph.AgeBand(m), graph.Sector(m), graph.Ses(m), graph.Capacity(m)));
        Assert.Equal(["en", "cy"], graph.Languages(m));
        Assert.Equal(["care"], graph.Skills(m));
        Assert.Equal(["teach"], graph.Goals(m));
        Assert.Equal("none", graph.Attribute(m, "faith"));
        var c = graph.IndexOf("c");
        Assert.Null(graph.Attribute(c, "faith"));
        Assert.Null(graph.Ses(c));
        Assert.Null(graph.Capacity(c));
        Assert.Throws<KeyNotFoundException>(() => graph.Attribute(c, "shoe_size"));
        Assert.Equal(["E1"], graph.Areas);
    }

    [Fact]
    public void Build_InvalidRecords_ThrowsWithEveryProblemAndValidateListsThem()
    {
        var builder = new SocialGraphBuilder()
            .AddNodes([TestData.Citizen("a"), new NodeRecord("a", NodeKind.Coach), new NodeRecord("x y", NodeKind.Citizen)])
            .AddTie(TestData.Friend("a", "nobody"));
        Assert.Equal(3, builder.Validate().Count);
        var e = Assert.Throws<DataValidationException>(() => builder.Build());
        Assert.Equal(3, e.TotalCount);
    }

    [Fact]
    public void WithTiePolicy_ReclassesWithoutRebuilding()
    {
        var graph = TestData.LoadGraph("toy");
        var areaOnly = graph.WithTiePolicy(new TiePolicy { Dimensions = [new BridgingDimension("area", 1)], BridgingThreshold = 0.5 });
        for (var u = 0; u < graph.NodeCount; u++)
        {
            var neighbors = areaOnly.Neighbors(u);
            for (var i = 0; i < neighbors.Length; i++)
            {
                var expected = graph.Area(u) == graph.Area(neighbors[i]) ? TieClass.Bonding : TieClass.Bridging;
                Assert.Equal(expected, areaOnly.TieClasses(u)[i]);
            }
        }
        Assert.Same(TiePolicy.Default, graph.TiePolicy);
    }

    [Fact]
    public void AsQuikGraph_RunsQuikGraphAlgorithms()
    {
        var graph = TestData.LoadGraph("toy");
        var view = graph.AsQuikGraph();
        Assert.Equal(12, view.VertexCount);
        Assert.Equal(16, view.EdgeCount);
        var components = new Dictionary<int, int>();
        Assert.Equal(1, view.ConnectedComponents(components));
        Assert.True(view.ContainsEdge(graph.IndexOf("10"), graph.IndexOf("11")));
        Assert.Equal(1.0, view.Strength(view.AdjacentEdge(graph.IndexOf("0"), 0)));
        var karate = TestData.LoadGraph("karate").AsQuikGraph();
        Assert.Equal(78, karate.Edges.Count());
        Assert.All(karate.Edges, e => Assert.True(e.Source < e.Target));
    }

    [Fact]
    public void SizeInBytes_CountsTheArrays()
    {
        var graph = TestData.LoadGraph("karate");
        Assert.InRange(graph.SizeInBytes, 78 * 2 * 10, 100_000);
    }
}
