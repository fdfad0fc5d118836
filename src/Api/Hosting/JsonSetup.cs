using System.Text.Json;
using System.Text.Json.Serialization;
using SocialCapital.Model;

namespace SocialCapital.Api.Hosting;

/// <summary>JSON as the interchange format writes it: kinds, employment and age bands by their wire names
/// (<c>peer_group</c>, <c>self_employed</c>, <c>16-24</c>); an undefined measure (NaN) as <c>null</c>.</summary>
internal static class JsonSetup
{
    /// <summary>The wire names of the engine's enums, for the converters and the OpenAPI schema.</summary>
    public static IReadOnlyList<string>? WireNamesOf(Type type) =>
        type == typeof(NodeKind) ? WireNames.NodeKindNames
        : type == typeof(TieKind) ? WireNames.TieKindNames
        : type == typeof(Employment) ? ["", .. WireNames.EmploymentNames]
        : type == typeof(AgeBand) ? ["", .. WireNames.AgeBandNames]
        : type == typeof(WorkStatus) ? Enum.GetValues<WorkStatus>().Select(s => s.Name()).ToArray()
        : null;

    public static void Configure(JsonSerializerOptions options)
    {
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow; // a misspelt field is an error, not ignored
        options.PropertyNameCaseInsensitive = false; // "Kind" is not "kind": with the line above, a case variant is an error
        options.AllowDuplicateProperties = false; // {"kind":"citizen","kind":"mentor"} is an error, not "last one wins"
        options.NumberHandling = JsonNumberHandling.Strict; // numbers are numbers: "0.3" in quotes is an error
        options.Converters.Add(new FiniteOrNull());
        options.Converters.Add(new WireName<NodeKind>());
        options.Converters.Add(new WireName<TieKind>());
        options.Converters.Add(new WireName<Employment>());
        options.Converters.Add(new WireName<AgeBand>());
        options.Converters.Add(new WireName<WorkStatus>());
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false)); // names only, never 99
    }

    /// <summary>NaN and infinities (undefined measures) as null.</summary>
    private sealed class FiniteOrNull : JsonConverter<double>
    {
        public override double Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.GetDouble();

        public override void Write(Utf8JsonWriter writer, double value, JsonSerializerOptions options)
        {
            if (double.IsFinite(value)) writer.WriteNumberValue(value);
            else writer.WriteNullValue();
        }
    }

    private sealed class WireName<T> : JsonConverter<T> where T : struct, Enum
    {
        private readonly IReadOnlyList<string> _names = WireNamesOf(typeof(T))!;

        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var text = reader.GetString() ?? "";
            for (var i = 0; i < _names.Count; i++)
                if (_names[i] == text) return (T)(object)i;
            throw new JsonException($"'{text}' is not one of {string.Join(", ", _names.Where(n => n.Length > 0))}.");
        }

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options)
        {
            var name = _names[Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture)];
            if (name.Length == 0) writer.WriteNullValue(); else writer.WriteStringValue(name);
        }
    }
}
