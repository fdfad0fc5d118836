using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using SocialCapital.Graph;
using SocialCapital.Interchange;
using SocialCapital.Live;
using SocialCapital.Metrics;
using SocialCapital.Model;

namespace SocialCapital.Tests.Live;

/// <summary><see cref="PersonTrends.Compute"/>: every date equals the person measures of a fresh build at that date; the
/// change split adds up; bad ids and options are named.</summary>
public class PersonTrendsTests
{
    private static readonly DateOnly Start = TrendsTests.Start;

    [Property(MaxTest = 60)]
    public Property Compute_EveryDate_EqualsAFreshBuildOnThatDate() =>
        Prop.ForAll(TrendsTests.DatedDatasets, Gen.Choose(1, 8).ToArbitrary(), Gen.Choose(0, 1000).ToArbitrary(), (dataset, months, pick) =>
        {
            var people = dataset.Nodes.Where(n => n.IsPerson).Select(n => n.Id).ToArray();
            if (people.Length == 0) return true;
            string[] asked = [people[pick % people.Length], people[(pick * 7 + 3) % people.Length]];
            var options = new TrendOptions { From = Start, To = Start.AddMonths(24), Every = new TrendPeriod(months, TrendUnit.Month) };
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
                    if (!TrendsTests.Close(byMeasure["degree"].Value, expected.Degree)
                        || !TrendsTests.Close(byMeasure["strength"].Value, expected.Strength)
                        || !TrendsTests.Close(byMeasure["bridging"].Value, expected.Bridging)
                        || !TrendsTests.Close(byMeasure["clustering"].Value, expected.Clustering)
                        || !TrendsTests.Close(byMeasure["constraint"].Value, expected.Constraint)
                        || !TrendsTests.Close(byMeasure["effective_size"].Value, expected.EffectiveSize)
                        || !TrendsTests.Close(byMeasure["hierarchy"].Value, expected.Hierarchy)
                        || !TrendsTests.Close(byMeasure["ei_work"].Value, expected.EiWork)
                        || !TrendsTests.Close(byMeasure["economic_connectedness"].Value, expected.EconomicConnectedness)
                        || !TrendsTests.Close(byMeasure["work_connectedness"].Value, expected.WorkConnectedness))
                        return false;
                }
            }
            return rows.All(r => r.Date == Start
                ? r.Change is null && r.TiesStarted is null
                : r.ChangeFromTiesStarted is not { } s || r.ChangeFromTiesEnded is not { } e || Math.Abs(s + e - r.Change!.Value) <= 1e-9);
        });

    [Fact]
    public void Compute_ToyTieEndingAndStarting_SplitAndCountsByHand()
    {
        // Person 1 of the toy: 1–8 starts on 2024-02-01, nothing of theirs ends; person 0 loses 0–2 then.
        var toy = DatasetReader.Read(TestData.Sample("toy"));
        var ties = toy.Ties.Select(t => (t.Source, t.Target) switch
        {
            ("0", "2") => t with { Until = new DateOnly(2024, 2, 1) },
            ("1", "8") => t with { Since = new DateOnly(2024, 2, 1) },
            _ => t,
        });
        var dataset = Dataset.Create(toy.Nodes, ties);
        var rows = PersonTrends.Compute(dataset, ["1", "0"], new TrendOptions
        {
            From = Start, To = new DateOnly(2024, 3, 15), Every = new TrendPeriod(1, TrendUnit.Month), Measures = ["degree"],
        });
        Assert.Equal(6, rows.Count); // three dates × two people, in the order asked
        Assert.Equal(["1", "0", "1", "0", "1", "0"], rows.Select(r => r.Id));
        var one = rows.Where(r => r.Id == "1").ToArray();
        var degree = PersonMetrics.Of(toy.ToGraph(new GraphOptions { AsOf = Start }), toy.ToGraph().IndexOf("1")).Degree;
        Assert.Equal(degree - 1, one[0].Value);
        Assert.Equal(degree, one[1].Value);
        Assert.Equal((1.0, 0.0, 1.0), (one[1].Change!.Value, one[1].ChangeFromTiesEnded!.Value, one[1].ChangeFromTiesStarted!.Value));
        Assert.Equal((0, 1), (one[1].TiesEnded, one[1].TiesStarted));
        var zero = rows.Where(r => r.Id == "0").ToArray();
        Assert.Equal((-1.0, -1.0, 0.0), (zero[1].Change!.Value, zero[1].ChangeFromTiesEnded!.Value, zero[1].ChangeFromTiesStarted!.Value));
        Assert.Equal((1, 0), (zero[1].TiesEnded, zero[1].TiesStarted));
    }

    [Fact]
    public void Compute_UnknownId_Named()
    {
        var e = Assert.Throws<UnknownNodeException>(() => PersonTrends.Compute(DatasetReader.Read(TestData.Sample("toy")), ["nobody"],
            new TrendOptions { From = Start, To = Start.AddMonths(1) }));
        Assert.Contains("nobody", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compute_AreaMeasureOrNoPeople_EveryProblemNamed()
    {
        var toy = DatasetReader.Read(TestData.Sample("toy"));
        var e = Assert.Throws<InvalidOptionsException>(() => PersonTrends.Compute(toy, [],
            new TrendOptions { From = Start, To = Start.AddMonths(1), Measures = ["bridging_share"] }));
        Assert.Contains("People", e.Message, StringComparison.Ordinal);
        Assert.Contains("bridging_share", e.Message, StringComparison.Ordinal);
    }
}
