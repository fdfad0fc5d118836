using SocialCapital.Cli.Tests.Infrastructure;

namespace SocialCapital.Cli.Tests;

/// <summary>Invalid datasets through the CLI process: exit code 2, nothing on standard output, and every problem
/// on standard error as <c>file line N, column 'x', value 'v': reason</c>. Missing files: exit code 3.</summary>
public sealed class InvalidInputTests : IDisposable
{
    // A valid base dataset: extra node rows start at nodes.csv line 6, extra tie rows at ties.csv line 3.
    private static readonly string[] BaseNodes =
    [
        "id,kind,area,ses,capacity",
        "p1,citizen,A,0.5,",
        "p2,citizen,B,0.5,2",
        "e1,employer,,,",
        "g1,peer_group,,,",
    ];

    private static readonly string[] BaseTies =
    [
        "source,target,kind,strength,since,until",
        "p1,p2,friend,1,,",
    ];

    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Theory]
    // ties.csv
    [InlineData(null, "p1,p9,friend,1,,", "ties.csv", 3, "target", "p9", "unknown id (no such node)")]
    [InlineData(null, "p1,p2,enemy,1,,", "ties.csv", 3, "kind", "enemy", "unknown tie kind")]
    [InlineData(null, "p1,e1,friend,1,,", "ties.csv", 3, "target", "e1", "a friend tie joins two people")]
    [InlineData(null, "p1,p2,membership,1,,", "ties.csv", 3, "target", "p2", "a membership tie ends at a peer_group")]
    [InlineData(null, "p1,p1,friend,1,,", "ties.csv", 3, "target", "p1", "a tie cannot join a node to itself")]
    [InlineData(null, "p1,p2,friend,0,,", "ties.csv", 3, "strength", "0", "must be a number > 0")]
    [InlineData(null, "p1,p2,friend,x,,", "ties.csv", 3, "strength", "x", "not a number")]
    [InlineData(null, "p1,p2,friend,1,2020-02-30,", "ties.csv", 3, "since", "2020-02-30", "not an ISO date")]
    [InlineData(null, "p1,p2,friend,1,2021-01-01,2020-01-01", "ties.csv", 3, "until", "2020-01-01", "must be after since (2021-01-01)")]
    [InlineData(null, "p1,p2,friend,1,2021-01-01,2021-01-01", "ties.csv", 3, "until", "2021-01-01", "must be after since (2021-01-01)")]
    // nodes.csv
    [InlineData("p3,alien,A,,", null, "nodes.csv", 6, "kind", "alien", "unknown node kind")]
    [InlineData("p1,citizen,C,,", null, "nodes.csv", 6, "id", "p1", "duplicate id (first at line 2)")]
    [InlineData("p3,citizen,C,abc,", null, "nodes.csv", 6, "ses", "abc", "not a number")]
    [InlineData("p3,citizen,C,1.5,", null, "nodes.csv", 6, "ses", "1.5", "must be a number from 0 to 1")]
    [InlineData("p3,citizen,C,,-1", null, "nodes.csv", 6, "capacity", "-1", "must be a whole number")]
    [InlineData("p 3,citizen,C,,", null, "nodes.csv", 6, "id", "p 3", "id may hold only letters, digits and . _ : -")]
    [InlineData("p1234567890123456789012345678901234567890123456789012345678901234,citizen,C,,", null, "nodes.csv", 6, "id",
        "p1234567890123456789012345678901234567890123456789012345678901234", "id is longer than 64 characters")]
    public void Metrics_OneBrokenRule_ExitsTwoNamingFileLineColumnAndValue(
        string? nodeRow, string? tieRow, string file, int line, string column, string value, string reason)
    {
        var run = CliProcess.Run("metrics", Write(nodeRow, tieRow), "--format", "csv");

        AssertInvalid(run, 1);
        var problem = Assert.Single(ProblemLines(run)).Trim();
        Assert.StartsWith($"{file} line {line}, column '{column}', value '{value}': ", problem, StringComparison.Ordinal);
        Assert.Contains(reason, problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("p3,citizen,C", null, "nodes.csv line 6: row has 3 fields; the header has 5")]
    [InlineData(null, "p1,p2,friend,1,,,", "ties.csv line 3: row has 7 fields; the header has 6")]
    public void Metrics_RowWithWrongFieldCount_ExitsTwoNamingFileAndLine(string? nodeRow, string? tieRow, string expected)
    {
        var run = CliProcess.Run("metrics", Write(nodeRow, tieRow), "--format", "csv");

        AssertInvalid(run, 1);
        Assert.Contains(expected, run.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public void Metrics_TieToNodeRowWithWrongFieldCount_IsNotReportedAgain()
    {
        // A tie to a node whose row failed (here: a bad kind) is not reported a second time as "unknown id";
        // a node row with the wrong number of fields has failed too, and its ties should be treated the same.
        var nodes = BaseNodes.Append("p3,citizen,C");
        var ties = BaseTies.Append("p1,p3,friend,1,,");

        var run = CliProcess.Run("metrics", _temp.WriteDataset("data", nodes, ties), "--format", "csv");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("nodes.csv line 6: row has 3 fields; the header has 5", run.StdErr, StringComparison.Ordinal);
        Assert.DoesNotContain("ties.csv line 3", run.StdErr, StringComparison.Ordinal);
        AssertInvalid(run, 1);
    }

    [Theory]
    [InlineData("nodes.csv", "id,area", "kind")]
    [InlineData("ties.csv", "source,kind", "target")]
    public void Metrics_RequiredColumnMissing_ExitsTwoNamingHeaderLineAndColumn(string file, string header, string column)
    {
        var nodes = file == "nodes.csv" ? [header, "p1,A"] : BaseNodes;
        var ties = file == "ties.csv" ? [header, "p1,friend"] : BaseTies;

        var run = CliProcess.Run("metrics", _temp.WriteDataset("data", nodes, ties), "--format", "csv");

        AssertInvalid(run, 1);
        Assert.Contains($"{file} line 1, column '{column}': required column is missing", run.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public void Metrics_ManyProblemsInBothFiles_AllReportedAtOnceAndEachOnce()
    {
        var nodes = BaseNodes.Concat(
        [
            "p3,Citizen,A,,",      // line 6: kinds are lower case
            "p4,,A,,",             // line 7
            "p5,citizen,C,-0.1,",  // line 8
            "p6,citizen,C,,2.5",   // line 9
            "p/7,citizen,C,,",     // line 10
            "pé,citizen,C,,",      // line 11: ids are ASCII
            ",citizen,C,,",        // line 12
            "p8,citizen,C,,",      // line 13: valid
        ]);
        var ties = BaseTies.Concat(
        [
            "p9,p1,friend,1,,",           // line 3
            "p1,p2,,1,,",                 // line 4
            "e1,p1,friend,1,,",           // line 5
            "p1,g1,employment,1,,",       // line 6
            "p1,p8,friend,-2,,",          // line 7
            "p1,p8,friend,1,01/02/2020,", // line 8
            "p1,p8,friend,1,,2020-13-01", // line 9
            "p8,p1,colleague,1,,",        // line 10: valid
            "p1,p3,friend,1,,",           // line 11: p3's row is already reported, so this tie is not
        ]);
        string[] expected =
        [
            "nodes.csv line 6, column 'kind', value 'Citizen': unknown node kind",
            "nodes.csv line 7, column 'kind', value '': kind is required",
            "nodes.csv line 8, column 'ses', value '-0.1': must be a number from 0 to 1",
            "nodes.csv line 9, column 'capacity', value '2.5': not a whole number",
            "nodes.csv line 10, column 'id', value 'p/7': id may hold only",
            "nodes.csv line 11, column 'id', value 'pé': id may hold only",
            "nodes.csv line 12, column 'id', value '': id is required",
            "ties.csv line 3, column 'source', value 'p9': unknown id",
            "ties.csv line 4, column 'kind', value '': kind is required",
            "ties.csv line 5, column 'source', value 'e1': a friend tie starts at a person",
            "ties.csv line 6, column 'target', value 'g1': a",
            "ties.csv line 7, column 'strength', value '-2': must be a number > 0",
            "ties.csv line 8, column 'since', value '01/02/2020': not an ISO date",
            "ties.csv line 9, column 'until', value '2020-13-01': not an ISO date",
        ];

        var run = CliProcess.Run("metrics", _temp.WriteDataset("data", nodes, ties), "--format", "csv");

        AssertInvalid(run, expected.Length);
        foreach (var problem in expected) Assert.Contains(problem, run.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public void Metrics_MoreThanHundredProblems_ListsHundredAndSaysHowManyMore()
    {
        var nodes = new[] { "id,kind,ses" }.Concat(Enumerable.Range(1, 150).Select(i => $"p{i},citizen,abc"));

        var run = CliProcess.Run("metrics", _temp.WriteDataset("data", nodes, ["source,target,kind"]), "--format", "csv");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Equal("", run.StdOut);
        Assert.Contains("150 problems", run.StdErr, StringComparison.Ordinal);
        Assert.Equal(100, ProblemLines(run).Count(l => l.Contains("column 'ses'", StringComparison.Ordinal)));
        Assert.Contains("nodes.csv line 2, column 'ses'", run.StdErr, StringComparison.Ordinal);
        Assert.Contains("nodes.csv line 101, column 'ses'", run.StdErr, StringComparison.Ordinal);
        Assert.DoesNotContain("nodes.csv line 102,", run.StdErr, StringComparison.Ordinal);
        Assert.Contains("and 50 more", run.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public void Metrics_BomCrlfAndQuotedFieldSpanningLines_ProblemsKeepPhysicalLineNumbers()
    {
        // line 1 header, lines 2-3 one record, line 4 blank, line 5 p2, line 6 the bad row
        var nodes = new[] { "id,kind,note", "p1,citizen,\"two\r\nlines\"", "", "p2,citizen,x", "p3,alien,y" };

        var run = CliProcess.Run("metrics",
            _temp.WriteDataset("data", nodes, ["source,target,kind", "p1,p2,friend"], bomAndCrlf: true), "--format", "csv");

        AssertInvalid(run, 1);
        Assert.Contains("nodes.csv line 6, column 'kind', value 'alien'", run.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public void Metrics_TextThatIsNotUtf8_ExitsTwoNamingFileAndLine()
    {
        // A Latin-1 'é' (0xE9) in an area name and a stray 0xFF in a tie's target.
        var folder = _temp.File("latin1");
        Directory.CreateDirectory(folder);
        File.WriteAllBytes(Path.Combine(folder, "nodes.csv"), [.. "id,kind,area\np1,citizen,A\np2,citizen,Caf"u8, 0xE9, .. "\n"u8]);
        File.WriteAllBytes(Path.Combine(folder, "ties.csv"), [.. "source,target,kind\np1,p1"u8, 0xFF, .. ",friend\n"u8]);

        var run = CliProcess.Run("metrics", folder, "--format", "csv");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Equal("", run.StdOut);
        Assert.Contains("nodes.csv line 3", run.StdErr, StringComparison.Ordinal);
        Assert.Contains("ties.csv line 2", run.StdErr, StringComparison.Ordinal);
        Assert.Contains("not UTF-8", run.StdErr, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled", run.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public void Metrics_UnterminatedQuote_ExitsTwoNamingFileAndLine()
    {
        var nodes = new[] { "id,kind,note", "p1,citizen,x", "p2,citizen,\"never closed", "p3,citizen,y" };

        var run = CliProcess.Run("metrics", _temp.WriteDataset("data", nodes, ["source,target,kind"]), "--format", "csv");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Equal("", run.StdOut);
        Assert.Contains("nodes.csv line 3", run.StdErr, StringComparison.Ordinal);
        Assert.Contains("quoted field is never closed", run.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public void Ties_DatasetFolderMissing_ExitsThree()
    {
        var missing = _temp.File("no-such-dataset");

        var run = CliProcess.Run("ties", missing);

        Assert.True(run.ExitCode == 3, run.ToString());
        Assert.Equal("", run.StdOut);
        Assert.Contains(missing, run.StdErr, StringComparison.Ordinal);
        Assert.Contains("does not exist", run.StdErr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("nodes.csv")]
    [InlineData("ties.csv")]
    public void Metrics_DatasetFileMissing_ExitsThreeNamingIt(string missing)
    {
        var folder = _temp.WriteDataset("data",
            missing == "nodes.csv" ? null : BaseNodes,
            missing == "ties.csv" ? null : BaseTies);

        var run = CliProcess.Run("metrics", folder);

        Assert.True(run.ExitCode == 3, run.ToString());
        Assert.Equal("", run.StdOut);
        Assert.Contains($"has no {missing}", run.StdErr, StringComparison.Ordinal);
    }

    private string Write(string? nodeRow, string? tieRow) => _temp.WriteDataset("data",
        nodeRow is null ? BaseNodes : BaseNodes.Append(nodeRow),
        tieRow is null ? BaseTies : BaseTies.Append(tieRow));

    private static IEnumerable<string> ProblemLines(CliResult run) =>
        run.StdErr.Split('\n').Where(l => l.StartsWith("  ", StringComparison.Ordinal) && !l.Contains("more", StringComparison.Ordinal));

    /// <summary>Exit code 2, no output, and exactly <paramref name="problems"/> problems listed (so no rule fired twice).</summary>
    private static void AssertInvalid(CliResult run, int problems)
    {
        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Equal("", run.StdOut);
        Assert.StartsWith($"Invalid input: {problems} problem{(problems == 1 ? "" : "s")}; nothing was loaded.", run.StdErr, StringComparison.Ordinal);
        Assert.True(ProblemLines(run).Count() == problems, run.ToString());
    }
}
