using SocialCapital.Cli.Tests.Infrastructure;

namespace SocialCapital.Cli.Tests;

/// <summary><c>socialcapital metrics</c> on the committed samples against their oracles (expected_people.csv).</summary>
public class MetricsOracleTests
{
    private const double Tolerance = 1e-6;

    private static readonly string[] ExpectedHeader =
    [
        "id", "kind", "area", "degree", "strength", "bonding", "bridging", "linking", "bridging_score", "clustering",
        "constraint", "effective_size", "efficiency", "hierarchy", "ei_work", "economic_connectedness", "work_connectedness", "in_work_contacts",
    ];

    [Theory]
    [InlineData("toy")]
    [InlineData("karate")]
    public void Metrics_SampleOracle_MatchesExpectedToSixDecimals(string sample)
    {
        var actual = SampleRuns.Csv("metrics", sample);
        var expected = CsvTable.Load(Path.Combine(Repo.Sample(sample), "expected_people.csv"));
        var actualById = actual.By("id");

        Assert.Equal(expected.Rows.Count, actual.Rows.Count);
        var compared = 0;
        foreach (var row in expected.Rows)
        {
            var id = expected.Cell(row, "id");
            Assert.True(actualById.TryGetValue(id, out var actualRow), $"{sample}: no output row for person '{id}'");
            foreach (var column in expected.Header.Where(c => c != "id"))
            {
                var want = expected.Cell(row, column);
                var got = actual.Cell(actualRow!, column);
                var where = $"{sample} person '{id}', column '{column}': expected '{want}', got '{got}'";
                if (want.Length == 0)
                {
                    Assert.True(got.Length == 0, where);
                    continue;
                }
                Assert.True(got.Length > 0, where);
                Assert.True(Math.Abs(CsvTable.Number(got) - CsvTable.Number(want)) <= Tolerance, where);
                compared++;
            }
        }
        Assert.True(compared > expected.Rows.Count, $"{sample}: only {compared} values compared");
    }

    [Theory]
    [InlineData("toy")]
    [InlineData("karate")]
    public void Metrics_SampleCsv_HasExactHeaderAndRowsOrderedByOrdinalId(string sample)
    {
        var run = SampleRuns.Get("metrics", sample, "csv");
        var actual = CsvTable.Parse(run.StdOut);

        Assert.Equal(string.Join(",", ExpectedHeader), run.StdOut.Split('\n')[0]);
        Assert.Equal(ExpectedHeader, actual.Header);
        var ids = actual.Rows.Select(r => actual.Cell(r, "id")).ToList();
        Assert.Equal(ids.Order(StringComparer.Ordinal), ids);
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal("", run.StdErr); // status lines go to a terminal only, never to a redirected stream
    }

    [Fact]
    public void Metrics_ToyCsv_CopiesKindAndAreaFromNodes()
    {
        var actual = SampleRuns.Csv("metrics", "toy");
        var nodes = CsvTable.Load(Path.Combine(Repo.Sample("toy"), "nodes.csv"));
        var byId = nodes.By("id");

        Assert.Equal(byId.Count, actual.Rows.Count);
        foreach (var row in actual.Rows)
        {
            var node = byId[actual.Cell(row, "id")];
            Assert.Equal(nodes.Cell(node, "kind"), actual.Cell(row, "kind"));
            Assert.Equal(nodes.Cell(node, "area"), actual.Cell(row, "area"));
        }
    }
}
