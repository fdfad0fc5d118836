namespace SocialCapital.Graph;

/// <summary>The exact strength of every contact slot (the sum of its active ties' strengths, as a double) in little
/// memory: a table of the snapshot's distinct strengths, addressed by a byte per slot when there are at most 256 of
/// them or a ushort when at most 65,536; with more, every slot's value as it is. Real networks have few distinct
/// strengths (counts of contexts, small scales), so a slot costs 1–2 bytes instead of a double's 8. Immutable;
/// thread-safe.</summary>
internal sealed class StrengthColumn
{
    private const int MaxByteCodes = 1 << 8;
    private const int MaxUShortCodes = 1 << 16;

    private readonly double[] _values; // the distinct strengths, or every slot's when neither code array is set
    private readonly byte[]? _byteCodes;
    private readonly ushort[]? _ushortCodes;

    // The code of each value in the table, made on a live graph's first edit and handed on to the columns the edits
    // derive; only the one writer of a live graph uses it.
    private Dictionary<double, int>? _codeOf;

    private StrengthColumn(double[] values, byte[]? byteCodes, ushort[]? ushortCodes, int length, Dictionary<double, int>? codeOf = null)
    {
        _values = values;
        _byteCodes = byteCodes;
        _ushortCodes = ushortCodes;
        Length = length;
        _codeOf = codeOf;
    }

    /// <summary>The number of slots.</summary>
    public int Length { get; }

    /// <summary>The distinct strengths (with <see cref="ByteCodes"/> or <see cref="UShortCodes"/>), else every slot's.</summary>
    public double[] Values => _values;

    /// <summary>Each slot's index into <see cref="Values"/>, when there are at most 256 distinct strengths.</summary>
    public byte[]? ByteCodes => _byteCodes;

    /// <summary>Each slot's index into <see cref="Values"/>, when there are 257 to 65,536 distinct strengths.</summary>
    public ushort[]? UShortCodes => _ushortCodes;

    /// <summary>The strength of a slot.</summary>
    public double this[int slot] =>
        _byteCodes is { } b ? _values[b[slot]] : _ushortCodes is { } u ? _values[u[slot]] : _values[slot];

    /// <summary>The bytes the column takes: its codes and its table.</summary>
    public long Bytes => (_byteCodes?.LongLength ?? 0) + 2L * (_ushortCodes?.LongLength ?? 0) + 8L * _values.LongLength;

    /// <summary>Copies the strengths of slots [<paramref name="start"/>, start + destination length) out.</summary>
    public void CopyTo(int start, Span<double> destination)
    {
        if (_byteCodes is { } b) for (var i = 0; i < destination.Length; i++) destination[i] = _values[b[start + i]];
        else if (_ushortCodes is { } u) for (var i = 0; i < destination.Length; i++) destination[i] = _values[u[start + i]];
        else _values.AsSpan(start, destination.Length).CopyTo(destination);
    }

    /// <summary>The column with slots [<paramref name="start"/>, start + strengths length) set, for a live graph's edit:
    /// those slots must be ones no snapshot points at, as the code arrays are shared with this column. Returns this
    /// column's codes with a longer table when a strength is new to it, or — rarely — new arrays: longer ones when the
    /// slots run past <see cref="Length"/> (grown by half), wider codes when the table outgrows its code width.</summary>
    public StrengthColumn Written(int start, ReadOnlySpan<double> strengths)
    {
        var column = this;
        if (start + strengths.Length > Length) column = column.Resized(Math.Max(start + strengths.Length, Length + Length / 2 + 64));
        for (var i = 0; i < strengths.Length; i++)
        {
            // Most contacts have one of a few strengths: a run of one takes the code just written, not a look-up.
            if (i > 0 && BitConverter.DoubleToInt64Bits(strengths[i]) == BitConverter.DoubleToInt64Bits(strengths[i - 1])) column.Repeat(start + i);
            else column = column.Set(start + i, strengths[i]);
        }
        return column;
    }

    /// <summary>Sets a slot to the strength of the slot before it.</summary>
    private void Repeat(int slot)
    {
        if (_byteCodes is { } b) b[slot] = b[slot - 1];
        else if (_ushortCodes is { } u) u[slot] = u[slot - 1];
        else _values[slot] = _values[slot - 1];
    }

    private StrengthColumn Set(int slot, double value)
    {
        if (_byteCodes is null && _ushortCodes is null) { _values[slot] = value; return this; }
        _codeOf ??= CodesOf(_values);
        var column = this;
        // A code past the table was given by an edit that was never built into a snapshot: forget such codes.
        if (_codeOf.TryGetValue(value, out var code) && code >= _values.Length) _codeOf = CodesOf(_values);
        if (!_codeOf.TryGetValue(value, out code))
        {
            code = _values.Length;
            if (code == MaxUShortCodes) return Widened(toDoubles: true).Set(slot, value);
            if (code == MaxByteCodes && _byteCodes is not null) return Widened(toDoubles: false).Set(slot, value);
            _codeOf.Add(value, code);
            column = new StrengthColumn([.. _values, value], _byteCodes, _ushortCodes, Length, _codeOf);
        }
        if (_byteCodes is { } b) b[slot] = (byte)code; else _ushortCodes![slot] = (ushort)code;
        return column;
    }

    private StrengthColumn Resized(int length)
    {
        if (_byteCodes is { } b) { var codes = new byte[length]; b.CopyTo(codes, 0); return new StrengthColumn(_values, codes, null, length, _codeOf); }
        if (_ushortCodes is { } u) { var codes = new ushort[length]; u.CopyTo(codes, 0); return new StrengthColumn(_values, null, codes, length, _codeOf); }
        var values = new double[length];
        _values.CopyTo(values, 0);
        return new StrengthColumn(values, null, null, length);
    }

    private StrengthColumn Widened(bool toDoubles)
    {
        if (toDoubles)
        {
            var values = new double[Length];
            CopyTo(0, values);
            return new StrengthColumn(values, null, null, Length);
        }
        var codes = new ushort[Length];
        for (var i = 0; i < codes.Length; i++) codes[i] = _byteCodes![i];
        return new StrengthColumn(_values, null, codes, Length, _codeOf);
    }

    private static Dictionary<double, int> CodesOf(double[] values)
    {
        var codes = new Dictionary<double, int>(values.Length);
        for (var i = 0; i < values.Length; i++) codes.TryAdd(values[i], i);
        return codes;
    }

    /// <summary>A column from its parts as <see cref="Values"/>, <see cref="ByteCodes"/> and <see cref="UShortCodes"/>
    /// gave them (the snapshot file reads them back so).</summary>
    public static StrengthColumn FromParts(double[] values, byte[]? byteCodes, ushort[]? ushortCodes) =>
        new(values, byteCodes, ushortCodes, byteCodes?.Length ?? ushortCodes?.Length ?? values.Length);

    /// <summary>The column of <paramref name="strengths"/> (one per slot; finite), which it takes over when the
    /// distinct values are too many for a table.</summary>
    public static StrengthColumn Build(double[] strengths)
    {
        // One pass gives every slot its code; a small direct-mapped cache in front of the dictionary answers the
        // repeats (most slots) without hashing into it.
        const int CacheSize = 1 << 12;
        var cachedValue = new double[CacheSize];
        var cachedCode = new int[CacheSize];
        Array.Fill(cachedCode, -1);
        var codeOf = new Dictionary<double, int>();
        var table = new List<double>();
        var codes = new ushort[strengths.Length];
        for (var i = 0; i < strengths.Length; i++)
        {
            var value = strengths[i];
            var bits = (ulong)BitConverter.DoubleToInt64Bits(value);
            var h = (int)((bits ^ (bits >> 29) ^ (bits >> 52)) & (CacheSize - 1));
            int code;
            if (cachedCode[h] >= 0 && cachedValue[h] == value) code = cachedCode[h];
            else
            {
                if (!codeOf.TryGetValue(value, out code))
                {
                    if (table.Count == MaxUShortCodes) return new StrengthColumn(strengths, null, null, strengths.Length);
                    code = table.Count;
                    codeOf.Add(value, code);
                    table.Add(value);
                }
                cachedValue[h] = value;
                cachedCode[h] = code;
            }
            codes[i] = (ushort)code;
        }
        var values = table.ToArray();
        if (values.Length > MaxByteCodes) return new StrengthColumn(values, null, codes, strengths.Length);
        var small = new byte[codes.Length];
        for (var i = 0; i < small.Length; i++) small[i] = (byte)codes[i];
        return new StrengthColumn(values, small, null, strengths.Length);
    }
}
