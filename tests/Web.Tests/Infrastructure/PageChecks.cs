using Microsoft.Playwright;

namespace SocialCapital.Web.Tests.Infrastructure;

/// <summary>Checks the analyst pages' tests share.</summary>
internal static class PageChecks
{
    /// <summary>The page does not scroll sideways (wide tables scroll in their own box).</summary>
    public static async Task AssertNoSidewaysScrollAsync(IPage page)
    {
        var sizes = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, window.innerWidth]");
        var (scroll, width) = (sizes[0], sizes[1]);
        Assert.True(scroll <= width, $"{page.Url} is {scroll} px wide in a {width} px window");
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
        var table = page.Locator("table", new() { Has = page.Locator("caption", new() { HasTextRegex = new System.Text.RegularExpressions.Regex("^" + System.Text.RegularExpressions.Regex.Escape(caption) + "$") }) });
        var rows = table.Locator("tbody tr");
        var result = new List<string[]>();
        for (var i = 0; i < await rows.CountAsync(); i++) result.Add([.. (await rows.Nth(i).Locator("td").AllTextContentsAsync()).Select(t => t.Trim())]);
        return [.. result];
    }
}
