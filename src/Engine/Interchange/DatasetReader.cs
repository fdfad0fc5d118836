using System.Globalization;
using System.Text;
using System.Text.Unicode;
using CsvHelper;
using SocialCapital.Model;

namespace SocialCapital.Interchange;

/// <summary>Reads the interchange format: a folder with <c>nodes.csv</c> and <c>ties.csv</c> (UTF-8 with or
/// without BOM, LF or CRLF, RFC 4180 quoting, a header row, columns in any order). Every problem in both
/// files is reported at once, with file, line and column, and nothing is returned unless all is valid.</summary>
public static class DatasetReader
{
    /// <summary>The node file's name in a dataset folder.</summary>
    public const string NodesFileName = "nodes.csv";

    /// <summary>The tie file's name in a dataset folder.</summary>
    public const string TiesFileName = "ties.csv";

    /// <summary>Reads and validates a dataset folder.</summary>
    /// <param name="directory">The folder holding <c>nodes.csv</c> and <c>ties.csv</c>.</param>
    /// <returns>The dataset.</returns>
    /// <exception cref="ArgumentException"><paramref name="directory"/> is null or blank.</exception>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="FileNotFoundException">A file is missing.</exception>
    /// <exception cref="DataValidationException">The files break the format; lists every problem.</exception>
    public static Dataset Read(string directory)
    {
        Guard.NotEmpty(directory);
        if (!Directory.Exists(directory))
            throw new DirectoryNotFoundException($"Dataset folder '{directory}' does not exist.");
        var nodesPath = Path.Combine(directory, NodesFileName);
        var tiesPath = Path.Combine(directory, TiesFileName);
        foreach (var path in new[] { nodesPath, tiesPath })
            if (!File.Exists(path))
                throw new FileNotFoundException($"Dataset folder '{directory}' has no {Path.GetFileName(path)}.", path);
        using var nodes = new FileStream(nodesPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        using var ties = new FileStream(tiesPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        return Read(nodes, ties, NodesFileName, TiesFileName);
    }

    /// <summary>Reads and validates a dataset from two UTF-8 streams (for example, uploaded files). Faster than
    /// the <see cref="TextReader"/> form: the parser works on the bytes. Text that is not UTF-8 is reported by line.</summary>
    /// <param name="nodes">The content of <c>nodes.csv</c>.</param>
    /// <param name="ties">The content of <c>ties.csv</c>.</param>
    /// <param name="nodesName">The name problems give the node file.</param>
    /// <param name="tiesName">The name problems give the tie file.</param>
    /// <returns>The dataset.</returns>
    /// <exception cref="ArgumentNullException">A stream is null.</exception>
    /// <exception cref="DataValidationException">The content breaks the format; lists every problem.</exception>
    public static Dataset Read(Stream nodes, Stream ties, string nodesName, string tiesName) =>
        Read(new CsvInput(null, Guard.NotNull(nodes)), new CsvInput(null, Guard.NotNull(ties)), nodesName, tiesName);

    /// <summary>Reads and validates a dataset from two readers (for example, uploaded files).</summary>
    /// <param name="nodes">The content of <c>nodes.csv</c>.</param>
    /// <param name="ties">The content of <c>ties.csv</c>.</param>
    /// <param name="nodesName">The name problems give the node file.</param>
    /// <param name="tiesName">The name problems give the tie file.</param>
    /// <returns>The dataset.</returns>
    /// <exception cref="ArgumentNullException">A reader is null.</exception>
    /// <exception cref="DataValidationException">The content breaks the format; lists every problem.</exception>
    // RS0027 wants the overload with optional parameters to have the most parameters; the Stream overload has as many.
#pragma warning disable RS0027
    public static Dataset Read(TextReader nodes, TextReader ties, string nodesName = NodesFileName, string tiesName = TiesFileName) =>
        Read(new CsvInput(Guard.NotNull(nodes), null), new CsvInput(Guard.NotNull(ties), null), nodesName, tiesName);
#pragma warning restore RS0027

    private static Dataset Read(CsvInput nodes, CsvInput ties, string nodesName, string tiesName)
    {
        var problems = new ProblemCollector();
        var nodeLines = new List<int>();
        var tieLines = new List<int>();
        var unreadable = new HashSet<string>(StringComparer.Ordinal);
        List<NodeRecord> nodeList;
        IReadOnlyList<string>? columns;
        bool complete;
        using (var parser = nodes.Open(nodesName, problems))
            (nodeList, columns, complete) = ReadNodes(parser, nodesName, nodeLines, unreadable, problems);
        // Without usable nodes, tie rows are still parsed and their own problems reported, but not looked up.
        var positions = RecordValidator.Positions(columns is not null && complete ? nodeList : []);
        List<TieRecord>? tieList;
        ResolvedTies found;
        using (var parser = ties.Open(tiesName, problems))
            tieList = ReadTies(parser, tiesName, tieLines, positions, problems, out found);
        if (nodeList.Count == 0 && !problems.Any && columns is not null)
            problems.Add(nodesName, null, null, null, "has no rows: a dataset needs at least one node");
        ResolvedTies? resolved = null;
        if (columns is not null && complete && tieList is not null)
            resolved = RecordValidator.Validate(nodeList, tieList, new FileLocator(nodesName, nodeLines, tiesName, tieLines), problems,
                unreadable, positions: positions, found: found);
        else if (columns is not null)
            RecordValidator.Validate(nodeList, [], new FileLocator(nodesName, nodeLines, tiesName, tieLines), problems, unreadable);
        problems.ThrowIfAny();
        return new Dataset(nodeList, tieList!, columns!, resolved);
    }

    /// <summary>Reads and validates extra ties (a <c>ties.csv</c>, e.g. proposed ties for a what-if) against the
    /// nodes of a dataset: the same rules as a dataset's own ties, problems located by file and line.</summary>
    /// <param name="ties">The content, in the <c>ties.csv</c> format.</param>
    /// <param name="dataset">The dataset whose nodes the ties must join.</param>
    /// <param name="tiesName">The name problems give the file.</param>
    /// <returns>The ties.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="DataValidationException">A tie breaks a rule; lists every problem.</exception>
    public static IReadOnlyList<TieRecord> ReadTies(TextReader ties, Dataset dataset, string tiesName = TiesFileName)
    {
        Guard.NotNull(ties);
        Guard.NotNull(dataset);
        var problems = new ProblemCollector();
        var positions = RecordValidator.Positions(dataset.Nodes);
        var tieLines = new List<int>();
        List<TieRecord>? list;
        ResolvedTies found;
        using (var parser = new CsvInput(ties, null).Open(tiesName, problems))
            list = ReadTies(parser, tiesName, tieLines, positions, problems, out found);
        if (list is not null)
            RecordValidator.Validate(dataset.Nodes, list, new FileLocator(NodesFileName, [], tiesName, tieLines), problems,
                skipNodes: true, positions: positions, found: found);
        problems.ThrowIfAny();
        return list!;
    }

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
    private static Dictionary<string, int>? Header(CsvReader parser, string file, IReadOnlyList<string> required, ProblemCollector problems)
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
        }
        foreach (var name in required)
            if (!columns.ContainsKey(name))
            {
                problems.Add(file, line, name, null, $"required column is missing (header: {string.Join(",", columns.Keys)})");
                ok = false;
            }
        return ok ? columns : null;
    }

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
            goals = Col("goals"), capacity = Col("capacity");
        var width = columns.Count;
        var interned = new Dictionary<string, string>(StringComparer.Ordinal);

        bool cut;
        while (Next(parser, file, problems, out cut, unreadable, id))
        {
            var line = (int)parser.LineNumber;
            if (parser.FieldCount != width)
            {
                problems.Add(file, line, null, null, $"row has {parser.FieldCount} fields; the header has {width}");
                // Its ties would only repeat the problem as "unknown id".
                if (id < parser.FieldCount && RecordValidator.IdProblem(parser.GetString(id)) is null) unreadable.Add(parser.GetString(id));
                continue;
            }
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

    /// <summary>Reads the tie rows. Each end is looked up once, straight from the parser's UTF-8 bytes, on the thread
    /// pool while parsing goes on (see <see cref="TieRowBatch"/>): the record gets the node's own id string and
    /// <paramref name="found"/> its position.</summary>
    private static List<TieRecord>? ReadTies(CsvReader parser, string file, List<int> lines, IdTable positions,
        ProblemCollector problems, out ResolvedTies found)
    {
        found = new ResolvedTies([], []);
        if (Header(parser, file, ["source", "target", "kind"], problems) is not { } columns) return null;
        int Col(string name) => columns.TryGetValue(name, out var i) ? i : -1;
        int source = Col("source"), target = Col("target"), kind = Col("kind"), strength = Col("strength"),
            since = Col("since"), until = Col("until");
        var width = columns.Count;
        var batches = new List<(TieRowBatch Rows, Task Resolved)>();
        var waited = 0; // batches before this one are resolved
        var batch = new TieRowBatch();
        while (Next(parser, file, problems, out _))
        {
            var line = (int)parser.LineNumber;
            if (parser.FieldCount != width)
            {
                problems.Add(file, line, null, null, $"row has {parser.FieldCount} fields; the header has {width}");
                continue;
            }
            var before = problems.Count;
            // The hot path parses kind and strength from the UTF-8 bytes, allocating only on error.
            if (!WireNames.TryParseTieKind(parser.GetSpan(kind), out var tieKind))
            {
                var kindText = parser.GetString(kind);
                problems.Add(file, line, "kind", kindText, kindText.Length == 0 ? "kind is required" : $"unknown tie kind (expected one of {string.Join(", ", WireNames.TieKindNames)})");
            }
            var weight = 1.0;
            if (strength >= 0 && !parser.IsEmpty(strength)
                && !double.TryParse(parser.GetSpan(strength), NumberStyles.Float, CultureInfo.InvariantCulture, out weight))
                problems.Add(file, line, "strength", parser.GetString(strength), "not a number (expected a number > 0)");
            var from = Date(parser, since, "since");
            var to = Date(parser, until, "until");
            if (problems.Count > before) continue;
            batch.Add(line, parser.GetSpan(source), parser.GetSpan(target), tieKind, weight, from, to);
            if (batch.IsFull)
            {
                Send(batch);
                batch = new TieRowBatch();
            }
        }
        Send(batch);
        Task.WaitAll(batches.Select(b => b.Resolved));

        var count = batches.Sum(b => b.Rows.Count);
        var ties = new List<TieRecord>(count);
        var sources = new int[count];
        var targets = new int[count];
        lines.Capacity = count;
        foreach (var (rows, _) in batches)
        {
            rows.Sources.CopyTo(sources, ties.Count);
            rows.Targets.CopyTo(targets, ties.Count);
            ties.AddRange(rows.Records);
            lines.AddRange(rows.Lines);
        }
        found = new ResolvedTies(sources, targets);
        return ties;

        void Send(TieRowBatch rows)
        {
            batches.Add((rows, Task.Run(() => rows.Resolve(positions))));
            // Bound the rows in flight, and so the memory they hold.
            while (batches.Count - waited > 4 * Environment.ProcessorCount) batches[waited++].Resolved.Wait();
        }

        DateOnly? Date(CsvReader p, int col, string name)
        {
            if (col < 0 || p.IsEmpty(col)) return null;
            if (IsoDate(p.GetSpan(col)) is { } date) return date;
            problems.Add(file, (int)p.LineNumber, name, p.GetString(col), "not an ISO date (expected yyyy-MM-dd)");
            return null;
        }
    }

    /// <summary>Parses yyyy-MM-dd from UTF-8 bytes without allocating; null when it is not a real date.</summary>
    internal static DateOnly? IsoDate(ReadOnlySpan<byte> text)
    {
        if (text.Length != 10 || text[4] != '-' || text[7] != '-') return null;
        int Digits(ReadOnlySpan<byte> d)
        {
            var value = 0;
            foreach (var b in d)
            {
                if (b is < (byte)'0' or > (byte)'9') return -1;
                value = value * 10 + (b - '0');
            }
            return value;
        }
        int year = Digits(text[..4]), month = Digits(text[5..7]), day = Digits(text[8..]);
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)) return null;
        return new DateOnly(year, month, day);
    }

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

    private static string? Shorten(string? raw) => raw is null ? null : raw.TrimEnd('\r', '\n');
}
