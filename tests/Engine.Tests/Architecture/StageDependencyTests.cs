using System.Reflection;
using NetArchTest.Rules;
using SocialCapital.Graph;

namespace SocialCapital.Tests.Architecture;

/// <summary>The engine's folders are its pipeline, and dependencies point one way down it:
/// Model → Interchange → Ties → Graph → Metrics → Recommendations, with Storage and Synthetic beside them, and Live
/// (the graph that takes edits, with its measures) at the end, over Metrics and Storage.
/// Ties (the classification policy) comes before Graph because a snapshot holds each contact's class;
/// the policy compiled against a snapshot's nodes (<c>TieClassifier</c>) is part of the graph stage.</summary>
public class StageDependencyTests
{
    /// <summary>Each stage and the stages it may use. A namespace not listed here fails the test, so a new
    /// folder has to be placed in the flow.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> Allowed = new Dictionary<string, string[]>
    {
        [""] = [],
        ["Model"] = [""],
        ["Interchange"] = ["", "Model"],
        ["Ties"] = ["", "Model"],
        ["Graph"] = ["", "Model", "Interchange", "Ties"],
        ["Metrics"] = ["", "Model", "Interchange", "Ties", "Graph"],
        ["Recommendations"] = ["", "Model", "Interchange", "Ties", "Graph", "Metrics"],
        ["Storage"] = ["", "Model", "Interchange", "Ties", "Graph"],
        ["Synthetic"] = ["", "Model", "Interchange"],
        ["Live"] = ["", "Model", "Interchange", "Ties", "Graph", "Metrics", "Storage"],
    };

    [Fact]
    public void Engine_EveryStage_DependsOnlyOnEarlierStages()
    {
        var violations = Violations(typeof(SocialGraph).Assembly, "SocialCapital", Allowed);
        Assert.True(violations.Count == 0, "Stage dependencies against the flow:\n" + string.Join("\n", violations));
    }

    [Fact]
    public void Engine_EveryNamespace_IsAStageOfTheFlow()
    {
        var unplaced = typeof(SocialGraph).Assembly.GetTypes()
            .Select(t => t.Namespace ?? "")
            .Where(ns => ns.StartsWith("SocialCapital", StringComparison.Ordinal))
            .Select(ns => StageOf(ns, "SocialCapital"))
            .Where(stage => !Allowed.ContainsKey(stage))
            .Distinct().ToList();
        Assert.Empty(unplaced);
    }

    /// <summary>The check itself catches a wrong reference: the fixture below has a graph-stage type that uses a
    /// metrics-stage type, and the same check names it.</summary>
    [Fact]
    public void Violations_GraphTypeUsingMetrics_IsReported()
    {
        var violations = Violations(typeof(StageDependencyTests).Assembly, FixtureRoot, Allowed);
        var violation = Assert.Single(violations);
        Assert.Contains("Fixture.Graph.ReachesForward", violation, StringComparison.Ordinal);
        Assert.Contains("Metrics", violation, StringComparison.Ordinal);
    }

    private const string FixtureRoot = "SocialCapital.Tests.Architecture.Fixture";

    /// <summary>Every type under <paramref name="root"/> whose stage uses a stage it may not, as
    /// "type → forbidden stage" lines.</summary>
    public static List<string> Violations(Assembly assembly, string root, IReadOnlyDictionary<string, string[]> allowed)
    {
        var violations = new List<string>();
        foreach (var (stage, uses) in allowed)
        {
            var forbidden = allowed.Keys.Where(s => s != stage && s.Length > 0 && !uses.Contains(s))
                .Select(s => $"{root}.{s}").ToArray();
            if (forbidden.Length == 0) continue;
            var types = stage.Length == 0
                ? Types.InAssembly(assembly).That().ResideInNamespaceMatching($"^{Regex(root)}$")
                : Types.InAssembly(assembly).That().ResideInNamespace($"{root}.{stage}");
            foreach (var target in forbidden)
            {
                var result = types.ShouldNot().HaveDependencyOn(target).GetResult();
                if (!result.IsSuccessful)
                    violations.AddRange(result.FailingTypeNames.Select(t => $"{t} → {target}"));
            }
        }
        return violations;
    }

    private static string Regex(string ns) => ns.Replace(".", "\\.", StringComparison.Ordinal);

    private static string StageOf(string ns, string root) =>
        ns.Length == root.Length ? "" : ns[(root.Length + 1)..].Split('.')[0];
}
