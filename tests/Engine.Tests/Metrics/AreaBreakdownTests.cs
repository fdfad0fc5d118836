using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using SocialCapital.Graph;
using SocialCapital.Interchange;
using SocialCapital.Metrics;
using SocialCapital.Model;
using SocialCapital.Tests.Properties;

namespace SocialCapital.Tests.Metrics;

/// <summary><see cref="AreaMetrics.ComputeBy"/>: cells of area × group (docs/measures.md#breakdowns).</summary>
public class AreaBreakdownTests
{
    private static readonly AreaMetricsOptions NoSuppression = new() { MinCellSize = 0, BootstrapResamples = 0 };
    private static readonly GraphOptions AsOf = new() { AsOf = new DateOnly(2026, 1, 1) };

    [Property(MaxTest = 150)]
    public Property ComputeBy_OneGroupPerArea_EqualsTheAreaRows() =>
        Prop.ForAll(RandomDatasets.Arbitrary(), dataset =>
        {
            // Every resident of an area has the area's name as their zone: each area is one cell, the whole area.
            var nodes = dataset.Nodes.Select(n => n.Area is { } area
                ? n with { Attributes = new Dictionary<string, string> { ["zone"] = "z" + area } } : n).ToArray();
            var graph = Dataset.Create(nodes, dataset.Ties, ["zone"]).ToGraph(AsOf);
            var areas = AreaMetrics.Compute(graph, NoSuppression);
            var cells = AreaMetrics.ComputeBy(graph, "zone", NoSuppression);
            return areas.Select(a => a with { Group = "z" + a.Area }).SequenceEqual(cells);
        });

    [Fact]
    public void ComputeBy_ToyByWorkStatus_CellIsItsMembersWithTheAreaAsPool()
    {
        var graph = TestData.LoadGraph("toy");
        var people = PersonMetrics.Compute(graph);
        var area = AreaMetrics.Compute(graph, NoSuppression)[0];
        var cells = AreaMetrics.ComputeBy(graph, "work_status", NoSuppression);
        Assert.Equal(["A/in_work", "A/out_of_work", "B/in_work", "B/out_of_work", "C/in_work", "C/out_of_work"],
            cells.Select(c => $"{c.Area}/{c.Group}"));
        var outOfWork = cells[1]; // residents 0 and 1, both low SES and out of work
        double Mean(Func<PersonMeasures, double> measure) => (measure(people.ForNode(graph.IndexOf("0"))) + measure(people.ForNode(graph.IndexOf("1")))) / 2;
        Assert.Equal(2, outOfWork.People);
        Assert.Equal(2, outOfWork.LowSes);
        Assert.Equal(Mean(p => p.Clustering), outOfWork.Clustering.OrNaN(), 12);
        Assert.Equal(Mean(p => p.EconomicConnectedness.OrNaN()), outOfWork.EconomicConnectedness.OrNaN(), 12);
        Assert.Equal(Mean(p => p.WorkConnectedness.OrNaN()), outOfWork.WorkConnectedness.OrNaN(), 12);
        // Ties touching 0 or 1: 0–1, 0–2, 1–2 (inside A), 1–8 (crossing). Bonding 0–1, 1–8; bridging 0–2, 1–2.
        Assert.Equal(0.5, outOfWork.BondingShare.OrNaN(), 12);
        Assert.Equal(0.5, outOfWork.BridgingShare.OrNaN(), 12);
        Assert.Equal(0.25, outOfWork.CrossAreaShare.OrNaN(), 12);
        // Every inside tie of A touches 0 or 1, so support and work mixing are the area's.
        Assert.Equal(area.SupportRatio, outOfWork.SupportRatio);
        Assert.Equal(area.EiWork, outOfWork.EiWork);
        // Exposure is the area's: the pool is every resident of A.
        Assert.Equal(area.Exposure, outOfWork.Exposure);
        Assert.Equal(area.Exposure, cells[0].Exposure);
        // Friending bias of the low-SES residents 0 and 1 against the area's others: only 2 is high SES, so s = 1/2 each;
        // 0's in-area contacts 1, 2 (h = 1/2), 1's are 0, 2 (h = 1/2): 1 − (1/2)/(1/2) = 0.
        Assert.Equal(0.0, outOfWork.FriendingBias.OrNaN(), 12);
        Assert.Equal(area.FriendingBias, outOfWork.FriendingBias);
    }

    [Fact]
    public void ComputeBy_SmallCell_SuppressedAndSoIsAnotherWhenItCouldBeWorkedOut()
    {
        // Area A: 5 of x, 2 of y and (in W) 3 of unknown value; area B: 5 of x, 2 of y, nobody unknown. k = 3.
        var nodes = new List<NodeRecord>();
        void Add(string area, string? value, int count)
        {
            for (var i = 0; i < count; i++)
                nodes.Add(TestData.Citizen($"{area}{value ?? "u"}{i}", area) with
                {
                    Attributes = value is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["club"] = value },
                });
        }
        Add("A", "x", 5); Add("A", "y", 2); Add("A", null, 3);
        Add("B", "x", 5); Add("B", "y", 2);
        var graph = Dataset.Create(nodes, [], ["club"]).ToGraph(AsOf);
        var cells = AreaMetrics.ComputeBy(graph, "club", new AreaMetricsOptions { MinCellSize = 3, BootstrapResamples = 0 });
        Assert.Equal(["A/x", "A/y", "B/x", "B/y"], cells.Select(c => $"{c.Area}/{c.Group}"));
        Assert.Equal([false, true, true, true], cells.Select(c => c.Suppressed));
        Assert.Equal(5, cells[0].People);
        foreach (var c in cells.Where(c => c.Suppressed))
            Assert.Equal(new AreaMeasures { Area = c.Area, Group = c.Group, Suppressed = true }, c);
    }

    [Fact]
    public void ComputeBy_UnknownGrouping_NamesTheValidOnes()
    {
        var e = Assert.Throws<InvalidOptionsException>(() => AreaMetrics.ComputeBy(TestData.LoadGraph("toy"), "shoe_size"));
        Assert.Contains("shoe_size", e.Message, StringComparison.Ordinal);
        Assert.Contains("age_band", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ComputeBy_Intervals_ContainTheEstimate()
    {
        var graph = TestData.LoadGraph("karate");
        var options = new AreaMetricsOptions { MinCellSize = 0, BootstrapResamples = 200 };
        foreach (var c in AreaMetrics.ComputeBy(graph, "work_status", options))
            if (c.EconomicConnectedness is { } ec)
                Assert.InRange(ec, c.EconomicConnectednessCiLow!.Value - 1e-12, c.EconomicConnectednessCiHigh!.Value + 1e-12);
    }

    [Property(MaxTest = 150)]
    public Property ComputeBy_Suppression_NeverLeaks() =>
        Prop.ForAll(RandomDatasets.Arbitrary(), Gen.Choose(0, 6).ToArbitrary(), Gen.Elements("age_band", "work_status", "ses_band", "sector").ToArbitrary(),
            (dataset, minCell, grouping) =>
            {
                var graph = dataset.ToGraph(AsOf);
                var cells = AreaMetrics.ComputeBy(graph, grouping, new AreaMetricsOptions { MinCellSize = minCell, BootstrapResamples = 10 });
                var hidden = cells.Where(c => c.Suppressed).ToList();
                return cells.All(c => c.Group is not null && (c.Suppressed ? c.People is null && c.Clustering is null && c.Exposure is null : c.People >= minCell))
                    && cells.Sum(c => c.People ?? 0) <= graph.PersonCount
                    // never one small cell alone in a shown area while every other part of it is shown
                    && hidden.All(h => Residents(graph, h.Area) < minCell || cells.Count(c => c.Area == h.Area && c.Suppressed) >= 2
                        || cells.Where(c => c.Area == h.Area).Sum(c => c.People ?? 0) < Residents(graph, h.Area) - PeopleOf(graph, h, grouping));
            });

    private static int Residents(SocialGraph graph, string area) =>
        Enumerable.Range(0, graph.NodeCount).Count(u => graph.IsPerson(u) && graph.Area(u) == area);

    /// <summary>The true size of a hidden cell.</summary>
    private static int PeopleOf(SocialGraph graph, AreaMeasures cell, string grouping) =>
        AreaMetrics.ComputeBy(graph, grouping, NoSuppression).Single(c => c.Area == cell.Area && c.Group == cell.Group).People!.Value;
}
