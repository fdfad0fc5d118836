using System.Text;
using SocialCapital.Interchange;
using SocialCapital.Model;

namespace SocialCapital.Tests.Interchange;

public class DatasetReaderTests
{
    private const string Nodes = "id,kind,area,employment,ses\n";
    private const string Ties = "source,target,kind\n";

    private static DataValidationException Invalid(string nodes, string ties) =>
        Assert.Throws<DataValidationException>(() => DatasetReader.Read(new StringReader(nodes), new StringReader(ties)));

    private static DataProblem Single(string nodes, string ties) => Assert.Single(Invalid(nodes, ties).Problems);

    [Fact]
    public void Read_Toy_ReadsEveryRowAndColumn()
    {
        var dataset = DatasetReader.Read(TestData.Sample("toy"));
        Assert.Equal(12, dataset.Nodes.Count);
        Assert.Equal(16, dataset.Ties.Count);
        var two = dataset.Nodes.Single(n => n.Id == "2");
        Assert.Equal(new NodeRecord("2", NodeKind.Citizen) { Area = "A", Employment = Employment.Employed, Ses = 0.75 }, two);
    }

    [Fact]
    public void Read_AllOptionalColumnsAndExtras_AreParsed()
    {
        var dataset = DatasetReader.Read(
            new StringReader("ethnicity,id,kind,area,employment,age_band,sector,ses,languages,skills,goals,capacity\n"
                + "x,m1,mentor,E01,self_employed,35-49,health,0.8,en; cy,nursing;care,,3\n"
                + ",c1,citizen,E01,unemployed,16-24,,0.1,en,,health;retail,\n"),
            new StringReader("source,target,kind,strength,since,until\nm1,c1,mentoring,2.5,2024-01-01,2025-01-01\n"));
        var mentor = dataset.Nodes[0];
        Assert.Equal(Employment.SelfEmployed, mentor.Employment);
        Assert.Equal(AgeBand.Age35To49, mentor.AgeBand);
        Assert.Equal(["en", "cy"], mentor.Languages);
        Assert.Equal(["nursing", "care"], mentor.Skills);
        Assert.Equal(3, mentor.Capacity);
        Assert.Equal("x", mentor.Attributes["ethnicity"]);
        Assert.Empty(dataset.Nodes[1].Attributes);
        Assert.Equal(["health", "retail"], dataset.Nodes[1].Goals);
        Assert.Equal(["ethnicity"], dataset.AttributeColumns);
        var tie = Assert.Single(dataset.Ties);
        Assert.Equal(2.5, tie.Strength);
        Assert.Equal(new DateOnly(2024, 1, 1), tie.Since);
        Assert.Equal(new DateOnly(2025, 1, 1), tie.Until);
    }

    [Fact]
    public void Read_BomCrlfAndQuotes_ReadLikePlainText()
    {
        using var folder = new TempFolder();
        var utf8Bom = new UTF8Encoding(true);
        File.WriteAllText(Path.Combine(folder.Path, "nodes.csv"),
            "id,kind,note\r\n\"a\",citizen,\"hello, \"\"world\"\"\"\r\nb,citizen,\"two\r\nlines\"\r\n", utf8Bom);
        File.WriteAllText(Path.Combine(folder.Path, "ties.csv"), "source,target,kind\r\na,b,friend\r\n", utf8Bom);
        var dataset = DatasetReader.Read(folder.Path);
        Assert.Equal(["a", "b"], dataset.Nodes.Select(n => n.Id));
        Assert.Equal("hello, \"world\"", dataset.Nodes[0].Attributes["note"]);
        Assert.Equal("two\r\nlines", dataset.Nodes[1].Attributes["note"]);
        Assert.Single(dataset.Ties);
    }

    [Theory]
    [InlineData("a,martian,,,\n", "kind", "unknown node kind")]
    [InlineData("a,citizen,,busy,\n", "employment", "unknown value")]
    [InlineData("a,citizen,,,abc\n", "ses", "not a number")]
    [InlineData("a,citizen,,,1.5\n", "ses", "from 0 to 1")]
    [InlineData("a b,citizen,,,\n", "id", "only letters, digits")]
    [InlineData("a,citizen,A\u202E1,,\n", "area", "U+202E at position 2")] // right-to-left override
    [InlineData("a,citizen,A\u200B1,,\n", "area", "U+200B")] // zero-width space
    [InlineData("a,citizen,\"A\u00071\",,\n", "area", "control character")]
    [InlineData("a,citizen,A1\U000E0041,,\n", "area", "U+E0041 at position 3")] // a TAG character (ASCII smuggling)
    [InlineData("a,citizen,A1\u00A0,,\n", "area", "U+00A0")] // a no-break space: "A1 " looks like "A1"
    [InlineData("a,citizen,A\u20281,,\n", "area", "U+2028")] // line separator
    public void Read_BadNodeValue_NamesFileLineAndColumn(string row, string column, string reason)
    {
        var problem = Single(Nodes + row + "b,citizen,,,\n", Ties);
        Assert.Equal("nodes.csv", problem.Source);
        Assert.Equal(2, problem.Line);
        Assert.Equal(column, problem.Column);
        Assert.Contains(reason, problem.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a,b,hug\n", "kind", "unknown tie kind")]
    [InlineData("a,zz,friend\n", "target", "unknown id")]
    [InlineData("a,a,friend\n", "target", "itself")]
    [InlineData("a,acme,friend\n", "target", "joins two people")]
    [InlineData("a,b,membership\n", "target", "ends at a peer_group")]
    [InlineData("acme,a,colleague\n", "source", "starts at a person")]
    public void Read_BadTie_NamesFileLineAndColumn(string row, string column, string reason)
    {
        var problem = Single(Nodes + "a,citizen,,,\nb,citizen,,,\nacme,employer,,,\n", Ties + row);
        Assert.Equal("ties.csv", problem.Source);
        Assert.Equal(2, problem.Line);
        Assert.Equal(column, problem.Column);
        Assert.Contains(reason, problem.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0", "strength", "> 0")]
    [InlineData("x", "strength", "not a number")]
    [InlineData("-2", "strength", "> 0")]
    public void Read_BadStrength_IsReported(string strength, string column, string reason)
    {
        var problem = Single(Nodes + "a,citizen,,,\nb,citizen,,,\n", $"source,target,kind,strength\na,b,friend,{strength}\n");
        Assert.Equal(column, problem.Column);
        Assert.Contains(reason, problem.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_BadDatesAndCapacity_AreReported()
    {
        var problems = Invalid("id,kind,capacity\na,mentor,-1\nb,citizen,two\n",
            "source,target,kind,since,until\na,b,mentoring,2024-02-30,\na,b,friend,2024-05-01,2024-01-01\n").Problems;
        Assert.Contains(problems, p => p is { Source: "nodes.csv", Line: 2, Column: "capacity" });
        Assert.Contains(problems, p => p is { Source: "nodes.csv", Line: 3, Column: "capacity" });
        Assert.Contains(problems, p => p is { Source: "ties.csv", Line: 2, Column: "since" });
        Assert.Contains(problems, p => p is { Source: "ties.csv", Line: 3, Column: "until" } && p.Reason.Contains("after since", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("2024-02-29", true)]
    [InlineData("2023-02-29", false)]
    [InlineData("2024-13-01", false)]
    [InlineData("2024-00-10", false)]
    [InlineData("2024-1-01", false)]
    [InlineData("24-01-01xx", false)]
    [InlineData("0000-01-01", false)]
    [InlineData("9999-12-31", true)]
    [InlineData("2024/01/01", false)]
    public void Read_IsoDates_OnlyRealCalendarDays(string text, bool valid)
    {
        var ties = $"source,target,kind,since\na,b,friend,{text}\n";
        var read = () => DatasetReader.Read(new StringReader(Nodes + "a,citizen,,,\nb,citizen,,,\n"), new StringReader(ties));
        if (valid) Assert.Equal(DateOnly.ParseExact(text, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), read().Ties[0].Since);
        else Assert.Equal("since", Assert.Single(Assert.Throws<DataValidationException>(read).Problems).Column);
    }

    [Fact]
    public void Read_ManyTies_KeepOrderLinesAndIdsAcrossBatches()
    {
        // Tie rows are looked up in batches on the thread pool; the dataset must not show it.
        const int people = 500, ties = 5 * TieRowBatch.Capacity + 7;
        var nodes = new StringBuilder("id,kind\n");
        for (var i = 0; i < people; i++) nodes.Append($"person-with-a-long-id-{i},citizen\n");
        var rows = new StringBuilder("source,target,kind,strength\n");
        for (var t = 0; t < ties; t++) rows.Append($"person-with-a-long-id-{t % people},person-with-a-long-id-{(t * 7 + 1) % people},friend,{t + 1}\n");
        var dataset = DatasetReader.Read(new StringReader(nodes.ToString()), new StringReader(rows.ToString()));
        Assert.Equal(ties, dataset.Ties.Count);
        for (var t = 0; t < ties; t += 997)
        {
            var tie = dataset.Ties[t];
            Assert.Equal(t + 1, tie.Strength);
            Assert.Same(dataset.Nodes[t % people].Id, tie.Source);
            Assert.Same(dataset.Nodes[(t * 7 + 1) % people].Id, tie.Target);
        }

        // Problems from different batches come back in line order, each with its own line.
        var broken = rows.ToString().Replace("person-with-a-long-id-3,", "nobody,", StringComparison.Ordinal)
            + "person-with-a-long-id-1,person-with-a-long-id-2,friendship,1\n";
        var problems = Assert.Throws<DataValidationException>(
            () => DatasetReader.Read(new StringReader(nodes.ToString()), new StringReader(broken))).Problems;
        var unknown = problems.Where(p => p.Column == "source").ToArray();
        Assert.Equal(Enumerable.Range(0, ties).Where(t => t % people == 3).Select(t => t + 2), unknown.Select(p => p.Line!.Value));
        Assert.All(unknown, p => Assert.Equal("nobody", p.Value));
        Assert.Contains(problems, p => p is { Column: "kind", Line: ties + 2 });
    }

    [Fact]
    public void Read_Streams_GiveTheSameDatasetAsReaders()
    {
        var folder = TestData.Sample("toy");
        var fromFolder = DatasetReader.Read(folder);
        using var nodes = File.OpenText(Path.Combine(folder, "nodes.csv"));
        using var ties = File.OpenText(Path.Combine(folder, "ties.csv"));
        var fromReaders = DatasetReader.Read(nodes, ties);
        Assert.Equal(fromReaders.Nodes, fromFolder.Nodes);
        Assert.Equal(fromReaders.Ties, fromFolder.Ties);
        Assert.Equal(fromReaders.AttributeColumns, fromFolder.AttributeColumns);
    }

    [Fact]
    public void Read_BytesThatAreNotUtf8_AreReportedByRowAndTheRestStillChecked()
    {
        byte[] nodes = [.. "id,kind,area\na,citizen,Caf"u8, 0xE9, .. "\nb,citizen,X\nc,citizen,Y\n"u8];
        byte[] ties = [.. "source,target,kind\nb,c,friend\nb,c"u8, 0xFF, .. ",friend\nb,c,enemy\n"u8];
        var problems = Assert.Throws<DataValidationException>(() =>
            DatasetReader.Read(new MemoryStream(nodes), new MemoryStream(ties), "n.csv", "t.csv")).Problems;
        Assert.Contains(problems, p => p is { Source: "n.csv", Line: 2 } && p.Reason.Contains("not UTF-8", StringComparison.Ordinal));
        Assert.Contains(problems, p => p is { Source: "t.csv", Line: 3 } && p.Reason.Contains("not UTF-8", StringComparison.Ordinal));
        Assert.Contains(problems, p => p is { Source: "t.csv", Line: 4, Column: "kind" });
    }

    [Fact]
    public void Read_NodeRowsNotUtf8_TiesToThemAreNotReportedAgain()
    {
        byte[] nodes = [.. "id,kind,area\na,citizen,X\nb,citizen,Caf"u8, 0xE9, .. "\n"u8];
        var problem = Assert.Single(Assert.Throws<DataValidationException>(() =>
            DatasetReader.Read(new MemoryStream(nodes), new MemoryStream("source,target,kind\na,b,friend\n"u8.ToArray()), "n.csv", "t.csv")).Problems);
        Assert.Equal(("n.csv", 3), (problem.Source, problem.Line));

        // A strict reader loses the rest of the node file: its ties cannot be checked, so none is reported as unknown.
        var strict = new UTF8Encoding(false, throwOnInvalidBytes: true);
        var many = new StringBuilder("source,target,kind\n");
        for (var i = 0; i < 500; i++) many.Append("a,b,friend\n");
        using var nodeReader = new StreamReader(new MemoryStream(nodes), strict);
        var problems = Assert.Throws<DataValidationException>(() => DatasetReader.Read(nodeReader, new StringReader(many.ToString()))).Problems;
        Assert.Equal("nodes.csv", Assert.Single(problems).Source);
    }

    [Fact]
    public void Read_StrictReaderThatMeetsNonUtf8_IsAProblemNotACrash()
    {
        var strict = new UTF8Encoding(false, throwOnInvalidBytes: true);
        using var nodes = new StreamReader(new MemoryStream("id,kind\na,citizen\n"u8.ToArray()), strict);
        using var ties = new StreamReader(new MemoryStream([.. "source,target,kind\na,a"u8, 0xFF, .. ",friend\n"u8]), strict);
        var problem = Assert.Single(Assert.Throws<DataValidationException>(() => DatasetReader.Read(nodes, ties)).Problems);
        Assert.Equal("ties.csv", problem.Source);
        Assert.Contains("not UTF-8", problem.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_DuplicateId_NamesTheFirstLine()
    {
        var problem = Single(Nodes + "a,citizen,,,\nb,citizen,,,\na,mentor,,,\n", Ties);
        Assert.Equal(4, problem.Line);
        Assert.Contains("first at line 2", problem.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_MissingRequiredColumns_AreReportedForBothFiles()
    {
        var problems = Invalid("id,area\na,A\n", "source,kind\na,friend\n").Problems;
        Assert.Contains(problems, p => p is { Source: "nodes.csv", Line: 1, Column: "kind" });
        Assert.Contains(problems, p => p is { Source: "ties.csv", Line: 1, Column: "target" });
    }

    [Fact]
    public void Read_RaggedRow_IsReported()
    {
        var problem = Single(Nodes + "a,citizen,,,\nb,citizen\n", Ties);
        Assert.Equal(3, problem.Line);
        Assert.Contains("2 fields", problem.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_ManyProblems_AllCountedFirstHundredListed()
    {
        var rows = string.Concat(Enumerable.Range(0, 250).Select(i => $"n{i},robot,,,\n"));
        var e = Invalid(Nodes + rows, Ties);
        Assert.Equal(250, e.TotalCount);
        Assert.Equal(DataValidationException.MaxReported, e.Problems.Count);
        Assert.Contains("and 150 more", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_TieToUnparseableNode_ReportsOnlyTheNodeRow()
    {
        // b's row is broken (bad ses): its ties must not add "unknown id" noise.
        var problem = Single(Nodes + "a,citizen,,,\nb,citizen,,,abc\n", Ties + "a,b,friend\n");
        Assert.Equal(("nodes.csv", 3, "ses"), (problem.Source, problem.Line!.Value, problem.Column!));
    }

    [Fact]
    public void Read_MissingFolderOrFile_ThrowsNamingIt()
    {
        using var folder = new TempFolder();
        Assert.Throws<DirectoryNotFoundException>(() => DatasetReader.Read(Path.Combine(folder.Path, "nope")));
        folder.WriteFile("nodes.csv", "id,kind\na,citizen\n");
        var e = Assert.Throws<FileNotFoundException>(() => DatasetReader.Read(folder.Path));
        Assert.Contains("ties.csv", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_EmptyFiles_AreReported()
    {
        var problems = Invalid("", "").Problems;
        Assert.Contains(problems, p => p.Source == "nodes.csv" && p.Reason.Contains("empty", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Source == "ties.csv" && p.Reason.Contains("empty", StringComparison.Ordinal));
    }

    [Fact]
    public void Read_HeaderButNoNodeRows_IsRejected()
    {
        var problem = Single(Nodes, Ties);
        Assert.Equal("nodes.csv", problem.Source);
        Assert.Contains("has no rows", problem.Reason, StringComparison.Ordinal);
        // The byte path (uploads) holds the same rule.
        var e = Assert.Throws<DataValidationException>(() => DatasetReader.Read(
            new MemoryStream(Encoding.UTF8.GetBytes(Nodes)), new MemoryStream(Encoding.UTF8.GetBytes(Ties)), "n.csv", "t.csv"));
        Assert.Contains(e.Problems, p => p.Source == "n.csv" && p.Reason.Contains("has no rows", StringComparison.Ordinal));
    }

    [Fact]
    public void Create_NoNodes_IsAnEmptyDataset()
    {
        // Only a file must have rows: in code, an empty dataset is how a new store starts.
        var dataset = Dataset.Create([], []);
        Assert.Empty(dataset.Nodes);
    }

    [Theory]
    [InlineData("c,m,mentoring\n", "citizen")]
    [InlineData("k,c,mentoring\n", "coach")]
    public void Read_MentoringTieNotFromTheMentor_NamesFileLineAndSource(string row, string kind)
    {
        var problem = Single(Nodes + "c,citizen,,,\nm,mentor,,,\nk,coach,,,\n", Ties + "m,c,mentoring\n" + row);
        Assert.Equal("ties.csv", problem.Source);
        Assert.Equal(3, problem.Line);
        Assert.Equal("source", problem.Column);
        Assert.Equal(row[..1], problem.Value);
        Assert.Contains("source of a mentoring tie must be the mentor", problem.Reason, StringComparison.Ordinal);
        Assert.Contains(kind, problem.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_MentoringTieNotFromTheMentor_NamesTheRecord()
    {
        NodeRecord[] nodes = [TestData.Citizen("c"), new NodeRecord("m", NodeKind.Mentor), new NodeRecord("m2", NodeKind.Mentor)];
        var e = Assert.Throws<DataValidationException>(() => Dataset.Create(nodes,
            [new TieRecord("m", "c", TieKind.Mentoring), new TieRecord("m", "m2", TieKind.Mentoring), new TieRecord("c", "m", TieKind.Mentoring)]));
        var problem = Assert.Single(e.Problems);
        Assert.Equal(new DataProblem("tie #3", null, "source", "c", problem.Reason), problem);
        Assert.Contains("source of a mentoring tie must be the mentor", problem.Reason, StringComparison.Ordinal);
        // The builder holds records from code to the same rule.
        var builder = new SocialCapital.Graph.SocialGraphBuilder().AddNodes(nodes).AddTies([new TieRecord("c", "m", TieKind.Mentoring)]);
        Assert.Contains(Assert.Throws<DataValidationException>(() => builder.Build()).Problems,
            p => p is { Source: "tie #1", Column: "source", Value: "c" });
    }

    [Fact]
    public void Create_InvalidRecordsFromCode_NameTheRecord()
    {
        var e = Assert.Throws<DataValidationException>(() => Dataset.Create(
            [TestData.Citizen("a"), TestData.Citizen("a")],
            [TestData.Friend("a", "ghost"), TestData.Friend("a", "a", strength: double.NaN)]));
        Assert.Contains(e.Problems, p => p is { Source: "node #2", Column: "id" });
        Assert.Contains(e.Problems, p => p is { Source: "tie #1", Column: "target", Value: "ghost" });
        Assert.Contains(e.Problems, p => p is { Source: "tie #2", Column: "strength" });
    }

    [Fact]
    public void Create_EnumValuesOutOfRange_AreProblemsNotCrashes()
    {
        var e = Assert.Throws<DataValidationException>(() => Dataset.Create(
            [TestData.Citizen("a") with { Employment = (Model.Employment)99, AgeBand = (Model.AgeBand)42 }], []));
        Assert.Contains(e.Problems, p => p is { Source: "node #1", Column: "employment" });
        Assert.Contains(e.Problems, p => p is { Source: "node #1", Column: "age_band" });
    }

    /// <summary>Reading with a progress sink: the same dataset, reports that never go back, at most 0.9 before the
    /// records are checked, and 1 at the end.</summary>
    [Fact]
    public void Read_WithProgress_SameDataset_ReportsRiseToOne()
    {
        var reports = new List<double>();
        var folder = TestData.Sample("city-10k");
        var dataset = DatasetReader.Read(folder, new SyncProgress(reports.Add));
        var plain = DatasetReader.Read(folder);
        Assert.Equal((plain.Nodes.Count, plain.Ties.Count, plain.Contacts.Count), (dataset.Nodes.Count, dataset.Ties.Count, dataset.Contacts.Count));
        Assert.True(reports.Count >= 3, $"{reports.Count} reports");
        Assert.Equal(reports.Order(), reports);
        Assert.All(reports.SkipLast(1), r => Assert.InRange(r, 0, 0.9));
        Assert.Equal(1, reports[^1]);
    }

    /// <summary>Reports on the caller's thread (Progress&lt;T&gt; would post them to the thread pool).</summary>
    private sealed class SyncProgress(Action<double> report) : IProgress<double>
    {
        public void Report(double value) => report(value);
    }
}
