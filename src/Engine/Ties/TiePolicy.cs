using System.Text.Json;
using SocialCapital.Model;

namespace SocialCapital.Ties;

/// <summary>How ties are classed as bonding, bridging or linking (docs/measures.md#tie-classes).
/// A person–person tie is <see cref="TieClass.Linking"/> when one of its kinds is in
/// <see cref="LinkingTieKinds"/> or either end's kind is in <see cref="LinkingNodeKinds"/>. Otherwise its
/// bridging score b = Σ w_d·[x_d(u) ≠ x_d(v)] / Σ w_d over the <see cref="Dimensions"/> known for both
/// ends (0 when none is), and it is <see cref="TieClass.Bridging"/> when b ≥ <see cref="BridgingThreshold"/>,
/// else <see cref="TieClass.Bonding"/>. Immutable.</summary>
public sealed record TiePolicy
{
    /// <summary>The built-in dimension names; any other name is an extra column of <c>nodes.csv</c>.</summary>
    public static IReadOnlyList<string> BuiltInDimensions { get; } = ["work_status", "ses_band", "age_band", "area", "sector"];

    /// <summary>The default policy: linking for <c>coaching</c> ties and ties to a <c>coach</c>; dimensions
    /// work_status (2), ses_band (1), age_band (1), area (1); threshold 0.4.</summary>
    public static TiePolicy Default { get; } = new();

    /// <summary>Tie kinds that make a tie linking; default <c>coaching</c>.</summary>
    public IReadOnlyList<TieKind> LinkingTieKinds { get; init; } = [TieKind.Coaching];

    /// <summary>Node kinds that make every tie of theirs linking; default <c>coach</c>.</summary>
    public IReadOnlyList<NodeKind> LinkingNodeKinds { get; init; } = [NodeKind.Coach];

    /// <summary>The bridging score's dimensions; default work_status 2, ses_band 1, age_band 1, area 1.</summary>
    public IReadOnlyList<BridgingDimension> Dimensions { get; init; } =
        [new("work_status", 2), new("ses_band", 1), new("age_band", 1), new("area", 1)];

    /// <summary>The bridging score at or above which a tie is bridging; default 0.4, within [0, 1].</summary>
    public double BridgingThreshold { get; init; } = 0.4;

    /// <summary>How problems found later (an attribute the dataset lacks) name this policy: its file name
    /// when read from one.</summary>
    internal string SourceName { get; init; } = "tie policy";

    /// <summary>Reads a policy from JSON. Properties (camelCase) override the defaults one by one:
    /// <c>linkingTieKinds</c>, <c>linkingNodeKinds</c>, <c>dimensions</c> (<c>[{"attribute": "...", "weight": 1}]</c>),
    /// <c>bridgingThreshold</c>. Unknown properties are errors, so a typo is not silently ignored.</summary>
    /// <param name="json">The JSON text.</param>
    /// <param name="sourceName">How problems name the source, e.g. the file name.</param>
    /// <returns>The policy.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is null.</exception>
    /// <exception cref="DataValidationException">The JSON is malformed or a value is invalid; lists every problem.</exception>
    public static TiePolicy FromJson(string json, string sourceName = "policy")
    {
        Guard.NotNull(json);
        var problems = new ProblemCollector();
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            throw new DataValidationException(new DataProblem(sourceName, (int?)(e.LineNumber + 1), null, null, $"not valid JSON: {e.Message}"));
        }
        using (document)
        {
            var policy = Parse(document.RootElement, sourceName, problems) with { SourceName = sourceName };
            problems.ThrowIfAny();
            policy.Validate(sourceName, problems);
            problems.ThrowIfAny();
            return policy;
        }
    }

    /// <summary>Reads a policy file; see <see cref="FromJson"/>.</summary>
    /// <param name="path">The JSON file.</param>
    /// <returns>The policy.</returns>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="DataValidationException">The content is invalid; lists every problem.</exception>
    public static TiePolicy Load(string path)
    {
        Guard.NotEmpty(path);
        if (!File.Exists(path)) throw new FileNotFoundException($"Tie policy file '{path}' does not exist.", path);
        return FromJson(File.ReadAllText(path), Path.GetFileName(path));
    }

    /// <summary>The policy as JSON in the format <see cref="FromJson"/> reads.</summary>
    /// <returns>Indented JSON.</returns>
    public string ToJson()
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteStartArray("linkingTieKinds");
            foreach (var k in LinkingTieKinds) w.WriteStringValue(k.Name());
            w.WriteEndArray();
            w.WriteStartArray("linkingNodeKinds");
            foreach (var k in LinkingNodeKinds) w.WriteStringValue(k.Name());
            w.WriteEndArray();
            w.WriteStartArray("dimensions");
            foreach (var d in Dimensions)
            {
                w.WriteStartObject();
                w.WriteString("attribute", d.Attribute);
                w.WriteNumber("weight", d.Weight);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteNumber("bridgingThreshold", BridgingThreshold);
            w.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>Checks the values (kinds, weights, threshold, dimension names); used by the builder too.</summary>
    internal void Validate(string source, ProblemCollector problems)
    {
        if (!(BridgingThreshold >= 0 && BridgingThreshold <= 1))
            problems.Add(source, null, "bridgingThreshold", BridgingThreshold.ToString("R", System.Globalization.CultureInfo.InvariantCulture), "must be a number from 0 to 1");
        foreach (var k in LinkingTieKinds ?? [])
            if (!k.IsPersonToPerson()) problems.Add(source, null, "linkingTieKinds", k.ToString(), "only person–person tie kinds can be linking");
        foreach (var k in LinkingNodeKinds ?? [])
            if (!k.IsPerson()) problems.Add(source, null, "linkingNodeKinds", k.ToString(), "only person kinds (citizen, mentor, coach) take part in person–person ties");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var d in Dimensions ?? [])
        {
            if (d is null || string.IsNullOrWhiteSpace(d.Attribute)) { problems.Add(source, null, "dimensions", null, "a dimension needs an attribute name"); continue; }
            if (!seen.Add(d.Attribute)) problems.Add(source, null, "dimensions", d.Attribute, "dimension appears twice");
            if (!(d.Weight > 0) || double.IsInfinity(d.Weight))
                problems.Add(source, null, "dimensions", d.Attribute, "weight must be a number > 0");
        }
    }

    private static TiePolicy Parse(JsonElement root, string source, ProblemCollector problems)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            problems.Add(source, null, null, null, "must be a JSON object");
            return Default;
        }
        var policy = Default;
        foreach (var property in root.EnumerateObject())
        {
            var value = property.Value;
            switch (property.Name)
            {
                case "linkingTieKinds":
                    policy = policy with { LinkingTieKinds = Names(value, property.Name, (string s, out TieKind k) => WireNames.TryParseTieKind(s, out k), WireNames.TieKindNames) };
                    break;
                case "linkingNodeKinds":
                    policy = policy with { LinkingNodeKinds = Names(value, property.Name, (string s, out NodeKind k) => WireNames.TryParseNodeKind(s, out k), WireNames.NodeKindNames) };
                    break;
                case "dimensions":
                    policy = policy with { Dimensions = Dimensions(value) };
                    break;
                case "bridgingThreshold":
                    if (value.ValueKind == JsonValueKind.Number) policy = policy with { BridgingThreshold = value.GetDouble() };
                    else problems.Add(source, null, property.Name, value.GetRawText(), "must be a number from 0 to 1");
                    break;
                default:
                    problems.Add(source, null, property.Name, null, "unknown property (expected linkingTieKinds, linkingNodeKinds, dimensions, bridgingThreshold)");
                    break;
            }
        }
        return policy;

        T[] Names<T>(JsonElement array, string name, TryParseName<T> parse, IReadOnlyList<string> allowed)
        {
            if (array.ValueKind != JsonValueKind.Array) { problems.Add(source, null, name, array.GetRawText(), "must be an array of names"); return []; }
            var result = new List<T>();
            foreach (var item in array.EnumerateArray())
            {
                if (item.ValueKind == JsonValueKind.String && parse(item.GetString()!, out var kind)) result.Add(kind);
                else problems.Add(source, null, name, item.GetRawText(), $"unknown kind (expected one of {string.Join(", ", allowed)})");
            }
            return [.. result];
        }

        BridgingDimension[] Dimensions(JsonElement array)
        {
            if (array.ValueKind != JsonValueKind.Array) { problems.Add(source, null, "dimensions", array.GetRawText(), "must be an array of {attribute, weight}"); return []; }
            var result = new List<BridgingDimension>();
            foreach (var item in array.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.Object
                    || !item.TryGetProperty("attribute", out var attribute) || attribute.ValueKind != JsonValueKind.String)
                {
                    problems.Add(source, null, "dimensions", item.GetRawText(), "each dimension needs a string \"attribute\"");
                    continue;
                }
                var weight = 1.0;
                if (item.TryGetProperty("weight", out var w))
                {
                    if (w.ValueKind == JsonValueKind.Number) weight = w.GetDouble();
                    else { problems.Add(source, null, "dimensions", item.GetRawText(), "weight must be a number > 0"); continue; }
                }
                foreach (var p in item.EnumerateObject())
                    if (p.Name is not ("attribute" or "weight"))
                        problems.Add(source, null, "dimensions", p.Name, "unknown property of a dimension (expected attribute, weight)");
                result.Add(new BridgingDimension(attribute.GetString()!, weight));
            }
            return [.. result];
        }
    }

    private delegate bool TryParseName<T>(string name, out T value);
}
