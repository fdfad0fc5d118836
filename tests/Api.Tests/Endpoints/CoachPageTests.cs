using SocialCapital.Api.Tests.Infrastructure;

namespace SocialCapital.Api.Tests.Endpoints;

/// <summary>The coaches' page at <c>/</c>: served without a token (it asks for one), and its script calls the mentor
/// match endpoint and renders text only as text.</summary>
[Collection(ToyReadersCollection.Name)]
public class CoachPageTests(ToyApi toy)
{
    [Fact]
    public async Task Root_WithoutToken_ServesThePageWithItsForm()
    {
        using var response = await toy.Api.Anonymous.GetAsync("/");
        await response.AssertStatusAsync(200);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var html = await response.Content.ReadAsStringAsync();
        foreach (var id in new[] { "id=\"token\"", "id=\"citizen\"", "id=\"top\"", "id=\"anyArea\"", "src=\"app.js\"" })
            Assert.Contains(id, html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Script_CallsMentorMatchesWithTheBearerTokenAndNeverInjectsHtml()
    {
        using var response = await toy.Api.Anonymous.GetAsync("/app.js");
        await response.AssertStatusAsync(200);
        var script = await response.Content.ReadAsStringAsync();
        Assert.Contains("/mentor-matches?top=", script, StringComparison.Ordinal);
        Assert.Contains("Authorization: `Bearer ${", script, StringComparison.Ordinal);
        Assert.DoesNotContain("innerHTML", script, StringComparison.Ordinal); // data is only ever set as text
    }
}
