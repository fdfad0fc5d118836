using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace SocialCapital.Graph;

/// <summary>An immutable array cut into pages of <see cref="PageSize"/> elements, so that a changed copy shares every
/// page it leaves alone: changing k elements copies the page table (n / 4,096 references) and the pages those k fall in,
/// never the whole array. A snapshot keeps every per-node column so, which lets a live graph's write cost its change
/// (<see cref="Editor"/>). Reading an element is two array loads. Thread-safe.</summary>
internal sealed class Paged<T>
{
    public const int Shift = 12;
    public const int PageSize = 1 << Shift;
    private const int Mask = PageSize - 1;

    private readonly T[][] _pages;

    private Paged(T[][] pages, int length)
    {
        _pages = pages;
        Length = length;
    }

    /// <summary>The number of elements.</summary>
    public int Length { get; }

    /// <summary>An element.</summary>
    /// <exception cref="IndexOutOfRangeException"><paramref name="index"/> is not below <see cref="Length"/>.</exception>
    public T this[int index]
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get
        {
            if ((uint)index >= (uint)Length) ThrowOutOfRange();
            // Every page is whole and the table covers Length, so after the one check both loads are in bounds: read
            // without the two further checks the JIT would add (kernels read a node's list bounds per contact).
            var page = Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_pages), index >> Shift);
            return Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(page), index & Mask);
        }
    }

    private static void ThrowOutOfRange() => throw new IndexOutOfRangeException();

    /// <summary>A paged copy of <paramref name="values"/>.</summary>
    public static Paged<T> From(ReadOnlySpan<T> values)
    {
        var pages = new T[PageCount(values.Length)][];
        for (var p = 0; p < pages.Length; p++)
        {
            pages[p] = new T[PageSize]; // whole pages, the last too, so that appending writes into it
            values.Slice(p << Shift, Math.Min(PageSize, values.Length - (p << Shift))).CopyTo(pages[p]);
        }
        return new Paged<T>(pages, values.Length);
    }

    /// <summary><paramref name="length"/> copies of one value; every page is the same array until written.</summary>
    public static Paged<T> Filled(int length, T value)
    {
        var page = new T[PageSize];
        Array.Fill(page, value);
        var pages = new T[PageCount(length)][];
        Array.Fill(pages, page);
        return new Paged<T>(pages, length);
    }

    /// <summary>The elements as one flat array (O(n); for whole-graph work that wants plain arrays).</summary>
    public T[] ToArray()
    {
        var array = new T[Length];
        for (var p = 0; p < _pages.Length; p++)
            _pages[p].AsSpan(0, Math.Min(PageSize, Length - (p << Shift))).CopyTo(array.AsSpan(p << Shift));
        return array;
    }

    /// <summary>The bytes the pages take, counting a page shared within this array once.</summary>
    public long Bytes(int elementSize) => (long)PageCount(Length) * 8 + (long)_pages.Distinct().Count() * PageSize * elementSize;

    /// <summary>Starts a set of changes; the array itself never changes.</summary>
    public Editor Edit() => new(this);

    private static int PageCount(int length) => (length + PageSize - 1) >> Shift;

    /// <summary>Changes to a <see cref="Paged{T}"/>: each page is copied on its first write, and the page table once.
    /// Not thread-safe; one writer at a time.</summary>
    public sealed class Editor
    {
        private T[][] _pages;
        private readonly HashSet<int> _owned = [];
        private bool _ownTable;

        internal Editor(Paged<T> source)
        {
            _pages = source._pages;
            Length = source.Length;
        }

        /// <summary>The number of elements, counting those added.</summary>
        public int Length { get; private set; }

        /// <summary>An element as changed so far.</summary>
        public T this[int index]
        {
            get
            {
                if ((uint)index >= (uint)Length) throw new IndexOutOfRangeException();
                return _pages[index >> Shift][index & Mask];
            }
            set
            {
                if ((uint)index >= (uint)Length) throw new IndexOutOfRangeException();
                Own(index >> Shift)[index & Mask] = value;
            }
        }

        /// <summary>Appends an element.</summary>
        public void Add(T value)
        {
            var index = Length;
            if ((index & Mask) == 0)
            {
                if (!_ownTable) { _pages = (T[][])_pages.Clone(); _ownTable = true; }
                Array.Resize(ref _pages, _pages.Length + 1);
                _pages[^1] = new T[PageSize];
                _owned.Add(_pages.Length - 1);
            }
            Length++;
            this[index] = value;
        }

        /// <summary>The changed array. The editor may go on changing; what it returned stays as it was.</summary>
        public Paged<T> ToPaged()
        {
            var result = new Paged<T>(_pages, Length);
            _owned.Clear(); // the returned array shares these pages now: copy again before the next write
            _ownTable = false;
            return result;
        }

        private T[] Own(int page)
        {
            if (_owned.Contains(page)) return _pages[page];
            if (!_ownTable) { _pages = (T[][])_pages.Clone(); _ownTable = true; }
            _owned.Add(page);
            return _pages[page] = (T[])_pages[page].Clone();
        }
    }
}
