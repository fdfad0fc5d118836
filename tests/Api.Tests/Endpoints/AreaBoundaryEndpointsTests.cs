using System.Text.Json;
using SocialCapital.Api.Tests.Infrastructure;

namespace SocialCapital.Api.Tests.Endpoints;

/// <summary><c>GET /areas/boundaries</c> on the city, whose seed folder has <c>areas.geojson</c>: GeoJSON of the caller's
/// areas only, for analysts and admins.</summary>
[Collection(CityReadersCollection.Name)]
public class AreaBoundaryEndpointsTests(CityApi city)
{
    private static string[] Areas(JsonElement collection) =>
        [.. collection.GetProperty("features").EnumerateArray().Select(f => f.GetProperty("properties").Str("area"))];

    [Fact]
    public async Task Boundaries_AnalystOfEveryArea_GetsEveryAreaAsGeoJson()
    {
        using var response = await city.Api.Analyst.GetAsync("/areas/boundaries");
        Assert.Equal("application/geo+json", response.Content.Headers.ContentType?.MediaType);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("FeatureCollection", body.Str("type"));
        Assert.Equal(["A1", "A2", "A3", "A4", "A5"], Areas(body));
        Assert.Equal("Polygon", body.GetProperty("features")[0].GetProperty("geometry").Str("type"));
    }

    [Fact]
    public async Task Boundaries_ScopedAnalyst_SeesOnlyTheirAreas()
    {
        var scoped = city.Api.WithToken(Tokens.For("analyst", areas: ["A2", "A4"]), "analyst-A2-A4");
        using var response = await scoped.GetAsync("/areas/boundaries");
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal(["A2", "A4"], Areas(JsonDocument.Parse(body).RootElement));
        Assert.DoesNotContain("\"A1\"", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Boundaries_Coach_Forbidden()
    {
        using var response = await city.Api.Coach.GetAsync("/areas/boundaries");
        await response.AssertProblemAsync(403);
    }

    [Fact]
    public async Task Boundaries_Anonymous_Unauthorized()
    {
        using var response = await city.Api.Anonymous.GetAsync("/areas/boundaries");
        await response.AssertProblemAsync(401);
    }
}

/// <summary>Where the boundaries come from: the seed's folder, <c>Analysis:Boundaries</c>, or nowhere.</summary>
public class AreaBoundarySourceTests
{
    [Fact]
    public async Task Boundaries_SeedWithoutAFile_NotFoundSayingSo()
    {
        using var folder = new TempFolder();
        await using var api = TestApi.Start(folder.File("store.db"), Repo.Sample("karate"));
        using var response = await api.Analyst.GetAsync("/areas/boundaries");
        var problem = await response.AssertProblemAsync(404);
        Assert.Contains("no area boundaries", problem.Str("detail"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Boundaries_ConfiguredFile_ServedAndUnknownAreasLogged()
    {
        using var folder = new TempFolder();
        var file = folder.File("shapes.geojson");
        File.WriteAllText(file, """
            {"type":"FeatureCollection","features":[
              {"type":"Feature","properties":{"area":"A"},"geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]}},
              {"type":"Feature","properties":{"area":"Q"},"geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]}}]}
            """);
        await using var api = TestApi.Start(folder.File("store.db"), Repo.Sample("toy"),
            new Dictionary<string, string?> { ["Analysis:Boundaries"] = file });
        Assert.Contains(api.Log.Lines, l => l.StartsWith("Warning", StringComparison.Ordinal) && l.Contains("areas the data does not have: Q", StringComparison.Ordinal));
        using var response = await api.Admin.GetAsync("/areas/boundaries");
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(2, body.GetProperty("features").GetArrayLength());
    }

    [Theory]
    [InlineData("""{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"area":"A"},"geometry":{"type":"Point","coordinates":[0,0]}}]}""",
        "features[0].geometry.type")]
    [InlineData(null, "does not exist")]
    public void Start_BrokenOrMissingBoundaryFile_ProcessStopsSayingWhat(string? content, string expected)
    {
        using var folder = new TempFolder();
        var file = folder.File("shapes.geojson");
        if (content is not null) File.WriteAllText(file, content);
        using var api = ApiProcess.Start(new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["Store__Path"] = folder.File("store.db"),
            ["Store__Seed"] = Repo.Sample("toy"),
            ["Analysis__Boundaries"] = file,
        });
        Assert.True(api.WaitForExit(TimeSpan.FromSeconds(60)), "the API started with a bad boundary file");
        Assert.Equal(1, api.ExitCode);
        Assert.Contains(expected, api.StdErr, StringComparison.Ordinal);
        Assert.Contains("socialcapital-api:", api.StdErr, StringComparison.Ordinal);
    }
}
