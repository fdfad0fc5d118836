using Microsoft.Playwright;
using SocialCapital.Web.Tests.Infrastructure;
using Xunit.Abstractions;

namespace SocialCapital.Web.Tests;

/// <summary>The area dashboard: the sortable table with a glossary, EC and WC with intervals, EC decomposed, the tie-class
/// mix; a scoped analyst's areas only; suppressed cells read "suppressed", never 0.</summary>
[Collection(WebCollection.Name)]
public class AreasPageTests(WebApp app, SmallCellCity small, ITestOutputHelper output) : IClassFixture<SmallCellCity>
{
    [Fact]
    public async Task Areas_AnalystOfEveryArea_TableGlossaryAndChartsAt1440And390()
    {
        var page = await app.SignedInPageAsync("analyst");
        var ready = await WebApp.OpenAsync(page, "/areas.html");
        output.WriteLine($"ready areas {ready:0} ms");
        var rows = await PageChecks.RowsAsync(page, "Every area's measures");
        Assert.Equal(["A1", "A2", "A3", "A4", "A5"], rows.Select(r => r[0]));
        Assert.All(rows, r => Assert.DoesNotContain("suppressed", r));
        Assert.Equal(3, await PageChecks.ChartsDrawnAsync(page, 3));
        await Assertions.Expect(page.GetByRole(AriaRole.Img).First).ToHaveAttributeAsync("aria-label", new System.Text.RegularExpressions.Regex("A1 EC \\d\\.\\d\\d, WC \\d\\.\\d\\d"));

        // Sorting by EC, then again descending: the header says so and the rows follow.
        var ec = page.Locator("#area-table th", new() { HasText = "Economic connectedness (EC)" });
        await ec.GetByRole(AriaRole.Button).ClickAsync();
        await Assertions.Expect(ec).ToHaveAttributeAsync("aria-sort", "ascending");
        var ascending = (await PageChecks.RowsAsync(page, "Every area's measures")).Select(r => double.Parse(r[3], System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(ascending.Order(), ascending);
        await ec.GetByRole(AriaRole.Button).PressAsync("Enter");
        await Assertions.Expect(ec).ToHaveAttributeAsync("aria-sort", "descending");

        await page.GetByText("Glossary: what the measures mean").ClickAsync();
        await Assertions.Expect(page.Locator(".glossary dt", new() { HasText = "Friending bias" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("EC ≈ exposure × (1 − friending bias)").First).ToBeVisibleAsync();
        var mix = await PageChecks.RowsAsync(page, "Tie-class mix");
        Assert.Equal(5, mix.Length);
        Assert.All(mix, r => Assert.EndsWith("%", r[1], StringComparison.Ordinal));
        Assert.Equal(5, (await PageChecks.RowsAsync(page, "Connectedness with 95% intervals")).Count(r => r[1].Contains('–')));
        await WebApp.AssertAccessibleAsync(page);
        await WebApp.ScreenshotAsync(page, "areas");

        var phone = await app.SignedInPageAsync("analyst", width: 390);
        output.WriteLine($"ready areas-390 {await WebApp.OpenAsync(phone, "/areas.html"):0} ms");
        await PageChecks.ChartsDrawnAsync(phone, 3);
        await PageChecks.AssertFitsWidthAsync(phone);
        await WebApp.AssertAccessibleAsync(phone);
        await WebApp.ScreenshotAsync(phone, "areas-390");
    }

    [Fact]
    public async Task Areas_ScopedAnalyst_SeesOnlyTheirAreas()
    {
        var page = await app.SignedInPageAsync("analyst", "A2,A4");
        await WebApp.OpenAsync(page, "/areas.html");
        Assert.Equal(["A2", "A4"], (await PageChecks.RowsAsync(page, "Every area's measures")).Select(r => r[0]));
        Assert.Equal(["A2", "A4"], (await PageChecks.RowsAsync(page, "Tie-class mix")).Select(r => r[0]));
        await Assertions.Expect(page.Locator("main")).Not.ToContainTextAsync("A1");
    }

    [Fact]
    public async Task Areas_Coach_ToldThePageIsForAnalysts()
    {
        var page = await app.SignedInPageAsync("coach", "A1");
        await WebApp.OpenAsync(page, "/areas.html");
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("for the analyst or admin role");
        await Assertions.Expect(page.Locator("table")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Areas_SmallCells_ReadSuppressedNeverZero()
    {
        var (page, ready) = await small.OpenAsync(app, "/areas.html", "analyst");
        output.WriteLine($"ready areas (min cell size {SmallCellCity.MinCellSize}) {ready:0} ms");
        var rows = (await PageChecks.RowsAsync(page, "Every area's measures")).ToDictionary(r => r[0]);
        // A1 is suppressed whole: every cell says so.
        Assert.All(rows["A1"].Skip(1), cell => Assert.Equal("suppressed", cell));
        // A2 is shown, but too few of its residents are low-SES or out of work for EC and WC: suppressed cells, not 0.
        Assert.Equal("1,926", rows["A2"][1]);
        Assert.Equal("suppressed", rows["A2"][3]); // EC
        Assert.Equal("suppressed", rows["A2"][6]); // WC
        Assert.NotEqual("suppressed", rows["A3"][3]); // A3 has 1,722 low-SES residents
        Assert.DoesNotContain(rows.Values.SelectMany(r => r.Skip(1)), cell => cell is "0" or "0.00" or "0.0%");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("1 of them suppressed (A1)");
        await Assertions.Expect(page.GetByRole(AriaRole.Img).First).ToHaveAttributeAsync("aria-label", new System.Text.RegularExpressions.Regex("A1: suppressed, not drawn"));
        await WebApp.AssertAccessibleAsync(page);
        await WebApp.ScreenshotAsync(page, "areas-suppressed");
    }
}
