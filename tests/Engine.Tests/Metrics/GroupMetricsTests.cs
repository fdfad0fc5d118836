using SocialCapital.Graph;
using SocialCapital.Metrics;
using SocialCapital.Model;

namespace SocialCapital.Tests.Metrics;

public class GroupMetricsTests
{
    /// <summary>A group of 10: 4 in work (high SES), 4 out of work (low SES), 1 student, 1 unknown; capacity 12.
    /// Low-SES member m4 knows two members, one high-SES, and one outsider.</summary>
    private static SocialGraph Club(int capacity = 12)
    {
        var people = new List<NodeRecord>();
        for (var i = 0; i < 4; i++) people.Add(TestData.Citizen($"m{i}", "X", Employment.Employed, 0.8));
        for (var i = 4; i < 8; i++) people.Add(TestData.Citizen($"m{i}", "X", Employment.Unemployed, 0.2));
        people.Add(TestData.Citizen("m8", "X", Employment.Student, null));
        people.Add(TestData.Citizen("m9", "X"));
        people.Add(TestData.Citizen("out", "X", Employment.Employed, 0.9));
        var ties = people.Where(p => p.Id != "out").Select(p => new TieRecord(p.Id, "club", TieKind.Membership)).ToList();
        ties.AddRange([TestData.Friend("m4", "m0"), TestData.Friend("m4", "m5"), TestData.Friend("m4", "out")]);
        return new SocialGraphBuilder().AddNodes(people).AddNode(new NodeRecord("club", NodeKind.PeerGroup) { Area = "X", Capacity = capacity })
            .AddTies(ties).Build();
    }

    [Fact]
    public void Compute_Club_MeasuresByHand()
    {
        var g = Assert.Single(GroupMetrics.Compute(Club()));
        Assert.Equal(("club", "X", 10, false), (g.Id, g.Area, g.Members!.Value, g.Suppressed));
        Assert.Equal(2 * 4.0 / 8, g.Exposure.OrNaN(), 12);                 // 4 high of 8 with known SES
        Assert.Equal(4.0 / 9, g.InWorkShare.OrNaN(), 12);                  // 4 in work of 9 with known status
        Assert.Equal(1 - (16.0 + 16 + 1) / 81, g.BlauWork.OrNaN(), 12);    // groups 4, 4, 1 of 9
        Assert.Equal(2, g.FreePlaces);
        // Low-SES members with member contacts of known SES: m4 (m0 high, m5 low → 0.5) and m5 (m4 low → 0);
        // for each, 4 of the 7 other members of known SES are high: FB = mean(1 − 0.5/(4/7), 1 − 0).
        Assert.Equal(((1 - 0.5 / (4.0 / 7)) + 1) / 2, g.FriendingBias.OrNaN(), 12);
    }

    [Fact]
    public void Compute_SmallGroup_IsSuppressedAndHidesFreePlaces()
    {
        var g = Assert.Single(GroupMetrics.Compute(Club(), new AreaMetricsOptions { MinCellSize = 11 }));
        Assert.True(g.Suppressed);
        Assert.Null(g.Members);
        Assert.Null(g.FreePlaces);
        Assert.True(double.IsNaN(g.Exposure.OrNaN()) && double.IsNaN(g.FriendingBias.OrNaN()) && double.IsNaN(g.BlauWork.OrNaN()) && double.IsNaN(g.InWorkShare.OrNaN()));
    }

    [Fact]
    public void Compute_OverCapacity_GivesNegativeFreePlaces()
    {
        Assert.Equal(-2, Assert.Single(GroupMetrics.Compute(Club(capacity: 8))).FreePlaces);
    }
}
