using SocialCapital.Graph;
using SocialCapital.Model;

namespace SocialCapital.Tests.Graph;

/// <summary><see cref="CoachingHistory.CurrentSpell(string, DateOnly, string?)"/>: the current coach once a coach has gone.</summary>
public class CoachingHistoryCurrentSpellTests
{
    private static readonly DateOnly Day = new(2026, 12, 3);

    [Fact]
    public void CurrentSpell_Except_LeavesOutTheCoachsSpellsAndFallsBackToTheOtherRunningOne()
    {
        var history = CoachingHistory.Of(
            [
                new TieRecord("k1", "c1", TieKind.Coaching) { Since = Day.AddDays(-100) },
                new TieRecord("k2", "c1", TieKind.Coaching) { Since = Day.AddDays(-10) },
                new TieRecord("k3", "c1", TieKind.Coaching) { Since = Day.AddDays(-200), Until = Day.AddDays(-150) },
            ],
            []);
        Assert.Equal("k2", history.CurrentSpell("c1", Day)?.Coach);
        Assert.Equal("k2", history.CurrentSpell("c1", Day, null)?.Coach);
        Assert.Equal("k1", history.CurrentSpell("c1", Day, "k2")?.Coach);
        Assert.Equal("k2", history.CurrentSpell("c1", Day, "k1")?.Coach);
        Assert.Null(history.CurrentSpell("c1", Day.AddDays(-50), "k1")); // k2 has not begun, k3 has ended
        Assert.Null(history.CurrentSpell("nobody", Day, "k1"));
    }
}
