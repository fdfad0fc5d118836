using System.Text;
using SocialCapital.Model;

namespace SocialCapital.Interchange;

/// <summary>Tie rows the parser has read, on their way to the id lookups. Looking 1M distinct ids up is mostly
/// cache misses, so the reader hands full batches to the thread pool and goes on parsing; each batch looks its
/// ends up and makes its records on its own, and the reader joins the batches in input order.</summary>
internal sealed class TieRowBatch
{
    /// <summary>Rows per batch: enough to amortise a hand-off, few enough that every buffer stays off the large
    /// object heap (short-lived garbage is cheap there).</summary>
    public const int Capacity = 1 << 10;

    private readonly Row[] _rows = new Row[Capacity];
    private byte[] _bytes = new byte[Capacity * 20];
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

    /// <summary>Appends each record's line in the file.</summary>
    public void CopyLinesTo(List<int> lines)
    {
        for (var i = 0; i < Count; i++) lines.Add(_rows[i].Line);
    }

    /// <summary>Adds a parsed row, copying its ends' bytes (the parser reuses its buffer).</summary>
    public void Add(int line, ReadOnlySpan<byte> source, ReadOnlySpan<byte> target, TieKind kind, double strength, DateOnly? since, DateOnly? until)
    {
        if (_used + source.Length + target.Length > _bytes.Length)
            Array.Resize(ref _bytes, Math.Max(_bytes.Length * 2, _used + source.Length + target.Length));
        var sourceAt = _used;
        source.CopyTo(_bytes.AsSpan(_used));
        _used += source.Length;
        target.CopyTo(_bytes.AsSpan(_used));
        _used += target.Length;
        _rows[Count++] = new Row(line, sourceAt, source.Length, target.Length, kind, strength, since, until);
    }

    /// <summary>Looks every end up and makes the records. Safe to run beside other batches: the lookup is only read.</summary>
    public void Resolve(IdTable positions)
    {
        var records = new TieRecord[Count];
        var sources = new int[Count];
        var targets = new int[Count];
        for (var i = 0; i < Count; i++)
        {
            ref readonly var row = ref _rows[i];
            var source = Id(_bytes.AsSpan(row.Start, row.SourceLength), positions, out sources[i]);
            var target = Id(_bytes.AsSpan(row.Start + row.SourceLength, row.TargetLength), positions, out targets[i]);
            records[i] = new TieRecord(source, target, row.Kind) { Strength = row.Strength, Since = row.Since, Until = row.Until };
        }
        (Records, Sources, Targets) = (records, sources, targets);
        _bytes = [];
    }

    /// <summary>The node's own id string (so a large dataset holds each id once) and position; for an unknown id,
    /// its text and -1, for validation to report.</summary>
    private static string Id(ReadOnlySpan<byte> utf8, IdTable positions, out int position) =>
        positions.TryFind(utf8, out var id, out position) ? id : Encoding.UTF8.GetString(utf8);

    private readonly record struct Row(int Line, int Start, int SourceLength, int TargetLength, TieKind Kind, double Strength,
        DateOnly? Since, DateOnly? Until);
}
