using System.Text;
using System.Text.RegularExpressions;

namespace SocialCapital.Neo4j.Tests.Cypher;

/// <summary>The statement catalogue itself, without Node.js: each statement declares exactly the <c>$parameters</c> its
/// text uses, and names are unique (the lint report and the store's errors name statements by them).</summary>
public sealed partial class CypherStatementsTests
{
    [Fact]
    public void EveryStatement_DeclaresExactlyTheParametersItsTextUses()
    {
        Assert.NotEmpty(CypherStatements.All);
        var report = new StringBuilder();
        foreach (var statement in CypherStatements.All)
        {
            var used = ParametersIn(statement.Text);
            var declared = statement.Parameters.ToHashSet(StringComparer.Ordinal);
            var undeclared = used.Except(declared).Order(StringComparer.Ordinal).ToList();
            var unused = declared.Except(used).Order(StringComparer.Ordinal).ToList();
            var duplicated = statement.Parameters.GroupBy(p => p, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
            if (undeclared.Count > 0) report.Append($"\n'{statement.Name}' uses undeclared parameters: {Join(undeclared)}");
            if (unused.Count > 0) report.Append($"\n'{statement.Name}' declares parameters it does not use: {Join(unused)}");
            if (duplicated.Count > 0) report.Append($"\n'{statement.Name}' declares parameters twice: {Join(duplicated)}");
        }
        Assert.True(report.Length == 0, $"CypherStatements.All:{report}");
    }

    [Fact]
    public void StatementNames_AreUniqueAndTextsNotBlank()
    {
        var duplicates = CypherStatements.All.GroupBy(s => s.Name, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.True(duplicates.Count == 0, $"Statement names used more than once: {Join(duplicates)}");
        Assert.All(CypherStatements.All, s =>
        {
            Assert.False(string.IsNullOrWhiteSpace(s.Name), "a statement has no name");
            Assert.False(string.IsNullOrWhiteSpace(s.Text), $"'{s.Name}' has no text");
        });
    }

    [Theory]
    [InlineData("MATCH (n {id: $id}) RETURN n LIMIT $limit", "id,limit")]
    [InlineData("RETURN $a, $a, $b_2, $0, $`odd name`", "0,a,b_2,odd name")]
    [InlineData("RETURN '$notAParameter', \"$nor\\\"$this\", `$label` // $comment\n, $real /* $also\n not */", "real")]
    [InlineData("CREATE CONSTRAINT c IF NOT EXISTS FOR (n:ScNode) REQUIRE n.id IS UNIQUE", "")]
    public void ParametersIn_FindsParametersOutsideStringsCommentsAndQuotedNames(string text, string expected)
    {
        var found = ParametersIn(text).Order(StringComparer.Ordinal);
        Assert.Equal(expected, string.Join(',', found));
    }

    /// <summary>The names of the <c>$parameters</c> in a Cypher text, skipping string literals, comments and
    /// backtick-quoted names (where a <c>$</c> is not a parameter).</summary>
    internal static HashSet<string> ParametersIn(string text)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (Match match in Tokens().Matches(text))
        {
            if (match.Groups["plain"].Success) names.Add(match.Groups["plain"].Value);
            else if (match.Groups["quoted"].Success) names.Add(match.Groups["quoted"].Value.Replace("``", "`", StringComparison.Ordinal));
        }
        return names;
    }

    private static string Join(IEnumerable<string> names) => string.Join(", ", names.Select(n => "$" + n));

    // Scanned left to right, so a '$' inside a string, a comment or a quoted name is consumed by that alternative.
    [GeneratedRegex("""
        '(?:[^'\\]|\\.)*'
        | "(?:[^"\\]|\\.)*"
        | //[^\n]*
        | /\*.*?\*/
        | \$(?:`(?<quoted>(?:[^`]|``)+)`|(?<plain>[\p{L}_][\p{L}\p{N}_]*|[0-9]+))
        | `(?:[^`]|``)*`
        """, RegexOptions.Singleline | RegexOptions.IgnorePatternWhitespace)]
    private static partial Regex Tokens();
}
