namespace SocialCapital.Graph;

/// <summary>Interns strings to dense codes; code 0 means "unknown", so code arrays can default to it.</summary>
internal sealed class StringTable
{
    private readonly Dictionary<string, int> _codes = new(StringComparer.Ordinal);
    private readonly List<string?> _values = [null];

    public int Code(string? value)
    {
        if (string.IsNullOrEmpty(value)) return 0;
        if (_codes.TryGetValue(value, out var code)) return code;
        code = _values.Count;
        _codes.Add(value, code);
        _values.Add(value);
        return code;
    }

    /// <summary>The number of codes given, 0 (unknown) included.</summary>
    public int Count => _values.Count;

    public string?[] ToArray() => [.. _values];

    /// <summary>The table that gives <paramref name="values"/> (code 0 first, null) the codes they have there.</summary>
    public static StringTable From(string?[] values)
    {
        var table = new StringTable();
        for (var i = 1; i < values.Length; i++) table.Code(values[i]);
        return table;
    }
}
