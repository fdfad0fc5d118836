using System.Text.Json;

namespace SocialCapital.Neo4j;

/// <summary>One response of the Query API, parsed once from the response stream: <c>data.fields</c> and
/// <c>data.values</c> (rows of typed values). Dispose it to return its buffers.</summary>
internal sealed class QueryResult : IDisposable
{
    private readonly JsonDocument _document;
    private readonly string[] _fields;
    private readonly JsonElement _values;

    public QueryResult(JsonDocument document)
    {
        _document = document;
        var root = document.RootElement;
        if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object)
        {
            _fields = data.TryGetProperty("fields", out var fields) && fields.ValueKind == JsonValueKind.Array
                ? [.. fields.EnumerateArray().Select(f => f.GetString() ?? "")]
                : [];
            _values = data.TryGetProperty("values", out var values) && values.ValueKind == JsonValueKind.Array ? values : default;
        }
        else
        {
            _fields = [];
        }
        if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("transaction", out var transaction)
            && transaction.ValueKind == JsonValueKind.Object && transaction.TryGetProperty("id", out var id))
            TransactionId = id.ValueKind == JsonValueKind.String ? id.GetString() : id.GetRawText();
    }

    /// <summary>The field (column) names.</summary>
    public IReadOnlyList<string> Fields => _fields;

    /// <summary>The transaction id of a response inside an explicit transaction (<c>transaction.id</c>).</summary>
    public string? TransactionId { get; }

    /// <summary>The number of rows.</summary>
    public int Count => _values.ValueKind == JsonValueKind.Array ? _values.GetArrayLength() : 0;

    /// <summary>The rows, each an array of typed values in <see cref="Fields"/> order.</summary>
    public IEnumerable<JsonElement> Rows => _values.ValueKind == JsonValueKind.Array ? _values.EnumerateArray() : [];

    /// <summary>The position of a field.</summary>
    /// <exception cref="InvalidDataException">The response has no such field.</exception>
    public int Field(string name)
    {
        var index = Array.IndexOf(_fields, name);
        return index >= 0 ? index : throw new InvalidDataException($"Neo4j's response has no field '{name}' (fields: {string.Join(", ", _fields)}).");
    }

    /// <summary>The single value of the first row's field <paramref name="name"/>, or <see langword="null"/> when no row.</summary>
    public JsonElement? First(string name)
    {
        if (Count == 0) return null;
        return _values[0][Field(name)];
    }

    public void Dispose() => _document.Dispose();
}
