using SocialCapital.Graph;
using SocialCapital.Model;
using SocialCapital.Recommendations;

namespace SocialCapital.Tests.Recommendations;

public class GroupSuggestionsTests
{
    /// <summary>Citizen c (area X, friend of a1) and four groups: open (X, a1 and an in-work high-SES member),
    /// far (Y, free), full (capacity reached), unknown (no capacity), and mine (c is already a member).</summary>
    private static SocialGraph Fixture() => new SocialGraphBuilder()
        .AddNodes([
            TestData.Citizen("c", "X", Employment.Unemployed, 0.2),
            TestData.Citizen("a1", "X", Employment.Employed, 0.8),
            TestData.Citizen("a2", "X", Employment.Unemployed, 0.3),
            new NodeRecord("open", NodeKind.PeerGroup) { Area = "X", Capacity = 5 },
            new NodeRecord("far", NodeKind.PeerGroup) { Area = "Y", Capacity = 5 },
            new NodeRecord("full", NodeKind.PeerGroup) { Area = "X", Capacity = 1 },
            new NodeRecord("unknown", NodeKind.PeerGroup) { Area = "X" },
            new NodeRecord("mine", NodeKind.PeerGroup) { Area = "X", Capacity = 9 },
        ])
        .AddTies([
            TestData.Friend("c", "a1"),
            new TieRecord("a1", "open", TieKind.Membership), new TieRecord("a2", "open", TieKind.Membership),
            new TieRecord("a2", "full", TieKind.Membership), new TieRecord("c", "mine", TieKind.Membership),
        ])
        .Build(new GraphOptions { AsOf = new DateOnly(2026, 1, 1) });

    [Fact]
    public void ForCitizen_OnlyGroupsWithAFreePlaceTheCitizenIsNotIn()
    {
        var suggestions = GroupSuggestions.ForCitizen(Fixture(), "c", top: 0);
        Assert.Equal(["open", "far"], suggestions.Select(s => s.Group));
        var open = suggestions[0];
        Assert.Equal((1, 0.5, 1 - Math.Exp(-1), 1.0, 3), (open.Rank, open.Exposure, open.Contacts, open.Locality, open.FreePlaces));
        Assert.Equal(0.4 * 0.5 + 0.3 * (1 - Math.Exp(-1)) + 0.3, open.Score, 12);
        Assert.Equal(["1 of 2 members in work", "1 of your contacts is a member: a1", "in your area (X)", "3 of 5 places free"], open.Reasons);
        Assert.Equal(["5 of 5 places free"], suggestions[1].Reasons);
    }

    [Fact]
    public void ForCitizen_NotACitizen_Throws()
    {
        var graph = Fixture();
        Assert.Contains("is a peer_group, not a citizen", Assert.Throws<WrongNodeKindException>(() => GroupSuggestions.ForCitizen(graph, "open")).Message, StringComparison.Ordinal);
        Assert.Throws<UnknownNodeException>(() => GroupSuggestions.ForCitizen(graph, "nobody"));
        Assert.Throws<InvalidOptionsException>(() => GroupSuggestions.ForCitizen(graph, "c", top: -2));
    }
}
