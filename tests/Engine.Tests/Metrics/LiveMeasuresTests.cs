using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using SocialCapital.Graph;
using SocialCapital.Interchange;
using SocialCapital.Metrics;
using SocialCapital.Model;
using SocialCapital.Storage;
using SocialCapital.Synthetic;
using SocialCapital.Tests.Properties;

namespace SocialCapital.Tests.Metrics;

/// <summary>Area and group measures updated by difference (<see cref="LiveMeasures"/>) equal a full computation on the
/// edited data: same rows, same nulls, values to 1e-9, for any thread count.</summary>
public class LiveMeasuresTests
{
    private const double Tolerance = 1e-9;
    private static readonly DateOnly Day = new(2026, 1, 1);
    private static readonly string[] Areas = ["A", "B", "C", "D"];
    private static readonly TieKind[] PersonKinds = [TieKind.Friend, TieKind.Family, TieKind.Acquaintance, TieKind.Colleague, TieKind.Coaching, TieKind.Referral];

    [Property(MaxTest = 150)]
    public Property Apply_RandomEdits_EqualsFullComputation() =>
        Prop.ForAll(Cases(), c =>
            {
                var (people, seed, minCell, threads) = c;
                var options = new AreaMetricsOptions { MinCellSize = minCell, BootstrapResamples = 0, MaxDegreeOfParallelism = threads };
                var dataset = RandomDatasets.Make(people, seed);
                RunEdits(dataset, new Random(seed), edits: 12, options, threads);
            });

    /// <summary>People, seed, minimum cell size and threads.</summary>
    private static Arbitrary<(int, int, int, int)> Cases() =>
        Gen.Choose(2, 14).SelectMany(people => Gen.Choose(0, int.MaxValue - 1).SelectMany(seed => Gen.Choose(0, 3).SelectMany(minCell =>
            Gen.Choose(1, 2).Select(threads => (people, seed, minCell, threads))))).ToArbitrary();

    [Property(MaxTest = 100)]
    public Property Apply_NodeAddedAtTheEnd_EqualsFullComputation() =>
        Prop.ForAll(Cases(), c =>
            {
                var (people, seed, minCell, threads) = c;
                var options = new AreaMetricsOptions { MinCellSize = minCell, BootstrapResamples = 0, MaxDegreeOfParallelism = threads };
                var random = new Random(seed);
                var dataset = RandomDatasets.Make(people, seed);
                var graph = dataset.ToGraph(Graph(threads));
                var live = LiveMeasures.Create(graph, options);
                // An id after every other keeps the indices of a fresh build stable: the new node takes the next index.
                var node = new NodeRecord("zz-new", NodeKind.Citizen)
                {
                    Area = Areas[random.Next(Areas.Length)], Ses = Math.Round(random.NextDouble(), 2), Employment = (Employment)random.Next(0, 7),
                };
                var steps = new List<(Dataset, string[])> { (DatasetEdits.UpsertNode(dataset, node).Dataset, [node.Id]) };
                var persons = dataset.Nodes.Where(n => n.IsPerson).ToArray();
                for (var t = 0; t < 3; t++)
                {
                    var other = persons[random.Next(persons.Length)];
                    steps.Add((DatasetEdits.UpsertTie(steps[^1].Item1, new TieRecord(node.Id, other.Id, TieKind.Friend)).Dataset, [node.Id, other.Id]));
                }
                steps.Add((DatasetEdits.UpsertTie(steps[^1].Item1, new TieRecord(node.Id, "group", TieKind.Membership)).Dataset, [node.Id, "group"]));
                foreach (var (edited, touched) in steps)
                {
                    var after = edited.ToGraph(Graph(threads));
                    Assert.Equal(after.NodeCount - 1, after.IndexOf(node.Id));
                    live = live.Apply(graph, after, [.. touched.Select(after.IndexOf)]);
                    AssertSame(AreaMetrics.Compute(after, options), live.Areas);
                    AssertSame(GroupMetrics.Compute(after, options), live.Groups);
                    graph = after;
                }
            });

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Apply_GeneratedCityEdits_EqualsFullComputation(int threads)
    {
        var city = CityGenerator.Create(new CityOptions { People = 400, Areas = 4, Seed = 3 });
        var options = new AreaMetricsOptions { MinCellSize = 10, BootstrapResamples = 0, MaxDegreeOfParallelism = threads };
        RunEdits(Dataset.Create(city.Nodes, city.Ties), new Random(threads), edits: 25, options, threads);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Create_GeneratedCity_EqualsFullComputationWithIntervals(int threads)
    {
        var city = CityGenerator.Create(new CityOptions { People = 600, Areas = 5, Seed = 5 });
        var graph = Dataset.Create(city.Nodes, city.Ties).ToGraph(Graph(threads));
        var options = new AreaMetricsOptions { MinCellSize = 5, BootstrapResamples = 60, MaxDegreeOfParallelism = threads };
        var live = LiveMeasures.Create(graph, options);
        AssertSame(AreaMetrics.Compute(graph, options), live.Areas);
        AssertSame(GroupMetrics.Compute(graph, options), live.Groups);
        Assert.Equal(0, live.UpdatesSinceIntervals);
    }

    [Fact]
    public void Create_EditedGraphWithANodeFirstInIdOrder_ResamplesInIdOrderAsAFullComputation()
    {
        // A live graph's added node takes the last index though its id sorts first: the bootstrap must still draw the
        // residents' values in id order.
        var city = CityGenerator.Create(new CityOptions { People = 300, Areas = 3, Seed = 9 });
        var graph = Dataset.Create(city.Nodes, city.Ties).ToGraph();
        var other = Enumerable.Range(0, graph.NodeCount).First(v => graph.IsPerson(v) && graph.Area(v) is not null && graph.Ses(v) is not null);
        var editor = new GraphEditor(graph);
        var added = editor.AddNode(new NodeRecord("0-first", NodeKind.Citizen) { Area = graph.Area(other), Ses = 0.1, Employment = Employment.Unemployed });
        GraphEditor.SetContact(editor, added, other, new Contact(other, 1.0, SocialCapital.Ties.ContactKinds.Friend));
        var edited = editor.Build();
        Assert.False(edited.Nodes.IsOrdinal);
        var options = new AreaMetricsOptions { MinCellSize = 5, BootstrapResamples = 40 };
        AssertSame(AreaMetrics.Compute(edited, options), LiveMeasures.Create(edited, options).Areas);
    }

    [Fact]
    public void WithFreshIntervals_AfterEdits_EqualsFullComputationAndResetsTheAge()
    {
        var city = CityGenerator.Create(new CityOptions { People = 300, Areas = 3, Seed = 9 });
        var options = new AreaMetricsOptions { MinCellSize = 5, BootstrapResamples = 40 };
        var (live, last) = RunEdits(Dataset.Create(city.Nodes, city.Ties), new Random(4), edits: 6, options, threads: 2, compare: false);
        Assert.Equal(6, live.UpdatesSinceIntervals);
        var fresh = live.WithFreshIntervals(last);
        Assert.Equal(0, fresh.UpdatesSinceIntervals);
        AssertSame(AreaMetrics.Compute(last, options), fresh.Areas);
        AssertSame(GroupMetrics.Compute(last, options), fresh.Groups);
    }

    [Fact]
    public void Apply_AfterEdits_KeepsTheLastIntervalsWhileTheMeasureIsDefined()
    {
        var city = CityGenerator.Create(new CityOptions { People = 300, Areas = 3, Seed = 2 });
        var options = new AreaMetricsOptions { MinCellSize = 5, BootstrapResamples = 40 };
        var graph = Dataset.Create(city.Nodes, city.Ties).ToGraph(Graph(1));
        var first = LiveMeasures.Create(graph, options);
        var (live, _) = RunEdits(Dataset.Create(city.Nodes, city.Ties), new Random(8), edits: 3, options, threads: 1, compare: false);
        foreach (var row in live.Areas.Where(a => a.EconomicConnectedness is not null))
        {
            var old = first.Areas.Single(a => a.Area == row.Area);
            Assert.Equal(old.EconomicConnectednessCiLow, row.EconomicConnectednessCiLow);
            Assert.Equal(old.WorkConnectednessCiHigh, row.WorkConnectednessCiHigh);
        }
    }

    [Fact]
    public void Apply_UnknownChangedNode_ThrowsArgumentOutOfRange()
    {
        var graph = RandomDatasets.Make(4, 1).ToGraph(Graph(1));
        var live = LiveMeasures.Create(graph);
        Assert.Throws<ArgumentOutOfRangeException>(() => live.Apply(graph, graph, [graph.NodeCount]));
    }

    /// <summary>Applies random edits one by one, each as a fresh build of the edited dataset (no node is added or
    /// removed, so node indices are the same in both), and checks the live measures against a full computation.</summary>
    private static (LiveMeasures Live, SocialGraph Last) RunEdits(Dataset dataset, Random random, int edits,
        AreaMetricsOptions options, int threads, bool compare = true)
    {
        var graph = dataset.ToGraph(Graph(threads));
        var live = LiveMeasures.Create(graph, options);
        for (var e = 0; e < edits; e++)
        {
            var (edited, touched) = RandomEdit(dataset, random);
            var after = edited.ToGraph(Graph(threads));
            Assert.Equal(graph.NodeCount, after.NodeCount);
            live = live.Apply(graph, after, [.. touched.Select(after.IndexOf)]);
            if (compare)
            {
                AssertSame(AreaMetrics.Compute(after, options), live.Areas);
                AssertSame(GroupMetrics.Compute(after, options), live.Groups);
            }
            (dataset, graph) = (edited, after);
        }
        return (live, graph);
    }

    private static (Dataset Dataset, string[] Changed) RandomEdit(Dataset dataset, Random random)
    {
        var people = dataset.Nodes.Where(n => n.IsPerson).ToArray();
        var places = dataset.Nodes.Where(n => !n.IsPerson).ToArray();
        var personTies = dataset.Ties.Where(t => t.Kind is not (TieKind.Membership or TieKind.Employment)).ToArray();
        var placeTies = dataset.Ties.Where(t => t.Kind is TieKind.Membership or TieKind.Employment).ToArray();
        switch (random.Next(6))
        {
            case 0 when people.Length >= 2:
            {
                var a = people[random.Next(people.Length)];
                var b = people.Where(p => p.Id != a.Id).ElementAt(random.Next(people.Length - 1));
                var tie = new TieRecord(a.Id, b.Id, PersonKinds[random.Next(PersonKinds.Length)]) { Strength = 0.5 + random.Next(6) * 0.75 };
                return (DatasetEdits.UpsertTie(dataset, tie).Dataset, [a.Id, b.Id]);
            }
            case 1 when personTies.Length > 0:
            {
                var tie = personTies[random.Next(personTies.Length)];
                return (DatasetEdits.DeleteTies(dataset, tie.Source, tie.Target, random.Next(2) == 0 ? tie.Kind : null).Dataset, [tie.Source, tie.Target]);
            }
            case 2:
            {
                var node = people[random.Next(people.Length)];
                var changed = node with
                {
                    Area = random.Next(5) == 0 ? null : Areas[random.Next(Areas.Length)],
                    Ses = random.Next(4) == 0 ? null : Math.Round(random.NextDouble(), 3),
                    Employment = (Employment)random.Next(0, 7),
                };
                return (DatasetEdits.UpsertNode(dataset, changed).Dataset, [node.Id]);
            }
            case 3 when places.Length > 0:
            {
                var person = people[random.Next(people.Length)];
                var place = places[random.Next(places.Length)];
                var kind = place.Kind == NodeKind.PeerGroup ? TieKind.Membership : TieKind.Employment;
                return (DatasetEdits.UpsertTie(dataset, new TieRecord(person.Id, place.Id, kind)).Dataset, [person.Id, place.Id]);
            }
            case 4 when placeTies.Length > 0:
            {
                var tie = placeTies[random.Next(placeTies.Length)];
                return (DatasetEdits.DeleteTies(dataset, tie.Source, tie.Target, tie.Kind).Dataset, [tie.Source, tie.Target]);
            }
            case 5 when places.Any(p => p.Kind == NodeKind.PeerGroup):
            {
                var groups = places.Where(p => p.Kind == NodeKind.PeerGroup).ToArray();
                var group = groups[random.Next(groups.Length)];
                var changed = group with { Capacity = random.Next(3) == 0 ? null : random.Next(1, 30), Area = Areas[random.Next(Areas.Length)] };
                return (DatasetEdits.UpsertNode(dataset, changed).Dataset, [group.Id]);
            }
            default:
            {
                var node = people[random.Next(people.Length)];
                return (DatasetEdits.UpsertNode(dataset, node with { Ses = 0.1 }).Dataset, [node.Id]);
            }
        }
    }

    private static GraphOptions Graph(int threads) => new() { AsOf = Day, MaxDegreeOfParallelism = threads };

    private static void AssertSame<T>(IReadOnlyList<T> expected, IReadOnlyList<T> actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
            foreach (var property in typeof(T).GetProperties())
            {
                var (a, b) = (property.GetValue(expected[i]), property.GetValue(actual[i]));
                if (a is double x && b is double y)
                    Assert.True(Math.Abs(x - y) <= Tolerance, $"row {i} {property.Name}: expected {x:R}, got {y:R}");
                else
                    Assert.True(Equals(a, b), $"row {i} {property.Name}: expected {a ?? "null"}, got {b ?? "null"}");
            }
    }
}
