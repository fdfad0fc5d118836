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
    public async Task Docs_WithoutToken_TheApiReferencePage()
    {
        using var response = await toy.Api.Browser().GetAsync("/docs");
        await response.AssertStatusAsync(200);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("SocialCapital API", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
