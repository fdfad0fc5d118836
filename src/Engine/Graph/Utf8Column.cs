using System.Text;

namespace SocialCapital.Graph;

/// <summary>Strings (node ids) held as UTF-8 bytes, paged like <see cref="Paged{T}"/>: each page of
/// <see cref="Paged{T}.PageSize"/> strings keeps their bytes one after another and where each ends. A string costs its
/// bytes and 4 (a .NET string held by reference costs about 30 plus 2 a character). Reading one is a span over its
/// page; <see cref="GetString"/> makes the .NET string on demand. Strings are only appended (a node keeps its id), so a
/// changed copy (<see cref="Editor"/>) copies the page table and the last page, and shares every other page.
/// Immutable; thread-safe.</summary>
internal sealed class Utf8Column
{
    private const int Shift = Paged<byte>.Shift;
    private const int PageSize = Paged<byte>.PageSize;
    private const int Mask = PageSize - 1;

    /// <summary>Encodes a .NET string to UTF-8, refusing one that is not well-formed UTF-16 (a lone surrogate).</summary>
    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly byte[][] _bytes; // page → its strings' bytes one after another (a page being appended to may have room after them)
    private readonly int[][] _ends;   // page → where each of its strings ends in its bytes (whole pages, so appending writes into them)

    private Utf8Column(byte[][] bytes, int[][] ends, int length)
    {
        _bytes = bytes;
        _ends = ends;
        Length = length;
    }

    /// <summary>The number of strings.</summary>
    public int Length { get; }

    /// <summary>A string's UTF-8 bytes.</summary>
    /// <exception cref="IndexOutOfRangeException"><paramref name="index"/> is not below <see cref="Length"/>.</exception>
    public ReadOnlySpan<byte> this[int index]
    {
        get
        {
            if ((uint)index >= (uint)Length) throw new IndexOutOfRangeException();
            return Get(_bytes, _ends, index);
        }
    }

    /// <summary>A string as a new .NET string.</summary>
    public string GetString(int index) => Encoding.UTF8.GetString(this[index]);

    /// <summary>The strings as .NET strings, one each (for work that hands many of them out).</summary>
    public string[] ToStrings()
    {
        var strings = new string[Length];
        for (var i = 0; i < strings.Length; i++) strings[i] = GetString(i);
        return strings;
    }

    /// <summary>The bytes the column takes: its strings' bytes, 4 a string for where it ends, the page tables.</summary>
    public long Bytes
    {
        get
        {
            long bytes = 0;
            foreach (var page in _bytes) bytes += page.Length;
            return bytes + 4L * Length + 16L * _bytes.Length;
        }
    }

    /// <summary>A column of <paramref name="values"/>.</summary>
    /// <exception cref="ArgumentException">A value is not well-formed UTF-16 (it holds a lone surrogate).</exception>
    public static Utf8Column From(IReadOnlyList<string> values)
    {
        var pages = (values.Count + PageSize - 1) >> Shift;
        var bytes = new byte[pages][];
        var ends = new int[pages][];
        for (var p = 0; p < pages; p++)
        {
            int first = p << Shift, count = Math.Min(PageSize, values.Count - first), total = 0;
            ends[p] = new int[PageSize];
            for (var k = 0; k < count; k++) ends[p][k] = total += Strict.GetByteCount(values[first + k]);
            bytes[p] = new byte[total];
            for (int k = 0, at = 0; k < count; k++) at += Strict.GetBytes(values[first + k], bytes[p].AsSpan(at));
        }
        return new Utf8Column(bytes, ends, values.Count);
    }

    /// <summary>A column of strings given as their UTF-8 lengths and their bytes one after another (the snapshot
    /// file's layout, <see cref="ToUtf8"/>). The caller has checked that the lengths are not negative and add up to
    /// the bytes.</summary>
    public static Utf8Column FromUtf8(ReadOnlySpan<int> lengths, ReadOnlySpan<byte> utf8)
    {
        var pages = (lengths.Length + PageSize - 1) >> Shift;
        var bytes = new byte[pages][];
        var ends = new int[pages][];
        for (int p = 0, from = 0; p < pages; p++)
        {
            int first = p << Shift, count = Math.Min(PageSize, lengths.Length - first), total = 0;
            ends[p] = new int[PageSize];
            for (var k = 0; k < count; k++) ends[p][k] = total += lengths[first + k];
            bytes[p] = utf8.Slice(from, total).ToArray();
            from += total;
        }
        return new Utf8Column(bytes, ends, lengths.Length);
    }

    /// <summary>The strings as their UTF-8 lengths and their bytes one after another.</summary>
    public (int[] Lengths, byte[] Utf8) ToUtf8()
    {
        var lengths = new int[Length];
        long total = 0;
        for (var i = 0; i < Length; i++) total += lengths[i] = this[i].Length;
        var utf8 = new byte[total];
        for (int i = 0, at = 0; i < Length; at += lengths[i], i++) this[i].CopyTo(utf8.AsSpan(at));
        return (lengths, utf8);
    }

    /// <summary>Finds <paramref name="value"/> by binary search among strings 0..<paramref name="count"/>-1, which are
    /// in ordinal order (<see cref="CompareOrdinal"/>); its index, or -1.</summary>
    public int Search(ReadOnlySpan<byte> value, int count)
    {
        int lo = 0, hi = count - 1;
        while (lo <= hi)
        {
            var mid = lo + ((hi - lo) >> 1);
            var c = CompareOrdinal(this[mid], value);
            if (c == 0) return mid;
            if (c < 0) lo = mid + 1;
            else hi = mid - 1;
        }
        return -1;
    }

    /// <summary>Compares two UTF-8 strings in the order <see cref="string.CompareOrdinal(string, string)"/> gives the
    /// same strings as UTF-16, the order a build numbers ids in. UTF-8 bytes sort by code point, UTF-16 code units
    /// differ from that in one place only: U+E000–U+FFFF (lead bytes 0xEE, 0xEF) come after the surrogate pairs of
    /// U+10000 and up (lead bytes 0xF0–0xF4). So the first differing byte decides, with 0xEE and 0xEF ranked above
    /// 0xF4 (no other byte of UTF-8 is 0xEE or 0xEF, and nothing is above 0xF4).</summary>
    /// <returns>Negative, zero or positive as <paramref name="a"/> comes before, with or after <paramref name="b"/>.</returns>
    public static int CompareOrdinal(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b)
    {
        var common = a.CommonPrefixLength(b);
        if (common == a.Length || common == b.Length) return a.Length - b.Length;
        return Utf16Rank(a[common]) - Utf16Rank(b[common]);
    }

    private static int Utf16Rank(byte b) => b is 0xEE or 0xEF ? b + 0x10 : b;

    private static ReadOnlySpan<byte> Get(byte[][] bytes, int[][] ends, int index)
    {
        var page = index >> Shift;
        var k = index & Mask;
        var pageEnds = ends[page];
        var start = k == 0 ? 0 : pageEnds[k - 1];
        return bytes[page].AsSpan(start, pageEnds[k] - start);
    }

    /// <summary>Starts a set of appends; the column itself never changes.</summary>
    public Editor Edit() => new(this);

    /// <summary>Appends to a <see cref="Utf8Column"/>: the page table is copied once, the last page on its first
    /// write. Not thread-safe; one writer at a time.</summary>
    public sealed class Editor
    {
        private byte[][] _bytes;
        private int[][] _ends;
        private bool _ownTable;
        private int _ownedPage = -1;

        internal Editor(Utf8Column source)
        {
            _bytes = source._bytes;
            _ends = source._ends;
            Length = source.Length;
        }

        /// <summary>The number of strings, counting those added.</summary>
        public int Length { get; private set; }

        /// <summary>A string's UTF-8 bytes as appended so far.</summary>
        public ReadOnlySpan<byte> this[int index] =>
            (uint)index < (uint)Length ? Get(_bytes, _ends, index) : throw new IndexOutOfRangeException();

        /// <summary>Appends a string.</summary>
        /// <exception cref="ArgumentException"><paramref name="value"/> is not well-formed UTF-16.</exception>
        public void Add(string value)
        {
            var utf8 = Strict.GetBytes(value);
            var index = Length;
            var page = index >> Shift;
            var k = index & Mask;
            if (!_ownTable)
            {
                _bytes = (byte[][])_bytes.Clone();
                _ends = (int[][])_ends.Clone();
                _ownTable = true;
            }
            if (k == 0)
            {
                Array.Resize(ref _bytes, page + 1);
                Array.Resize(ref _ends, page + 1);
                _bytes[page] = new byte[Math.Max(utf8.Length, 64)];
                _ends[page] = new int[PageSize];
                _ownedPage = page;
            }
            var start = k == 0 ? 0 : _ends[page][k - 1];
            var needed = start + utf8.Length;
            if (_ownedPage != page)
            {
                // First write to a page the column shares: copy it, with room for more appends in this edit.
                var copy = new byte[Math.Max(needed, start + start / 4 + 64)];
                _bytes[page].AsSpan(0, start).CopyTo(copy);
                _bytes[page] = copy;
                _ends[page] = (int[])_ends[page].Clone();
                _ownedPage = page;
            }
            else if (needed > _bytes[page].Length) Array.Resize(ref _bytes[page], Math.Max(needed, 2 * _bytes[page].Length));
            utf8.CopyTo(_bytes[page], start);
            _ends[page][k] = needed;
            Length++;
        }

        /// <summary>The changed column. The editor may go on appending; what it returned stays as it was.</summary>
        public Utf8Column ToColumn()
        {
            var result = new Utf8Column(_bytes, _ends, Length);
            _ownTable = false; // the returned column shares these pages now: copy again before the next write
            _ownedPage = -1;
            return result;
        }
    }
}
