using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using SocialCapital.Graph;
using SocialCapital.Interchange;
using SocialCapital.Metrics;
using SocialCapital.Model;
using SocialCapital.Synthetic;

namespace SocialCapital.Tests.Properties;

public class SettingProperties
{
    private static readonly GraphOptions AsOf = new() { AsOf = new DateOnly(2026, 1, 1) };

    [Property(MaxTest = 200)]
    public Property Suppression_NeverLeaks() =>
        Prop.ForAll(RandomDatasets.Arbitrary(), Gen.Choose(0, 8).ToArbitrary(), (dataset, minCell) =>
        {
            var options = new AreaMetricsOptions { MinCellSize = minCell, BootstrapResamples = 20 };
            var graph = dataset.ToGraph(AsOf);
            var areas = AreaMetrics.Compute(graph, options);
            var groups = GroupMetrics.Compute(graph, options);
            var residents = graph.Areas.ToDictionary(a => a, a => Enumerable.Range(0, graph.NodeCount).Count(u => graph.IsPerson(u) && graph.Area(u) == a));
            return areas.All(a => a.Suppressed == residents[a.Area] < minCell
                    && (!a.Suppressed || (a.People is null && a.LowSes is null && AllNaN(a.EconomicConnectedness.OrNaN(), a.EconomicConnectednessCiLow.OrNaN(), a.EconomicConnectednessCiHigh.OrNaN(), a.Exposure.OrNaN(),
                        a.FriendingBias.OrNaN(), a.WorkConnectedness.OrNaN(), a.WorkConnectednessCiLow.OrNaN(), a.WorkConnectednessCiHigh.OrNaN(), a.Clustering.OrNaN(), a.SupportRatio.OrNaN(), a.BondingShare.OrNaN(),
                        a.BridgingShare.OrNaN(), a.LinkingShare.OrNaN(), a.CrossAreaShare.OrNaN(), a.EiWork.OrNaN(), a.AssortativityWork.OrNaN(), a.MeanConstraint.OrNaN()))))
                && groups.All(g => !g.Suppressed || (g.Members is null && g.FreePlaces is null
                    && AllNaN(g.Exposure.OrNaN(), g.FriendingBias.OrNaN(), g.BlauWork.OrNaN(), g.InWorkShare.OrNaN())));
        });

    [Property(MaxTest = 100)]
    public Property Ec_IsTwoWhereEveryContactIsHighSes() =>
        Prop.ForAll(RandomDatasets.Arbitrary(), dataset =>
        {
            // Make one person low-SES and everyone else high-SES: that person's contacts are then all high-SES,
            // so their area's EC is 2 (or undefined when they have no contact), and other areas have none.
            var first = dataset.Nodes.First(n => n.IsPerson).Id;
            var nodes = dataset.Nodes.Select(n => !n.IsPerson ? n : n with { Ses = n.Id == first ? 0.1 : 0.9 }).ToArray();
            var lifted = Dataset.Create(nodes, dataset.Ties);
            return AreaMetrics.Compute(lifted.ToGraph(AsOf), new AreaMetricsOptions { MinCellSize = 0, BootstrapResamples = 0 })
                .All(a => double.IsNaN(a.EconomicConnectedness.OrNaN()) || a.EconomicConnectedness.OrNaN() == 2);
        });

    [Property(MaxTest = 100)]
    public Property Bootstrap_IntervalContainsTheEstimate() =>
        Prop.ForAll(RandomDatasets.Arbitrary(), Gen.Choose(1, 1000).ToArbitrary(), (dataset, seed) =>
            AreaMetrics.Compute(dataset.ToGraph(AsOf), new AreaMetricsOptions { MinCellSize = 0, BootstrapResamples = 200, Seed = seed })
                .All(a => (double.IsNaN(a.EconomicConnectedness.OrNaN()) || (a.EconomicConnectednessCiLow.OrNaN() <= a.EconomicConnectedness.OrNaN() + 1e-12 && a.EconomicConnectedness.OrNaN() <= a.EconomicConnectednessCiHigh.OrNaN() + 1e-12))
                    && (double.IsNaN(a.WorkConnectedness.OrNaN()) || (a.WorkConnectednessCiLow.OrNaN() <= a.WorkConnectedness.OrNaN() + 1e-12 && a.WorkConnectedness.OrNaN() <= a.WorkConnectednessCiHigh.OrNaN() + 1e-12))));

    [Property(MaxTest = 100)]
    public Property Areas_DoNotDependOnRowOrder() =>
        Prop.ForAll(RandomDatasets.Arbitrary(), Gen.Choose(0, 100000).ToArbitrary(), (dataset, seed) =>
        {
            var random = new Random(seed);
            var shuffled = Dataset.Create(dataset.Nodes.OrderBy(_ => random.Next()), dataset.Ties.OrderBy(_ => random.Next()));
            var options = new AreaMetricsOptions { MinCellSize = 0, BootstrapResamples = 50 };
            return AreaMetrics.Compute(dataset.ToGraph(AsOf), options).SequenceEqual(AreaMetrics.Compute(shuffled.ToGraph(AsOf), options))
                && GroupMetrics.Compute(dataset.ToGraph(AsOf), options).SequenceEqual(GroupMetrics.Compute(shuffled.ToGraph(AsOf), options));
        });

    [Property(MaxTest = 15)]
    public Property Generator_IsDeterministicAndAlwaysValid() =>
        Prop.ForAll(Gen.Choose(10, 400).ToArbitrary(), Gen.Choose(0, 10).ToArbitrary(), Gen.Choose(1, 5).ToArbitrary(), (people, homophilyTenths, areas) =>
        {
            var options = new CityOptions { People = people, Homophily = homophilyTenths / 10.0, Areas = areas, Seed = people * 31 + areas, MeanContacts = 1 + homophilyTenths };
            var a = Path.Combine(Path.GetTempPath(), "sc-gen-" + Guid.NewGuid().ToString("N"));
            var b = a + "-again";
            try
            {
                CityGenerator.Generate(a, options);
                CityGenerator.Generate(b, options);
                var valid = Dataset.Load(a).Nodes.Count(n => n.IsPerson) == people; // throws if invalid
                return valid
                    && File.ReadAllBytes(Path.Combine(a, "nodes.csv")).SequenceEqual(File.ReadAllBytes(Path.Combine(b, "nodes.csv")))
                    && File.ReadAllBytes(Path.Combine(a, "ties.csv")).SequenceEqual(File.ReadAllBytes(Path.Combine(b, "ties.csv")));
            }
            finally
            {
                Directory.Delete(a, true);
                Directory.Delete(b, true);
            }
        });

    private static bool AllNaN(params double[] values) => values.All(double.IsNaN);
}
