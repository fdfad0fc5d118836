using System.Text;
using SocialCapital.Interchange;
using SocialCapital.Model;

namespace SocialCapital.Tests.Interchange;

/// <summary>areas.geojson: the samples' boundaries, every rule with its message, writing and reading back.</summary>
public class AreaBoundariesTests
{
    private static AreaBoundaries Read(string json, IEnumerable<string>? known = null) =>
        AreaBoundaries.Read(new MemoryStream(Encoding.UTF8.GetBytes(json)), knownAreas: known);

    private static string Feature(string area, string geometry) =>
        $$"""{"type":"Feature","properties":{"area":"{{area}}"},"geometry":{{geometry}}}""";

    private const string Square = """{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,1],[0,0]]]}""";

    private static string Collection(params string[] features) => $$"""{"type":"FeatureCollection","features":[{{string.Join(",", features)}}]}""";

    [Theory]
    [InlineData("city-10k")]
    [InlineData("toy")]
    public void Load_Sample_HasOneSquarePerAreaOfItsNodes(string sample)
    {
        var folder = TestData.Sample(sample);
        var areas = Dataset.Load(folder).Nodes.Select(n => n.Area).OfType<string>().Distinct().Order(StringComparer.Ordinal).ToArray();
        var boundaries = AreaBoundaries.Load(Path.Combine(folder, AreaBoundaries.FileName), areas);
        Assert.Equal(areas, boundaries.Features.Select(f => f.Area).Order(StringComparer.Ordinal));
        Assert.All(boundaries.Features, f => Assert.Equal(5, Assert.Single(Assert.Single(f.Polygons)).Count));
    }

    [Fact]
    public void Read_PolygonAndMultiPolygon_AreParsed()
    {
        var boundaries = Read(Collection(Feature("A", Square),
            Feature("B", """{"type":"MultiPolygon","coordinates":[[[[2,0],[3,0],[3,1],[2,0]]],[[[4,0],[5,0],[5,1],[4,0,7]]]]}""")));
        Assert.Equal(["A", "B"], boundaries.Features.Select(f => f.Area));
        Assert.Equal(new GeoPoint(1, 1), boundaries.Features[0].Polygons[0][0][2]);
        Assert.Equal(2, boundaries.Features[1].Polygons.Count);
        Assert.Equal(new GeoPoint(4, 0), boundaries.Features[1].Polygons[1][0][3]); // the altitude is ignored
    }

    [Fact]
    public void Read_BrokenFeatures_ListsEveryProblemWithItsFeatureAndField()
    {
        var e = Assert.Throws<DataValidationException>(() => Read(Collection(
            Feature("A1", Square),
            Feature("A1", Square),
            """{"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[0,0]}}""",
            Feature("A2", """{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,2]]]}"""),
            Feature("A3", """{"type":"Polygon","coordinates":[[[0,0],[1,0],[0,0]]]}"""),
            Feature("A4", """{"type":"Polygon","coordinates":[[[0,95],[1,0],[1,1],[0,95]]]}"""),
            Feature("Z9", Square)), known: ["A1", "A2", "A3", "A4"]));
        var text = e.Problems.Select(p => p.ToString()).ToArray();
        Assert.Contains(text, t => t.Contains("features[1].properties.area", StringComparison.Ordinal) && t.Contains("features[0] has this area already", StringComparison.Ordinal));
        Assert.Contains(text, t => t.Contains("features[2].properties.area", StringComparison.Ordinal) && t.Contains("is required", StringComparison.Ordinal));
        Assert.Contains(text, t => t.Contains("features[2].geometry.type", StringComparison.Ordinal) && t.Contains("'Point'", StringComparison.Ordinal));
        Assert.Contains(text, t => t.Contains("features[3].geometry.coordinates[0]", StringComparison.Ordinal) && t.Contains("closed", StringComparison.Ordinal));
        Assert.Contains(text, t => t.Contains("features[4].geometry.coordinates[0]", StringComparison.Ordinal) && t.Contains("at least 4 positions", StringComparison.Ordinal));
        Assert.Contains(text, t => t.Contains("features[5].geometry.coordinates[0]", StringComparison.Ordinal) && t.Contains("latitude from -90 to 90", StringComparison.Ordinal));
        Assert.Contains(text, t => t.Contains("features[6].properties.area", StringComparison.Ordinal) && t.Contains("'Z9'", StringComparison.Ordinal) && t.Contains("no node has this area code", StringComparison.Ordinal));
        Assert.All(e.Problems, p => Assert.Equal("areas.geojson", p.Source));
        Assert.Equal(7, e.Problems.Count);
    }

    [Theory]
    [InlineData("{\"type\":\"FeatureCollection\",\"features\":[", "is not valid JSON")]
    [InlineData("[]", "FeatureCollection")]
    [InlineData("{\"type\":\"FeatureCollection\"}", "\"features\" array")]
    [InlineData("{\"type\":\"FeatureCollection\",\"features\":[]}", "has no features")]
    [InlineData("{\"type\":\"FeatureCollection\",\"type\":\"FeatureCollection\",\"features\":[]}", "is not valid JSON")]
    public void Read_NotAFeatureCollection_SaysWhat(string json, string expected)
    {
        var e = Assert.Throws<DataValidationException>(() => Read(json));
        Assert.Contains(expected, Assert.Single(e.Problems).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownAreas_NamesTheCodesTheDataHasNot()
    {
        var boundaries = Read(Collection(Feature("A", Square), Feature("B", Square)));
        Assert.Equal(["B"], boundaries.UnknownAreas(["A", "C"]));
        Assert.Equal(["A"], boundaries.Where(a => a == "A").Features.Select(f => f.Area));
    }

    [Fact]
    public void Write_ThenRead_GivesTheSameBoundaries()
    {
        var original = AreaBoundaries.Load(Path.Combine(TestData.Sample("city-10k"), AreaBoundaries.FileName));
        var multi = AreaBoundaries.Create([.. original.Features, new AreaBoundary("X", [original.Features[0].Polygons[0], original.Features[1].Polygons[0]])]);
        using var stream = new MemoryStream();
        multi.Write(stream);
        stream.Position = 0;
        var back = AreaBoundaries.Read(stream);
        Assert.Equal(multi.Features.Select(f => f.Area), back.Features.Select(f => f.Area));
        for (var i = 0; i < multi.Features.Count; i++)
            Assert.Equal(multi.Features[i].Polygons.SelectMany(p => p).SelectMany(r => r), back.Features[i].Polygons.SelectMany(p => p).SelectMany(r => r));
        Assert.Equal(2, back.Features[^1].Polygons.Count);
    }

    [Fact]
    public void Create_OpenRing_IsRefused()
    {
        var e = Assert.Throws<DataValidationException>(() => AreaBoundaries.Create([new AreaBoundary("A", [[[new(0, 0), new(1, 0), new(1, 1), new(0, 1)]]])]));
        Assert.Contains("closed", Assert.Single(e.Problems).Reason, StringComparison.Ordinal);
    }
}
