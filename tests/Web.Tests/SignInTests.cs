using Microsoft.Playwright;
using SocialCapital.Web.Tests.Infrastructure;

namespace SocialCapital.Web.Tests;

/// <summary>Signing in and out of the web app with no token pasted: the development sign-in page, the session cookie,
/// the guard on cookie-borne writes.</summary>
[Collection(WebCollection.Name)]
public class SignInTests(WebApp app)
{
    [Fact]
    public async Task Home_NotSignedIn_GoesThroughSignInAndShowsTheRolesPages()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync("/index.html?x=1");
        await page.WaitForURLAsync("**/signin.html?returnUrl=*");
        await WebApp.ReadyAsync(page);
        await WebApp.AssertAccessibleAsync(page);
        await WebApp.ScreenshotAsync(page, "signin");

        await page.GetByLabel("Role").SelectOptionAsync("analyst");
        await page.GetByLabel("Areas").FillAsync("A1, A2");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync("**/index.html?x=1"); // back where they were going
        await page.GotoAsync("/");
        await WebApp.ReadyAsync(page);
        var header = page.Locator("header");
        await Assertions.Expect(header).ToContainTextAsync("analyst · areas A1, A2");
        var cards = page.Locator("main .cards");
        await Assertions.Expect(cards).ToContainTextAsync("Areas");
        await Assertions.Expect(cards).Not.ToContainTextAsync("My caseload"); // analysts see no individual
        await WebApp.AssertAccessibleAsync(page);
        await WebApp.ScreenshotAsync(page, "home-analyst");
    }

    [Fact]
    public async Task SignIn_BadAreas_SaysWhatIsWrongAndStaysSignedOut()
    {
        var page = await app.NewPageAsync();
        await WebApp.OpenAsync(page, "/signin.html");
        await page.GetByLabel("Areas").FillAsync("A1, *");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("stands alone");
        var me = await page.Context.APIRequest.GetAsync("/auth/me");
        Assert.Equal(401, me.Status);
    }

    [Fact]
    public async Task Session_WriteWithoutTheAppHeader_IsRefused()
    {
        var page = await app.SignedInPageAsync("coach", "A1");
        // What a forged cross-site form would send: the cookie, but not the app's header.
        var forged = await page.Context.APIRequest.PostAsync("/rounds", new() { DataObject = new { citizens = new[] { "p00001" } } });
        Assert.Equal(403, forged.Status);
        Assert.Contains("X-SocialCapital-App", await forged.TextAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignOut_EndsTheSession()
    {
        var page = await app.SignedInPageAsync("coach", "A1", width: 390);
        await WebApp.OpenAsync(page, "/");
        await WebApp.AssertAccessibleAsync(page);
        await WebApp.ScreenshotAsync(page, "home-coach-390");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await page.WaitForURLAsync("**/signedout.html");
        Assert.Equal(401, (await page.Context.APIRequest.GetAsync("/auth/me")).Status);
    }
}
