using System.Buffers;
using System.Buffers.Binary;
using System.Numerics;
using System.Text;
using SocialCapital.Model;

namespace SocialCapital.Interchange;

/// <summary>Node id → input position, looked up straight from UTF-8 bytes. A tie file names two nodes per row, so
/// at 1M people this is 20M lookups into a table far bigger than the caches: a <c>Dictionary&lt;string, int&gt;</c>
/// costs three or four cache misses each (bucket, entry, the string), this one usually one. Each slot carries the
/// id's first 8 bytes, length, position and string, so most ids (<c>p0000001</c>) are found without leaving the
/// slot; longer ids finish the comparison against a byte copy. Safe to share across threads: once built it is only
/// read (<see cref="Prefetch"/> writes a value nobody reads).</summary>
internal sealed class IdTable
{
    private readonly Slot[] _slots;
    private readonly int _shift;
    private readonly byte[] _bytes;      // every id's UTF-8 bytes beyond the first 8, by position
    private readonly int[] _tailStart;   // position → where its tail starts in _bytes
    private int _sink;

    /// <summary>Indexes every well-formed id at the position where it first appears (a repeat is a duplicate).</summary>
    public IdTable(IReadOnlyList<NodeRecord> nodes)
    {
        var n = nodes.Count;
        var bits = Math.Max(4, BitOperations.Log2((uint)Math.Max(1, n)) + 2); // load ≤ 1/2
        _slots = new Slot[1 << bits];
        _shift = 64 - bits;
        var ids = new string?[n];
        _tailStart = new int[n + 1];
        var tails = new List<byte>();
        Span<byte> key = stackalloc byte[RecordValidator.MaxIdLength];
        for (var i = 0; i < n; i++)
        {
            _tailStart[i] = tails.Count;
            if (nodes[i]?.Id is not { } id || RecordValidator.IdProblem(id) is not null) continue;
            ids[i] = id;
            foreach (var b in Key(id, key)[Math.Min(8, id.Length)..]) tails.Add(b);
        }
        _tailStart[n] = tails.Count;
        _bytes = [.. tails];
        for (var i = 0; i < n; i++)
        {
            if (ids[i] is not { } id) continue;
            var bytes = Key(id, key);
            var head = Head(bytes);
            var s = Start(bytes, head);
            if (!Probe(bytes, head, ref s)) _slots[s] = new Slot(head, id, i + 1, bytes.Length); // else a duplicate: the first stays
        }
    }

    /// <summary>Finds an id given as UTF-8 bytes.</summary>
    /// <param name="utf8">The id.</param>
    /// <param name="id">The node's own id string.</param>
    /// <param name="position">The node's input position.</param>
    /// <returns>Whether a node has this id.</returns>
    public bool TryFind(ReadOnlySpan<byte> utf8, out string id, out int position) => TryFind(utf8, SlotOf(utf8), out id, out position);

    /// <summary>The slot where the search for an id starts (-1: it cannot be an id). Reading the slots of many ids
    /// first (<see cref="Prefetch"/>) lets their cache misses overlap; the searches then find them in the cache.</summary>
    /// <param name="utf8">The id.</param>
    /// <returns>The slot.</returns>
    public int SlotOf(ReadOnlySpan<byte> utf8) => utf8.Length is > 0 and <= RecordValidator.MaxIdLength ? Start(utf8, Head(utf8)) : -1;

    /// <summary>Reads the given slots, bringing them into the cache. The reads do not depend on one another, so the
    /// processor overlaps their cache misses, where one search after another would wait for each in turn.</summary>
    /// <param name="slots">Slots from <see cref="SlotOf(ReadOnlySpan{byte})"/> (-1 is skipped).</param>
    public void Prefetch(ReadOnlySpan<int> slots)
    {
        var sum = 0;
        foreach (var s in slots) if (s >= 0) sum += _slots[s].Position;
        _sink = sum; // keeps the reads from being optimised away; a racy write of a value nobody reads
    }

    /// <summary>Finds an id whose <see cref="SlotOf(ReadOnlySpan{byte})"/> is known.</summary>
    /// <param name="utf8">The id.</param>
    /// <param name="slot">Its <see cref="SlotOf(ReadOnlySpan{byte})"/>.</param>
    /// <param name="id">The node's own id string.</param>
    /// <param name="position">The node's input position.</param>
    /// <returns>Whether a node has this id.</returns>
    public bool TryFind(ReadOnlySpan<byte> utf8, int slot, out string id, out int position)
    {
        if (slot >= 0)
        {
            var head = Head(utf8);
            var s = slot;
            if (Probe(utf8, head, ref s))
            {
                ref readonly var found = ref _slots[s];
                (id, position) = (found.Id!, found.Position - 1);
                return true;
            }
        }
        (id, position) = ("", -1);
        return false;
    }

    /// <summary>Finds an id given as a string.</summary>
    /// <param name="id">The id.</param>
    /// <returns>The node's input position, or -1.</returns>
    public int Find(string? id) => Find(id, SlotOf(id));

    /// <summary>The slot where the search for an id given as a string starts (-1: it cannot be an id).</summary>
    /// <param name="id">The id.</param>
    /// <returns>The slot.</returns>
    public int SlotOf(string? id)
    {
        Span<byte> key = stackalloc byte[RecordValidator.MaxIdLength];
        return SlotOf(Key(id, key));
    }

    /// <summary>Finds an id given as a string whose <see cref="SlotOf(string)"/> is known.</summary>
    /// <param name="id">The id.</param>
    /// <param name="slot">Its slot.</param>
    /// <returns>The node's input position, or -1.</returns>
    public int Find(string? id, int slot)
    {
        Span<byte> key = stackalloc byte[RecordValidator.MaxIdLength];
        return TryFind(Key(id, key), slot, out _, out var position) ? position : -1;
    }

    /// <summary>A string's bytes when it could be an id (1–64 ASCII characters), or nothing (no id is empty).</summary>
    private static Span<byte> Key(string? id, Span<byte> into) =>
        id is { Length: > 0 and <= RecordValidator.MaxIdLength } && Ascii.FromUtf16(id, into, out var length) == OperationStatus.Done
            ? into[..length] : [];

    /// <summary>Probes from slot <paramref name="s"/>; true with <paramref name="s"/> at the match, false with it at
    /// the empty slot where the key would go.</summary>
    private bool Probe(ReadOnlySpan<byte> key, ulong head, ref int s)
    {
        var mask = _slots.Length - 1;
        while (true)
        {
            ref readonly var slot = ref _slots[s];
            if (slot.Position == 0) return false;
            if (slot.Head == head && slot.Length == key.Length
                && (key.Length <= 8 || key[8..].SequenceEqual(_bytes.AsSpan(_tailStart[slot.Position - 1], key.Length - 8))))
                return true;
            s = (s + 1) & mask;
        }
    }

    private int Start(ReadOnlySpan<byte> key, ulong head)
    {
        var h = (head ^ (ulong)key.Length) * 0x9E3779B97F4A7C15UL;
        for (var i = 8; i < key.Length; i += 8)
            h = (BitOperations.RotateLeft(h, 27) ^ Head(key[i..])) * 0x9E3779B97F4A7C15UL;
        return (int)(h >> _shift);
    }

    /// <summary>The first 8 bytes, zero-padded.</summary>
    private static ulong Head(ReadOnlySpan<byte> key)
    {
        if (key.Length >= 8) return BinaryPrimitives.ReadUInt64LittleEndian(key);
        Span<byte> padded = stackalloc byte[8];
        padded.Clear();
        key.CopyTo(padded);
        return BinaryPrimitives.ReadUInt64LittleEndian(padded);
    }

    private readonly record struct Slot(ulong Head, string? Id, int Position, int Length);
}
