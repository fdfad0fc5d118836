using Microsoft.Playwright;
using SocialCapital.Web.Tests.Infrastructure;
using Xunit.Abstractions;

namespace SocialCapital.Web.Tests;

/// <summary>Comparing areas: two or more side by side (table and chart), a map of every area coloured by a chosen measure
/// (the city has boundaries) with an area's values on a click, a tile grid without boundaries, a scoped analyst's areas
/// only.</summary>
[Collection(WebCollection.Name)]
public class ComparePageTests(WebApp app, SmallCellCity small, ITestOutputHelper output) : IClassFixture<SmallCellCity>
{
    [Fact]
    public async Task Compare_ThreeAreasAndTheMap_SideBySideAndClickForValues()
    {
        var page = await app.SignedInPageAsync("analyst");
        output.WriteLine($"ready compare {await WebApp.OpenAsync(page, "/compare.html"):0} ms");
        var table = page.Locator("table", new() { Has = page.Locator("caption", new() { HasText = "Chosen areas side by side" }) });
        await Assertions.Expect(table.Locator("thead th")).ToHaveTextAsync(["Measure", "A1", "A2"]);
        await page.GetByRole(AriaRole.Checkbox, new() { Name = "A4" }).CheckAsync();
        await Assertions.Expect(table.Locator("thead th")).ToHaveTextAsync(["Measure", "A1", "A2", "A4"]);
        await page.GetByRole(AriaRole.Checkbox, new() { Name = "A1" }).UncheckAsync();
        await page.GetByRole(AriaRole.Checkbox, new() { Name = "A2" }).UncheckAsync();
        await Assertions.Expect(page.Locator("#side-by-side")).ToContainTextAsync("Choose at least two areas.");
        await page.GetByRole(AriaRole.Checkbox, new() { Name = "A5" }).CheckAsync();
        await Assertions.Expect(table.Locator("thead th")).ToHaveTextAsync(["Measure", "A4", "A5"]);
        await Assertions.Expect(page.Locator("#side-by-side .chart svg")).ToBeAttachedAsync();

        // The map: one shape per area, coloured by the chosen measure.
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Map of every area" })).ToBeVisibleAsync();
        var map = page.Locator("#area-map .chart.map");
        await Assertions.Expect(map.Locator("svg")).ToBeAttachedAsync();
        await page.GetByLabel("Colour by").SelectOptionAsync(new SelectOptionValue { Label = "Bridging share" });
        await Assertions.Expect(map).ToHaveAttributeAsync("aria-label", new System.Text.RegularExpressions.Regex("^Map of every area coloured by Bridging share: A1 \\d+\\.\\d%"));
        foreach (var code in new[] { "A1", "A2", "A3", "A4", "A5" })
            await Assertions.Expect(map.Locator("svg text", new() { HasTextString = code })).ToHaveCountAsync(1);
        // Clicking an area's shape (its label sits in its middle) shows its values.
        await map.Locator("svg text", new() { HasTextString = "A3" }).ClickAsync(new() { Force = true });
        await Assertions.Expect(page.Locator("#area-details")).ToContainTextAsync("Area A3");
        await Assertions.Expect(page.Locator("#area-details")).ToContainTextAsync("Bridging share");
        // And from the keyboard, through the list of tiles.
        await page.GetByRole(AriaRole.Button, new() { Name = "A5" }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("#area-details h3")).ToHaveTextAsync("Area A5");
        await WebApp.AssertAccessibleAsync(page);
        await WebApp.ScreenshotAsync(page, "compare");

        var phone = await app.SignedInPageAsync("analyst", width: 390);
        await WebApp.OpenAsync(phone, "/compare.html");
        await Assertions.Expect(phone.Locator("#area-map .chart.map svg")).ToBeAttachedAsync();
        await PageChecks.AssertFitsWidthAsync(phone);
        await WebApp.AssertAccessibleAsync(phone);
        await WebApp.ScreenshotAsync(phone, "compare-390");
    }

    [Fact]
    public async Task Compare_ScopedAnalyst_ChoosesAndSeesOnlyTheirAreas()
    {
        var page = await app.SignedInPageAsync("analyst", "A2,A4,A5");
        await WebApp.OpenAsync(page, "/compare.html");
        await Assertions.Expect(page.GetByRole(AriaRole.Checkbox)).ToHaveCountAsync(3);
        await Assertions.Expect(page.Locator(".tiles li")).ToHaveCountAsync(3);
        var map = page.Locator("#area-map .chart.map");
        await Assertions.Expect(map.Locator("svg text", new() { HasTextString = "A4" })).ToHaveCountAsync(1);
        await Assertions.Expect(map.Locator("svg text", new() { HasTextString = "A1" })).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("main")).Not.ToContainTextAsync("A3");
    }

    [Fact]
    public async Task Compare_NoBoundaries_TileGridWithSuppressedAreas()
    {
        var (page, ready) = await small.OpenAsync(app, "/compare.html", "analyst");
        output.WriteLine($"ready compare (no boundaries, min cell size {SmallCellCity.MinCellSize}) {ready:0} ms");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Every area" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".chart.map")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator(".tiles li")).ToHaveCountAsync(5);
        // A1 is suppressed: its tile says so and its values are not shown; A2's EC is a suppressed cell.
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "A1" })).ToContainTextAsync("suppressed");
        await page.GetByRole(AriaRole.Button, new() { Name = "A1" }).ClickAsync();
        await Assertions.Expect(page.Locator("#area-details")).ToContainTextAsync("Area A1 is suppressed");
        await page.GetByRole(AriaRole.Button, new() { Name = "A2" }).ClickAsync();
        var ec = page.Locator("#area-details tr", new() { HasText = "Economic connectedness (EC)" });
        await Assertions.Expect(ec.Locator("td").Nth(1)).ToHaveTextAsync("suppressed");
        await WebApp.AssertAccessibleAsync(page);
        await WebApp.ScreenshotAsync(page, "compare-tiles");
    }
}
