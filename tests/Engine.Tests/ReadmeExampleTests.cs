using SocialCapital.Graph;
using SocialCapital.Interchange;
using SocialCapital.Metrics;

namespace SocialCapital.Tests;

/// <summary>The library snippet of README.md, compiled and run, so the README cannot drift from the API.
/// It changes the working directory, so it runs alone.</summary>
[Collection(nameof(WorkingDirectory))]
public class ReadmeExampleTests
{
    [Fact]
    public void ReadmeSnippet_RunsOnTheToySample()
    {
        var output = new StringWriter();
        var previous = Directory.GetCurrentDirectory();
        Directory.SetCurrentDirectory(TestData.RepoRoot);
        try
        {
            // --- begin README snippet (Console → output) ---
            var dataset = Dataset.Load("data-samples/toy");
            var graph = dataset.ToGraph(new GraphOptions { AsOf = new DateOnly(2026, 1, 1) });
            var people = PersonMetrics.Compute(graph);
            var one = people.ForId("1");
            output.WriteLine($"{one.Id}: constraint {one.Constraint:F6}, {one.Bridging} bridging ties, EC {one.EconomicConnectedness:F3}");
            var localBridges = TieMetrics.Compute(graph).Where(t => t.LocalBridge);
            // --- end README snippet ---
            Assert.Equal("1: constraint 0.558642, 1 bridging ties, EC 0.667", output.ToString().Trim());
            Assert.Equal(5, localBridges.Count());
        }
        finally
        {
            Directory.SetCurrentDirectory(previous);
        }
    }
}

[CollectionDefinition(nameof(WorkingDirectory), DisableParallelization = true)]
public class WorkingDirectory;
