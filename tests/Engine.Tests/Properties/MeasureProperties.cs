using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using SocialCapital.Graph;
using SocialCapital.Interchange;
using SocialCapital.Metrics;

namespace SocialCapital.Tests.Properties;

public class MeasureProperties
{
    private static readonly GraphOptions Today = new() { AsOf = new DateOnly(2026, 1, 1) };

    private static bool Same(double a, double b) => (double.IsNaN(a) && double.IsNaN(b)) || Math.Abs(a - b) <= 1e-9 * Math.Max(1, Math.Abs(a));

    private static bool SameMeasures(PersonMeasures a, PersonMeasures b) =>
        a.Degree == b.Degree && a.Bonding == b.Bonding && a.Bridging == b.Bridging && a.Linking == b.Linking
        && a.InWorkContacts == b.InWorkContacts && a.Kind == b.Kind && a.Area == b.Area
        && Same(a.Strength, b.Strength) && Same(a.BridgingScore.OrNaN(), b.BridgingScore.OrNaN()) && Same(a.Clustering.OrNaN(), b.Clustering.OrNaN())
        && Same(a.Constraint.OrNaN(), b.Constraint.OrNaN()) && Same(a.EffectiveSize.OrNaN(), b.EffectiveSize.OrNaN()) && Same(a.Efficiency.OrNaN(), b.Efficiency.OrNaN())
        && Same(a.Hierarchy.OrNaN(), b.Hierarchy.OrNaN()) && Same(a.EiWork.OrNaN(), b.EiWork.OrNaN()) && Same(a.EconomicConnectedness.OrNaN(), b.EconomicConnectedness.OrNaN())
        && Same(a.WorkConnectedness.OrNaN(), b.WorkConnectedness.OrNaN());

    [Property(MaxTest = 200)]
    public Property Relabelling_ChangesNoMeasure() =>
        Prop.ForAll(RandomDatasets.Arbitrary(), Gen.Choose(0, 100000).ToArbitrary(), (dataset, seed) =>
        {
            var relabelled = RandomDatasets.Relabel(dataset, seed);
            var original = PersonMetrics.Compute(dataset.ToGraph(Today)).People;
            var renamed = PersonMetrics.Compute(relabelled.ToGraph(Today)).People
                .ToDictionary(p => p.Id[(p.Id.IndexOf('-', StringComparison.Ordinal) + 1)..]);
            return original.All(p => SameMeasures(p with { Id = "", Index = 0 }, renamed[p.Id] with { Id = "", Index = 0 }));
        });

    [Property(MaxTest = 300)]
    public Property LocalClustering_EqualsThePersonMeasureForAnyThreadCount() =>
        Prop.ForAll(RandomDatasets.Arbitrary(), Gen.Choose(1, 4).ToArbitrary(), (dataset, threads) =>
        {
            var graph = dataset.ToGraph(Today);
            var alone = LocalClustering.Compute(graph, threads);
            return alone.Length == graph.NodeCount
                && PersonMetrics.Compute(graph).People.All(p => alone[p.Index] == p.Clustering.OrNaN());
        });

    [Property(MaxTest = 300)]
    public Property BurtConstraint_EqualsThePersonMeasureWeightedOrNotForAnyThreadCount() =>
        Prop.ForAll(RandomDatasets.Arbitrary(), Gen.Choose(1, 4).ToArbitrary(), ArbMap.Default.ArbFor<bool>(), (dataset, threads, weighted) =>
        {
            var graph = dataset.ToGraph(Today);
            var alone = BurtConstraint.Compute(graph, weighted, threads);
            return alone.Length == graph.NodeCount
                && PersonMetrics.Compute(graph, new MetricsOptions { UseStrengths = weighted }).People
                    .All(p => alone[p.Index].Equals(p.Constraint.OrNaN())); // bit for bit, NaN included
        });

    [Property(MaxTest = 300)]
    public Property Constraint_PositiveWithContactsAndOneWithASingleContact() =>
        Prop.ForAll(RandomDatasets.Arbitrary(), dataset =>
            PersonMetrics.Compute(dataset.ToGraph(Today)).People.All(p =>
                p.Degree == 0 ? double.IsNaN(p.Constraint.OrNaN())
                : p.Degree == 1 ? p.Constraint.OrNaN() == 1.0
                : p.Constraint.OrNaN() > 0));

    [Property(MaxTest = 300)]
    public Property Ranges_EiAndEfficiencyAndShares() =>
        Prop.ForAll(RandomDatasets.Arbitrary(), dataset =>
            PersonMetrics.Compute(dataset.ToGraph(Today)).People.All(p =>
                (double.IsNaN(p.EiWork.OrNaN()) || (p.EiWork.OrNaN() >= -1 && p.EiWork.OrNaN() <= 1))
                && (p.Degree == 0 ? double.IsNaN(p.Efficiency.OrNaN()) : p.Efficiency.OrNaN() > 0 && p.Efficiency.OrNaN() <= 1 + 1e-12)
                && p.Clustering.OrNaN() >= 0 && p.Clustering.OrNaN() <= 1
                && (double.IsNaN(p.EconomicConnectedness.OrNaN()) || (p.EconomicConnectedness.OrNaN() >= 0 && p.EconomicConnectedness.OrNaN() <= 2))
                && (double.IsNaN(p.BridgingScore.OrNaN()) || (p.BridgingScore.OrNaN() >= 0 && p.BridgingScore.OrNaN() <= 1))));

    [Property(MaxTest = 300)]
    public Property TieClasses_AddUpToDegree() =>
        Prop.ForAll(RandomDatasets.Arbitrary(), dataset =>
            PersonMetrics.Compute(dataset.ToGraph(Today)).People.All(p => p.Bonding + p.Bridging + p.Linking == p.Degree));

    [Property(MaxTest = 100)]
    public Property Results_EqualAcrossThreadCounts() =>
        Prop.ForAll(RandomDatasets.Arbitrary(), dataset =>
        {
            var one = PersonMetrics.Compute(dataset.ToGraph(Today with { MaxDegreeOfParallelism = 1 }), new MetricsOptions { MaxDegreeOfParallelism = 1 }).People;
            var many = PersonMetrics.Compute(dataset.ToGraph(Today with { MaxDegreeOfParallelism = 4 }), new MetricsOptions { MaxDegreeOfParallelism = 4 }).People;
            var tiesOne = TieMetrics.Compute(dataset.ToGraph(Today), new TieMetricsOptions { MaxDegreeOfParallelism = 1 });
            var tiesMany = TieMetrics.Compute(dataset.ToGraph(Today), new TieMetricsOptions { MaxDegreeOfParallelism = 3 });
            // Exactly equal, bit for bit (record equality treats NaN as equal to NaN): each person and
            // each contact is computed alone, in a fixed order.
            return one.SequenceEqual(many) && tiesOne.SequenceEqual(tiesMany);
        });

    [Property(MaxTest = 100)]
    public Property ExportThenImport_GivesAnEqualDatasetAndGraph() =>
        Prop.ForAll(RandomDatasets.Arbitrary(), dataset =>
        {
            var folder = Path.Combine(Path.GetTempPath(), "sc-prop-" + Guid.NewGuid().ToString("N"));
            try
            {
                dataset.Save(folder);
                var copy = Dataset.Load(folder);
                var a = PersonMetrics.Compute(dataset.ToGraph(Today)).People;
                var b = PersonMetrics.Compute(copy.ToGraph(Today)).People;
                return dataset.Nodes.SequenceEqual(copy.Nodes) && dataset.Ties.SequenceEqual(copy.Ties) && a.SequenceEqual(b);
            }
            finally
            {
                Directory.Delete(folder, true);
            }
        });

    [Property(MaxTest = 200)]
    public Property Overlap_InUnitIntervalAndBridgesHaveNoCommonContact() =>
        Prop.ForAll(RandomDatasets.Arbitrary(), dataset =>
            TieMetrics.Compute(dataset.ToGraph(Today)).All(t =>
                (double.IsNaN(t.Overlap.OrNaN()) || (t.Overlap.OrNaN() >= 0 && t.Overlap.OrNaN() <= 1))
                && t.LocalBridge == (t.Embeddedness == 0)
                && (!t.LocalBridge || t.Span.OrNaN() >= 3)));
}
