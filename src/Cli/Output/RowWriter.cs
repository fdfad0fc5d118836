using System.Globalization;
using System.Text;
using System.Text.Json;

namespace SocialCapital.Cli.Output;

/// <summary>Prints rows as a table, CSV or JSON. Numbers are invariant; CSV and JSON keep full round-trip
/// precision, the table shows 6 significant digits. An undefined value (NaN) is an empty CSV cell, JSON
/// null and an empty table cell; infinity is <c>inf</c> (a string in JSON).</summary>
internal static class RowWriter
{
    public static void Write<T>(IEnumerable<T> rows, IReadOnlyList<Column<T>> columns, RowFormat format, TextWriter writer)
    {
        switch (format)
        {
            case RowFormat.Csv: WriteCsv(rows, columns, writer); break;
            case RowFormat.Json: WriteJson(rows, columns, writer); break;
            default: WriteTable(rows, columns, writer); break;
        }
    }

    /// <summary>Writes to a file through a temporary beside it, so a failure never leaves a half-written file.</summary>
    public static void WriteFile<T>(IEnumerable<T> rows, IReadOnlyList<Column<T>> columns, RowFormat format, string path)
    {
        var temp = path + ".partial";
        try
        {
            using (var writer = new StreamWriter(temp, false, new UTF8Encoding(false)) { NewLine = "\n" })
                Write(rows, columns, format, writer);
            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    private static void WriteCsv<T>(IEnumerable<T> rows, IReadOnlyList<Column<T>> columns, TextWriter writer)
    {
        writer.Write(string.Join(',', columns.Select(c => c.Name)));
        writer.Write('\n');
        if (rows is IReadOnlyList<T> { Count: > CsvBlock } list)
        {
            // A long output (the ties of a million-people city: ten million rows) is formatted in blocks on every core,
            // a wave of blocks at a time, and written in order.
            var blocks = (list.Count + CsvBlock - 1) / CsvBlock;
            var texts = new StringBuilder[2 * Environment.ProcessorCount];
            for (var first = 0; first < blocks; first += texts.Length)
            {
                var count = Math.Min(texts.Length, blocks - first);
                Parallel.For(0, count, i =>
                {
                    var text = (texts[i] ??= new StringBuilder()).Clear();
                    var from = (first + i) * CsvBlock;
                    for (int r = from, to = Math.Min(list.Count, from + CsvBlock); r < to; r++) AppendCsv(text, list[r], columns);
                });
                for (var i = 0; i < count; i++) writer.Write(texts[i]);
            }
            return;
        }
        var line = new StringBuilder();
        foreach (var row in rows) writer.Write(AppendCsv(line.Clear(), row, columns));
    }

    private const int CsvBlock = 16_384;

    private static StringBuilder AppendCsv<T>(StringBuilder line, T row, IReadOnlyList<Column<T>> columns)
    {
        for (var i = 0; i < columns.Count; i++)
        {
            if (i > 0) line.Append(',');
            line.Append(Quote(Text(columns[i].Value(row), "R")));
        }
        return line.Append('\n');
    }

    private static void WriteJson<T>(IEnumerable<T> rows, IReadOnlyList<Column<T>> columns, TextWriter writer)
    {
        using var stream = new MemoryStream();
        var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        json.WriteStartArray();
        foreach (var row in rows)
        {
            json.WriteStartObject();
            foreach (var column in columns)
            {
                json.WritePropertyName(column.JsonName);
                switch (column.Value(row))
                {
                    case null: json.WriteNullValue(); break;
                    case string s: json.WriteStringValue(s); break;
                    case bool b: json.WriteBooleanValue(b); break;
                    case int i: json.WriteNumberValue(i); break;
                    case long l: json.WriteNumberValue(l); break;
                    case double d when double.IsNaN(d): json.WriteNullValue(); break;
                    case double d when double.IsInfinity(d): json.WriteStringValue(d > 0 ? "inf" : "-inf"); break;
                    case double d: json.WriteNumberValue(d); break;
                    case var other: json.WriteStringValue(Convert.ToString(other, CultureInfo.InvariantCulture)); break;
                }
            }
            json.WriteEndObject();
            if (stream.Length > 1 << 20) Flush(json, stream, writer);
        }
        json.WriteEndArray();
        Flush(json, stream, writer);
        writer.Write('\n');
    }

    private static void Flush(Utf8JsonWriter json, MemoryStream stream, TextWriter writer)
    {
        json.Flush();
        writer.Write(Encoding.UTF8.GetString(stream.GetBuffer(), 0, (int)stream.Length));
        stream.SetLength(0);
    }

    private static void WriteTable<T>(IEnumerable<T> rows, IReadOnlyList<Column<T>> columns, TextWriter writer)
    {
        var cells = new List<string[]> { columns.Select(c => c.Name).ToArray() };
        var numeric = new bool[columns.Count];
        foreach (var row in rows)
        {
            var line = new string[columns.Count];
            for (var i = 0; i < columns.Count; i++)
            {
                var value = columns[i].Value(row);
                numeric[i] |= value is int or long or double;
                line[i] = Text(value, "G6");
            }
            cells.Add(line);
        }
        var widths = new int[columns.Count];
        foreach (var line in cells)
            for (var i = 0; i < line.Length; i++) widths[i] = Math.Max(widths[i], line[i].Length);
        var text = new StringBuilder();
        foreach (var line in cells)
        {
            text.Clear();
            for (var i = 0; i < line.Length; i++)
            {
                if (i > 0) text.Append("  ");
                text.Append(numeric[i] ? line[i].PadLeft(widths[i]) : line[i].PadRight(widths[i]));
            }
            writer.Write(text.ToString().TrimEnd());
            writer.Write('\n');
        }
    }

    private static string Text(object? value, string numberFormat) => value switch
    {
        null => "",
        string s => s,
        bool b => b ? "true" : "false",
        double d when double.IsNaN(d) => "",
        double d when double.IsPositiveInfinity(d) => "inf",
        double d when double.IsNegativeInfinity(d) => "-inf",
        double d => d.ToString(numberFormat, CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static string Quote(string cell) =>
        cell.AsSpan().IndexOfAny(",\"\n\r") < 0 ? cell : "\"" + cell.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
