using System.Runtime.CompilerServices;

namespace SocialCapital.Graph;

/// <summary>A paged column of codes ≥ 0 per node (an interned area, sector, hub or extra-column value, 0 = unknown; a
/// derived grouping): 2 bytes a node while every code fits in a ushort, as it does for any table of up to 65,536
/// values, else 4. An edit that writes a larger code into a narrow column widens it (the one write that copies the
/// whole column); otherwise it copies only the pages it writes, as <see cref="Paged{T}"/> does. Immutable;
/// thread-safe.</summary>
internal sealed class CodeColumn
{
    private readonly Paged<ushort>? _narrow;
    private readonly Paged<int>? _wide;

    private CodeColumn(Paged<ushort>? narrow, Paged<int>? wide)
    {
        _narrow = narrow;
        _wide = wide;
    }

    /// <summary>The number of codes.</summary>
    public int Length => _narrow?.Length ?? _wide!.Length;

    /// <summary>The bytes a code takes: 2 or 4.</summary>
    public int Width => _narrow is null ? 4 : 2;

    /// <summary>A node's code.</summary>
    /// <exception cref="IndexOutOfRangeException"><paramref name="index"/> is not below <see cref="Length"/>.</exception>
    public int this[int index]
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => _narrow is { } narrow ? narrow[index] : _wide![index];
    }

    /// <summary>A column of <paramref name="codes"/> , narrow when they all fit in a ushort.</summary>
    public static CodeColumn From(ReadOnlySpan<int> codes)
    {
        foreach (var code in codes)
            if ((uint)code > ushort.MaxValue) return new CodeColumn(null, Paged<int>.From(codes));
        var narrow = new ushort[codes.Length];
        for (var i = 0; i < narrow.Length; i++) narrow[i] = (ushort)codes[i];
        return new CodeColumn(Paged<ushort>.From(narrow), null);
    }

    /// <summary><paramref name="length"/> zeros (every node unknown).</summary>
    public static CodeColumn Zeros(int length) => new(Paged<ushort>.Filled(length, 0), null);

    /// <summary>The codes as one flat array.</summary>
    public int[] ToArray()
    {
        if (_wide is not null) return _wide.ToArray();
        var codes = new int[Length];
        for (var i = 0; i < codes.Length; i++) codes[i] = _narrow![i];
        return codes;
    }

    /// <summary>The bytes the pages take (a page shared within the column counted once).</summary>
    public long Bytes => _narrow?.Bytes(2) ?? _wide!.Bytes(4);

    /// <summary>Starts a set of changes; the column itself never changes.</summary>
    public Editor Edit() => new(this);

    /// <summary>Changes to a <see cref="CodeColumn"/>. Not thread-safe; one writer at a time.</summary>
    public sealed class Editor
    {
        private Paged<ushort>.Editor? _narrow;
        private Paged<int>.Editor? _wide;

        internal Editor(CodeColumn source)
        {
            _narrow = source._narrow?.Edit();
            _wide = source._wide?.Edit();
        }

        /// <summary>The number of codes, counting those added.</summary>
        public int Length => _narrow?.Length ?? _wide!.Length;

        /// <summary>A code as changed so far.</summary>
        public int this[int index]
        {
            get => _narrow is { } narrow ? narrow[index] : _wide![index];
            set
            {
                if (_narrow is { } narrow && (uint)value <= ushort.MaxValue) narrow[index] = (ushort)value;
                else Wide()[index] = value;
            }
        }

        /// <summary>Appends a code.</summary>
        public void Add(int value)
        {
            if (_narrow is { } narrow && (uint)value <= ushort.MaxValue) narrow.Add((ushort)value);
            else Wide().Add(value);
        }

        /// <summary>The changed column. The editor may go on changing; what it returned stays as it was.</summary>
        public CodeColumn ToColumn() => new(_narrow?.ToPaged(), _wide?.ToPaged());

        private Paged<int>.Editor Wide()
        {
            if (_wide is null)
            {
                var narrow = _narrow!;
                var codes = new int[narrow.Length];
                for (var i = 0; i < codes.Length; i++) codes[i] = narrow[i];
                _wide = Paged<int>.From(codes).Edit();
                _narrow = null;
            }
            return _wide;
        }
    }
}
