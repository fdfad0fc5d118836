namespace SocialCapital.Neo4j;

/// <summary>One Cypher statement the store can send, with the parameters it takes: the catalogue every statement
/// comes from, so that tests can lint each one with Neo4j's own parser.</summary>
/// <param name="Name">What the statement does, e.g. <c>upsert citizen</c>.</param>
/// <param name="Text">The Cypher.</param>
/// <param name="Parameters">The names of its <c>$parameters</c>.</param>
internal sealed record CypherStatement(string Name, string Text, IReadOnlyList<string> Parameters);
