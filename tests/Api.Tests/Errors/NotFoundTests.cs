using SocialCapital.Api.Tests.Infrastructure;

namespace SocialCapital.Api.Tests.Errors;

/// <summary>404 answers for ids that name nothing the request may use (toy, read only).</summary>
[Collection(ToyReadersCollection.Name)]
public class NotFoundTests(ToyApi toy)
{
    [Theory]
    [InlineData("GET", "/people/nobody", "coach")]
    [InlineData("GET", "/people/nobody/capital", "coach")]
    [InlineData("GET", "/people/nobody/recommendations", "coach")]
    [InlineData("GET", "/citizens/nobody/mentor-matches", "coach")]
    [InlineData("GET", "/citizens/nobody/peer-groups", "coach")]
    [InlineData("GET", "/areas/Z", "analyst")]
    [InlineData("GET", "/areas/a", "analyst")] // codes are case-sensitive
    [InlineData("POST", "/cohorts/assignments", "coach")]
    public async Task Request_UnknownId_404ProblemNamingIt(string method, string url, string role)
    {
        using var response = await toy.Api.As(role).SendAsync(new HttpMethod(method), url,
            method == "POST" ? Http.Json("""{"citizens":["0","nobody"]}""") : null);
        var problem = await response.AssertProblemAsync(404);
        Assert.False(string.IsNullOrWhiteSpace(problem.Str("detail")));
    }

    [Fact]
    public async Task Request_UnknownRoute_404Problem()
    {
        using var response = await toy.Api.Coach.GetAsync("/no-such-thing");
        await response.AssertProblemAsync(404);
    }

    [Fact]
    public async Task Request_WrongMethod_405Problem()
    {
        using var response = await toy.Api.Admin.SendAsync(HttpMethod.Patch, "/people/0", Http.Json("{}"));
        await response.AssertProblemAsync(405);
    }
}
