using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace SocialCapital.Web.Tests.Infrastructure;

/// <summary>Checks and calls the page tests share: the page fits its width, charts are drawn, a table's rows, and the
/// API as the signed-in user sees it (the page's own session cookie and the app's header).</summary>
internal static class PageChecks
{
    private static readonly Dictionary<string, string> AppHeader = new() { ["X-SocialCapital-App"] = "1" };

    /// <summary>Asserts the page does not scroll sideways at its width (wide tables scroll in their own container).</summary>
    public static async Task AssertFitsWidthAsync(IPage page)
    {
        var sizes = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, window.innerWidth]");
        var (wide, view) = (sizes[0], sizes[1]);
        Assert.True(wide <= view, $"{page.Url} is {wide} px wide in a {view} px window: it scrolls sideways.");
    }

    /// <summary>Waits until the page's charts are drawn (echarts puts an svg in each); returns how many there are.</summary>
    public static async Task<int> ChartsDrawnAsync(IPage page, int atLeast)
    {
        var charts = page.Locator("main .chart[role=img]");
        await Assertions.Expect(charts.Nth(atLeast - 1).Locator("svg")).ToBeAttachedAsync();
        return await charts.CountAsync();
    }

    /// <summary>The text of each row's cells of the table with this caption (shown or folded away in a details).</summary>
    public static async Task<string[][]> RowsAsync(IPage page, string caption)
    {
        var table = page.Locator("table", new() { Has = page.Locator("caption", new() { HasTextRegex = new Regex("^" + Regex.Escape(caption) + "$") }) });
        var rows = table.Locator("tbody tr");
        var result = new List<string[]>();
        for (var i = 0; i < await rows.CountAsync(); i++) result.Add([.. (await rows.Nth(i).Locator("td").AllTextContentsAsync()).Select(t => t.Trim())]);
        return [.. result];
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
