using System.Net;
using System.Net.Http.Json;
using SocialCapital.Api.Tests.Infrastructure;

namespace SocialCapital.Api.Tests.Security;

/// <summary>The web session from outside, as an attacker would try it: the development sign-in exists only in
/// Development, a session sees exactly what a token of the same role and areas sees, a cookie-borne write without the
/// app's header is refused, a forged cookie is no one, and sign-in never redirects off the site.</summary>
public sealed class WebSessionTests : IAsyncLifetime
{
    private readonly TempFolder _folder = new();
    private TestApi _development = null!;

    public Task InitializeAsync()
    {
        _development = TestApi.Start(_folder.File("dev.db"), Repo.Sample("city-10k"), new Dictionary<string, string?> { ["environment"] = "Development" });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _development.DisposeAsync();
        _folder.Dispose();
    }

    [Fact]
    public async Task DevSignIn_OutsideDevelopment_DoesNotExist()
    {
        await using var api = TestApi.Start(_folder.File("testing.db"), Repo.Sample("toy"));
        using var signIn = await PostAsApp(api.Browser(), "/auth/dev-signin", new { role = "admin", areas = new[] { "*" } });
        Assert.Equal(HttpStatusCode.NotFound, signIn.StatusCode);
        using var start = await api.Anonymous.GetAsync("/auth/signin?returnUrl=/");
        Assert.Equal(HttpStatusCode.NotFound, start.StatusCode);
        Assert.Contains("bearer token", await start.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Session_OfOneArea_SeesThatAreaOnly_LikeAToken()
    {
        using var browser = _development.Browser();
        using (var signIn = await PostAsApp(browser, "/auth/dev-signin", new { role = "coach", areas = new[] { "A3" }, subject = "p00112" }))
            Assert.Equal(HttpStatusCode.NoContent, signIn.StatusCode);

        var me = await browser.GetFromJsonAsync<Dictionary<string, object>>("/auth/me");
        Assert.Equal("p00112", me!["subject"].ToString());
        Assert.Equal("""["A3"]""", me["areas"].ToString());
        using var own = await browser.GetAsync("/people/p00001");    // p00001 lives in A3
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        using var other = await browser.GetAsync("/people/p00002");  // p00002 lives in A2: answered like an unknown id
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        using var areas = await browser.GetAsync("/areas");          // an analyst's endpoint
        Assert.Equal(HttpStatusCode.Forbidden, areas.StatusCode);
    }

    [Fact]
    public async Task Session_WriteWithoutTheAppHeader_IsRefused_WithIt_Allowed()
    {
        using var browser = _development.Browser();
        using (var signIn = await PostAsApp(browser, "/auth/dev-signin", new { role = "coach", areas = new[] { "A3" } }))
            Assert.Equal(HttpStatusCode.NoContent, signIn.StatusCode);

        using var forged = await browser.PostAsJsonAsync("/cohorts/assignments", new { citizens = new[] { "p00001" } });
        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        Assert.Contains("X-SocialCapital-App", await forged.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var fromTheApp = await PostAsApp(browser, "/cohorts/assignments", new { citizens = new[] { "p00001" } });
        Assert.Equal(HttpStatusCode.OK, fromTheApp.StatusCode);
    }

    [Fact]
    public async Task SignInAndOut_WithoutTheAppHeader_AreRefused()
    {
        using var browser = _development.Browser();
        using var signIn = await browser.PostAsJsonAsync("/auth/dev-signin", new { role = "admin", areas = new[] { "*" } });
        Assert.Equal(HttpStatusCode.Forbidden, signIn.StatusCode); // a cross-site form cannot sign a victim in as someone else
        using var signOut = await browser.PostAsync("/auth/signout", null);
        Assert.Equal(HttpStatusCode.Forbidden, signOut.StatusCode);
    }

    [Theory]
    [InlineData("""{"role":"root","areas":["*"]}""", "role")]
    [InlineData("""{"role":"coach","areas":[]}""", "areas")]
    [InlineData("""{"role":"coach","areas":["A1","*"]}""", "areas")]
    [InlineData("""{"role":"coach","areas":["A1"],"subject":"a\u0000b"}""", "subject")]
    public async Task DevSignIn_BadValues_NameTheFieldAndStartNoSession(string body, string field)
    {
        using var browser = _development.Browser();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/auth/dev-signin") { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Add("X-SocialCapital-App", "1");
        using var response = await browser.SendAsync(request);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains($"\"{field}\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var me = await browser.GetAsync("/auth/me");
        Assert.Equal(HttpStatusCode.Unauthorized, me.StatusCode);
    }

    [Fact]
    public async Task ForgedCookie_IsNoOne()
    {
        using var client = _development.Browser();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/people/p00001");
        request.Headers.Add("Cookie", "socialcapital-session=CfDJ8forged");
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("https://evil.example/")]
    [InlineData("//evil.example/")]
    [InlineData("/\\evil.example/")]
    public async Task SignIn_ReturnUrlOffTheSite_GoesHomeInstead(string returnUrl)
    {
        using var browser = _development.Browser();
        using var response = await browser.GetAsync($"/auth/signin?returnUrl={Uri.EscapeDataString(returnUrl)}");
        Assert.Equal("/signin.html?returnUrl=%2F", response.RequestMessage?.RequestUri?.PathAndQuery);
    }

    private static Task<HttpResponseMessage> PostAsApp<T>(HttpClient client, string path, T body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.Add("X-SocialCapital-App", "1");
        return client.SendAsync(request);
    }
}
