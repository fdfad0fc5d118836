using SocialCapital.Graph;
using SocialCapital.Interchange;
using SocialCapital.Model;
using SocialCapital.Ties;

namespace SocialCapital.Tests.Ties;

public class TiePolicyTests
{
    private static SocialGraph Pair(NodeRecord a, NodeRecord b, TieKind kind = TieKind.Friend, TiePolicy? policy = null) =>
        new SocialGraphBuilder().AddNodes([a, b]).AddTie(new TieRecord(a.Id, b.Id, kind))
            .Build(new GraphOptions { TiePolicy = policy ?? TiePolicy.Default });

    private static (TieClass Class, double Score) Classify(NodeRecord a, NodeRecord b, TieKind kind = TieKind.Friend, TiePolicy? policy = null)
    {
        var g = Pair(a, b, kind, policy);
        var u = g.IndexOf(a.Id);
        return (g.TieClasses(u)[0], g.BridgingScore(u, g.IndexOf(b.Id)));
    }

    [Fact]
    public void Default_CoachEndOrCoachingKind_IsLinking()
    {
        var citizen = TestData.Citizen("c", "A", Employment.Unemployed, 0.1);
        Assert.Equal(TieClass.Linking, Classify(citizen, new NodeRecord("k", NodeKind.Coach) { Area = "A", Employment = Employment.Unemployed, Ses = 0.1 }).Class);
        Assert.Equal(TieClass.Linking, Classify(new NodeRecord("m", NodeKind.Mentor), citizen, TieKind.Coaching).Class);
        Assert.Equal(TieClass.Bonding, Classify(new NodeRecord("m", NodeKind.Mentor), citizen, TieKind.Mentoring).Class);
    }

    [Fact]
    public void Default_WorkStatusAlone_WeighsTwoOfFive()
    {
        // Work status differs (weight 2); ses band, age band and area the same: b = 2/5 = 0.4 ≥ 0.4 → bridging.
        var a = new NodeRecord("a", NodeKind.Citizen) { Employment = Employment.Employed, Ses = 0.3, AgeBand = AgeBand.Age25To34, Area = "X" };
        var b = a with { Id = "b", Employment = Employment.Inactive };
        Assert.Equal((TieClass.Bridging, 0.4), Classify(a, b));
        // Employed and self-employed are the same group.
        Assert.Equal((TieClass.Bonding, 0.0), Classify(a, a with { Id = "c", Employment = Employment.SelfEmployed }));
    }

    [Fact]
    public void Default_OnlyDimensionsKnownOnBothEndsCount()
    {
        var a = new NodeRecord("a", NodeKind.Citizen) { Area = "X", Ses = 0.9 };
        var b = new NodeRecord("b", NodeKind.Citizen) { Area = "Y" };
        Assert.Equal((TieClass.Bridging, 1.0), Classify(a, b)); // only area is known on both ends, and it differs
        Assert.Equal((TieClass.Bonding, 0.0), Classify(new NodeRecord("a", NodeKind.Citizen), new NodeRecord("b", NodeKind.Citizen)));
    }

    [Fact]
    public void Default_SesBandSplitsAtTheMedian()
    {
        var low = new NodeRecord("a", NodeKind.Citizen) { Ses = 0.4999 };
        Assert.Equal(1.0, Classify(low, low with { Id = "b", Ses = 0.5 }).Score);
        Assert.Equal(0.0, Classify(low with { Ses = 0.5 }, low with { Id = "b", Ses = 1 }).Score);
    }

    [Fact]
    public void ExtraAttributeDimension_IsUsedByName()
    {
        var policy = TiePolicy.FromJson("""{ "dimensions": [ { "attribute": "ethnicity", "weight": 1 } ] }""");
        var a = new NodeRecord("a", NodeKind.Citizen) { Attributes = new Dictionary<string, string> { ["ethnicity"] = "p" } };
        var b = a with { Id = "b", Attributes = new Dictionary<string, string> { ["ethnicity"] = "q" } };
        Assert.Equal((TieClass.Bridging, 1.0), Classify(a, b, policy: policy));
    }

    [Fact]
    public void FromJson_OverridesOnlyWhatItNames()
    {
        var policy = TiePolicy.FromJson("""
            { "linkingTieKinds": ["coaching", "referral"], "bridgingThreshold": 0.6 } // comments are allowed
            """);
        Assert.Equal([TieKind.Coaching, TieKind.Referral], policy.LinkingTieKinds);
        Assert.Equal(0.6, policy.BridgingThreshold);
        Assert.Equal(TiePolicy.Default.Dimensions, policy.Dimensions);
        Assert.Equal(TiePolicy.Default.LinkingNodeKinds, policy.LinkingNodeKinds);
    }

    [Fact]
    public void ToJson_RoundTrips()
    {
        var policy = new TiePolicy { LinkingNodeKinds = [NodeKind.Coach, NodeKind.Mentor], Dimensions = [new("sector", 3)], BridgingThreshold = 0.25 };
        var copy = TiePolicy.FromJson(policy.ToJson());
        Assert.Equal(policy.LinkingNodeKinds, copy.LinkingNodeKinds);
        Assert.Equal(policy.LinkingTieKinds, copy.LinkingTieKinds);
        Assert.Equal(policy.Dimensions, copy.Dimensions);
        Assert.Equal(policy.BridgingThreshold, copy.BridgingThreshold);
    }

    [Theory]
    [InlineData("""{ "bridgingTreshold": 0.3 }""", "bridgingTreshold", "unknown property")]
    [InlineData("""{ "bridgingThreshold": 1.5 }""", "bridgingThreshold", "from 0 to 1")]
    [InlineData("""{ "linkingTieKinds": ["hug"] }""", "linkingTieKinds", "unknown kind")]
    [InlineData("""{ "linkingTieKinds": ["membership"] }""", "linkingTieKinds", "person–person")]
    [InlineData("""{ "dimensions": [ { "attribute": "area", "weight": 0 } ] }""", "dimensions", "weight")]
    [InlineData("""{ "dimensions": [ { "weight": 1 } ] }""", "dimensions", "attribute")]
    [InlineData("""[1, 2]""", null, "JSON object")]
    public void FromJson_BadValue_NamesTheProperty(string json, string? property, string reason)
    {
        var e = Assert.Throws<DataValidationException>(() => TiePolicy.FromJson(json, "p.json"));
        var problem = Assert.Single(e.Problems);
        Assert.Equal("p.json", problem.Source);
        Assert.Equal(property, problem.Column);
        Assert.Contains(reason, problem.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void FromJson_MalformedJson_SaysWhere()
    {
        var e = Assert.Throws<DataValidationException>(() => TiePolicy.FromJson("{\n  \"bridgingThreshold\": 0.4,,\n}", "p.json"));
        Assert.Contains("not valid JSON", e.Message, StringComparison.Ordinal);
        Assert.Equal(2, e.Problems[0].Line);
    }

    [Fact]
    public void Build_PolicyNamingUnknownAttribute_IsRejected()
    {
        var policy = new TiePolicy { Dimensions = [new("ethnicity", 1)] };
        var e = Assert.Throws<DataValidationException>(() => TestData.LoadGraph("toy", new GraphOptions { TiePolicy = policy }));
        Assert.Contains("ethnicity", e.Message, StringComparison.Ordinal);
    }
}
