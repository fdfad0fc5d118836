using SocialCapital.Graph;
using SocialCapital.Model;

namespace SocialCapital.Tests.Graph;

/// <summary>The coaching history: spells by citizen (by start, unknown first), contacts by date, citizens by coach, the
/// current spell and who has coached whom.</summary>
public class CoachingHistoryTests
{
    private static DateOnly D(int month, int day) => new(2026, month, day);

    private static readonly CoachingHistory History = CoachingHistory.Of(
        [
            new TieRecord("k2", "c1", TieKind.Coaching) { Since = D(5, 1) },
            new TieRecord("k1", "c1", TieKind.Coaching) { Since = D(2, 1) },
            new TieRecord("k3", "c1", TieKind.Coaching) { Since = D(5, 1), Until = D(7, 1) },
            new TieRecord("k1", "c2", TieKind.Coaching),
            new TieRecord("k1", "c3", TieKind.Friend),
            new TieRecord("k1", "c4", TieKind.Coaching) { Since = D(9, 1) },
        ],
        [
            new ContactRecord("k2", "c1", D(6, 1), ContactChannel.Video),
            new ContactRecord("k3", "c1", D(3, 1), ContactChannel.Phone),
            new ContactRecord("k4", "c5", D(1, 1), ContactChannel.Message),
        ]);

    [Fact]
    public void SpellsOf_SeveralSpells_ByStartThenCoach()
    {
        Assert.Equal(
            [new CoachingSpell("k1", D(2, 1), null), new CoachingSpell("k2", D(5, 1), null), new CoachingSpell("k3", D(5, 1), D(7, 1))],
            History.SpellsOf("c1").ToArray());
        Assert.Equal([new CoachingSpell("k1", null, null)], History.SpellsOf("c2").ToArray());
        Assert.True(History.SpellsOf("c3").IsEmpty); // a friendship is no coaching
        Assert.True(History.SpellsOf("nobody").IsEmpty);
    }

    [Fact]
    public void ContactsOf_Citizen_ByDate()
    {
        Assert.Equal([D(3, 1), D(6, 1)], History.ContactsOf("c1").ToArray().Select(c => c.Date));
        Assert.True(History.ContactsOf("c2").IsEmpty);
    }

    [Fact]
    public void CitizensOf_Coach_CoachedOrMetInOrdinalOrder()
    {
        Assert.Equal(["c1", "c2", "c4"], History.CitizensOf("k1").ToArray());
        Assert.Equal(["c5"], History.CitizensOf("k4").ToArray()); // met without a coaching tie
        Assert.Equal(["c1", "c2", "c4", "c5"], History.Citizens.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void CurrentSpell_TwoRunningSpells_TheOneBegunLastThenTheLargerId()
    {
        Assert.Equal("k1", History.CurrentSpell("c1", D(4, 1))?.Coach);
        Assert.Equal("k3", History.CurrentSpell("c1", D(6, 1))?.Coach); // k2 and k3 both began 05-01: the larger id
        Assert.Equal("k2", History.CurrentSpell("c1", D(7, 1))?.Coach); // k3 ended the day before
        Assert.Null(History.CurrentSpell("c1", D(1, 1)));
        Assert.Equal("k1", History.CurrentSpell("c2", D(1, 1))?.Coach); // unknown start: always was
        Assert.Null(History.CurrentSpell("c4", D(8, 31))); // a future spell is not yet
        Assert.Equal("k1", History.CurrentSpellWhere("c1", D(6, 1), coach => coach == "k1")?.Coach); // only the spells counted
    }

    [Fact]
    public void HasCoached_SpellOrContactByTheDay()
    {
        Assert.True(History.HasCoached("k3", "c1", D(3, 1))); // met on 03-01, before their spell
        Assert.False(History.HasCoached("k3", "c1", D(2, 28)));
        Assert.True(History.HasCoached("k1", "c2", D(1, 1)));
        Assert.False(History.HasCoached("k1", "c4", D(8, 31)));
        Assert.False(History.HasCoached("k9", "c1", D(12, 1)));
    }

    [Fact]
    public void Empty_HasNothing()
    {
        Assert.Empty(CoachingHistory.Empty.Citizens);
        Assert.Null(CoachingHistory.Empty.CurrentSpell("c1", D(1, 1)));
    }
}
