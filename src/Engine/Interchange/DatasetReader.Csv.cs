using System.Text;
using System.Text.Unicode;
using CsvHelper;
using SocialCapital.Model;

namespace SocialCapital.Interchange;

// The CSV plumbing both files share: opening a file, reading rows that are UTF-8, reporting malformed rows, the header.
public static partial class DatasetReader
{
    /// <summary>What a CSV file is read from: characters, or UTF-8 bytes (the fast path).</summary>
    private readonly record struct CsvInput(TextReader? Text, Stream? Bytes)
    {
        public CsvReader Open(string file, ProblemCollector problems)
        {
            var options = new CsvReaderOptions
            {
                HasHeader = false, // the header is read as a row, so that its problems are reported like any other
                TrimWhitespace = true,
                SkipEmptyLines = true,
                TrackLineNumbers = true,
                PoolStrings = true,
                FieldCountMismatch = CsvFieldCountHandling.Allow,
                MalformedData = CsvMalformedDataHandling.Skip,
                OnMalformedRecord = bad => problems.Add(file, (int)bad.LineNumber, null, Shorten(bad.RawRecord), Malformed(bad.Reason)),
            };
            return Bytes is not null ? CsvReader.Create(Bytes, options, leaveOpen: true) : CsvReader.Create(Text!, options, leaveOpen: true);
        }
    }

    private const string NotUtf8 = "is not UTF-8 text: save the file as UTF-8";

    /// <summary>Reads the next row whose text is UTF-8, reporting the others; a skipped node row's id, when readable,
    /// goes to <paramref name="unreadable"/> so that ties to it are not reported again as unknown. A reader that
    /// decodes strictly throws instead, somewhere in its buffer, so the rest of that file is lost: that is reported
    /// from the last good line on, and <paramref name="cut"/> is set.</summary>
    private static bool Next(CsvReader parser, string file, ProblemCollector problems, out bool cut,
        HashSet<string>? unreadable = null, int idColumn = -1)
    {
        cut = false;
        try
        {
            while (parser.Read())
            {
                if (Utf8.IsValid(parser.RawRecord)) return true;
                problems.Add(file, (int)parser.LineNumber, null, null, $"row {NotUtf8}");
                if (unreadable is not null && idColumn >= 0 && idColumn < parser.FieldCount
                    && Utf8.IsValid(parser.GetSpan(idColumn)) && parser.GetString(idColumn) is var id && RecordValidator.IdProblem(id) is null)
                    unreadable.Add(id);
            }
            return false;
        }
        catch (DecoderFallbackException)
        {
            problems.Add(file, (int)parser.LineNumber + 1, null, null, $"text from about this line on {NotUtf8}");
            cut = true;
            return false;
        }
    }

    private static string Malformed(CsvMalformedReason reason) => reason switch
    {
        CsvMalformedReason.UnterminatedQuote => "badly quoted row: a quoted field is never closed",
        CsvMalformedReason.StrayQuote => "badly quoted row: a quote inside an unquoted field",
        CsvMalformedReason.TextAfterClosingQuote => "badly quoted row: text after a closing quote",
        _ => $"malformed row ({reason})",
    };

    /// <summary>Reads the header row; returns column name → index, or null (with problems) when unusable.</summary>
    /// <param name="parser">The parser, before the header row.</param>
    /// <param name="file">The file's name, for problems.</param>
    /// <param name="required">The columns the file must have.</param>
    /// <param name="problems">Receives the problems.</param>
    /// <param name="allowed">Every column the file may have (a column outside it is a problem); null to allow any.</param>
    private static Dictionary<string, int>? Header(CsvReader parser, string file, IReadOnlyList<string> required, ProblemCollector problems,
        IReadOnlyList<string>? allowed = null)
    {
        var before = problems.Count;
        var read = Next(parser, file, problems, out _);
        if (problems.Count > before) return null; // the header row was unreadable (not UTF-8, or badly quoted)
        if (!read)
        {
            problems.Add(file, 1, null, null, $"is empty: expected a header row with {string.Join(", ", required)}");
            return null;
        }
        var line = (int)parser.LineNumber;
        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
        var ok = true;
        for (var i = 0; i < parser.FieldCount; i++)
        {
            var name = parser.GetString(i).Trim();
            if (name.Length == 0) { problems.Add(file, line, $"#{i + 1}", null, "header has an empty column name"); ok = false; }
            else if (!columns.TryAdd(name, i)) { problems.Add(file, line, name, null, "column appears twice in the header"); ok = false; }
            else if (allowed is not null && !allowed.Contains(name, StringComparer.Ordinal))
            {
                problems.Add(file, line, name, null, $"unknown column (the columns are {string.Join(", ", allowed)})");
                ok = false;
            }
        }
        foreach (var name in required)
            if (!columns.ContainsKey(name))
            {
                problems.Add(file, line, name, null, $"required column is missing (header: {string.Join(",", columns.Keys)})");
                ok = false;
            }
        return ok ? columns : null;
    }

    /// <summary>Whether the current row has the header's <paramref name="width"/> fields; when not, a problem saying both.</summary>
    private static bool HasWidth(CsvReader parser, int width, string file, ProblemCollector problems)
    {
        if (parser.FieldCount == width) return true;
        problems.Add(file, (int)parser.LineNumber, null, null, $"row has {parser.FieldCount} fields; the header has {width}");
        return false;
    }

    /// <summary>A date cell: null when the column is absent or the cell empty (a problem when <paramref name="required"/>),
    /// or not an ISO date (a problem).</summary>
    private static DateOnly? DateCell(CsvReader parser, int column, string name, string file, ProblemCollector problems, bool required = false)
    {
        if (column < 0 || parser.IsEmpty(column))
        {
            if (required) problems.Add(file, (int)parser.LineNumber, name, null, $"{name} is required (an ISO date, yyyy-MM-dd)");
            return null;
        }
        if (IsoDate(parser.GetSpan(column)) is { } date) return date;
        problems.Add(file, (int)parser.LineNumber, name, parser.GetString(column), "not an ISO date (expected yyyy-MM-dd)");
        return null;
    }

    /// <summary>A text cell: null when the column is absent or the cell empty.</summary>
    private static string? TextCell(CsvReader parser, int column) => column < 0 || parser.IsEmpty(column) ? null : parser.GetString(column);

    private static string? Shorten(string? raw) => raw is null ? null : raw.TrimEnd('\r', '\n');
}
