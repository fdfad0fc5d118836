using SocialCapital.Graph;
using SocialCapital.Interchange;
using SocialCapital.Metrics;
using SocialCapital.Model;
using SocialCapital.Recommendations;

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
}
