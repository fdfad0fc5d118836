using System.Globalization;
using CsvHelper;
using SocialCapital.Model;

namespace SocialCapital.Interchange;

// The rows of ties.csv: parsed from the UTF-8 bytes, their ends looked up in batches on the thread pool.
public static partial class DatasetReader
{
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
            since = Col("since"), until = Col("until"), outcome = Col("outcome"), endReason = Col("end_reason");
        var width = columns.Count;
        var batches = new List<(TieRowBatch Rows, Task Resolved)>();
        var waited = 0; // batches before this one are resolved
        var batch = new TieRowBatch();
        while (Next(parser, file, problems, out _))
        {
            if (!HasWidth(parser, width, file, problems)) continue;
            var line = (int)parser.LineNumber;
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
            var from = DateCell(parser, since, "since", file, problems);
            var to = DateCell(parser, until, "until", file, problems);
            PairingOutcome? ending = null;
            if (outcome >= 0 && !parser.IsEmpty(outcome))
            {
                var outcomeText = parser.GetString(outcome);
                if (WireNames.TryParsePairingOutcome(outcomeText, out var parsed)) ending = parsed;
                else problems.Add(file, line, "outcome", outcomeText,
                    $"unknown pairing outcome (expected one of {string.Join(", ", WireNames.PairingOutcomeNames)}, or empty)");
            }
            if (problems.Count > before) continue;
            batch.Add(line, parser.GetSpan(source), parser.GetSpan(target), tieKind, weight, from, to, ending, TextCell(parser, endReason));
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
}
