using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using SocialCapital.Graph;
using SocialCapital.Interchange;
using SocialCapital.Live;
using SocialCapital.Metrics;
using SocialCapital.Model;

namespace SocialCapital.Tests.Live;

/// <summary><see cref="Trends.Compute"/>: every date equals a fresh build at that date; the change split adds up.</summary>
public class TrendsTests
{
    [Property(MaxTest = 60)]
    public Property Compute_EveryDate_EqualsAFreshBuildOnThatDate() =>
        Prop.ForAll(TrendData.DatedDatasets, Gen.Choose(1, 8).ToArbitrary(), Gen.Choose(0, 7).ToArbitrary(), (dataset, months, setting) =>
        {
            // Monthly steps over two years make 25 dates, more than one dated pass holds: the batches meet on a date.
            var areaOptions = new AreaMetricsOptions { MinCellSize = setting % 4, UseStrengths = setting < 4, BootstrapResamples = 30 };
            var options = new TrendOptions { From = TrendData.Start, To = TrendData.Start.AddMonths(24), Every = new TrendPeriod(months, TrendUnit.Month), Areas = areaOptions };
            var rows = Trends.Compute(dataset, options);
            foreach (var date in options.Dates())
            {
                var fresh = AreaMetrics.Compute(dataset.ToGraph(new GraphOptions { AsOf = date }), areaOptions);
                var onDate = rows.Where(r => r.Date == date).ToLookup(r => r.Area);
                if (onDate.Count != fresh.Count) return false;
                foreach (var area in fresh)
                {
                    var byMeasure = onDate[area.Area].ToDictionary(r => r.Measure);
                    if (byMeasure.Count != Trends.Measures.Count || byMeasure.Values.Any(r => r.Suppressed != area.Suppressed)) return false;
                    if (!TrendData.Close(byMeasure["economic_connectedness"].Value, area.EconomicConnectedness)
                        || !TrendData.Close(byMeasure["economic_connectedness"].CiLow, area.EconomicConnectednessCiLow)
                        || !TrendData.Close(byMeasure["economic_connectedness"].CiHigh, area.EconomicConnectednessCiHigh)
                        || !TrendData.Close(byMeasure["work_connectedness"].CiHigh, area.WorkConnectednessCiHigh)
                        || !TrendData.Close(byMeasure["people"].Value, area.People)
                        || !TrendData.Close(byMeasure["friending_bias"].Value, area.FriendingBias)
                        || !TrendData.Close(byMeasure["clustering"].Value, area.Clustering)
                        || !TrendData.Close(byMeasure["support_ratio"].Value, area.SupportRatio)
                        || !TrendData.Close(byMeasure["bridging_share"].Value, area.BridgingShare)
                        || !TrendData.Close(byMeasure["cross_area_share"].Value, area.CrossAreaShare)
                        || !TrendData.Close(byMeasure["assortativity_work"].Value, area.AssortativityWork)
                        || !TrendData.Close(byMeasure["mean_constraint"].Value, area.MeanConstraint))
                        return false;
                }
            }
            return true;
        });

    [Property(MaxTest = 60)]
    public Property Compute_ChangeSplit_AddsUpToTheChange() =>
        Prop.ForAll(TrendData.DatedDatasets, Gen.Choose(1, 12).ToArbitrary(), (dataset, months) =>
        {
            var rows = Trends.Compute(dataset, new TrendOptions
            {
                From = TrendData.Start, To = TrendData.Start.AddMonths(24), Every = new TrendPeriod(months, TrendUnit.Month),
                Areas = new AreaMetricsOptions { MinCellSize = 0, BootstrapResamples = 0 },
            });
            return rows.All(r => r.Date == TrendData.Start
                ? r.Change is null && r.TiesStarted is null && r.PeopleMoved is null
                : r.PeopleMoved == 0 && (r.Change is null || r.ChangeFromMoves == 0)
                    && TrendData.SplitAddsUp(r.Change, r.ChangeFromTiesStarted, r.ChangeFromTiesEnded));
        });

    [Property(MaxTest = 40)]
    public Property Compute_StateWithoutTheStartedTies_EqualsAFreshBuildOfTheTiesActiveOnBothDates() =>
        Prop.ForAll(TrendData.DatedDatasets, Gen.Choose(1, 12).ToArbitrary(), (dataset, months) =>
        {
            // The split's middle state, rebuilt by hand: the ties active on both dates, on the later date.
            var options = new TrendOptions
            {
                From = TrendData.Start, To = TrendData.Start.AddMonths(months), Every = new TrendPeriod(months, TrendUnit.Month),
                Areas = new AreaMetricsOptions { MinCellSize = 0, BootstrapResamples = 0 },
            };
            var (from, to) = (TrendData.Start, TrendData.Start.AddMonths(months));
            var both = Dataset.Create(dataset.Nodes, dataset.Ties.Where(t => !t.Kind.IsPersonToPerson() || (t.IsActiveOn(from) && t.IsActiveOn(to))));
            var fresh = AreaMetrics.Compute(both.ToGraph(new GraphOptions { AsOf = to }), options.Areas).ToDictionary(a => a.Area);
            return Trends.Compute(dataset, options).Where(r => r.Date == to && r.Measure is "mean_constraint" or "clustering" or "bridging_share")
                .All(r => fresh.TryGetValue(r.Area, out var a) && TrendData.Close(
                    r.Value - r.ChangeFromTiesStarted,
                    r.Measure switch { "mean_constraint" => a.MeanConstraint, "clustering" => a.Clustering, _ => a.BridgingShare }));
        });

    [Fact]
    public void Compute_APairsStrengthsOverflowingOnALaterDate_NamesThePair()
    {
        var later = TrendData.Start.AddMonths(3);
        var dataset = Dataset.Create([new NodeRecord("a", NodeKind.Citizen) { Area = "A" }, new NodeRecord("b", NodeKind.Citizen) { Area = "A" }],
        [
            new TieRecord("a", "b", TieKind.Friend) { Strength = 1e308 },
            new TieRecord("a", "b", TieKind.Colleague) { Strength = 1e308, Since = later },
        ]);
        var e = Assert.Throws<DataValidationException>(() => Trends.Compute(dataset, Quarterly(later)));
        var problem = Assert.Single(e.Problems);
        Assert.Equal("strength", problem.Column);
        Assert.StartsWith("the active ties between a and b add up", problem.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Compute_APersonsStrengthsOverflowingOnALaterDate_NamesThePerson()
    {
        var later = TrendData.Start.AddMonths(3);
        var dataset = Dataset.Create([.. new[] { "a", "b", "c" }.Select(id => new NodeRecord(id, NodeKind.Citizen) { Area = "A" })],
        [
            new TieRecord("a", "b", TieKind.Friend) { Strength = 1e308 },
            new TieRecord("a", "c", TieKind.Friend) { Strength = 1e308, Since = later },
        ]);
        var e = Assert.Throws<DataValidationException>(() => Trends.Compute(dataset, Quarterly(later)));
        Assert.Contains("the active ties of a add up", Assert.Single(e.Problems).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Compute_EmptyDataset_NoRows() =>
        Assert.Empty(Trends.Compute(Dataset.Create([], []), Quarterly(TrendData.Start.AddMonths(3))));

    private static TrendOptions Quarterly(DateOnly to) => new()
    {
        From = TrendData.Start, To = to, Every = new TrendPeriod(3, TrendUnit.Month),
        Areas = new AreaMetricsOptions { MinCellSize = 0, BootstrapResamples = 0 },
    };

    [Fact]
    public void Compute_ToyTieEndingAndStarting_SplitAndCountsByHand()
    {
        // Toy, with 0–2 (inside A) ending on 2024-02-01 and 1–8 (A–C) starting then: A's bridging share goes from
        // 2/5 (0–2, 1–2 of 0–1, 0–2, 1–2, 1–8, 2–3 … without 1–8: 2/4) to 1/4 (1–2 of 0–1, 1–2, 1–8, 2–3).
        var rows = Trends.Compute(TrendData.ToyTieEndingAndStarting(), new TrendOptions
        {
            From = TrendData.Start, To = new DateOnly(2024, 3, 15), Every = new TrendPeriod(1, TrendUnit.Month), Measures = ["bridging_share"],
            Areas = new AreaMetricsOptions { MinCellSize = 0, BootstrapResamples = 0 },
        });
        Assert.Equal(9, rows.Count); // three dates × areas A, B, C
        var a = rows.Where(r => r.Area == "A").ToArray();
        Assert.Equal([0.5, 0.25, 0.25], a.Select(r => r.Value!.Value));
        Assert.Equal(-0.25, a[1].Change!.Value, 12);
        // Without 0–2 and before 1–8: 1–2 bridging of 0–1, 1–2, 2–3 → 1/3.
        Assert.Equal(1.0 / 3 - 0.5, a[1].ChangeFromTiesEnded!.Value, 12);
        Assert.Equal(0.25 - 1.0 / 3, a[1].ChangeFromTiesStarted!.Value, 12);
        Assert.Equal((1, 1), (a[1].TiesEnded, a[1].TiesStarted));
        Assert.Equal((0, 0), (a[2].TiesEnded, a[2].TiesStarted));
        var c = rows.Single(r => r.Area == "C" && r.Date == TrendData.ToyChange);
        Assert.Equal((0, 1), (c.TiesEnded, c.TiesStarted));
    }

    [Fact]
    public void Compute_SmallAreas_SuppressedWithTheirCounts()
    {
        var rows = Trends.Compute(DatasetReader.Read(TestData.Sample("toy")), new TrendOptions { From = TrendData.Start, To = TrendData.Start.AddMonths(2) });
        Assert.All(rows, r => Assert.True(r.Suppressed && r.Value is null && r.Change is null && r.TiesStarted is null && r.PeopleMoved is null));
    }

    [Theory]
    [InlineData("1m", 1, TrendUnit.Month)]
    [InlineData("3m", 3, TrendUnit.Month)]
    [InlineData("2w", 2, TrendUnit.Week)]
    [InlineData("14d", 14, TrendUnit.Day)]
    [InlineData("1y", 1, TrendUnit.Year)]
    public void TrendPeriod_Valid_Parses(string text, int count, TrendUnit unit)
    {
        Assert.True(TrendPeriod.TryParse(text, out var period));
        Assert.Equal(new TrendPeriod(count, unit), period);
        Assert.Equal(text, period.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("m")]
    [InlineData("0m")]
    [InlineData("-1m")]
    [InlineData("3 m")]
    [InlineData("3q")]
    [InlineData("1.5m")]
    [InlineData("1001d")]
    public void TrendPeriod_Invalid_Refused(string text) => Assert.False(TrendPeriod.TryParse(text, out _));

    [Fact]
    public void Dates_MonthlyFromTheThirtyFirst_CountedFromTheStart()
    {
        var options = new TrendOptions { From = new DateOnly(2024, 1, 31), To = new DateOnly(2024, 4, 30) };
        Assert.Equal([new DateOnly(2024, 1, 31), new DateOnly(2024, 2, 29), new DateOnly(2024, 3, 31), new DateOnly(2024, 4, 30)], options.Dates());
        Assert.Equal(9, new TrendOptions { From = TrendData.Start, To = new DateOnly(2026, 1, 1), Every = new TrendPeriod(3, TrendUnit.Month) }.Dates().Count);
    }

    [Fact]
    public void Compute_BadOptions_EveryProblemNamed()
    {
        var e = Assert.Throws<InvalidOptionsException>(() => Trends.Compute(DatasetReader.Read(TestData.Sample("toy")),
            new TrendOptions { From = TrendData.Start, To = TrendData.Start.AddDays(-1), Measures = ["happiness"] }));
        Assert.Contains("To", e.Message, StringComparison.Ordinal);
        Assert.Contains("happiness", e.Message, StringComparison.Ordinal);
    }

}
