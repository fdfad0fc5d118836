namespace SocialCapital.Neo4j;

/// <summary>Every Cypher statement the store sends. Statements are built only from these texts (with kind names from
/// fixed lists, never from user data), so linting this list lints everything the store can send.</summary>
internal static class CypherStatements
{
    public static readonly CypherStatement CreateIdConstraint = new(
        "create the unique-id constraint",
        "CREATE CONSTRAINT socialcapital_node_id IF NOT EXISTS FOR (n:ScNode) REQUIRE n.id IS UNIQUE",
        []);

    /// <summary>All statements, for linting.</summary>
    public static IReadOnlyList<CypherStatement> All { get; } = [CreateIdConstraint];
}
