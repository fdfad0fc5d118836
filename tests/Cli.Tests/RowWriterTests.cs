using SocialCapital.Cli.Output;

namespace SocialCapital.Cli.Tests;

/// <summary>CSV of a long list is formatted in blocks on every core: the same text as row by row.</summary>
public sealed class RowWriterTests
{
    private sealed record Row(string Id, int Count, double Share, bool Flag);

    private static readonly IReadOnlyList<Column<Row>> Columns =
    [
        Column.Of<Row>(r => r.Id),
        Column.Of<Row>(r => r.Count),
        Column.Of<Row>(r => r.Share),
        Column.Of<Row>(r => r.Flag),
    ];

    [Fact]
    public void Write_LongListAsCsv_SameTextAsRowByRow()
    {
        var rows = Enumerable.Range(0, 70_001)
            .Select(i => new Row(i % 7 == 0 ? $"a,\"{i}\"" : $"p{i}", i, i % 5 == 0 ? double.NaN : i / 3.0, i % 2 == 0)).ToArray();
        using var inBlocks = new StringWriter();
        RowWriter.Write(rows, Columns, RowFormat.Csv, inBlocks);
        using var oneByOne = new StringWriter();
        RowWriter.Write(rows.Select(r => r), Columns, RowFormat.Csv, oneByOne); // not a list: row by row
        Assert.Equal(oneByOne.ToString(), inBlocks.ToString());
        Assert.Equal(70_002, inBlocks.ToString().Count(c => c == '\n'));
    }
}
