using System.Globalization;
using System.Text;

namespace SocialCapital.Cli.Tests.Infrastructure;

/// <summary>A CSV document read with RFC 4180 quoting: a header and rows, cells by column name.</summary>
internal sealed class CsvTable
{
    private readonly Dictionary<string, int> _index;

    private CsvTable(IReadOnlyList<string> header, IReadOnlyList<string[]> rows)
    {
        Header = header;
        Rows = rows;
        _index = header.Select((name, i) => (name, i)).ToDictionary(p => p.name, p => p.i, StringComparer.Ordinal);
    }

    public IReadOnlyList<string> Header { get; }

    public IReadOnlyList<string[]> Rows { get; }

    public static CsvTable Parse(string text)
    {
        var records = Records(text);
        Assert.True(records.Count > 0, "the CSV has no header row");
        foreach (var record in records.Skip(1))
            Assert.True(record.Length == records[0].Length,
                $"row '{string.Join(",", record)}' has {record.Length} fields; the header has {records[0].Length}");
        return new CsvTable(records[0], records.Skip(1).ToList());
    }

    public static CsvTable Load(string path) => Parse(File.ReadAllText(path));

    public string Cell(string[] row, string column)
    {
        Assert.True(_index.TryGetValue(column, out var i), $"no column '{column}' in {string.Join(",", Header)}");
        return row[i];
    }

    public bool HasColumn(string column) => _index.ContainsKey(column);

    /// <summary>Asserts <paramref name="row"/> is suppressed (<c>suppressed</c> is <c>true</c>) with every one of
    /// <paramref name="columns"/> empty.</summary>
    public void AssertSuppressed(string[] row, params IEnumerable<string> columns)
    {
        Assert.True(Cell(row, "suppressed") == "true", $"not suppressed: {string.Join(",", row)}");
        foreach (var column in columns)
            Assert.True(Cell(row, column).Length == 0, $"a suppressed row shows {column}: {string.Join(",", row)}");
    }

    /// <summary>The rows keyed by the cell of <paramref name="key"/> (which must be unique).</summary>
    public Dictionary<string, string[]> By(string key) => Rows.ToDictionary(r => Cell(r, key), StringComparer.Ordinal);

    /// <summary>The row whose <paramref name="a"/> and <paramref name="b"/> cells are these values.</summary>
    public string[] Single(string a, string aValue, string b, string bValue) =>
        Assert.Single(Rows, r => Cell(r, a) == aValue && Cell(r, b) == bValue);

    public static double Number(string cell) => double.Parse(cell, NumberStyles.Float, CultureInfo.InvariantCulture);

    private static List<string[]> Records(string text)
    {
        var records = new List<string[]>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        var atFieldStart = true;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c != '"') field.Append(c);
                else if (i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else quoted = false;
                continue;
            }
            switch (c)
            {
                case '"' when atFieldStart:
                    quoted = true;
                    atFieldStart = false;
                    break;
                case ',':
                    fields.Add(field.ToString());
                    field.Clear();
                    atFieldStart = true;
                    break;
                case '\r':
                    break;
                case '\n':
                    fields.Add(field.ToString());
                    field.Clear();
                    records.Add([.. fields]);
                    fields.Clear();
                    atFieldStart = true;
                    break;
                default:
                    field.Append(c);
                    atFieldStart = false;
                    break;
            }
        }
        Assert.False(quoted, "the CSV ends inside a quoted field");
        if (field.Length > 0 || fields.Count > 0)
        {
            fields.Add(field.ToString());
            records.Add([.. fields]);
        }
        return records;
    }
}
