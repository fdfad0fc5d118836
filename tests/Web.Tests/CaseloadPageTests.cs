using Microsoft.Playwright;
using SocialCapital.Web.Tests.Infrastructure;
using Xunit.Abstractions;

namespace SocialCapital.Web.Tests;

/// <summary>My caseload in the browser: the coach's citizens, overdue first, a meeting recorded in two clicks, scope.
/// Writes only meetings of coach p08422 (hub-A4-central, area A4: the coach pages' own corner of city-10k).</summary>
[Collection(WebCollection.Name)]
public class CaseloadPageTests(WebApp app, ITestOutputHelper output)
{
    private const string Coach = "p08422";

    [Fact]
    public async Task Caseload_MetToday_DaysSinceContactBecomesTodayInTheRowAndTheApi()
    {
        var page = await app.SignedInPageAsync("coach", "A4", Coach);
        output.WriteLine($"ready caseload {await WebApp.OpenAsync(page, "/caseload.html"):0} ms");
        await Assertions.Expect(page.Locator("main .summary")).ToContainTextAsync("capacity 45");
        await WebApp.AssertAccessibleAsync(page);
        await WebApp.ScreenshotAsync(page, "caseload");

        // Sorted by days since contact, most overdue first: record a meeting with that citizen.
        var first = page.Locator("table.data tbody tr").First;
        var citizen = (await first.Locator("td").First.InnerTextAsync()).Trim();
        await Assertions.Expect(first.Locator("td").Nth(1)).ToContainTextAsync("overdue");
        await first.GetByLabel($"How you met {citizen}").SelectOptionAsync("phone");
        var written = page.WaitForResponseAsync(r => r.Request.Method == "POST" && r.Url.Contains("/contacts", StringComparison.Ordinal));
        await first.GetByRole(AriaRole.Button, new() { Name = $"Met today: {citizen}" }).ClickAsync();
        var version = long.Parse((await written).Headers["x-snapshot-version"], System.Globalization.CultureInfo.InvariantCulture);
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"Recorded: met {citizen} today (phone)");
        var row = page.Locator("table.data tbody tr", new() { Has = page.GetByRole(AriaRole.Link, new() { Name = citizen, Exact = true }) });
        await Assertions.Expect(row.Locator("td").Nth(1)).ToHaveTextAsync("today");

        var caseload = await PageChecks.GetJsonAsync(page, $"/coaches/{Coach}/caseload");
        var stored = caseload.GetProperty("caseload").GetProperty("citizens").EnumerateArray().Single(c => c.GetProperty("citizen").GetString() == citizen);
        Assert.Equal(0, stored.GetProperty("daysSinceContact").GetInt32());
        Assert.Equal(caseload.GetProperty("asOf").GetString(), stored.GetProperty("lastContact").GetString());

        // The citizen links to their page; sorting by days the other way puts them first.
        Assert.Equal($"/citizen.html?id={citizen}", await row.GetByRole(AriaRole.Link, new() { Name = citizen, Exact = true }).GetAttributeAsync("href"));
        var daysHeader = page.Locator("table.data th", new() { HasText = "Days since contact" });
        await daysHeader.GetByRole(AriaRole.Button).ClickAsync();
        await Assertions.Expect(daysHeader).ToHaveAttributeAsync("aria-sort", "ascending");
        await Assertions.Expect(page.Locator("table.data tbody tr").First.Locator("td").Nth(1)).ToHaveTextAsync("today");

        // Read-your-writes behind replicas: after a reload the page's reads send the highest version the tab has seen.
        var read = page.WaitForRequestAsync(r => r.Url.Contains($"/coaches/{Coach}/caseload", StringComparison.Ordinal));
        await page.ReloadAsync();
        Assert.True(long.Parse((await read).Headers["x-min-version"], System.Globalization.CultureInfo.InvariantCulture) >= version);
    }

    [Fact]
    public async Task Caseload_At390_AccessibleAndNoSidewaysScroll()
    {
        var page = await app.SignedInPageAsync("coach", "A4", Coach, width: 390);
        output.WriteLine($"ready caseload-390 {await WebApp.OpenAsync(page, "/caseload.html"):0} ms");
        await Assertions.Expect(page.Locator("table.data tbody tr").First).ToBeVisibleAsync();
        await WebApp.AssertAccessibleAsync(page);
        await PageChecks.AssertFitsWidthAsync(page);
        await WebApp.ScreenshotAsync(page, "caseload-390");
    }

    [Fact]
    public async Task Caseload_CoachScopedToOneArea_SeesOnlyTheirOwnCitizensOfThatAreaNeverAnotherCoachs()
    {
        var areas = File.ReadLines(Path.Combine(Repo.Sample("city-10k"), "nodes.csv")).Skip(1)
            .Select(line => line.Split(',')).ToDictionary(f => f[0], f => f[2], StringComparer.Ordinal);
        var page = await app.SignedInPageAsync("coach", "A4", Coach);
        await WebApp.OpenAsync(page, "/caseload.html?coach=p08305"); // another coach's caseload: a coach sees only their own
        var listed = await page.Locator("table.data tbody tr td:first-child").AllInnerTextsAsync();
        Assert.NotEmpty(listed);
        var caseload = await PageChecks.GetJsonAsync(page, $"/coaches/{Coach}/caseload");
        Assert.Equal(caseload.GetProperty("caseload").GetProperty("citizens").EnumerateArray().Select(c => c.GetProperty("citizen").GetString()!).Order(StringComparer.Ordinal),
            listed.Select(c => c.Trim()).Order(StringComparer.Ordinal));
        Assert.All(listed, c => Assert.Equal("A4", areas[c.Trim()]));

        await Assertions.Expect(page.Locator("table.data caption")).ToContainTextAsync($"Citizens of {Coach}'s caseload");
        var another = await page.Context.APIRequest.GetAsync("/coaches/p08305/caseload");
        Assert.Equal(403, another.Status);
    }

    [Fact]
    public async Task Caseload_SignedInWithoutACoachId_SaysWhatToDo()
    {
        var page = await app.SignedInPageAsync("coach", "A4");
        await WebApp.OpenAsync(page, "/caseload.html");
        var alert = page.GetByRole(AriaRole.Alert);
        await Assertions.Expect(alert).ToContainTextAsync("which is not a coach of your areas in the data");
        await Assertions.Expect(alert).ToContainTextAsync("Sign in with your coach id");
        await WebApp.AssertAccessibleAsync(page);
    }
}
