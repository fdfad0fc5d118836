using SocialCapital.Api.Tests.Infrastructure;

namespace SocialCapital.Api.Tests.Endpoints;

/// <summary>The web app (src/Web, built into wwwroot by the API's build): served without a token (its pages sign the user
/// in), and its scripts set text from the data only as text. What the pages do is tested in Chromium (tests/Web.Tests).</summary>
[Collection(ToyReadersCollection.Name)]
public class WebAppServingTests(ToyApi toy)
{
    [Theory]
    [InlineData("/")]
    [InlineData("/signin.html")]
    public async Task Page_WithoutToken_IsServedAsHtmlWithItsScript(string path)
    {
        using var response = await toy.Api.Anonymous.GetAsync(path);
        await response.AssertStatusAsync(200);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<script type=\"module\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public void Sources_NeverInjectHtml()
    {
        var sources = Path.Combine(Repo.Root, "src", "Web", "src");
        var files = Directory.GetFiles(sources, "*.ts", SearchOption.AllDirectories);
        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            var text = File.ReadAllText(file);
            foreach (var sink in new[] { "innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(" })
                Assert.False(text.Contains(sink, StringComparison.Ordinal), $"{Path.GetRelativePath(sources, file)} uses {sink}: data must go in as text.");
        }
    }
}
