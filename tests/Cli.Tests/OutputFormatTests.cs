using System.Globalization;
using System.Text.Json;
using SocialCapital.Cli.Tests.Infrastructure;

namespace SocialCapital.Cli.Tests;

/// <summary><c>--format json|table|csv</c> and <c>--out FILE</c>: the same rows in every format.</summary>
public sealed class OutputFormatTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData("metrics")]
    [InlineData("ties")]
    public void Format_KarateJson_IsArrayWithCamelCaseCsvKeysAndValues(string command)
    {
        var csv = SampleRuns.Csv(command, "karate");
        var run = SampleRuns.Get(command, "karate", "json");

        using var json = JsonDocument.Parse(run.StdOut);
        Assert.Equal(JsonValueKind.Array, json.RootElement.ValueKind);
        var objects = json.RootElement.EnumerateArray().ToList();
        Assert.Equal(csv.Rows.Count, objects.Count);
        for (var i = 0; i < objects.Count; i++)
        {
            var properties = objects[i].EnumerateObject().ToList();
            Assert.Equal(csv.Header.Select(CamelCase), properties.Select(p => p.Name));
            for (var c = 0; c < properties.Count; c++)
                AssertSameValue(csv.Rows[i][c], properties[c].Value, $"row {i}, key '{properties[c].Name}'");
        }
    }

    [Fact]
    public void Format_KarateMetricsJson_UndefinedValuesAreNull()
    {
        using var json = JsonDocument.Parse(SampleRuns.Get("metrics", "karate", "json").StdOut);

        var node11 = Assert.Single(json.RootElement.EnumerateArray(), o => o.GetProperty("id").GetString() == "11");
        Assert.Equal(JsonValueKind.Null, node11.GetProperty("hierarchy").ValueKind);
        Assert.Equal(JsonValueKind.Null, node11.GetProperty("economicConnectedness").ValueKind); // karate has no employment data
        Assert.Equal(JsonValueKind.Number, node11.GetProperty("degree").ValueKind);
        Assert.Equal(1, node11.GetProperty("degree").GetInt32());
    }

    [Fact]
    public void Format_KarateTiesJson_InfiniteSpanIsStringAndFlagIsBoolean()
    {
        using var json = JsonDocument.Parse(SampleRuns.Get("ties", "karate", "json").StdOut);

        var tie = Assert.Single(json.RootElement.EnumerateArray(),
            o => o.GetProperty("source").GetString() == "0" && o.GetProperty("target").GetString() == "11");
        Assert.Equal("inf", tie.GetProperty("span").GetString());
        Assert.Equal(JsonValueKind.True, tie.GetProperty("localBridge").ValueKind);
        var notBridge = Assert.Single(json.RootElement.EnumerateArray(),
            o => o.GetProperty("source").GetString() == "0" && o.GetProperty("target").GetString() == "1");
        Assert.Equal(JsonValueKind.False, notBridge.GetProperty("localBridge").ValueKind);
        Assert.Equal(JsonValueKind.Null, notBridge.GetProperty("span").ValueKind);
    }

    [Fact]
    public void Format_ToyTable_IsAlignedTextWithHeaderFirstAndSameValuesAsCsv()
    {
        var csv = SampleRuns.Csv("metrics", "toy");
        var run = SampleRuns.Get("metrics", "toy", "table");

        var lines = run.StdOut.Split('\n');
        Assert.Equal("", lines[^1]); // ends with a newline
        lines = lines[..^1];
        Assert.Equal(csv.Rows.Count + 1, lines.Length);
        Assert.Equal(csv.Header, lines[0].Split(' ', StringSplitOptions.RemoveEmptyEntries));

        // Columns are the runs of character positions that are not blank on every line.
        var width = lines.Max(l => l.Length);
        bool Blank(int x) => lines.All(l => x >= l.Length || l[x] == ' ');
        var columns = new List<(int Start, int End)>();
        for (var x = 0; x < width;)
        {
            if (Blank(x)) { x++; continue; }
            var start = x;
            while (x < width && !Blank(x)) x++;
            columns.Add((start, x));
        }
        Assert.Equal(csv.Header.Count, columns.Count);

        for (var r = 0; r < lines.Length; r++)
        {
            var line = lines[r].PadRight(width);
            for (var c = 0; c < columns.Count; c++)
            {
                var (start, end) = columns[c];
                var raw = line[start..end];
                var cell = raw.Trim();
                var numeric = c >= 3; // id, kind and area are text; the rest are numbers
                if (cell.Length > 0)
                {
                    // text is left-aligned, numbers right-aligned, under their header
                    if (numeric) Assert.True(raw.EndsWith(cell, StringComparison.Ordinal), $"line {r + 1}, column {csv.Header[c]}: '{raw}'");
                    else Assert.True(raw.StartsWith(cell, StringComparison.Ordinal), $"line {r + 1}, column {csv.Header[c]}: '{raw}'");
                }
                if (r == 0)
                {
                    Assert.Equal(csv.Header[c], cell);
                    continue;
                }
                var expected = csv.Rows[r - 1][c];
                if (!numeric || expected.Length == 0) Assert.Equal(expected, cell);
                else
                {
                    var want = CsvTable.Number(expected);
                    Assert.True(Math.Abs(CsvTable.Number(cell) - want) <= 1e-5 * Math.Max(1, Math.Abs(want)),
                        $"line {r + 1}, column {csv.Header[c]}: table '{cell}', csv '{expected}'");
                }
            }
        }
    }

    [Fact]
    public void Out_ToyMetrics_WritesFileAndNothingToStdout()
    {
        var file = _temp.File("people.csv");

        var run = CliProcess.Run("metrics", Repo.Sample("toy"), "--format", "csv", "--out", file);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("", run.StdOut);
        Assert.Equal("", run.StdErr);
        Assert.True(File.Exists(file), run.ToString());
        Assert.Equal(SampleRuns.Get("metrics", "toy", "csv").StdOut, File.ReadAllText(file));
        Assert.False(File.Exists(file + ".partial"), "the temporary file was left behind");
    }

    [Theory]
    [InlineData("pairs.csv", "csv")]
    [InlineData("PAIRS.CSV", "csv")]
    [InlineData("people.json", "json")]
    [InlineData("people.txt", "table")]
    [InlineData("people", "table")]
    public void Out_WithoutFormat_TakesTheFormatFromTheExtension(string name, string format)
    {
        var file = _temp.File(name);

        var run = CliProcess.Run("metrics", Repo.Sample("toy"), "--out", file);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(SampleRuns.Get("metrics", "toy", format).StdOut, File.ReadAllText(file));
    }

    [Fact]
    public void Out_FormatGiven_WinsOverTheExtension()
    {
        var file = _temp.File("people.csv");

        var run = CliProcess.Run("metrics", Repo.Sample("toy"), "--out", file, "--format", "json");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(SampleRuns.Get("metrics", "toy", "json").StdOut, File.ReadAllText(file));
    }

    [Fact]
    public void Out_ExistingFileAndInvalidData_ExitsTwoAndKeepsTheOldFile()
    {
        var file = _temp.WriteFile("people.csv", "old content\n");
        var data = _temp.WriteDataset("bad", ["id,kind", "p1,citizen", "p2,alien"], ["source,target,kind"]);

        var run = CliProcess.Run("metrics", data, "--format", "csv", "--out", file);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Equal("old content\n", File.ReadAllText(file));
    }

    [Fact]
    public void Out_FolderMissing_ExitsThree()
    {
        var file = Path.Combine(_temp.Path, "no-such-folder", "people.csv");

        var run = CliProcess.Run("metrics", Repo.Sample("toy"), "--format", "csv", "--out", file);

        Assert.True(run.ExitCode == 3, run.ToString());
        Assert.Equal("", run.StdOut);
        Assert.StartsWith("error:", run.StdErr, StringComparison.Ordinal);
    }

    /// <summary>The JSON name of a CSV column: economic_connectedness → economicConnectedness.</summary>
    private static string CamelCase(string column)
    {
        var parts = column.Split('_');
        return parts[0] + string.Concat(parts[1..].Select(p => char.ToUpperInvariant(p[0]) + p[1..]));
    }

    private static void AssertSameValue(string csvCell, JsonElement value, string where)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Null:
                Assert.True(csvCell.Length == 0, $"{where}: JSON null but CSV '{csvCell}'");
                break;
            case JsonValueKind.String:
                Assert.Equal(csvCell, value.GetString());
                break;
            case JsonValueKind.True or JsonValueKind.False:
                Assert.Equal(csvCell, value.ValueKind == JsonValueKind.True ? "true" : "false");
                break;
            case JsonValueKind.Number:
                Assert.True(csvCell.Length > 0, $"{where}: JSON {value.GetRawText()} but CSV empty");
                Assert.True(value.GetDouble() == double.Parse(csvCell, NumberStyles.Float, CultureInfo.InvariantCulture),
                    $"{where}: JSON {value.GetRawText()} but CSV '{csvCell}'");
                break;
            default:
                Assert.Fail($"{where}: unexpected JSON {value.ValueKind}");
                break;
        }
    }
}
