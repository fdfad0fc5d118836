using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using SocialCapital.Api.Tests.Infrastructure;

namespace SocialCapital.Api.Tests.Security.Owasp;

/// <summary>OWASP API9:2023 Improper Inventory Management: every route the API serves is documented in its OpenAPI
/// document and listed in the access table, and only the documented few answer without a token.</summary>
public sealed class Api9ImproperInventoryManagementTests(ToyApi toy) : IClassFixture<ToyApi>
{
    /// <summary>Every route the running API maps, as "METHOD /pattern" (the OpenAPI and documentation routes aside).</summary>
    private IReadOnlyList<string> MappedRoutes() =>
        [.. toy.Api.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []).Select(m => $"{m} /{e.RoutePattern.RawText?.Trim('/')}"))
            .Where(r => !r.Contains("/openapi/", StringComparison.Ordinal) && !r.Contains("/docs", StringComparison.Ordinal))
            .Select(r => r.TrimEnd('/'))
            .Distinct()];

    [Fact]
    public async Task EveryMappedRoute_IsInTheOpenApiDocument()
    {
        using var response = await toy.Api.Anonymous.GetAsync("/openapi/v1.json");
        var paths = (await response.JsonAsync(200)).GetProperty("paths");
        var documented = paths.EnumerateObject()
            .SelectMany(p => p.Value.EnumerateObject().Select(m => $"{m.Name.ToUpperInvariant()} {p.Name.TrimEnd('/')}"))
            .ToHashSet(StringComparer.Ordinal);
        var mapped = MappedRoutes();
        Assert.True(mapped.Count >= 15, $"only {mapped.Count} routes found: {string.Join(", ", mapped)}");
        Assert.All(mapped, route => Assert.Contains(route, documented));
    }

    [Fact]
    public void EveryProtectedRoute_HasARowInTheAccessTable()
    {
        var rows = AccessTable.Rows.Select(r => r.Endpoint.Split(" (")[0]).ToHashSet(StringComparer.Ordinal);
        // Health, and the web sign-in's own routes: they answer who is signed in (401 for no one), start or end a session
        // (tests/Web.Tests drive them in a browser; the cookie-write guard is WebSignIn.GuardWrites).
        var open = new[] { "GET /health/live", "GET /health/ready", "GET /auth/me", "GET /auth/signin", "POST /auth/signout" };
        Assert.All(MappedRoutes().Except(open), route => Assert.Contains(route, rows));
    }

    [Theory]
    [InlineData("TRACE", "/people")]
    [InlineData("PATCH", "/people/0")]
    [InlineData("OPTIONS", "/ties")]
    public async Task UndocumentedMethod_NotServed(string method, string url)
    {
        using var response = await toy.Api.Admin.SendAsync(new HttpMethod(method), url);
        Assert.True((int)response.StatusCode is 405 or 404, $"{method} {url} answered {(int)response.StatusCode}");
    }

    [Fact]
    public async Task Responses_DoNotNameTheServerSoftware()
    {
        using var response = await toy.Api.Anonymous.GetAsync("/health/live");
        Assert.False(response.Headers.Contains("Server"));
        Assert.False(response.Headers.Contains("X-Powered-By"));
    }
}
