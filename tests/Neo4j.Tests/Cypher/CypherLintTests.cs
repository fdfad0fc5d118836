using System.Text;
using Xunit.Abstractions;

namespace SocialCapital.Neo4j.Tests.Cypher;

/// <summary>Lints, once for the whole class and in one node process, every statement of
/// <see cref="CypherStatements.All"/> together with the probes of <see cref="CypherLintTests"/>, installing the linter
/// first if it is missing. A missing Node.js or npm, or a failed install, fails every test that reads the results.</summary>
public sealed class CypherLinterFixture
{
    private readonly Lazy<(IReadOnlyList<LintInput> Inputs, IReadOnlyList<LintResult> Results)> linted = new(() =>
    {
        var inputs = CypherStatements.All
            .Select(s => new LintInput(s.Name, s.Text, s.Parameters))
            .Concat(CypherLintTests.Probes)
            .ToList();
        return (inputs, CypherLinter.Lint(inputs));
    });

    /// <summary>Each statement of the catalogue with what the linter found in it, in catalogue order.</summary>
    internal IReadOnlyList<(LintInput Statement, LintResult Result)> Statements =>
        [.. linted.Value.Inputs.Zip(linted.Value.Results).Take(CypherStatements.All.Count)];

    /// <summary>What the linter found in one of <see cref="CypherLintTests.Probes"/>.</summary>
    internal LintResult Probe(LintInput probe)
    {
        var index = linted.Value.Inputs.Count - CypherLintTests.Probes.Count + CypherLintTests.Probes.ToList().IndexOf(probe);
        return linted.Value.Results[index];
    }
}

/// <summary>Every Cypher statement the Neo4j store can send is linted by Neo4j's own parser and semantic analysis
/// (<c>tools/cypher-lint</c>); probes with known faults prove the linter really parses, so a broken setup cannot
/// pass.</summary>
public sealed class CypherLintTests(CypherLinterFixture linter, ITestOutputHelper output) : IClassFixture<CypherLinterFixture>
{
    internal static readonly LintInput ValidProbe = new(
        "linter probe: valid, with declared parameters",
        "MATCH (n:ScNode {id: $id})-[t:TIE]->(m:ScNode)\nWHERE t.weight >= $minimum\nRETURN m.id AS id, count(t) AS ties, coalesce(m.name, '') AS name\nORDER BY id LIMIT $limit",
        ["id", "minimum", "limit"]);

    internal static readonly LintInput BrokenProbe = new("linter probe: broken syntax", "MATCH (n RETURN n", []);

    internal static readonly LintInput UndeclaredParameterProbe = new(
        "linter probe: undeclared parameter", "MATCH (n:ScNode {id: $id})\nRETURN n LIMIT $limit", ["id"]);

    internal static readonly LintInput UndefinedVariableProbe = new(
        "linter probe: undefined variable", "MATCH (n:ScNode) RETURN m", []);

    internal static readonly LintInput UnknownFunctionProbe = new(
        "linter probe: unknown function", "MATCH (n:ScNode) RETURN toLowr(n.name)", []);

    internal static readonly LintInput TwoStatementsProbe = new(
        "linter probe: two statements", "MATCH (n) RETURN n; MATCH (m) RETURN m", []);

    /// <summary>Statements with known faults (and one without), linted in the same node process as the catalogue.</summary>
    internal static IReadOnlyList<LintInput> Probes { get; } =
        [ValidProbe, BrokenProbe, UndeclaredParameterProbe, UndefinedVariableProbe, UnknownFunctionProbe, TwoStatementsProbe];

    [Fact]
    public void EveryStatement_LintedByNeo4jsParser_HasNoErrors()
    {
        Assert.NotEmpty(CypherStatements.All);
        var report = new StringBuilder();
        foreach (var (statement, result) in linter.Statements)
        {
            foreach (var warning in result.Warnings) output.WriteLine($"warning in '{statement.Name}': {warning}");
            if (result.Errors.Count == 0) continue;
            report.Append($"\n'{statement.Name}':\n");
            foreach (var error in result.Errors) report.Append($"  - {error}\n");
            report.Append("  text:\n");
            var lines = statement.Text.Split('\n');
            for (var i = 0; i < lines.Length; i++) report.Append($"    {i + 1,3}| {lines[i].TrimEnd('\r')}\n");
        }
        Assert.True(report.Length == 0, $"Neo4j's Cypher linter reports errors in statements of CypherStatements.All:{report}");
    }

    [Fact]
    public void Linter_ValidStatementWithDeclaredParameters_HasNoErrors()
    {
        var result = linter.Probe(ValidProbe);
        Assert.True(result.Errors.Count == 0, string.Join("\n", result.Errors));
    }

    [Fact]
    public void Linter_BrokenStatement_IsReported()
    {
        var result = linter.Probe(BrokenProbe);
        var error = Assert.Single(result.Errors);
        Assert.Contains("Invalid input 'RETURN'", error.Message, StringComparison.Ordinal);
        Assert.Equal((1, 10), (error.Line, error.Column));
    }

    [Fact]
    public void Linter_UndeclaredParameter_IsReported()
    {
        var result = linter.Probe(UndeclaredParameterProbe);
        var error = Assert.Single(result.Errors); // $id is declared, $limit is not
        Assert.Equal("Parameter $limit is not defined.", error.Message);
        Assert.Equal((2, 16), (error.Line, error.Column));
    }

    [Fact]
    public void Linter_UndefinedVariable_IsReported()
    {
        var error = Assert.Single(linter.Probe(UndefinedVariableProbe).Errors);
        Assert.Equal("Variable `m` not defined", error.Message);
    }

    [Fact]
    public void Linter_UnknownFunction_IsReported()
    {
        var error = Assert.Single(linter.Probe(UnknownFunctionProbe).Errors);
        Assert.StartsWith("Function toLowr is not present in the database.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Linter_TwoStatementsInOneText_IsReported()
    {
        var error = Assert.Single(linter.Probe(TwoStatementsProbe).Errors);
        Assert.Contains("2 statements", error.Message, StringComparison.Ordinal);
    }
}
