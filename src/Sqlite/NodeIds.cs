using System.Text;

namespace SocialCapital.Sqlite;

/// <summary>The node ids already read, so that tie ends read as UTF-8 resolve to the same string instances instead
/// of two new strings per tie: an export of a million ties then holds each id once.</summary>
internal sealed class NodeIds
{
    /// <summary>No ids: every end becomes a new string (for reads of a few records).</summary>
    public static readonly NodeIds None = new([]);

    private const int MaxStackChars = 256;
    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    public NodeIds(IEnumerable<string> ids)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var id in ids) map.TryAdd(id, id);
        _lookup = map.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>The id with these UTF-8 bytes.</summary>
    public string Get(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length <= MaxStackChars && _lookup.Dictionary.Count > 0)
        {
            Span<char> chars = stackalloc char[MaxStackChars];
            if (Encoding.UTF8.TryGetChars(utf8, chars, out var length) && _lookup.TryGetValue(chars[..length], out var id)) return id;
        }
        return Encoding.UTF8.GetString(utf8);
    }
}
