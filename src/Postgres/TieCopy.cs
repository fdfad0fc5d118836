using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using SocialCapital.Interchange;
using SocialCapital.Model;
using static SocialCapital.Postgres.PostgresRows;

namespace SocialCapital.Postgres;

/// <summary>Reads ties as the raw bytes of a binary <c>COPY … TO STDOUT</c> and parses them here: each end is looked up
/// straight from its UTF-8 bytes (<see cref="TieRowPipeline"/>, the CSV reader's path), so the export allocates no string
/// for the 20M tie ends of a 1M-people city, and the lookups run on the thread pool while parsing goes on.</summary>
internal static class TieCopy
{
    /// <summary>PostgreSQL's <c>date</c> counts days from 2000-01-01.</summary>
    private static readonly int Epoch = new DateOnly(2000, 1, 1).DayNumber;

    /// <summary>What a binary COPY starts with: <c>PGCOPY\n\377\r\n\0</c>.</summary>
    private static ReadOnlySpan<byte> Signature => [(byte)'P', (byte)'G', (byte)'C', (byte)'O', (byte)'P', (byte)'Y', (byte)'\n', 0xFF, (byte)'\r', (byte)'\n', 0];

    /// <summary>The ties with <c>seq</c> in (<paramref name="after"/>, <paramref name="last"/>], in order, inside the
    /// session's transaction.</summary>
    /// <returns>The records (ends as the nodes' own id strings) and where each end is in the nodes (-1: no such node,
    /// which validation then reports).</returns>
    /// <exception cref="InvalidDataException">A stored value is not one this code writes.</exception>
    public static async Task<(List<TieRecord> Ties, ResolvedTies Found)> ReadAsync(PostgresSession s, long after, long last, IdTable positions,
        CancellationToken ct)
    {
        var pipeline = new TieRowPipeline(positions);
        var state = new ParseState(pipeline, s.Where);
        var buffer = ArrayPool<byte>.Shared.Rent(1 << 20);
        try
        {
            await using var stream = await s.Connection.BeginRawBinaryCopyAsync(
                $"COPY (SELECT {TieColumnList} FROM ties WHERE seq > {after} AND seq <= {last} ORDER BY seq) TO STDOUT (FORMAT BINARY)", ct)
                .ConfigureAwait(false);
            var filled = 0;
            while (true)
            {
                if (filled == buffer.Length) // one row longer than the buffer (a long end reason): make room for it
                {
                    var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    buffer.AsSpan(0, filled).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }
                var read = await stream.ReadAsync(buffer.AsMemory(filled), ct).ConfigureAwait(false);
                if (read == 0) break;
                filled += read;
                var used = state.Parse(buffer.AsSpan(0, filled));
                buffer.AsSpan(used, filled - used).CopyTo(buffer);
                filled -= used;
            }
            if (!state.Done || filled > 0)
                throw new InvalidDataException($"The store at {s.Where} sent a tie export that ends part way through (binary COPY).");
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
        return pipeline.Finish(null);
    }

    /// <summary>Where the parse of the stream is: the header read or not, rows so far, the trailer met.</summary>
    private sealed class ParseState(TieRowPipeline pipeline, string where)
    {
        private const int Columns = 8; // TieColumnList
        private bool _header;
        private int _row;

        public bool Done { get; private set; }

        /// <summary>Parses every whole row in <paramref name="data"/>.</summary>
        /// <returns>How many bytes were used; the rest begins a row still to come.</returns>
        public int Parse(ReadOnlySpan<byte> data)
        {
            var at = 0;
            if (!_header)
            {
                // Signature (11 bytes), flags (4), header extension length (4) and the extension.
                if (data.Length < 19) return 0;
                if (!data[..11].SequenceEqual(Signature)) throw Unexpected("no binary COPY signature");
                var extension = BinaryPrimitives.ReadInt32BigEndian(data[15..]);
                if (data.Length < 19 + extension) return 0;
                at = 19 + extension;
                _header = true;
            }
            Span<int> start = stackalloc int[Columns];
            Span<int> length = stackalloc int[Columns];
            while (!Done)
            {
                if (data.Length - at < 2) return at;
                var fields = BinaryPrimitives.ReadInt16BigEndian(data[at..]);
                if (fields == -1)
                {
                    Done = true;
                    return at + 2;
                }
                if (fields != Columns) throw Unexpected($"a row of {fields} columns");
                // The whole row must be here before any of it is used.
                var p = at + 2;
                for (var f = 0; f < Columns; f++)
                {
                    if (data.Length - p < 4) return at;
                    var n = BinaryPrimitives.ReadInt32BigEndian(data[p..]);
                    p += 4;
                    if (n > data.Length - p) return at;
                    (start[f], length[f]) = (p, n);
                    if (n > 0) p += n;
                }
                if (length[0] < 0 || length[1] < 0) throw Corrupt(where, "tie end", "NULL");
                if (!WireNames.TryParseTieKind(Field(data, start, length, 2), out var kind))
                    throw Corrupt(where, "tie kind", length[2] < 0 ? "NULL" : Encoding.UTF8.GetString(Field(data, start, length, 2)));
                if (length[3] != 8) throw Corrupt(where, "tie strength", length[3] < 0 ? "NULL" : $"{length[3]} bytes");
                var strength = BinaryPrimitives.ReadDoubleBigEndian(Field(data, start, length, 3));
                var since = Date(Field(data, start, length, 4), length[4]);
                var until = Date(Field(data, start, length, 5), length[5]);
                PairingOutcome? outcome = null;
                if (length[6] >= 0)
                {
                    var name = Encoding.UTF8.GetString(Field(data, start, length, 6));
                    outcome = WireNames.TryParsePairingOutcome(name, out var parsed) ? parsed : throw Corrupt(where, "pairing outcome", name);
                }
                var endReason = length[7] < 0 ? null : Encoding.UTF8.GetString(Field(data, start, length, 7));
                pipeline.Add(_row++, Field(data, start, length, 0), Field(data, start, length, 1), kind, strength, since, until, outcome, endReason);
                at = p;
            }
            return at;
        }

        private static ReadOnlySpan<byte> Field(ReadOnlySpan<byte> data, Span<int> start, Span<int> length, int f) =>
            length[f] < 0 ? [] : data.Slice(start[f], length[f]);

        private DateOnly? Date(ReadOnlySpan<byte> value, int length)
        {
            if (length < 0) return null;
            if (length != 4) throw Corrupt(where, "tie date", $"{length} bytes");
            var days = BinaryPrimitives.ReadInt32BigEndian(value);
            // ±infinity stand for DateOnly's extremes, as Npgsql writes and reads them.
            if (days == int.MinValue) return DateOnly.MinValue;
            if (days == int.MaxValue) return DateOnly.MaxValue;
            var day = (long)Epoch + days;
            return day >= DateOnly.MinValue.DayNumber && day <= DateOnly.MaxValue.DayNumber
                ? DateOnly.FromDayNumber((int)day)
                : throw Corrupt(where, "tie date", $"{days} days from 2000-01-01");
        }

        private InvalidDataException Unexpected(string what) =>
            new($"The store at {where} sent a tie export this code cannot read: {what} where a binary COPY of ties was expected.");
    }
}
