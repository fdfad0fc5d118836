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

    private StrengthColumn(double[] values, byte[]? byteCodes, ushort[]? ushortCodes, int length)
    {
        _values = values;
        _byteCodes = byteCodes;
        _ushortCodes = ushortCodes;
        Length = length;
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
