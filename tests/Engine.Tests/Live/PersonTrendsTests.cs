using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using SocialCapital.Graph;
using SocialCapital.Interchange;
using SocialCapital.Live;
using SocialCapital.Metrics;
using SocialCapital.Model;

namespace SocialCapital.Tests.Live;

/// <summary><see cref="PersonTrends"/>: every date equals the person measures of a fresh build at that date; the
/// change split adds up; bad ids and options are named.</summary>
public class PersonTrendsTests
{
    [Property(MaxTest = 60)]
    public Property Compute_EveryDate_EqualsAFreshBuildOnThatDate() =>
        Prop.ForAll(TrendData.DatedDatasets, Gen.Choose(1, 8).ToArbitrary(), Gen.Choose(0, 1000).ToArbitrary(), (dataset, months, pick) =>
        {
            var people = dataset.Nodes.Where(n => n.IsPerson).Select(n => n.Id).ToArray();
            if (people.Length == 0) return true;
            string[] asked = [people[pick % people.Length], people[(pick * 7 + 3) % people.Length]];
            var options = new TrendOptions { From = TrendData.Start, To = TrendData.Start.AddMonths(24), Every = new TrendPeriod(months, TrendUnit.Month) };
            var rows = PersonTrends.Compute(dataset, asked, options);
            foreach (var date in options.Dates())
            {
                var fresh = PersonMetrics.Compute(dataset.ToGraph(new GraphOptions { AsOf = date }));
                var onDate = rows.Where(r => r.Date == date).ToLookup(r => r.Id);
                foreach (var id in asked.Distinct())
                {
                    var expected = fresh.People.Single(p => p.Id == id);
                    var byMeasure = onDate[id].ToDictionary(r => r.Measure);
                    if (byMeasure.Count != PersonTrends.Measures.Count) return false;
                    if (!TrendData.Close(byMeasure["degree"].Value, expected.Degree)
                        || !TrendData.Close(byMeasure["strength"].Value, expected.Strength)
                        || !TrendData.Close(byMeasure["bridging"].Value, expected.Bridging)
                        || !TrendData.Close(byMeasure["clustering"].Value, expected.Clustering)
                        || !TrendData.Close(byMeasure["constraint"].Value, expected.Constraint)
                        || !TrendData.Close(byMeasure["effective_size"].Value, expected.EffectiveSize)
                        || !TrendData.Close(byMeasure["hierarchy"].Value, expected.Hierarchy)
                        || !TrendData.Close(byMeasure["ei_work"].Value, expected.EiWork)
                        || !TrendData.Close(byMeasure["economic_connectedness"].Value, expected.EconomicConnectedness)
                        || !TrendData.Close(byMeasure["work_connectedness"].Value, expected.WorkConnectedness))
                        return false;
                }
            }
            return rows.All(r => r.Date == TrendData.Start
                ? r.Change is null && r.TiesStarted is null
                : TrendData.SplitAddsUp(r.Change, r.ChangeFromTiesStarted, r.ChangeFromTiesEnded));
        });

    [Fact]
    public void Compute_ToyTieEndingAndStarting_SplitAndCountsByHand()
    {
        // Person 1 of the toy: 1–8 starts on 2024-02-01, nothing of theirs ends; person 0 loses 0–2 then.
        var toy = DatasetReader.Read(TestData.Sample("toy"));
        var rows = PersonTrends.Compute(TrendData.ToyTieEndingAndStarting(), ["1", "0"], new TrendOptions
        {
            From = TrendData.Start, To = new DateOnly(2024, 3, 15), Every = new TrendPeriod(1, TrendUnit.Month), Measures = ["degree"],
        });
        Assert.Equal(6, rows.Count); // three dates × two people, in the order asked
        Assert.Equal(["1", "0", "1", "0", "1", "0"], rows.Select(r => r.Id));
        var one = rows.Where(r => r.Id == "1").ToArray();
        var degree = PersonMetrics.Of(toy.ToGraph(new GraphOptions { AsOf = TrendData.Start }), toy.ToGraph().IndexOf("1")).Degree;
        Assert.Equal(degree - 1, one[0].Value);
        Assert.Equal(degree, one[1].Value);
        Assert.Equal((1.0, 0.0, 1.0), (one[1].Change!.Value, one[1].ChangeFromTiesEnded!.Value, one[1].ChangeFromTiesStarted!.Value));
        Assert.Equal((0, 1), (one[1].TiesEnded, one[1].TiesStarted));
        var zero = rows.Where(r => r.Id == "0").ToArray();
        Assert.Equal((-1.0, -1.0, 0.0), (zero[1].Change!.Value, zero[1].ChangeFromTiesEnded!.Value, zero[1].ChangeFromTiesStarted!.Value));
        Assert.Equal((1, 0), (zero[1].TiesEnded, zero[1].TiesStarted));
    }

    [Fact]
    public void Compute_OneSourceForSeveralCalls_EachAsFromTheDataset()
    {
        var dataset = TrendData.ToyTieEndingAndStarting();
        var source = new PersonTrendSource(dataset);
        var options = new TrendOptions { From = TrendData.Start, To = new DateOnly(2024, 4, 1), Every = new TrendPeriod(1, TrendUnit.Month) };
        foreach (var id in new[] { "1", "0", "1", "8" })
            Assert.Equal(PersonTrends.Compute(dataset, [id], options), PersonTrends.Compute(source, [id], options));
        Assert.Same(dataset, source.Dataset);
        Assert.Throws<UnknownNodeException>(() => PersonTrends.Compute(source, ["nobody"], options));
    }

    [Fact]
    public void Compute_UnknownId_Named()
    {
        var e = Assert.Throws<UnknownNodeException>(() => PersonTrends.Compute(DatasetReader.Read(TestData.Sample("toy")), ["nobody"],
            new TrendOptions { From = TrendData.Start, To = TrendData.Start.AddMonths(1) }));
        Assert.Contains("nobody", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compute_AreaMeasureOrNoPeople_EveryProblemNamed()
    {
        var toy = DatasetReader.Read(TestData.Sample("toy"));
        var e = Assert.Throws<InvalidOptionsException>(() => PersonTrends.Compute(toy, [],
            new TrendOptions { From = TrendData.Start, To = TrendData.Start.AddMonths(1), Measures = ["bridging_share"] }));
        Assert.Contains("People", e.Message, StringComparison.Ordinal);
        Assert.Contains("bridging_share", e.Message, StringComparison.Ordinal);
    }
}
