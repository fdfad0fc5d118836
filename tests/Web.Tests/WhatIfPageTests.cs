using System.Text.RegularExpressions;
using Microsoft.Playwright;
using SocialCapital.Web.Tests.Infrastructure;
using Xunit.Abstractions;

namespace SocialCapital.Web.Tests;

/// <summary>The what-if planner: an analyst describes a programme and sees each area before (with today's intervals) and
/// after, and the indicative extra moves into work with its caveat; field errors by their field; a scoped analyst's areas
/// only. Nothing is stored.</summary>
[Collection(WebCollection.Name)]
public class WhatIfPageTests(WebApp app, ITestOutputHelper output)
{
    [Fact]
    public async Task WhatIf_ProgrammeInA1_BeforeAndAfterWithIntervalsAndTheCaveat()
    {
        var page = await app.SignedInPageAsync("analyst");
        output.WriteLine($"ready whatif {await WebApp.OpenAsync(page, "/whatif.html"):0} ms");
        await WebApp.AssertAccessibleAsync(page);
        await page.GetByLabel(new Regex("^Area")).SelectOptionAsync("A1");
        await page.GetByLabel(new Regex("^Citizens")).FillAsync("20");
        await page.GetByRole(AriaRole.Button, new() { Name = "See before and after" }).ClickAsync();
        await Assertions.Expect(page.Locator("#whatif-table")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Assertions.Expect(page.Locator("#whatif-results .lead")).ToContainTextAsync(new Regex(
            "A programme for 20 citizens of A1 \\(out of work, mentors from same area\\): \\d+ of them find a mentor. Indicative extra moves into work: \\d"));
        var rows = (await PageChecks.RowsAsync(page, "Each area before and after the programme")).ToDictionary(r => r[0]);
        var a1 = rows["A1"];
        Assert.Matches("^\\d\\.\\d\\d \\(\\d\\.\\d\\d–\\d\\.\\d\\d\\)$", a1[1]); // EC today with its interval
        Assert.Matches("^\\d\\.\\d\\d$", a1[2]);
        Assert.Matches("^[+−±]\\d\\.\\d{3}$", a1[3]);
        Assert.Matches("^\\d\\.\\d\\d \\(\\d\\.\\d\\d–\\d\\.\\d\\d\\)$", a1[4]); // WC today with its interval
        Assert.Matches("%.*→.*%", a1[7]);
        await Assertions.Expect(page.Locator("#whatif-results .caveat")).ToContainTextAsync("Indicative, not causal");
        await Assertions.Expect(page.Locator("#whatif-results .chart svg")).ToBeAttachedAsync();
        await WebApp.AssertAccessibleAsync(page);
        await WebApp.ScreenshotAsync(page, "whatif");

        var phone = await app.SignedInPageAsync("analyst", width: 390);
        await WebApp.OpenAsync(phone, "/whatif.html");
        await phone.GetByRole(AriaRole.Button, new() { Name = "See before and after" }).ClickAsync();
        await Assertions.Expect(phone.Locator("#whatif-table")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await PageChecks.AssertFitsWidthAsync(phone);
        await WebApp.AssertAccessibleAsync(phone);
        await WebApp.ScreenshotAsync(phone, "whatif-390");
    }

    [Fact]
    public async Task WhatIf_BadFields_ErrorShownByEachField()
    {
        var page = await app.SignedInPageAsync("analyst");
        await WebApp.OpenAsync(page, "/whatif.html");
        var citizens = page.GetByLabel(new Regex("^Citizens"));
        var baseline = page.GetByLabel("Baseline rate");
        ILocator ErrorOf(ILocator input) => page.Locator("label.field", new() { Has = input }).Locator(".field-error");
        var submit = page.GetByRole(AriaRole.Button, new() { Name = "See before and after" });

        // A rate above 1: the request's own rule, by its field.
        await baseline.FillAsync("2");
        await submit.ClickAsync();
        await Assertions.Expect(ErrorOf(baseline)).Not.ToBeEmptyAsync();
        await Assertions.Expect(baseline).ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(citizens).Not.ToHaveAttributeAsync("aria-invalid", "true");
        await WebApp.AssertAccessibleAsync(page);

        // Citizens not a multiple of the cell size: the engine's rule, by the citizens field; the old error is gone.
        await baseline.FillAsync("0.1");
        await citizens.FillAsync("15");
        await submit.ClickAsync();
        await Assertions.Expect(ErrorOf(citizens)).ToContainTextAsync("multiple", new() { Timeout = 30_000 });
        await Assertions.Expect(citizens).ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(ErrorOf(baseline)).ToBeEmptyAsync();
        await Assertions.Expect(baseline).Not.ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(page.Locator("#whatif-table")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task WhatIf_ScopedAnalyst_ChoosesAndSeesOnlyTheirAreas()
    {
        var page = await app.SignedInPageAsync("analyst", "A3");
        await WebApp.OpenAsync(page, "/whatif.html");
        await Assertions.Expect(page.GetByLabel(new Regex("^Area")).Locator("option")).ToHaveTextAsync(["A3"]);
        await page.GetByLabel("Mentors from").SelectOptionAsync("any_area");
        await page.GetByRole(AriaRole.Button, new() { Name = "See before and after" }).ClickAsync();
        await Assertions.Expect(page.Locator("#whatif-table")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        Assert.Equal(["A3"], (await PageChecks.RowsAsync(page, "Each area before and after the programme")).Select(r => r[0]));
    }

    [Fact]
    public async Task WhatIf_Coach_TypesTheirAreaAndSeesItBeforeAndAfter()
    {
        // A coach may not read the area measures (aggregates are for analysts): they type the area, and see no intervals.
        var page = await app.SignedInPageAsync("coach", "A5");
        await WebApp.OpenAsync(page, "/whatif.html");
        await page.GetByLabel(new Regex("^Area")).FillAsync("A5");
        await page.GetByRole(AriaRole.Button, new() { Name = "See before and after" }).ClickAsync();
        await Assertions.Expect(page.Locator("#whatif-table")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        var a5 = Assert.Single(await PageChecks.RowsAsync(page, "Each area before and after the programme"));
        Assert.Equal("A5", a5[0]);
        Assert.Matches("^\\d\\.\\d\\d$", a5[1]);
        await WebApp.AssertAccessibleAsync(page);
    }
}
