using SocialCapital.Graph;
using SocialCapital.Interchange;
using SocialCapital.Model;
using SocialCapital.Recommendations;

namespace SocialCapital.Tests.Recommendations;

/// <summary><see cref="MentorMatching.Explain"/>: "why not this mentor?" names the rule the ranking applies.</summary>
public class MentorExplanationTests
{
    private static readonly GraphOptions AsOf = MentorMatchingTests.AsOf;

    private static NodeRecord Mentor(string id) => MentorMatchingTests.Mentor(id);

    /// <summary>Citizen c and one mentor per hard rule: <see cref="MentorMatchingTests"/>' graph.</summary>
    private static SocialGraph Fixture() => MentorMatchingTests.Fixture();

    [Theory]
    [InlineData("m2", MentorRule.NoFreePlace, "no free place: m2 takes 1 mentee, has 1 now")]
    [InlineData("m6", MentorRule.NoFreePlace, "states no capacity")]
    [InlineData("m3", MentorRule.OtherArea, "m3 lives in Y, the citizen in X")]
    [InlineData("m4", MentorRule.PastOrCurrentMentor, "already paired")]
    [InlineData("m5", MentorRule.NoSharedLanguage, "the citizen speaks en, pl; m5 speaks fr")]
    public void Explain_IneligibleMentor_NamesTheRuleAndItsFacts(string mentor, MentorRule rule, string words)
    {
        var why = MentorMatching.Explain(Fixture(), "c", mentor);
        Assert.False(why.Eligible);
        Assert.Equal(rule, why.Rule);
        Assert.Contains(words, why.Why, StringComparison.Ordinal);
        Assert.Null(why.Match);
        Assert.Equal(2, why.EligibleMentors);
    }

    [Fact]
    public void Explain_EligibleMentor_TheRankedMatchWithItsParts()
    {
        var graph = Fixture();
        var ranked = MentorMatching.ForCitizen(graph, "c").Matches;
        foreach (var expected in ranked)
        {
            var why = MentorMatching.Explain(graph, "c", expected.Mentor);
            Assert.True(why.Eligible);
            Assert.Equal(MentorRule.None, why.Rule);
            Assert.Equal(expected, why.Match! with { Reasons = expected.Reasons });
            Assert.Equal(expected.Reasons, why.Match.Reasons);
            Assert.Contains($"ranked {expected.Rank} of 2", why.Why, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Explain_AnyArea_AnotherAreasMentorBecomesEligible()
    {
        var why = MentorMatching.Explain(Fixture(), "c", "m3", new MatchOptions { AnyArea = true });
        Assert.True(why.Eligible);
        Assert.Equal(3, why.EligibleMentors);
    }

    [Fact]
    public void Explain_ExcludedPair_NamesTheCaller()
    {
        var why = MentorMatching.Explain(Fixture(), "c", "m1", new MatchOptions { ExcludedPairs = [("c", "m1")] });
        Assert.Equal(MentorRule.ExcludedByCaller, why.Rule);
    }

    [Fact]
    public void Explain_DeclinedAndPendingPairs_NamedAsTheRankingCountsThem()
    {
        var graph = Dataset.Create(
            [TestData.Citizen("c", "X"), Mentor("m1"), Mentor("m2"), Mentor("m3")], [],
            proposals:
            [
                new ProposalRecord("p1", "c", "m1", new DateOnly(2025, 12, 1), new DateOnly(2025, 12, 11))
                    { Status = ProposalStatus.Declined, Decided = new DateOnly(2025, 12, 2), Reason = "no" },
                new ProposalRecord("p2", "c", "m2", new DateOnly(2025, 12, 28), new DateOnly(2026, 1, 7)),
            ]).ToGraph(AsOf);
        Assert.Equal(MentorRule.DeclinedBefore, MentorMatching.Explain(graph, "c", "m1").Rule);
        Assert.Equal(MentorRule.AlreadyProposed, MentorMatching.Explain(graph, "c", "m2").Rule);
        Assert.True(MentorMatching.Explain(graph, "c", "m3").Eligible);
        var counts = MentorMatching.ForCitizen(graph, "c").Ineligible;
        Assert.Equal((1, 1), (counts.DeclinedBefore, counts.AlreadyProposed));
    }

    /// <summary>One implementation of the rules: over every citizen and mentor of the sample city, a mentor is eligible
    /// by Explain exactly when the full ranking lists them, and the counts by rule agree.</summary>
    [Fact]
    public void Explain_City_AgreesWithTheRankingForEveryMentor()
    {
        var graph = TestData.LoadGraph("city-10k");
        var mentors = Enumerable.Range(0, graph.NodeCount).Where(n => graph.Kind(n) == NodeKind.Mentor).Select(graph.Id).ToArray();
        var citizens = Enumerable.Range(0, graph.NodeCount).Where(n => graph.Kind(n) == NodeKind.Citizen).Where((_, i) => i % 500 == 0).Select(graph.Id);
        foreach (var options in new[] { MatchOptions.Default with { Top = 0 }, new MatchOptions { Top = 0, AnyArea = true } })
            foreach (var citizen in citizens)
            {
                var ranked = MentorMatching.ForCitizen(graph, citizen, options);
                var listed = ranked.Matches.Select(m => m.Mentor).ToHashSet(StringComparer.Ordinal);
                var counts = new IneligibleCounts();
                foreach (var mentor in mentors)
                {
                    var why = MentorMatching.Explain(graph, citizen, mentor, options);
                    Assert.Equal(listed.Contains(mentor), why.Eligible);
                    counts.Add(why.Rule);
                }
                Assert.Equal(ranked.Ineligible.ToString(), counts.ToString());
            }
    }
}
