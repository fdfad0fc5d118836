using System.Text.RegularExpressions;

namespace SocialCapital.Neo4j.Tests.Protocol;

/// <summary>The statement catalogue's own consistency (the Cypher itself is linted with Neo4j's parser elsewhere);
/// part of the protocol tests against replayed documented shapes, not a database test.</summary>
public sealed partial class CatalogueProtocolTests
{
    [Fact]
    public void EveryStatement_DeclaresExactlyTheParametersItUses()
    {
        Assert.All(CypherStatements.All, s => Assert.Equal(
            s.Parameters.Order(StringComparer.Ordinal),
            Parameter().Matches(s.Text).Select(m => m.Groups[1].Value).Distinct().Order(StringComparer.Ordinal)));
    }

    [Fact]
    public void Catalogue_HasUniqueNamesAndEveryPerKindStatement()
    {
        Assert.Equal(CypherStatements.All.Count, CypherStatements.All.Select(s => s.Name).Distinct().Count());
        Assert.Equal(["Citizen", "Mentor", "Coach", "Employer", "PeerGroup"], CypherStatements.NodeLabels);
        Assert.Equal(["FRIEND", "FAMILY", "ACQUAINTANCE", "COLLEAGUE", "MENTORING", "COACHING", "REFERRAL", "MEMBERSHIP", "EMPLOYMENT"],
            CypherStatements.RelationshipTypes);
        Assert.All(CypherStatements.CreateNodes.Concat(CypherStatements.ReplaceNode).Concat(CypherStatements.CreateTies)
            .Concat(CypherStatements.CreateTieSeqIndexes), s => Assert.Contains(s, CypherStatements.All));
    }

    [GeneratedRegex(@"\$([A-Za-z_][A-Za-z0-9_]*)")]
    private static partial Regex Parameter();
}
