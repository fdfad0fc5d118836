using SocialCapital.Api.Tests.Infrastructure;

namespace SocialCapital.Api.Tests.Endpoints;

/// <summary><c>/openapi/v1.json</c> and <c>/docs</c>: anonymous, and the document names every endpoint.</summary>
[Collection(ToyReadersCollection.Name)]
public class DocumentationEndpointsTests(ToyApi toy)
{
    [Fact]
    public async Task OpenApi_WithoutToken_DescribesEveryEndpointAndTheBearerScheme()
    {
        using var response = await toy.Api.Anonymous.GetAsync("/openapi/v1.json");
        var document = await response.JsonAsync(200);
        Assert.Equal("SocialCapital API", document.GetProperty("info").Str("title"));
        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name.TrimEnd('/')).ToHashSet(StringComparer.Ordinal);
        foreach (var path in new[]
                 {
                     "/health/live", "/health/ready", "/people", "/people/{id}", "/people/{id}/capital", "/people/{id}/recommendations",
                     "/ties", "/import", "/export", "/citizens/{id}/mentor-matches", "/citizens/{id}/peer-groups",
                     "/cohorts/assignments", "/areas", "/areas/{code}", "/groups", "/what-if",
                 })
            Assert.True(paths.Contains(path), $"the OpenAPI document lacks {path}: {string.Join(", ", paths)}");
        Assert.True(document.GetProperty("components").GetProperty("securitySchemes").TryGetProperty("Bearer", out _));
    }

    [Fact]
    public async Task OpenApi_EveryOperation_HasASummaryAndTheBodiesCarryExamplesAndDescriptions()
    {
        using var response = await toy.Api.Anonymous.GetAsync("/openapi/v1.json");
        var document = await response.JsonAsync(200);
        foreach (var path in document.GetProperty("paths").EnumerateObject())
            foreach (var operation in path.Value.EnumerateObject())
                Assert.True(operation.Value.TryGetProperty("summary", out var summary) && summary.GetString()!.Length > 10,
                    $"{operation.Name} {path.Name} has no summary");
        var schemas = document.GetProperty("components").GetProperty("schemas");
        var kind = schemas.GetProperty("PersonBody").GetProperty("properties").GetProperty("kind");
        Assert.Equal("citizen", kind.GetProperty("examples")[0].GetString());
        Assert.Contains("peer_group", kind.GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Equal("mentoring", schemas.GetProperty("TieBody").GetProperty("properties").GetProperty("kind").GetProperty("examples")[0].GetString());
        // Engine result types are described from the engine's own XML docs; undefined measures are null.
        var constraint = schemas.GetProperty("PersonMeasures").GetProperty("properties").GetProperty("constraint");
        Assert.Contains("constraint", constraint.GetProperty("description").GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.Contains("null", constraint.GetProperty("type").EnumerateArray().Select(t => t.GetString()));
        Assert.Contains("peer_group", schemas.GetProperty("NodeKind").GetProperty("enum").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task Docs_WithoutToken_TheApiReferencePage()
    {
        using var response = await toy.Api.Browser().GetAsync("/docs");
        await response.AssertStatusAsync(200);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("SocialCapital API", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
