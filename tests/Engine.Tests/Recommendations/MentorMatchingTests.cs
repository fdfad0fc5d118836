using SocialCapital.Graph;
using SocialCapital.Model;
using SocialCapital.Recommendations;

namespace SocialCapital.Tests.Recommendations;

public class MentorMatchingTests
{
    internal static readonly GraphOptions AsOf = new() { AsOf = new DateOnly(2026, 1, 1) };

    internal static NodeRecord Mentor(string id, string area = "X", string? sector = "health", int? capacity = 2, string[]? languages = null) =>
        new(id, NodeKind.Mentor)
        {
            Area = area, Sector = sector, Capacity = capacity, Employment = Employment.Employed, AgeBand = AgeBand.Age50To64,
            Ses = 0.8, Languages = languages ?? ["en"],
        };

    /// <summary>Citizen c and one mentor per hard rule: only m1 and m7 are eligible.</summary>
    internal static SocialGraph Fixture() => new SocialGraphBuilder()
        .AddNodes([
            new NodeRecord("c", NodeKind.Citizen)
            {
                Area = "X", Employment = Employment.Unemployed, AgeBand = AgeBand.Age25To34, Ses = 0.2,
                Goals = ["health", "retail"], Languages = ["en", "pl"],
            },
            TestData.Citizen("f1", "X"), TestData.Citizen("f2", "X"), TestData.Citizen("other", "X"),
            Mentor("m1"),                                     // eligible: goal, 2 mutual contacts, same area
            Mentor("m2", sector: "retail", capacity: 1),      // full: mentors "other"
            Mentor("m3", area: "Y"),                          // another area
            Mentor("m4"),                                     // mentored c in the past
            Mentor("m5", languages: ["fr"]),                  // no shared language
            Mentor("m6", capacity: null),                     // states no capacity
            Mentor("m7", sector: "finance", capacity: 3, languages: ["pl"]), // eligible, no goal fit
        ])
        .AddTies([
            TestData.Friend("c", "f1"), TestData.Friend("c", "f2"), TestData.Friend("f1", "m1"), TestData.Friend("f2", "m1"),
            new TieRecord("m2", "other", TieKind.Mentoring),
            new TieRecord("m4", "c", TieKind.Mentoring) { Since = new DateOnly(2023, 1, 1), Until = new DateOnly(2024, 1, 1) },
        ])
        .Build(AsOf);

    [Fact]
    public void ForCitizen_Fixture_AppliesEveryHardRule()
    {
        var result = MentorMatching.ForCitizen(Fixture(), "c");
        Assert.Equal(["m1", "m7"], result.Matches.Select(m => m.Mentor));
        Assert.Equal(2, result.Eligible);
        var why = result.Ineligible;
        Assert.Equal((2, 1, 1, 1, 0), (why.NoFreePlace, why.OtherArea, why.PastOrCurrentMentor, why.NoSharedLanguage, why.ExcludedByCaller));
        Assert.Contains("in another area", why.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void ForCitizen_Fixture_ComponentsAndReasonsNameRealEvidence()
    {
        var best = MentorMatching.ForCitizen(Fixture(), "c").Matches[0];
        Assert.Equal(("m1", 1), (best.Mentor, best.Rank));
        Assert.Equal(0.5, best.GoalFit);      // health of {health, retail}
        Assert.Equal(1.0, best.Proximity);    // two mutual contacts: the peak
        Assert.Equal(2, best.MutualContacts);
        Assert.Equal(2 / Math.Log(2), best.AdamicAdar, 12); // f1 and f2 have degree 2
        Assert.Equal(1.0, best.Locality);
        Assert.Equal(1.0, best.Capacity);
        Assert.Equal(0.8, best.Bridging, 12); // work status (2), SES band (1) and age band (1) differ, area (1) not: 4/5
        var w = MatchWeights.Default;
        Assert.Equal((w.GoalFit * 0.5 + w.Bridging * best.Bridging + w.Proximity * 1 + w.Locality * 1 + w.Capacity * 1) / w.Sum, best.Score, 12);
        Assert.Equal(
            ["works in health — your goal", "in work — a bridge across work status", "higher socio-economic background — a bridge across class",
             "aged 50-64 — a bridge across age", "2 mutual contacts: f1, f2", "same area (X)", "speaks en", "2 of 2 mentee places free"],
            best.Reasons);
        var second = MentorMatching.ForCitizen(Fixture(), "c").Matches[1];
        Assert.Equal(0, second.GoalFit);
        Assert.DoesNotContain(second.Reasons, r => r.Contains("goal", StringComparison.Ordinal) || r.Contains("mutual", StringComparison.Ordinal));
        Assert.Contains("speaks pl", second.Reasons);
    }

    [Fact]
    public void ForCitizen_AnyAreaAndExclusions_ChangeTheEligibleSet()
    {
        var graph = Fixture();
        var any = MentorMatching.ForCitizen(graph, "c", new MatchOptions { AnyArea = true });
        // m3's goal fit (0.35 × 0.5) outweighs m7's locality (0.10).
        Assert.Equal(["m1", "m3", "m7"], any.Matches.Select(m => m.Mentor));
        Assert.Equal(0, any.Matches.Single(m => m.Mentor == "m3").Locality);
        var excluded = MentorMatching.ForCitizen(graph, "c", new MatchOptions { ExcludedPairs = [("c", "m1")] });
        Assert.Equal(["m7"], excluded.Matches.Select(m => m.Mentor));
        Assert.Equal(1, excluded.Ineligible.ExcludedByCaller);
        Assert.Single(MentorMatching.ForCitizen(graph, "c", new MatchOptions { Top = 1 }).Matches);
    }

    [Fact]
    public void ForCitizen_NotACitizenOrUnknown_Throws()
    {
        var graph = Fixture();
        Assert.Throws<UnknownNodeException>(() => MentorMatching.ForCitizen(graph, "nobody"));
        Assert.Contains("is a mentor, not a citizen", Assert.Throws<WrongNodeKindException>(() => MentorMatching.ForCitizen(graph, "m1")).Message, StringComparison.Ordinal);
        Assert.Throws<InvalidOptionsException>(() => MentorMatching.ForCitizen(graph, "c", new MatchOptions { Top = -1 }));
        Assert.Throws<InvalidOptionsException>(() => MentorMatching.ForCitizen(graph, "c", new MatchOptions { Weights = new MatchWeights { GoalFit = -1 } }));
    }

    [Fact]
    public void ForCitizen_Proximity_IsAnInvertedU()
    {
        double P(int mutual) { var x = mutual / 2.0; return x * Math.Exp(1 - x); }
        Assert.True(P(2) > P(1) && P(1) > P(0) && P(2) > P(5) && P(5) > P(12));
        Assert.Equal(0, P(0));
    }
}
