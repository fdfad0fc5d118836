using Microsoft.Playwright;
using SocialCapital.Web.Tests.Infrastructure;
using Xunit.Abstractions;

namespace SocialCapital.Web.Tests;

/// <summary>The programme report as charts: the funnel of proposals, time to match, pairings and employment outcomes;
/// the city's small cells (pairings completed and ended early, secondary suppression) read "suppressed"; a scoped
/// analyst chooses among their areas only.</summary>
[Collection(WebCollection.Name)]
public class ProgrammePageTests(WebApp app, ITestOutputHelper output)
{
    [Fact]
    public async Task Programme_EveryArea_FunnelTimeToMatchOutcomesAndSuppressedCells()
    {
        var page = await app.SignedInPageAsync("analyst");
        output.WriteLine($"ready programme {await WebApp.OpenAsync(page, "/programme.html"):0} ms");
        await Assertions.Expect(page.Locator("#programme-report")).ToContainTextAsync("Every area");
        var funnel = (await PageChecks.RowsAsync(page, "Funnel of proposals")).ToDictionary(r => r[0], r => r[1]);
        Assert.Matches("^\\d[\\d,]*$", funnel["Proposals made"]);
        Assert.Matches("^\\d[\\d,]*$", funnel["Accepted"]); // a true 0 is shown as 0 (none accepted in the last twelve months)
        // Fewer than the cell size started or completed in the window: suppressed, not 0.
        Assert.Equal("suppressed", funnel["Pairings started"]);
        Assert.Equal("suppressed", funnel["Completed"]);
        var pairings = (await PageChecks.RowsAsync(page, "Pairings")).ToDictionary(r => r[0], r => r[1]);
        Assert.Equal("suppressed", pairings["Ended early"]);
        await Assertions.Expect(page.Locator("#median-days")).ToHaveTextAsync("none accepted");
        var outcomes = await PageChecks.RowsAsync(page, "Employment outcomes");
        Assert.Equal(4, outcomes.Length);
        Assert.Equal(4, await PageChecks.ChartsDrawnAsync(page, 4)); // funnel, decisions, pairings, outcomes (+ reasons)
        await Assertions.Expect(page.Locator(".chart[role=img]").First).ToHaveAttributeAsync("aria-label", new System.Text.RegularExpressions.Regex("Pairings started suppressed, Completed suppressed"));
        await Assertions.Expect(page.Locator(".caveat")).ToContainTextAsync("Descriptive, not causal");
        await WebApp.AssertAccessibleAsync(page);
        await WebApp.ScreenshotAsync(page, "programme");


        // The programme since it began: every proposal decided, time to match, outcomes; still suppressed small cells.
        await page.GetByLabel(new System.Text.RegularExpressions.Regex("^From")).FillAsync("2016-01-01");
        await page.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
        await Assertions.Expect(page.Locator("#programme-report")).ToContainTextAsync("1 Jan 2016 to");
        var all = (await PageChecks.RowsAsync(page, "Funnel of proposals")).ToDictionary(r => r[0], r => r[1]);
        Assert.Equal("278", all["Proposals made"]);
        Assert.Equal("153", all["Accepted"]);
        Assert.Equal("suppressed", all["Completed"]); // ended early is 1–9, so completed is suppressed too (secondary suppression)
        await Assertions.Expect(page.Locator("#median-days")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^\\d+\\.\\d$"));
        await PageChecks.ChartsDrawnAsync(page, 5);
        Assert.Contains(await PageChecks.RowsAsync(page, "Employment outcomes"), r => r[0] == "mentored" && r[1] == "6" && r[4].EndsWith('%'));
        await WebApp.AssertAccessibleAsync(page);
        await WebApp.ScreenshotAsync(page, "programme-since-2016");

        var phone = await app.SignedInPageAsync("analyst", width: 390);
        await WebApp.OpenAsync(phone, "/programme.html");
        await PageChecks.ChartsDrawnAsync(phone, 4);
        await PageChecks.AssertFitsWidthAsync(phone);
        await WebApp.AssertAccessibleAsync(phone);
        await WebApp.ScreenshotAsync(phone, "programme-390");
    }

    [Fact]
    public async Task Programme_ScopedAnalystOfTwoAreas_ChoosesBetweenThem()
    {
        var page = await app.SignedInPageAsync("analyst", "A2,A4");
        await WebApp.OpenAsync(page, "/programme.html");
        var area = page.GetByLabel("Area");
        await Assertions.Expect(area.Locator("option")).ToHaveTextAsync(["A2", "A4"]);
        await Assertions.Expect(page.Locator("#programme-report")).ToContainTextAsync("Area A2,");
        await area.SelectOptionAsync("A4");
        await Assertions.Expect(page.Locator("#programme-report")).ToContainTextAsync("Area A4,");
        await WebApp.AssertAccessibleAsync(page);
    }
}
