using System.Globalization;
using System.Text.Json;

namespace SocialCapital.Neo4j;

/// <summary>Neo4j's typed JSON (<c>application/vnd.neo4j.query.v1.1</c>): every value is an object
/// <c>{"$type": "Integer", "_value": "1"}</c>, so integers, floats and dates keep their exact types both ways.</summary>
/// <remarks>Parameter values are written from these .NET types: <see langword="null"/>, <see cref="string"/>,
/// <see cref="long"/>, <see cref="int"/>, <see cref="double"/>, <see cref="bool"/>, <see cref="DateOnly"/>, a list
/// (<see cref="IEnumerable{T}"/> of such values) or a map (<see cref="IReadOnlyDictionary{TKey, TValue}"/> with string
/// keys). Integers and floats travel as strings (<c>"1"</c>, <c>"0.1"</c>, shortest round-trip form), dates as ISO
/// <c>yyyy-MM-dd</c>.</remarks>
internal static class TypedJson
{
    public const string MediaType = "application/vnd.neo4j.query.v1.1";

    public static void Write(Utf8JsonWriter writer, object? value)
    {
        writer.WriteStartObject();
        switch (value)
        {
            case null:
                writer.WriteString("$type", "Null");
                writer.WriteNull("_value");
                break;
            case string s:
                writer.WriteString("$type", "String");
                writer.WriteString("_value", s);
                break;
            case bool b:
                writer.WriteString("$type", "Boolean");
                writer.WriteBoolean("_value", b);
                break;
            case long l:
                WriteInteger(writer, l);
                break;
            case int i:
                WriteInteger(writer, i);
                break;
            case double d:
                writer.WriteString("$type", "Float");
                writer.WriteString("_value", FormatDouble(d));
                break;
            case DateOnly date:
                writer.WriteString("$type", "Date");
                writer.WriteString("_value", date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                break;
            case IEnumerable<KeyValuePair<string, object?>> map:
                writer.WriteString("$type", "Map");
                writer.WriteStartObject("_value");
                foreach (var (key, item) in map)
                {
                    writer.WritePropertyName(key);
                    Write(writer, item);
                }
                writer.WriteEndObject();
                break;
            case System.Collections.IEnumerable list:
                writer.WriteString("$type", "List");
                writer.WriteStartArray("_value");
                foreach (var item in list) Write(writer, item);
                writer.WriteEndArray();
                break;
            default:
                throw new ArgumentException($"{value.GetType().Name} values cannot be sent as Cypher parameters.", nameof(value));
        }
        writer.WriteEndObject();
    }

    /// <summary>A double in the shortest form that reads back as the same double; Neo4j's names for the special values.</summary>
    public static string FormatDouble(double d) =>
        double.IsNaN(d) ? "NaN"
        : double.IsPositiveInfinity(d) ? "Infinity"
        : double.IsNegativeInfinity(d) ? "-Infinity"
        : d.ToString("R", CultureInfo.InvariantCulture);

    private static void WriteInteger(Utf8JsonWriter writer, long value)
    {
        writer.WriteString("$type", "Integer");
        writer.WriteString("_value", value.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>The <c>$type</c> of a typed value.</summary>
    public static string TypeOf(JsonElement value) =>
        value.ValueKind == JsonValueKind.Object && value.TryGetProperty("$type", out var type) && type.ValueKind == JsonValueKind.String
            ? type.GetString()!
            : throw Unexpected("a typed value", value);

    public static bool IsNull(JsonElement value) => TypeOf(value) == "Null";

    public static string? String(JsonElement value) => TypeOf(value) switch
    {
        "Null" => null,
        "String" => value.GetProperty("_value").GetString(),
        _ => throw Unexpected("a String", value),
    };

    public static long? Integer(JsonElement value) => TypeOf(value) switch
    {
        "Null" => null,
        "Integer" => long.Parse(Raw(value), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture),
        _ => throw Unexpected("an Integer", value),
    };

    public static double? Float(JsonElement value) => TypeOf(value) switch
    {
        "Null" => null,
        "Float" => ParseDouble(Raw(value)),
        // An integer property (e.g. set by hand in Neo4j Browser) reads as the same number.
        "Integer" => long.Parse(Raw(value), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture),
        _ => throw Unexpected("a Float", value),
    };

    public static bool? Boolean(JsonElement value) => TypeOf(value) switch
    {
        "Null" => null,
        "Boolean" => value.GetProperty("_value").GetBoolean(),
        _ => throw Unexpected("a Boolean", value),
    };

    public static DateOnly? Date(JsonElement value) => TypeOf(value) switch
    {
        "Null" => null,
        "Date" => DateOnly.ParseExact(Raw(value), "yyyy-MM-dd", CultureInfo.InvariantCulture),
        _ => throw Unexpected("a Date", value),
    };

    /// <summary>The elements of a List (an empty array for Null).</summary>
    public static JsonElement[] List(JsonElement value) => TypeOf(value) switch
    {
        "Null" => [],
        "List" => [.. value.GetProperty("_value").EnumerateArray()],
        _ => throw Unexpected("a List", value),
    };

    /// <summary>A List of Strings (an empty array for Null).</summary>
    public static string[] StringList(JsonElement value)
    {
        var items = List(value);
        var strings = new string[items.Length];
        for (var i = 0; i < items.Length; i++) strings[i] = String(items[i]) ?? throw Unexpected("a String", items[i]);
        return strings;
    }

    private static string Raw(JsonElement value)
    {
        var raw = value.GetProperty("_value");
        return raw.ValueKind == JsonValueKind.String ? raw.GetString()! : raw.GetRawText();
    }

    private static double ParseDouble(string text) => text switch
    {
        "NaN" => double.NaN,
        "Infinity" => double.PositiveInfinity,
        "-Infinity" => double.NegativeInfinity,
        _ => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture),
    };

    private static InvalidDataException Unexpected(string expected, JsonElement value)
    {
        var text = value.GetRawText();
        if (text.Length > 80) text = text[..80] + "…";
        return new InvalidDataException($"Neo4j returned {text} where the store expected {expected}: the data was not written by this store, or by a newer release.");
    }
}
