using System.Text.Json;
using Microsoft.Playwright;

namespace SocialCapital.Web.Tests.Infrastructure;

/// <summary>Checks and calls the page tests share: the page fits its width, and the API as the signed-in user sees it
/// (the page's own session cookie and the app's header).</summary>
internal static class PageChecks
{
    private static readonly Dictionary<string, string> AppHeader = new() { ["X-SocialCapital-App"] = "1" };

    /// <summary>Asserts the page does not scroll sideways at its width (wide tables scroll in their own container).</summary>
    public static async Task AssertFitsWidthAsync(IPage page)
    {
        var wide = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        var view = page.ViewportSize!.Width;
        Assert.True(wide <= view, $"{page.Url} is {wide} px wide in a {view} px window: it scrolls sideways.");
    }

    /// <summary>GETs <paramref name="path"/> from the API as the page's user; asserts success.</summary>
    public static async Task<JsonElement> GetJsonAsync(IPage page, string path)
    {
        var response = await page.Context.APIRequest.GetAsync(path, new APIRequestContextOptions { Headers = AppHeader });
        Assert.True(response.Ok, $"GET {path} answered {response.Status}: {await response.TextAsync()}");
        return JsonDocument.Parse(await response.TextAsync()).RootElement.Clone();
    }

    /// <summary>Sends <paramref name="body"/> to the API as the page's user; asserts success.</summary>
    public static async Task SendJsonAsync(IPage page, string method, string path, object body)
    {
        var response = await page.Context.APIRequest.FetchAsync(path, new APIRequestContextOptions { Method = method, DataObject = body, Headers = AppHeader });
        Assert.True(response.Ok, $"{method} {path} answered {response.Status}: {await response.TextAsync()}");
    }
}
