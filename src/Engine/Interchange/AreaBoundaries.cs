using System.Globalization;
using System.Text.Json;
using SocialCapital.Model;

namespace SocialCapital.Interchange;

/// <summary>A point of a boundary: longitude and latitude in degrees (WGS 84, as GeoJSON has them).</summary>
/// <param name="Longitude">Degrees east, from −180 to 180.</param>
/// <param name="Latitude">Degrees north, from −90 to 90.</param>
public readonly record struct GeoPoint(double Longitude, double Latitude);

/// <summary>One area's boundary: one or more polygons, each a list of closed rings (the first the outline, any others
/// holes), each ring a list of points whose last equals its first.</summary>
/// <param name="Area">The area code, as the nodes' <c>area</c> column has it.</param>
/// <param name="Polygons">The polygons: one for a GeoJSON <c>Polygon</c>, several for a <c>MultiPolygon</c>.</param>
public sealed record AreaBoundary(string Area, IReadOnlyList<IReadOnlyList<IReadOnlyList<GeoPoint>>> Polygons);

/// <summary>The optional <c>areas.geojson</c> beside a dataset: a GeoJSON FeatureCollection (RFC 7946) with one feature per
/// area, its property <c>area</c> the area code and its geometry a Polygon or MultiPolygon (docs/format.md). Reading
/// checks every feature and reports every problem at once (file, <c>features[i]</c> and the field, what is wrong).
/// Immutable; safe to share across threads.</summary>
public sealed class AreaBoundaries
{
    /// <summary>The file's name in a dataset folder.</summary>
    public const string FileName = "areas.geojson";

    /// <summary>The GeoJSON media type the file is served with.</summary>
    public const string MediaType = "application/geo+json";

    private AreaBoundaries(IReadOnlyList<AreaBoundary> features) => Features = features;

    /// <summary>The areas' boundaries, in file order; one per area.</summary>
    public IReadOnlyList<AreaBoundary> Features { get; }

    /// <summary>Boundaries from records, checked by the same rules as the file (at least one ring of four points per
    /// polygon, closed rings, coordinates in range, one feature per area).</summary>
    /// <param name="features">The boundaries.</param>
    /// <returns>The boundaries.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="features"/> is null.</exception>
    /// <exception cref="DataValidationException">A boundary breaks a rule; lists every problem.</exception>
    public static AreaBoundaries Create(IEnumerable<AreaBoundary> features)
    {
        var list = Guard.NotNull(features).ToArray();
        var problems = new ProblemCollector();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < list.Length; i++)
        {
            var at = $"features[{i}]";
            if (list[i] is not { } feature) { problems.Add("boundary list", null, at, null, "is null"); continue; }
            CheckArea(feature.Area, i, seen, null, "boundary list", problems);
            for (var p = 0; p < (feature.Polygons?.Count ?? 0); p++)
            {
                var rings = feature.Polygons![p];
                if (rings is null || rings.Count == 0) { problems.Add("boundary list", null, $"{at}.polygons[{p}]", null, "a polygon needs at least one ring"); continue; }
                for (var r = 0; r < rings.Count; r++) CheckRing(rings[r] ?? [], $"{at}.polygons[{p}][{r}]", "boundary list", problems);
            }
            if ((feature.Polygons?.Count ?? 0) == 0) problems.Add("boundary list", null, $"{at}.polygons", null, "an area needs at least one polygon");
        }
        problems.ThrowIfAny();
        return new AreaBoundaries(list);
    }

    /// <summary>Reads and checks <c>areas.geojson</c>.</summary>
    /// <param name="path">The file.</param>
    /// <param name="knownAreas">The dataset's area codes: a feature naming another code is a problem. Null (the default):
    /// not checked (see <see cref="UnknownAreas"/>).</param>
    /// <returns>The boundaries.</returns>
    /// <exception cref="ArgumentException"><paramref name="path"/> is null or blank.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="DataValidationException">The file breaks the format; lists every problem.</exception>
    public static AreaBoundaries Load(string path, IEnumerable<string>? knownAreas = null)
    {
        Guard.NotEmpty(path);
        if (!File.Exists(path)) throw new FileNotFoundException($"The boundary file '{path}' does not exist.", path);
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        return Read(stream, Path.GetFileName(path), knownAreas);
    }

    /// <summary>Reads and checks GeoJSON boundaries from a UTF-8 stream: a FeatureCollection whose every feature has the
    /// string property <c>area</c> (a code no other feature has) and a Polygon or MultiPolygon geometry with closed rings
    /// of at least four positions [longitude, latitude] in range. Duplicate JSON keys are refused.</summary>
    /// <param name="utf8">The content.</param>
    /// <param name="sourceName">The name problems give the file; default <c>areas.geojson</c>.</param>
    /// <param name="knownAreas">The dataset's area codes: a feature naming another code is a problem. Null (the default):
    /// not checked.</param>
    /// <returns>The boundaries.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="utf8"/> is null.</exception>
    /// <exception cref="DataValidationException">The content breaks the format; lists every problem.</exception>
    public static AreaBoundaries Read(Stream utf8, string sourceName = FileName, IEnumerable<string>? knownAreas = null)
    {
        Guard.NotNull(utf8);
        var problems = new ProblemCollector();
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8, new JsonDocumentOptions { AllowDuplicateProperties = false, MaxDepth = 16 });
        }
        catch (JsonException e)
        {
            problems.Add(sourceName, e.LineNumber is { } line ? (int)line + 1 : null, null, null, "is not valid JSON: " + e.Message);
            problems.ThrowIfAny();
            throw; // not reached: the problem above throws
        }
        using (document)
        {
            var known = knownAreas is null ? null : new HashSet<string>(knownAreas, StringComparer.Ordinal);
            var features = new List<AreaBoundary>();
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || Text(root, "type") != "FeatureCollection")
                problems.Add(sourceName, null, "type", null, "the file must be a GeoJSON object with \"type\": \"FeatureCollection\"");
            else if (!root.TryGetProperty("features", out var list) || list.ValueKind != JsonValueKind.Array)
                problems.Add(sourceName, null, "features", null, "a FeatureCollection needs a \"features\" array");
            else
            {
                var seen = new Dictionary<string, int>(StringComparer.Ordinal);
                var i = 0;
                foreach (var feature in list.EnumerateArray())
                {
                    if (ReadFeature(feature, i, seen, known, sourceName, problems) is { } boundary) features.Add(boundary);
                    i++;
                }
                if (i == 0) problems.Add(sourceName, null, "features", null, "has no features: leave the file out when there are no boundaries");
            }
            problems.ThrowIfAny();
            return new AreaBoundaries(features);
        }
    }

    /// <summary>The area codes of <see cref="Features"/> that are not among <paramref name="knownAreas"/>, in file order.</summary>
    /// <param name="knownAreas">The data's area codes.</param>
    /// <returns>The unknown codes; empty when every feature names a known area.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="knownAreas"/> is null.</exception>
    public IReadOnlyList<string> UnknownAreas(IEnumerable<string> knownAreas)
    {
        var known = new HashSet<string>(Guard.NotNull(knownAreas), StringComparer.Ordinal);
        return [.. Features.Select(f => f.Area).Where(a => !known.Contains(a))];
    }

    /// <summary>The boundaries of the areas <paramref name="include"/> accepts, in the same order.</summary>
    /// <param name="include">Whether to keep an area code.</param>
    /// <returns>The subset (possibly with no features).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="include"/> is null.</exception>
    public AreaBoundaries Where(Func<string, bool> include)
    {
        Guard.NotNull(include);
        return new AreaBoundaries([.. Features.Where(f => include(f.Area))]);
    }

    /// <summary>Writes the boundaries as a GeoJSON FeatureCollection (UTF-8, indented, coordinates as given), the form
    /// <see cref="Read"/> reads.</summary>
    /// <param name="utf8">Where to write; left open.</param>
    /// <exception cref="ArgumentNullException"><paramref name="utf8"/> is null.</exception>
    public void Write(Stream utf8)
    {
        Guard.NotNull(utf8);
        using var json = new Utf8JsonWriter(utf8, new JsonWriterOptions { Indented = true, NewLine = "\n" });
        json.WriteStartObject();
        json.WriteString("type", "FeatureCollection");
        json.WriteStartArray("features");
        foreach (var feature in Features)
        {
            json.WriteStartObject();
            json.WriteString("type", "Feature");
            json.WriteStartObject("properties");
            json.WriteString("area", feature.Area);
            json.WriteEndObject();
            json.WriteStartObject("geometry");
            var multi = feature.Polygons.Count > 1;
            json.WriteString("type", multi ? "MultiPolygon" : "Polygon");
            json.WriteStartArray("coordinates");
            foreach (var polygon in feature.Polygons)
            {
                if (multi) json.WriteStartArray();
                foreach (var ring in polygon)
                {
                    json.WriteStartArray();
                    foreach (var point in ring)
                    {
                        json.WriteStartArray();
                        json.WriteNumberValue(point.Longitude);
                        json.WriteNumberValue(point.Latitude);
                        json.WriteEndArray();
                    }
                    json.WriteEndArray();
                }
                if (multi) json.WriteEndArray();
            }
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
        json.Flush();
        utf8.WriteByte((byte)'\n');
    }

    /// <summary>Writes the boundaries to a file (replacing it); see <see cref="Write(Stream)"/>.</summary>
    /// <param name="path">The file.</param>
    /// <exception cref="ArgumentException"><paramref name="path"/> is null or blank.</exception>
    /// <exception cref="IOException">The file cannot be written.</exception>
    public void Save(string path)
    {
        Guard.NotEmpty(path);
        AtomicFiles.Write([path], temporaries =>
        {
            using var stream = new FileStream(temporaries[0], FileMode.Create, FileAccess.Write);
            Write(stream);
        });
    }

    private static AreaBoundary? ReadFeature(JsonElement feature, int index, Dictionary<string, int> seen, HashSet<string>? known,
        string source, ProblemCollector problems)
    {
        var at = $"features[{index}]";
        var before = problems.Count;
        if (feature.ValueKind != JsonValueKind.Object || Text(feature, "type") != "Feature")
        {
            problems.Add(source, null, at, null, "must be an object with \"type\": \"Feature\"");
            return null;
        }
        string? area = null;
        if (!feature.TryGetProperty("properties", out var properties) || properties.ValueKind != JsonValueKind.Object)
            problems.Add(source, null, $"{at}.properties", null, "a feature needs a \"properties\" object with the area code in \"area\"");
        else if (!properties.TryGetProperty("area", out var code) || code.ValueKind != JsonValueKind.String)
            problems.Add(source, null, $"{at}.properties.area", null, "is required and must be a string: the area code");
        else
        {
            area = code.GetString()!;
            CheckArea(area, index, seen, known, source, problems);
        }
        var polygons = new List<IReadOnlyList<IReadOnlyList<GeoPoint>>>();
        if (!feature.TryGetProperty("geometry", out var geometry) || geometry.ValueKind != JsonValueKind.Object)
            problems.Add(source, null, $"{at}.geometry", null, "a feature needs a geometry object (Polygon or MultiPolygon)");
        else
        {
            var type = Text(geometry, "type");
            if (type is not ("Polygon" or "MultiPolygon"))
                problems.Add(source, null, $"{at}.geometry.type", type, "must be Polygon or MultiPolygon");
            else if (!geometry.TryGetProperty("coordinates", out var coordinates) || coordinates.ValueKind != JsonValueKind.Array)
                problems.Add(source, null, $"{at}.geometry.coordinates", null, "must be an array");
            else if (type == "Polygon")
                polygons.Add(ReadPolygon(coordinates, $"{at}.geometry.coordinates", source, problems));
            else
            {
                var p = 0;
                foreach (var polygon in coordinates.EnumerateArray())
                    polygons.Add(ReadPolygon(polygon, $"{at}.geometry.coordinates[{p++}]", source, problems));
                if (p == 0) problems.Add(source, null, $"{at}.geometry.coordinates", null, "a MultiPolygon needs at least one polygon");
            }
        }
        return problems.Count == before ? new AreaBoundary(area!, polygons) : null;
    }

    private static void CheckArea(string? area, int index, Dictionary<string, int> seen, HashSet<string>? known, string source,
        ProblemCollector problems)
    {
        var at = $"features[{index}].properties.area";
        if (string.IsNullOrWhiteSpace(area)) problems.Add(source, null, at, area, "must not be blank: the area code");
        else if (seen.TryGetValue(area, out var first))
            problems.Add(source, null, at, area, $"features[{first}] has this area already: one feature per area (a MultiPolygon for several parts)");
        else
        {
            seen[area] = index;
            if (known is not null && !known.Contains(area)) problems.Add(source, null, at, area, "no node has this area code");
        }
    }

    private static IReadOnlyList<IReadOnlyList<GeoPoint>> ReadPolygon(JsonElement polygon, string at, string source, ProblemCollector problems)
    {
        var rings = new List<IReadOnlyList<GeoPoint>>();
        if (polygon.ValueKind != JsonValueKind.Array || polygon.GetArrayLength() == 0)
        {
            problems.Add(source, null, at, null, "a polygon must be a non-empty array of rings");
            return rings;
        }
        var r = 0;
        foreach (var ring in polygon.EnumerateArray())
        {
            var where = $"{at}[{r++}]";
            var points = new List<GeoPoint>();
            if (ring.ValueKind != JsonValueKind.Array) { problems.Add(source, null, where, null, "a ring must be an array of positions"); continue; }
            var p = 0;
            var good = true;
            foreach (var position in ring.EnumerateArray())
            {
                var point = ReadPosition(position, $"{where}[{p++}]", source, problems);
                if (point is { } value) points.Add(value);
                else good = false;
            }
            if (good) CheckRing(points, where, source, problems);
            rings.Add(points);
        }
        return rings;
    }

    private static GeoPoint? ReadPosition(JsonElement position, string at, string source, ProblemCollector problems)
    {
        if (position.ValueKind != JsonValueKind.Array || position.GetArrayLength() is < 2 or > 3
            || position.EnumerateArray().Any(v => v.ValueKind != JsonValueKind.Number))
        {
            problems.Add(source, null, at, Raw(position), "a position must be [longitude, latitude] (an optional third number, the altitude, is ignored)");
            return null;
        }
        return new GeoPoint(position[0].GetDouble(), position[1].GetDouble());
    }

    private static void CheckRing(IReadOnlyList<GeoPoint> ring, string at, string source, ProblemCollector problems)
    {
        foreach (var point in ring)
            if (!double.IsFinite(point.Longitude) || !double.IsFinite(point.Latitude)
                || Math.Abs(point.Longitude) > 180 || Math.Abs(point.Latitude) > 90)
            {
                problems.Add(source, null, at, string.Create(CultureInfo.InvariantCulture, $"[{point.Longitude}, {point.Latitude}]"),
                    "longitude must be from -180 to 180 and latitude from -90 to 90 (GeoJSON is [longitude, latitude])");
                return;
            }
        if (ring.Count < 4) problems.Add(source, null, at, null, $"a ring needs at least 4 positions; it has {ring.Count}");
        else if (ring[0] != ring[^1]) problems.Add(source, null, at, null, "a ring must be closed: its last position must equal its first");
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string Raw(JsonElement element)
    {
        var text = element.GetRawText();
        return text.Length > 40 ? text[..40] + "…" : text;
    }
}
