namespace SocialCapital.Neo4j;

/// <summary>Why the Neo4j store is marked experimental: it has been checked against Neo4j's documented Query API and
/// its Cypher against Neo4j's parser, but not yet run against a live server. Using it is a choice the caller makes by
/// suppressing <see cref="DiagnosticId"/>.</summary>
internal static class Neo4jStatus
{
    public const string DiagnosticId = "SCNEO4J001";

    public const string Url = "https://github.com/socialcapital/socialcapital/blob/main/docs/neo4j.md#what-has-been-verified-and-how";
}
