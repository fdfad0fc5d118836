using SocialCapital.Cli.Tests.Infrastructure;

namespace SocialCapital.Cli.Tests;

/// <summary><c>socialcapital ties</c> on the committed samples: local bridges, spans, embeddedness and overlap.</summary>
public class TiesOracleTests
{
    private const double Tolerance = 1e-6;

    public static TheoryData<string, string[]> LocalBridges => new()
    {
        // source is the end whose id sorts first ordinally ("10" < "9", "33" < "9")
        { "toy", ["1,8,6", "10,11,inf", "10,9,inf", "2,3,6", "6,7,6"] },
        {
            "karate",
            ["0,11,inf", "0,31,3", "1,30,3", "13,33,3", "19,33,3", "2,27,3", "2,28,3", "2,9,3", "23,25,3", "24,27,3", "33,9,3"]
        },
    };

    [Theory]
    [InlineData("toy")]
    [InlineData("karate")]
    public void Ties_SampleCsv_HasExactHeader(string sample)
    {
        var run = SampleRuns.Get("ties", sample, "csv");

        Assert.Equal("source,target,kinds,class,bridging_score,embeddedness,overlap,local_bridge,span", run.StdOut.Split('\n')[0]);
        Assert.Equal("", run.StdErr);
    }

    [Theory]
    [MemberData(nameof(LocalBridges))]
    public void Ties_Sample_LocalBridgesAndSpansAreExactlyTheOracle(string sample, string[] expected)
    {
        var ties = SampleRuns.Csv("ties", sample);

        var bridges = ties.Rows.Where(r => ties.Cell(r, "local_bridge") == "true")
            .Select(r => $"{ties.Cell(r, "source")},{ties.Cell(r, "target")},{ties.Cell(r, "span")}")
            .Order(StringComparer.Ordinal);
        Assert.Equal(expected.Order(StringComparer.Ordinal), bridges);
        foreach (var row in ties.Rows.Where(r => ties.Cell(r, "local_bridge") != "true"))
        {
            Assert.Equal("false", ties.Cell(row, "local_bridge"));
            Assert.Equal("", ties.Cell(row, "span")); // span only for local bridges
        }
    }

    [Theory]
    [InlineData("toy")]
    [InlineData("karate")]
    public void Ties_SampleCsv_SourceSortsFirstAndRowsOrderedBySourceThenTarget(string sample)
    {
        var ties = SampleRuns.Csv("ties", sample);
        var pairs = ties.Rows.Select(r => (Source: ties.Cell(r, "source"), Target: ties.Cell(r, "target"))).ToList();

        Assert.NotEmpty(pairs);
        Assert.All(pairs, p => Assert.True(string.CompareOrdinal(p.Source, p.Target) < 0, $"{p.Source},{p.Target}"));
        var sorted = pairs.OrderBy(p => p.Source, StringComparer.Ordinal).ThenBy(p => p.Target, StringComparer.Ordinal);
        Assert.Equal(sorted, pairs);
        Assert.Equal(pairs.Count, pairs.Distinct().Count());
        // one row per contact: the sample files hold one tie per pair
        var tieCount = File.ReadAllLines(Path.Combine(Repo.Sample(sample), "ties.csv")).Count(l => l.Length > 0) - 1;
        Assert.Equal(tieCount, pairs.Count);
    }

    [Theory]
    [InlineData("toy", "4", "5", 2, 1.0)]
    [InlineData("toy", "1", "2", 1, 0.333333)]
    [InlineData("karate", "0", "1", 7, 0.4375)]
    [InlineData("karate", "32", "33", 10, 0.588235)]
    public void Ties_SampleContact_EmbeddednessAndOverlapMatchOracle(string sample, string source, string target, int embeddedness, double overlap)
    {
        var ties = SampleRuns.Csv("ties", sample);

        var row = ties.Single("source", source, "target", target);
        Assert.Equal(embeddedness.ToString(System.Globalization.CultureInfo.InvariantCulture), ties.Cell(row, "embeddedness"));
        Assert.Equal(overlap, CsvTable.Number(ties.Cell(row, "overlap")), Tolerance);
        Assert.Equal("false", ties.Cell(row, "local_bridge"));
    }
}
