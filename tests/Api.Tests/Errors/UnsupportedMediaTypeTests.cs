using System.Net.Http.Headers;
using System.Text;
using SocialCapital.Api.Tests.Infrastructure;

namespace SocialCapital.Api.Tests.Errors;

/// <summary>415 answers for bodies in a content type the endpoint does not read, and nothing changes.</summary>
public class UnsupportedMediaTypeTests(ToyApi toy) : IClassFixture<ToyApi>
{
    private readonly TestApi _api = toy.Api;

    [Theory]
    [InlineData("POST", "/import", "text/plain")]
    [InlineData("POST", "/import", "text/csv")]
    [InlineData("POST", "/import", "application/xml")]
    [InlineData("POST", "/import", "application/x-www-form-urlencoded")]
    [InlineData("POST", "/import", null)]
    [InlineData("PUT", "/people/x", "text/plain")]
    [InlineData("PUT", "/ties", "application/xml")]
    [InlineData("POST", "/what-if", "text/plain")]
    [InlineData("POST", "/cohorts/assignments", "text/plain")]
    public async Task Request_WrongContentType_415AndNothingChanges(string method, string url, string? contentType)
    {
        var before = await StoreState.ReadAsync(_api.Admin);
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes("""{"kind":"citizen"}"""));
        if (contentType is not null) content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        using var response = await _api.Admin.SendAsync(new HttpMethod(method), url, content);
        await response.AssertProblemAsync(415);
        Assert.Equal(before, await StoreState.ReadAsync(_api.Admin));
    }
}
