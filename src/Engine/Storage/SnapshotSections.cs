using System.IO.Hashing;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Win32.SafeHandles;

namespace SocialCapital.Storage;

/// <summary>Where a named section of a snapshot file lies, and the XxHash3 of its bytes.</summary>
internal readonly record struct SnapshotSection(string Name, long Offset, long Length, ulong Hash);

/// <summary>Writes a snapshot file's sections: each an array of fixed-size values written as its raw bytes (little
/// endian, as this machine holds them), starting at a multiple of <see cref="Alignment"/>, with its checksum.</summary>
internal sealed class SectionWriter(Stream stream)
{
    public const int Alignment = 64;

    private readonly Dictionary<string, SnapshotSection> _sections = new(StringComparer.Ordinal);

    public IReadOnlyCollection<SnapshotSection> Sections => _sections.Values;

    public void Write<T>(string name, ReadOnlySpan<T> values) where T : unmanaged
    {
        var padding = (int)((Alignment - stream.Position % Alignment) % Alignment);
        if (padding > 0) stream.Write(new byte[padding]);
        var bytes = MemoryMarshal.AsBytes(values);
        var offset = stream.Position;
        stream.Write(bytes);
        _sections.Add(name, new SnapshotSection(name, offset, bytes.Length, XxHash3.HashToUInt64(bytes)));
    }

    /// <summary>Strings as two sections: each one's UTF-8 length (-1 for null) and their bytes one after another.</summary>
    public void Strings(string name, IReadOnlyList<string?> values)
    {
        var (lengths, bytes) = Utf8(values);
        Utf8Strings(name, lengths, bytes);
    }

    /// <summary>Strings already in UTF-8, as <see cref="Strings"/> writes them: each one's length and their bytes.</summary>
    public void Utf8Strings(string name, ReadOnlySpan<int> lengths, ReadOnlySpan<byte> utf8)
    {
        Write(name + ".lengths", lengths);
        Write(name + ".utf8", utf8);
    }

    private static (int[] Lengths, byte[] Bytes) Utf8(IReadOnlyList<string?> values)
    {
        var lengths = new int[values.Count];
        var total = 0L;
        for (var i = 0; i < lengths.Length; i++)
        {
            lengths[i] = values[i] is { } s ? Encoding.UTF8.GetByteCount(s) : -1;
            total += Math.Max(0, lengths[i]);
        }
        var bytes = new byte[total];
        var at = 0;
        for (var i = 0; i < lengths.Length; i++)
            if (values[i] is { } s) at += Encoding.UTF8.GetBytes(s, bytes.AsSpan(at));
        return (lengths, bytes);
    }

    /// <summary>A column of strings with many repeats: its distinct values (code 0 is null) and each row's code.</summary>
    public void StringColumn(string name, int count, Func<int, string?> valueAt)
    {
        var codeOf = new Dictionary<string, int>(StringComparer.Ordinal);
        var table = new List<string?> { null };
        var codes = new int[count];
        for (var i = 0; i < count; i++)
        {
            if (valueAt(i) is not { } value) continue;
            if (!codeOf.TryGetValue(value, out var code)) { code = table.Count; codeOf.Add(value, code); table.Add(value); }
            codes[i] = code;
        }
        Strings(name + ".values", table);
        Write<int>(name + ".codes", codes);
    }
}

/// <summary>Reads a snapshot file's sections back, checking each one's checksum as it reads it.</summary>
internal sealed class SectionReader(SafeFileHandle file, string path, IReadOnlyDictionary<string, SnapshotSection> sections)
{
    public bool Has(string name) => sections.ContainsKey(name);

    /// <summary>The error for a file whose content does not hold together (checksums pass only on what was written).</summary>
    public SnapshotFileException Damaged(string what) => SnapshotFile.Damaged(path, what);

    /// <summary>Strings none of which may be null (ids, column names).</summary>
    public string[] RequiredStrings(string name)
    {
        var values = Strings(name);
        if (Array.IndexOf(values, null) >= 0) throw Damaged($"section '{name}' lacks a value");
        return (string[])(object)values; // the array is a string[] at run time; only the compiler's view differs
    }

    public T[] Read<T>(string name) where T : unmanaged
    {
        if (!sections.TryGetValue(name, out var section))
            throw Damaged($"it has no section '{name}'");
        var size = Unsafe.SizeOf<T>();
        if (section.Length % size != 0)
            throw Damaged($"section '{name}' is {section.Length} bytes long, not a whole number of values");
        var values = GC.AllocateUninitializedArray<T>((int)(section.Length / size));
        var bytes = MemoryMarshal.AsBytes(values.AsSpan());
        for (var done = 0; done < bytes.Length;)
        {
            var read = RandomAccess.Read(file, bytes[done..], section.Offset + done);
            if (read == 0)
                throw SnapshotFile.Truncated(path);
            done += read;
        }
        if (XxHash3.HashToUInt64(bytes) != section.Hash)
            throw Damaged($"the checksum of section '{name}' does not match its content");
        return values;
    }

    public string?[] Strings(string name)
    {
        var (lengths, bytes) = Utf8Strings(name, required: false);
        var values = new string?[lengths.Length];
        for (int i = 0, at = 0; i < lengths.Length; i++)
        {
            if (lengths[i] < 0) continue;
            values[i] = Encoding.UTF8.GetString(bytes, at, lengths[i]);
            at += lengths[i];
        }
        return values;
    }

    /// <summary>Strings as <see cref="SectionWriter.Utf8Strings"/> wrote them, checked: each one's UTF-8 length (-1
    /// for null, refused when <paramref name="required"/>) and their bytes, which the lengths do not run past.</summary>
    public (int[] Lengths, byte[] Utf8) Utf8Strings(string name, bool required)
    {
        var lengths = Read<int>(name + ".lengths");
        var bytes = Read<byte>(name + ".utf8");
        long at = 0;
        foreach (var length in lengths)
        {
            if (length < 0 && required) throw Damaged($"section '{name}' lacks a value");
            if (length > bytes.Length - at) throw Damaged($"the strings of section '{name}' run past their bytes");
            at += Math.Max(0, length);
        }
        return (lengths, bytes);
    }

    /// <summary>A column <see cref="SectionWriter.StringColumn"/> wrote: every row's value, each distinct one a single string.</summary>
    public string?[] StringColumn(string name)
    {
        var table = Strings(name + ".values");
        var codes = Read<int>(name + ".codes");
        var values = new string?[codes.Length];
        for (var i = 0; i < codes.Length; i++)
        {
            if ((uint)codes[i] >= (uint)table.Length)
                throw Damaged($"column '{name}' has a code past its values");
            values[i] = table[codes[i]];
        }
        return values;
    }
}
