using System.Globalization;
using CsvHelper;
using SocialCapital.Model;

namespace SocialCapital.Interchange;

// The rows of ties.csv: parsed from the UTF-8 bytes, their ends looked up in batches on the thread pool (TieRowPipeline).
public static partial class DatasetReader
{
    /// <summary>Reads the tie rows. Each end is looked up once, straight from the parser's UTF-8 bytes, on the thread
    /// pool while parsing goes on (see <see cref="TieRowPipeline"/>): the record gets the node's own id string and
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
        var pipeline = new TieRowPipeline(positions);
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
            pipeline.Add(line, parser.GetSpan(source), parser.GetSpan(target), tieKind, weight, from, to, ending, TextCell(parser, endReason));
        }
        (var ties, found) = pipeline.Finish(lines);
        return ties;
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
