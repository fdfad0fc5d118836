using System.Globalization;
using CsvHelper;
using SocialCapital.Model;

namespace SocialCapital.Interchange;

// The rows of nodes.csv: parsing each column into a NodeRecord, with one string per distinct attribute value.
public static partial class DatasetReader
{
    /// <summary>Reads the node rows; <c>Complete</c> is false when the file could not be read to its end (text that
    /// a strict reader could not decode), so its ties cannot be told from ties to missing nodes.</summary>
    private static (List<NodeRecord> Nodes, IReadOnlyList<string>? Columns, bool Complete) ReadNodes(
        CsvReader parser, string file, List<int> lines, HashSet<string> unreadable, ProblemCollector problems)
    {
        var nodes = new List<NodeRecord>();
        if (Header(parser, file, ["id", "kind"], problems) is not { } columns) return (nodes, null, true);
        var extra = columns.Where(c => !NodeColumns.IsStandard(c.Key)).OrderBy(c => c.Value).Select(c => c.Key).ToArray();
        var extraIndex = extra.Select(c => columns[c]).ToArray();
        int Col(string name) => columns.TryGetValue(name, out var i) ? i : -1;
        int id = Col("id"), kind = Col("kind"), area = Col("area"), employment = Col("employment"), age = Col("age_band"),
            sector = Col("sector"), ses = Col("ses"), languages = Col("languages"), skills = Col("skills"),
            goals = Col("goals"), capacity = Col("capacity"), hub = Col("hub"), specialisms = Col("specialisms");
        var width = columns.Count;
        var interned = new Dictionary<string, string>(StringComparer.Ordinal);

        bool cut;
        while (Next(parser, file, problems, out cut, unreadable, id))
        {
            if (!HasWidth(parser, width, file, problems))
            {
                // Its ties would only repeat the problem as "unknown id".
                if (id < parser.FieldCount && RecordValidator.IdProblem(parser.GetString(id)) is null) unreadable.Add(parser.GetString(id));
                continue;
            }
            var line = (int)parser.LineNumber;
            var before = problems.Count;
            var idText = parser.GetString(id);
            if (RecordValidator.IdProblem(idText) is { } idProblem)
            {
                problems.Add(file, line, "id", idText, idProblem);
                continue;
            }
            var kindText = parser.GetString(kind);
            if (!WireNames.TryParseNodeKind(kindText, out var nodeKind))
                problems.Add(file, line, "kind", kindText, kindText.Length == 0 ? "kind is required" : $"unknown node kind (expected one of {string.Join(", ", WireNames.NodeKindNames)})");
            var record = new NodeRecord(idText, nodeKind)
            {
                Area = Text(parser, area, interned),
                Employment = Parse<Employment>(parser, employment, "employment", WireNames.EmploymentNames, WireNames.TryParseEmployment),
                AgeBand = Parse<AgeBand>(parser, age, "age_band", WireNames.AgeBandNames, WireNames.TryParseAgeBand),
                Sector = Text(parser, sector, interned),
                Ses = Ses(parser, ses),
                Languages = List(parser, languages, interned),
                Skills = List(parser, skills, interned),
                Goals = List(parser, goals, interned),
                Capacity = Capacity(parser, capacity),
                Hub = Text(parser, hub, interned),
                Specialisms = List(parser, specialisms, interned),
                Attributes = Attributes(parser, extra, extraIndex, interned),
            };
            if (problems.Count > before) { unreadable.Add(idText); continue; }
            nodes.Add(record);
            lines.Add(line);
        }
        return (nodes, extra, !cut);

        T Parse<T>(CsvReader p, int col, string name, IReadOnlyList<string> allowed, TryParse<T> tryParse) where T : struct
        {
            if (col < 0) return default;
            var text = p.GetString(col);
            if (tryParse(text, out var value)) return value;
            problems.Add(file, (int)p.LineNumber, name, text, $"unknown value (expected one of {string.Join(", ", allowed)}, or empty)");
            return default;
        }

        double? Ses(CsvReader p, int col)
        {
            if (col < 0 || p.IsEmpty(col)) return null;
            var text = p.GetString(col);
            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)) return value;
            problems.Add(file, (int)p.LineNumber, "ses", text, "not a number (expected a percentile rank from 0 to 1)");
            return null;
        }

        int? Capacity(CsvReader p, int col)
        {
            if (col < 0 || p.IsEmpty(col)) return null;
            var text = p.GetString(col);
            if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)) return value;
            problems.Add(file, (int)p.LineNumber, "capacity", text, "not a whole number");
            return null;
        }
    }

    private delegate bool TryParse<T>(string text, out T value);

    private static string? Text(CsvReader p, int col, Dictionary<string, string> interned) =>
        col < 0 || p.IsEmpty(col) ? null : Intern(p.GetString(col), interned);

    private static IReadOnlyList<string> List(CsvReader p, int col, Dictionary<string, string> interned)
    {
        if (col < 0 || p.IsEmpty(col)) return [];
        var parts = p.GetString(col).Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < parts.Length; i++) parts[i] = Intern(parts[i], interned);
        return parts;
    }

    private static IReadOnlyDictionary<string, string> Attributes(CsvReader p, string[] names, int[] index, Dictionary<string, string> interned)
    {
        Dictionary<string, string>? values = null;
        for (var i = 0; i < names.Length; i++)
        {
            var text = p.GetString(index[i]);
            if (text.Length == 0) continue;
            values ??= new Dictionary<string, string>(StringComparer.Ordinal);
            values[names[i]] = Intern(text, interned);
        }
        return values ?? NodeRecord.EmptyAttributes;
    }

    /// <summary>Attribute values repeat a lot (areas, sectors): keep one string per distinct value.</summary>
    private static string Intern(string text, Dictionary<string, string> interned)
    {
        if (interned.TryGetValue(text, out var known)) return known;
        interned.Add(text, text);
        return text;
    }
}
