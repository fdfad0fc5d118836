using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using SocialCapital.Graph;
using SocialCapital.Interchange;
using SocialCapital.Metrics;
using SocialCapital.Model;
using SocialCapital.Recommendations;
using SocialCapital.Tests.Properties;

namespace SocialCapital.Tests.Recommendations;

public class WhatIfTests
{
    private static readonly WhatIfOptions NoSuppression = new() { Areas = new AreaMetricsOptions { MinCellSize = 0 }, Graph = new GraphOptions { AsOf = new DateOnly(2026, 1, 1) } };

    [Fact]
    public void Evaluate_EmptyChange_IsZeroEverywhere()
    {
        var changes = WhatIf.Evaluate(Dataset.Load(TestData.Sample("toy")), [], NoSuppression);
        Assert.Equal(["A", "B", "C"], changes.Select(c => c.Area));
        Assert.All(changes, c =>
        {
            Assert.Equal(c.EconomicConnectednessBefore.OrNaN(), c.EconomicConnectednessAfter.OrNaN());
            Assert.Equal(c.WorkConnectednessBefore.OrNaN(), c.WorkConnectednessAfter.OrNaN());
            Assert.Equal(c.BridgingShareBefore.OrNaN(), c.BridgingShareAfter.OrNaN());
            Assert.Equal(0, c.GainingInWorkContact);
            Assert.Equal(0, c.ExtraMovesIntoWork.OrNaN());
        });
    }

    [Fact]
    public void Evaluate_InWorkContactForOutOfWorkResident_RaisesWorkConnectedness()
    {
        // Toy person 8 (area C) is out of work with no in-work contact; 3 (area B) is in work.
        var change = WhatIf.Evaluate(Dataset.Load(TestData.Sample("toy")), [TestData.Friend("8", "3")], NoSuppression).Single(c => c.Area == "C");
        Assert.True(change.WorkConnectednessAfter.OrNaN() > change.WorkConnectednessBefore.OrNaN());
        Assert.Equal(1, change.GainingInWorkContact);
        Assert.Equal(0.10 * 0.15, change.ExtraMovesIntoWork.OrNaN(), 12); // p0 · ((1 + 0.15)^1 − 1)
        Assert.True(change.EconomicConnectednessAfter.OrNaN() > change.EconomicConnectednessBefore.OrNaN());           // 3 is high-SES
    }

    [Fact]
    public void Evaluate_TwoAddedContacts_CompoundTheEffect()
    {
        var options = NoSuppression with { EffectPerInWorkContact = 0.5, BaselineMoveRate = 0.2 };
        var change = WhatIf.Evaluate(Dataset.Load(TestData.Sample("toy")), [TestData.Friend("8", "3"), TestData.Friend("8", "5")], options)
            .Single(c => c.Area == "C");
        Assert.Equal(0.2 * (1.5 * 1.5 - 1), change.ExtraMovesIntoWork.OrNaN(), 12);
    }

    [Fact]
    public void Evaluate_InvalidProposedTie_NamesIt()
    {
        var e = Assert.Throws<DataValidationException>(() =>
            WhatIf.Evaluate(Dataset.Load(TestData.Sample("toy")), [TestData.Friend("8", "3"), TestData.Friend("8", "ghost")], NoSuppression));
        Assert.Equal(("proposed tie #2", "target"), (e.Problems[0].Source, e.Problems[0].Column!));
    }

    [Fact]
    public void Evaluate_SmallAreas_StaySuppressed()
    {
        var changes = WhatIf.Evaluate(Dataset.Load(TestData.Sample("toy")), [TestData.Friend("8", "3")], NoSuppression with { Areas = new AreaMetricsOptions() });
        Assert.All(changes, c => Assert.True(c.Suppressed && c.GainingInWorkContact is null && double.IsNaN(c.ExtraMovesIntoWork.OrNaN()) && double.IsNaN(c.WorkConnectednessAfter.OrNaN())));
    }

    [Fact]
    public void AssignmentFile_Read_ValidatesIdsAndKinds()
    {
        var city = Dataset.Create(
            [TestData.Citizen("c1"), TestData.Citizen("c2"), new NodeRecord("m1", NodeKind.Mentor) { Capacity = 1 }], []);
        var pairs = AssignmentFile.Read(new StringReader("citizen,mentor,score\nc1,m1,0.5\n"), city);
        Assert.Equal([("c1", "m1")], pairs);
        var e = Assert.Throws<DataValidationException>(() =>
            AssignmentFile.Read(new StringReader("citizen,mentor\nm1,m1\nc2,zz\nc1\n"), city, "plan.csv"));
        Assert.Equal(3, e.TotalCount);
        Assert.Contains(e.Problems, p => p is { Source: "plan.csv", Line: 2, Column: "citizen" } && p.Reason.Contains("is a mentor, not a citizen", StringComparison.Ordinal));
        Assert.Contains(e.Problems, p => p is { Line: 3, Column: "mentor", Value: "zz" });
        Assert.Contains(e.Problems, p => p is { Line: 4 } && p.Reason.Contains("fields", StringComparison.Ordinal));
        Assert.Throws<DataValidationException>(() => AssignmentFile.Read(new StringReader("who,whom\n"), city));
    }

    /// <summary>The what-if edits the graph it is given and measures again only the people the ties change; a build of the
    /// records with the ties appended, with the live graph's full pass and update (<see cref="LiveMeasures"/>), gives the
    /// same graph and, to the bit, the same rows.</summary>
    [Property(MaxTest = 150)]
    public Property Evaluate_GivenGraph_SameAsRebuildingItWithTheTies() =>
        Prop.ForAll(RandomDatasets.Arbitrary(), Gen.Choose(0, int.MaxValue - 1).ToArbitrary(), (dataset, seed) =>
        {
            var random = new Random(seed);
            var options = NoSuppression with { Areas = new AreaMetricsOptions { MinCellSize = random.Next(3), BootstrapResamples = 0 } };
            var proposed = RandomTies(dataset, random);
            var before = dataset.ToGraph(options.Graph);
            Dataset withTies;
            try
            {
                withTies = Dataset.Create(dataset.Nodes, [.. dataset.Ties, .. proposed]);
            }
            catch (DataValidationException)
            {
                Assert.Throws<DataValidationException>(() => WhatIf.Evaluate(dataset, proposed, options, before));
                return;
            }
            var changes = WhatIf.Evaluate(dataset, proposed, options, before);
            var rebuilt = withTies.ToGraph(options.Graph);

            var (edited, changed) = WhatIf.WithTies(dataset, before, [.. proposed], default);
            foreach (var node in dataset.Nodes)
            {
                int u = edited.IndexOf(node.Id), r = rebuilt.IndexOf(node.Id);
                Assert.Equal(rebuilt.Neighbors(r).ToArray(), edited.Neighbors(u).ToArray()); // the same nodes, so the same indices
                Assert.Equal(rebuilt.Strengths(r).ToArray(), edited.Strengths(u).ToArray());
                Assert.Equal(rebuilt.ContactKinds(r).ToArray(), edited.ContactKinds(u).ToArray());
                Assert.Equal(rebuilt.TieClasses(r).ToArray(), edited.TieClasses(u).ToArray());
                Assert.Equal(rebuilt.PlacesOf(r).ToArray(), edited.PlacesOf(u).ToArray());
                Assert.Equal(rebuilt.Mentoring.HasCurrentMentor(r), edited.Mentoring.HasCurrentMentor(u));
                Assert.Equal(rebuilt.Mentoring.CurrentMentees(r), edited.Mentoring.CurrentMentees(u));
                Assert.Equal(rebuilt.Mentoring.LastPairing(r), edited.Mentoring.LastPairing(u));
            }

            var live = LiveMeasures.Create(before, options.Areas);
            var liveAfter = live.Apply(before, rebuilt, changed).Areas.ToDictionary(a => a.Area);
            Assert.Equal(live.Areas.Select(a => a.Area), changes.Select(c => c.Area));
            foreach (var (b, change) in live.Areas.Zip(changes))
            {
                var a = liveAfter[b.Area];
                Assert.Equal(b.Suppressed, change.Suppressed);
                if (b.Suppressed) continue;
                Assert.Equal((b.EconomicConnectedness, b.WorkConnectedness, b.BridgingShare),
                    (change.EconomicConnectednessBefore, change.WorkConnectednessBefore, change.BridgingShareBefore));
                Assert.Equal((a.EconomicConnectedness, a.WorkConnectedness, a.BridgingShare),
                    (change.EconomicConnectednessAfter, change.WorkConnectednessAfter, change.BridgingShareAfter));
            }
            var people = PersonMetrics.Compute(before);
            var peopleAfter = PersonMetrics.Compute(rebuilt);
            var gaining = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var node in dataset.Nodes)
            {
                var u = before.IndexOf(node.Id);
                if (!before.IsPerson(u) || node.Area is null || before.WorkStatus(u) != WorkStatus.OutOfWork) continue;
                if (peopleAfter.ForNode(u).InWorkContacts > people.ForNode(u).InWorkContacts) gaining[node.Area] = gaining.GetValueOrDefault(node.Area) + 1;
            }
            foreach (var change in changes.Where(c => !c.Suppressed))
                Assert.Equal(gaining.GetValueOrDefault(change.Area), change.GainingInWorkContact);
        });

    /// <summary>A few valid ties between the dataset's people (a mentoring tie from a mentor), a membership or employment
    /// now and then, some of them dated so that they are not active on the analysis date.</summary>
    private static List<TieRecord> RandomTies(Dataset dataset, Random random)
    {
        TieKind[] kinds = [TieKind.Friend, TieKind.Family, TieKind.Acquaintance, TieKind.Colleague, TieKind.Mentoring, TieKind.Referral];
        var people = dataset.Nodes.Where(n => n.IsPerson).ToArray();
        var ties = new List<TieRecord>();
        if (people.Length < 2) return ties;
        for (var t = random.Next(0, 5); t > 0; t--)
        {
            var (a, b) = (people[random.Next(people.Length)], people[random.Next(people.Length)]);
            if (a.Id == b.Id) continue;
            var tie = random.Next(6) == 0
                ? new TieRecord(a.Id, random.Next(2) == 0 ? "group" : "employer", random.Next(2) == 0 ? TieKind.Membership : TieKind.Employment)
                : new TieRecord(a.Id, b.Id, kinds[random.Next(kinds.Length)]) { Strength = random.Next(3) + 0.25 };
            if (tie.Kind == TieKind.Mentoring && a.Kind != NodeKind.Mentor) tie = tie with { Kind = TieKind.Friend };
            if (random.Next(5) == 0) tie = tie with { Since = new DateOnly(2026, 6, 1) };
            ties.Add(tie);
        }
        return ties;
    }
}
