using SocialCapital.Graph;
using SocialCapital.Model;
using SocialCapital.Recommendations;

namespace SocialCapital.Tests.Recommendations;

public class IntroductionsTests
{
    /// <summary>c wants health. Two 2-hop paths reach workers at employer h: c–f (1)–w1 (3) and c–g (2)–w2 (2); the
    /// second's weakest tie is stronger. r is retail (not a goal); full is health with no vacancy.</summary>
    private static SocialGraph Fixture() => new SocialGraphBuilder()
        .AddNodes([
            new NodeRecord("c", NodeKind.Citizen) { Goals = ["health"] },
            TestData.Citizen("f"), TestData.Citizen("g"), TestData.Citizen("w1"), TestData.Citizen("w2"), TestData.Citizen("w3"),
            new NodeRecord("h", NodeKind.Employer) { Sector = "health", Capacity = 2 },
            new NodeRecord("r", NodeKind.Employer) { Sector = "retail", Capacity = 4 },
            new NodeRecord("full", NodeKind.Employer) { Sector = "health", Capacity = 0 },
        ])
        .AddTies([
            TestData.Friend("c", "f", 1), TestData.Friend("f", "w1", 3), TestData.Friend("c", "g", 2), TestData.Friend("g", "w2", 2),
            TestData.Friend("c", "w3"),
            new TieRecord("w1", "h", TieKind.Employment), new TieRecord("w2", "h", TieKind.Employment),
            new TieRecord("w3", "r", TieKind.Employment), new TieRecord("w3", "full", TieKind.Employment),
        ])
        .Build(new GraphOptions { AsOf = new DateOnly(2026, 1, 1) });

    [Fact]
    public void ForCitizen_ShortestThenStrongestPathToAGoalEmployerWithVacancies()
    {
        var intro = Assert.Single(Introductions.ForCitizen(Fixture(), "c"));
        Assert.Equal(("h", 2, 2.0), (intro.Employer, intro.Hops, intro.Strength));
        Assert.Equal(["c", "g", "w2"], intro.Path);
        Assert.Equal(["w2 works at h, through g", "hiring in health — a goal", "2 vacancies"], intro.Reasons);
        Assert.Empty(Introductions.ForCitizen(Fixture(), "c", maxHops: 1)); // only w3 is one hop away, at non-goal employers
    }

    [Fact]
    public void ForEmployer_CitizensWhoseGoalsFitWithThePathFromTheirSide()
    {
        var intro = Assert.Single(Introductions.ForEmployer(Fixture(), "h"));
        Assert.Equal("c", intro.Citizen);
        Assert.Equal(["c", "g", "w2"], intro.Path);
        Assert.Empty(Introductions.ForEmployer(Fixture(), "r")); // nobody wants retail
    }

    [Fact]
    public void Introductions_WrongKindOrHops_Throw()
    {
        var graph = Fixture();
        Assert.Contains("is an employer, not a citizen", Assert.Throws<WrongNodeKindException>(() => Introductions.ForCitizen(graph, "h")).Message, StringComparison.Ordinal);
        Assert.Contains("is a citizen, not an employer", Assert.Throws<WrongNodeKindException>(() => Introductions.ForEmployer(graph, "c")).Message, StringComparison.Ordinal);
        Assert.Throws<InvalidOptionsException>(() => Introductions.ForCitizen(graph, "c", maxHops: 0));
    }
}
