using SocialCapital.Cli.Tests.Infrastructure;

namespace SocialCapital.Cli.Tests;

/// <summary>The reader accepts UTF-8 with a BOM, CRLF line ends and RFC 4180 quoting, and reads it exactly like
/// the plain form of the same data.</summary>
public sealed class EncodingTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Metrics_BomCrlfAndQuotedFields_ReadsSameAsPlainFile()
    {
        // The bridging score is driven by the extra column "note" alone, so a note read wrongly (split at its
        // comma, or keeping its quotes) changes the classes of the ties and the output.
        var policy = _temp.WriteFile("note.json", """{ "dimensions": [ { "attribute": "note" } ], "bridgingThreshold": 0.5 }""");
        var plain = _temp.WriteDataset("plain",
            [
                "id,kind,area,employment,ses,note",
                "p1,citizen,A,employed,0.25,\"a, b\"",
                "p2,citizen,A,unemployed,0.75,\"a, b\"",
                "p3,citizen,B,employed,0.5,c",
                "p4,citizen,B,unemployed,0.5,c",
            ],
            ["source,target,kind,strength", "p1,p2,friend,1", "p2,p3,friend,2", "p3,p4,family,1", "p1,p4,friend,1"]);
        var fancy = _temp.WriteDataset("fancy",
            [
                "\"id\",kind,area,employment,ses,\"note\"",
                "\"p1\",citizen,A,employed,0.25,\"a, b\"",
                "p2,\"citizen\",A,unemployed,\"0.75\",\"a, b\"",
                "\"p3\",citizen,\"B\",employed,0.5,\"c\"",
                "p4,citizen,B,unemployed,0.5,c",
            ],
            ["source,\"target\",kind,strength", "\"p1\",p2,friend,1", "p2,\"p3\",friend,\"2\"", "\"p3\",\"p4\",family,1", "p1,p4,friend,1"],
            bomAndCrlf: true);

        var expected = CliProcess.Run("metrics", plain, "--format", "csv", "--policy", policy, "--as-of", "2024-01-01");
        var actual = CliProcess.Run("metrics", fancy, "--format", "csv", "--policy", policy, "--as-of", "2024-01-01");

        Assert.True(expected.ExitCode == 0, expected.ToString());
        Assert.True(actual.ExitCode == 0, actual.ToString());
        Assert.Equal(expected.StdOut, actual.StdOut);
        Assert.DoesNotContain("\r", actual.StdOut, StringComparison.Ordinal);
        Assert.DoesNotContain("\uFEFF", actual.StdOut, StringComparison.Ordinal);

        var table = CsvTable.Parse(actual.StdOut);
        Assert.Equal(new[] { "p1", "p2", "p3", "p4" }, table.Rows.Select(r => table.Cell(r, "id")));
        // p1-p2 and p3-p4 share a note (bonding), p2-p3 and p1-p4 do not (bridging)
        Assert.All(table.Rows, r => Assert.Equal("1", table.Cell(r, "bonding")));
        Assert.All(table.Rows, r => Assert.Equal("1", table.Cell(r, "bridging")));
        Assert.Equal("3", table.Cell(table.By("id")["p2"], "strength"));
        Assert.Equal("A", table.Cell(table.By("id")["p1"], "area"));
    }
}
