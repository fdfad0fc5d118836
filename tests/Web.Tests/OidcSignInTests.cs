using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Playwright;
using SocialCapital.Api.Tests.Infrastructure;
using SocialCapital.Web.Tests.Infrastructure;

namespace SocialCapital.Web.Tests;

/// <summary>Signing in to the web app with the organisation's identity provider (OpenID Connect, authorization code +
/// PKCE) as a production deployment does: a real OpenIddict provider, the API outside Development, real Chromium.</summary>
[Collection(OidcWebCollection.Name)]
public class OidcSignInTests(OidcWebApp app, Xunit.Abstractions.ITestOutputHelper output)
{
    // A coach of area A of the toy dataset: citizen 0 lives in A, citizen 10 in C.
    private static readonly ProviderUser Coach = new("casey", "Casey Coach", ["coach"], ["A"]);
    private static readonly ProviderUser Admin = new("oidc-admin", "Avery Admin", ["admin"], ["*"]);

    private OpenIddictProvider Provider => app.Provider;

    [Fact]
    public async Task Visit_NotSignedIn_SignsInAtTheProviderWithPkceAndComesBackToThePage()
    {
        Provider.SignsInAs = Coach;
        var before = Provider.AuthorizeRequests.Count;
        var page = await app.NewPageAsync();
        await page.GotoAsync("/index.html?x=1");
        await page.WaitForURLAsync(new Uri(app.Address, "/index.html?x=1").ToString());
        output.WriteLine($"ready home after provider sign-in {await WebApp.ReadyAsync(page):0} ms");
        await Assertions.Expect(page.Locator("header")).ToContainTextAsync("Casey Coach · coach · areas A");

        // The browser went to the provider once, asking for a code with an S256 PKCE challenge, to come back to /auth/callback.
        Assert.Equal(before + 1, Provider.AuthorizeRequests.Count);
        var authorize = QueryHelpers.ParseQuery(Provider.AuthorizeRequests.Last().Query);
        Assert.Equal("code", authorize["response_type"]);
        Assert.Equal(OidcWebApp.ClientId, authorize["client_id"]);
        Assert.Equal(new Uri(app.Address, "/auth/callback").ToString(), authorize["redirect_uri"]);
        Assert.Equal("S256", authorize["code_challenge_method"]);
        Assert.Matches("^[A-Za-z0-9_-]{43}$", authorize["code_challenge"].ToString()); // base64url of a SHA-256
        Assert.False(string.IsNullOrEmpty(authorize["state"]));
        Assert.False(string.IsNullOrEmpty(authorize["nonce"]));
        Assert.Contains("openid", authorize["scope"].ToString().Split(' '));

        // The session carries the provider's user, read like a bearer token's claims.
        var me = await page.Context.APIRequest.GetAsync("/auth/me");
        Assert.Equal(200, me.Status);
        using var user = JsonDocument.Parse(await me.TextAsync());
        Assert.Equal("casey", user.RootElement.GetProperty("subject").GetString());
        Assert.Equal("Casey Coach", user.RootElement.GetProperty("name").GetString());
        Assert.Equal(["coach"], user.RootElement.GetProperty("roles").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["A"], user.RootElement.GetProperty("areas").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task ScopedCoach_AnotherAreasCitizen_IsNotFoundThroughTheSession()
    {
        Provider.SignsInAs = Coach;
        var page = await SignedInAsync();
        Assert.Equal(200, (await page.Context.APIRequest.GetAsync("/people/0")).Status); // A: theirs
        var other = await page.Context.APIRequest.GetAsync("/people/10"); // C: answered like an unknown id
        Assert.Equal(404, other.Status);
    }

    [Fact]
    public async Task ProviderUser_WithoutAreasOrAKnownRole_SeesNoIndividual()
    {
        // Outside Development an identity token without the area claim sees no area, as a bearer token would.
        Provider.SignsInAs = new ProviderUser("casey", "Casey Coach", ["coach", "superuser"], []);
        var page = await SignedInAsync();
        using var user = JsonDocument.Parse(await (await page.Context.APIRequest.GetAsync("/auth/me")).TextAsync());
        Assert.Equal(["coach"], user.RootElement.GetProperty("roles").EnumerateArray().Select(e => e.GetString()));
        Assert.Empty(user.RootElement.GetProperty("areas").EnumerateArray());
        Assert.Equal(404, (await page.Context.APIRequest.GetAsync("/people/0")).Status);
        await WebApp.OpenAsync(page, "/");
        await Assertions.Expect(page.Locator("header")).ToContainTextAsync("Casey Coach · coach · no area");
    }

    [Fact]
    public async Task Session_WriteWithoutTheAppHeader_IsRefused()
    {
        Provider.SignsInAs = Admin;
        var page = await SignedInAsync();
        // What a forged cross-site form would send: the provider-made session cookie, but not the app's header.
        var forged = await page.Context.APIRequest.PostAsync("/rounds", new() { DataObject = new { citizens = new[] { "0" } } });
        Assert.Equal(403, forged.Status);
        Assert.Contains("X-SocialCapital-App", await forged.TextAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignOut_EndsTheSessionHereAndAtTheProvider()
    {
        Provider.SignsInAs = Admin;
        var page = await SignedInAsync();
        await WebApp.OpenAsync(page, "/");
        await Assertions.Expect(page.Locator("header")).ToContainTextAsync("Avery Admin · admin · every area");
        var before = Provider.EndSessions;
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await page.WaitForURLAsync(new Uri(app.Address, "/signedout.html").ToString());
        await WebApp.ReadyAsync(page);
        Assert.Equal(before + 1, Provider.EndSessions); // through the provider's end-session endpoint and back
        Assert.Equal(401, (await page.Context.APIRequest.GetAsync("/auth/me")).Status);
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Sign in again" })).ToBeVisibleAsync();
        await WebApp.AssertAccessibleAsync(page);
        await WebApp.ScreenshotAsync(page, "signedout");
        var phone = await app.NewPageAsync(width: 390);
        output.WriteLine($"ready signedout {await WebApp.OpenAsync(phone, "/signedout.html"):0} ms");
        await WebApp.AssertAccessibleAsync(phone);
    }

    [Fact]
    public async Task CodeExchange_WithoutTheVerifier_IsRefusedByTheProvider()
    {
        Provider.SignsInAs = Coach;
        var page = await app.NewPageAsync();
        var callback = await ProviderAnswerAsync(page, await SignInRequestAsync(page));
        var code = QueryHelpers.ParseQuery(callback.Query)["code"].ToString();
        Assert.NotEmpty(code);

        // What a thief of the code would send: everything but the verifier only the API holds.
        using var http = new HttpClient();
        using var response = await http.PostAsync(new Uri(Provider.Address, OpenIddictProvider.TokenPath.TrimStart('/')), new FormUrlEncodedContent(
            new Dictionary<string, string>
            {
                ["grant_type"] = "authorization_code",
                ["code"] = code,
                ["redirect_uri"] = new Uri(app.Address, "/auth/callback").ToString(),
                ["client_id"] = OidcWebApp.ClientId,
                ["client_secret"] = OidcWebApp.ClientSecret,
            }));
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(400, (int)response.StatusCode);
        Assert.Contains("code_verifier", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DevSignIn_WithAProviderOutsideDevelopment_IsNotThere()
    {
        var page = await app.NewPageAsync();
        var response = await page.Context.APIRequest.PostAsync("/auth/dev-signin", new APIRequestContextOptions
        {
            DataObject = new { role = "admin", areas = new[] { "*" } },
            Headers = new Dictionary<string, string> { ["X-SocialCapital-App"] = "1" },
        });
        Assert.Equal(404, response.Status);
        Assert.Equal(401, (await page.Context.APIRequest.GetAsync("/auth/me")).Status);
    }

    [Theory]
    [InlineData("https://evil.example/")]
    [InlineData("//evil.example/")]
    [InlineData("/\\evil.example/")]
    [InlineData("/\t/evil.example/")] // browsers drop the tab: //evil.example/
    public async Task SignIn_ReturnUrlOfAnotherSite_LandsOnTheHomePage(string returnUrl)
    {
        Provider.SignsInAs = Admin;
        var page = await app.NewPageAsync();
        await page.RouteAsync(url => new Uri(url).Host == "evil.example", route => route.AbortAsync()); // never leave for it
        await page.GotoAsync($"/auth/signin?returnUrl={Uri.EscapeDataString(returnUrl)}");
        await WebApp.ReadyAsync(page);
        Assert.Equal(new Uri(app.Address, "/").ToString(), page.Url);
        Assert.Equal(200, (await page.Context.APIRequest.GetAsync("/auth/me")).Status);
    }

    [Fact]
    public async Task SignIn_TamperedState_FailsWithAClearError()
    {
        Provider.SignsInAs = Admin;
        var page = await app.NewPageAsync();
        var callback = await ProviderAnswerAsync(page, await SignInRequestAsync(page));
        var response = await page.GotoAsync(WithParameter(callback, "state", s => s[..^4] + "AAAA").ToString());
        await AssertSignInFailedAsync(page, response, "state");
    }

    [Fact]
    public async Task SignIn_CallbackOpenedInAnotherBrowser_FailsWithAClearError()
    {
        // Login CSRF: an attacker's own valid answer from the provider, sent to a victim's browser, must not sign the victim
        // in as the attacker; the victim's browser lacks the correlation cookie of that sign-in.
        Provider.SignsInAs = Admin;
        var attacker = await app.NewPageAsync();
        var callback = await ProviderAnswerAsync(attacker, await SignInRequestAsync(attacker));
        var victim = await app.NewPageAsync();
        var response = await victim.GotoAsync(callback.ToString());
        await AssertSignInFailedAsync(victim, response, "not belong to a sign-in started in this browser");
    }

    [Fact]
    public async Task SignIn_TamperedNonce_FailsWithAClearError()
    {
        Provider.SignsInAs = Admin;
        var page = await app.NewPageAsync();
        var authorize = await SignInRequestAsync(page);
        var callback = await ProviderAnswerAsync(page, WithParameter(authorize, "nonce", _ => "a-nonce-of-another-sign-in"));
        var response = await page.GotoAsync(callback.ToString());
        await AssertSignInFailedAsync(page, response, "nonce");
    }

    [Fact]
    public async Task SignIn_IdentityTokenFromAnotherIssuer_FailsWithAClearError()
    {
        Provider.SignsInAs = Admin;
        Provider.ForgedIssuer = "http://evil.example/";
        try
        {
            var page = await app.NewPageAsync();
            var response = await page.GotoAsync("/auth/signin?returnUrl=%2F");
            await AssertSignInFailedAsync(page, response, "not issued by the configured identity provider");
        }
        finally
        {
            Provider.ForgedIssuer = null;
        }
    }

    [Fact]
    public async Task SignIn_ProviderRefuses_FailsWithAClearError()
    {
        Provider.RefusesSignIn = true;
        try
        {
            var page = await app.NewPageAsync();
            var response = await page.GotoAsync("/auth/signin?returnUrl=%2F");
            await AssertSignInFailedAsync(page, response, "the identity provider refused the sign-in");
        }
        finally
        {
            Provider.RefusesSignIn = false;
        }
    }

    [Fact]
    public async Task SignIn_IdentityTokenNotNamingJwtIssuer_FailsWithAClearError()
    {
        // An API told to expect another issuer (Jwt:Issuer) refuses this provider's identity tokens, as it does its bearer tokens.
        Provider.SignsInAs = Admin;
        using var folder = new TempFolder();
        using var api = await app.StartAnotherApiAsync("socialcapital-web-issuer", new Dictionary<string, string>
        {
            ["Jwt__Issuer"] = "https://issuer.example.org/",
        }, folder);
        var page = await app.NewPageAsync();
        var response = await page.GotoAsync(new Uri(api.Address, "/auth/signin?returnUrl=%2F").ToString());
        Assert.NotNull(response);
        var body = await response.TextAsync();
        Assert.True(response.Status == 400, $"Sign-in answered {response.Status}, not 400: {body}\n{api}");
        Assert.Contains("not issued by the configured identity provider", body, StringComparison.Ordinal);
        Assert.Equal(401, (await page.Context.APIRequest.GetAsync(new Uri(api.Address, "/auth/me").ToString())).Status);
    }

    /// <summary>A fresh page signed in through the provider as <see cref="OpenIddictProvider.SignsInAs"/>.</summary>
    private async Task<IPage> SignedInAsync()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync("/auth/signin?returnUrl=%2F");
        await WebApp.ReadyAsync(page);
        Assert.Equal(200, (await page.Context.APIRequest.GetAsync("/auth/me")).Status);
        return page;
    }

    /// <summary>Starts signing in with the page's cookies, without following redirects: the provider's authorization
    /// request the API answers with (its correlation and nonce cookies are now in the page's context).</summary>
    private static async Task<Uri> SignInRequestAsync(IPage page)
    {
        var start = await page.Context.APIRequest.GetAsync("/auth/signin?returnUrl=%2F", new() { MaxRedirects = 0 });
        Assert.Equal(302, start.Status);
        return new Uri(start.Headers["location"]);
    }

    /// <summary>Sends an authorization request to the provider and returns its answer: the callback address, with the
    /// code and state, that the browser would go to next.</summary>
    private async Task<Uri> ProviderAnswerAsync(IPage page, Uri authorize)
    {
        Assert.StartsWith(Provider.Address.ToString(), authorize.ToString(), StringComparison.Ordinal);
        var answer = await page.Context.APIRequest.GetAsync(authorize.ToString(), new() { MaxRedirects = 0 });
        Assert.Equal(302, answer.Status);
        var callback = new Uri(answer.Headers["location"]);
        Assert.Equal("/auth/callback", callback.AbsolutePath);
        return callback;
    }

    private static Uri WithParameter(Uri uri, string name, Func<string, string> change)
    {
        var query = QueryHelpers.ParseQuery(uri.Query).ToDictionary(p => p.Key, p => (string?)p.Value.ToString());
        Assert.True(query.ContainsKey(name), $"{uri} has no {name}");
        query[name] = change(query[name]!);
        return new Uri(QueryHelpers.AddQueryString(uri.GetLeftPart(UriPartial.Path), query));
    }

    /// <summary>The sign-in ended in a 400 that says why (naming <paramref name="reason"/>), not a 500, and no session.</summary>
    private static async Task AssertSignInFailedAsync(IPage page, IResponse? response, string reason)
    {
        Assert.NotNull(response);
        var body = await response.TextAsync();
        Assert.True(response.Status == 400, $"Sign-in answered {response.Status}, not 400: {body}");
        Assert.Contains("Sign-in failed", body, StringComparison.Ordinal);
        Assert.Contains(reason, body, StringComparison.Ordinal);
        Assert.Equal(401, (await page.Context.APIRequest.GetAsync("/auth/me")).Status);
    }
}
