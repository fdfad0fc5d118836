using System.Buffers;
using System.Text;
using SocialCapital.Model;

namespace SocialCapital.Interchange;

/// <summary>Tie rows the parser has read, on their way to the id lookups. Looking 1M distinct ids up is mostly
/// cache misses, so the reader hands full batches to the thread pool and goes on parsing; each batch looks its
/// ends up and makes its records on its own, and the reader joins the batches in input order. The rows' buffers
/// are pooled: zeroing fresh ones for every batch cost as much as the parsing.</summary>
internal sealed class TieRowBatch
{
    /// <summary>Rows per batch: enough to amortise a hand-off, few enough to keep every core busy.</summary>
    public const int Capacity = 1 << 10;

    private Row[] _rows = ArrayPool<Row>.Shared.Rent(Capacity);
    private byte[] _bytes = ArrayPool<byte>.Shared.Rent(Capacity * 20);
    private int _used;

    /// <summary>The rows in the batch.</summary>
    public int Count { get; private set; }

    /// <summary>Whether the batch is full.</summary>
    public bool IsFull => Count == Capacity;

    /// <summary>The records made by <see cref="Resolve"/>, in row order.</summary>
    public TieRecord[] Records { get; private set; } = [];

    /// <summary>Each record's source position in the node list (-1: no such node).</summary>
    public int[] Sources { get; private set; } = [];

    /// <summary>Each record's target position in the node list (-1: no such node).</summary>
    public int[] Targets { get; private set; } = [];

    /// <summary>Each record's line in the file.</summary>
    public int[] Lines { get; private set; } = [];

    /// <summary>Adds a parsed row, copying its ends' bytes (the parser reuses its buffer).</summary>
    public void Add(int line, ReadOnlySpan<byte> source, ReadOnlySpan<byte> target, TieKind kind, double strength, DateOnly? since, DateOnly? until,
        PairingOutcome? outcome = null, string? endReason = null)
    {
        if (_used + source.Length + target.Length > _bytes.Length)
        {
            var larger = ArrayPool<byte>.Shared.Rent(Math.Max(_bytes.Length * 2, _used + source.Length + target.Length));
            _bytes.AsSpan(0, _used).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(_bytes);
            _bytes = larger;
        }
        var sourceAt = _used;
        source.CopyTo(_bytes.AsSpan(_used));
        _used += source.Length;
        target.CopyTo(_bytes.AsSpan(_used));
        _used += target.Length;
        _rows[Count++] = new Row(line, sourceAt, source.Length, target.Length, kind, strength, since, until, outcome, endReason);
    }

    /// <summary>Looks every end up and makes the records. Safe to run beside other batches: the lookup is only read.</summary>
    public void Resolve(IdTable positions)
    {
        // First every end's slot, read once, so that the batch's cache misses overlap instead of following one another.
        var slots = ArrayPool<int>.Shared.Rent(2 * Count);
        for (var i = 0; i < Count; i++)
        {
            ref readonly var row = ref _rows[i];
            slots[2 * i] = positions.SlotOf(Source(row));
            slots[2 * i + 1] = positions.SlotOf(Target(row));
        }
        positions.Prefetch(slots.AsSpan(0, 2 * Count));

        var records = new TieRecord[Count];
        var sources = new int[Count];
        var targets = new int[Count];
        var lines = new int[Count];
        for (var i = 0; i < Count; i++)
        {
            ref readonly var row = ref _rows[i];
            var source = Id(Source(row), slots[2 * i], positions, out sources[i]);
            var target = Id(Target(row), slots[2 * i + 1], positions, out targets[i]);
            records[i] = new TieRecord(source, target, row.Kind)
            {
                Strength = row.Strength, Since = row.Since, Until = row.Until, Outcome = row.Outcome, EndReason = row.EndReason,
            };
            lines[i] = row.Line;
        }
        (Records, Sources, Targets, Lines) = (records, sources, targets, lines);
        ArrayPool<int>.Shared.Return(slots);
        ArrayPool<Row>.Shared.Return(_rows);
        ArrayPool<byte>.Shared.Return(_bytes);
        (_rows, _bytes) = ([], []);
    }

    private ReadOnlySpan<byte> Source(in Row row) => _bytes.AsSpan(row.Start, row.SourceLength);

    private ReadOnlySpan<byte> Target(in Row row) => _bytes.AsSpan(row.Start + row.SourceLength, row.TargetLength);

    /// <summary>The node's own id string (so a large dataset holds each id once) and position; for an unknown id,
    /// its text and -1, for validation to report.</summary>
    private static string Id(ReadOnlySpan<byte> utf8, int slot, IdTable positions, out int position) =>
        positions.TryFind(utf8, slot, out var id, out position) ? id : Encoding.UTF8.GetString(utf8);

    private readonly record struct Row(int Line, int Start, int SourceLength, int TargetLength, TieKind Kind, double Strength,
        DateOnly? Since, DateOnly? Until, PairingOutcome? Outcome, string? EndReason);
}
