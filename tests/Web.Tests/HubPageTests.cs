using Microsoft.Playwright;
using SocialCapital.Web.Tests.Infrastructure;
using Xunit.Abstractions;

namespace SocialCapital.Web.Tests;

/// <summary>The Hub page in the browser, as a hub manager (an admin of area A4) sees it: caseloads against capacity,
/// pending handovers, the coach-assignment and handover previews published after a confirmation. Writes only in
/// hub-A4-central (area A4: the coach pages' own corner of city-10k): three uncoached citizens get a coach, and coach
/// p03380, marked as leaving, hands their caseload over.</summary>
[Collection(WebCollection.Name)]
public class HubPageTests(WebApp app, ITestOutputHelper output)
{
    private const string Manager = "hub-manager-a4";
    private static readonly string[] Uncoached = ["p05090", "p05095", "p05099"];

    [Fact]
    public async Task Hub_AssignmentPreviewThenPublish_TheCoachsCaseloadGrows()
    {
        var page = await app.SignedInPageAsync("admin", "A4", Manager);
        output.WriteLine($"ready hubs {await WebApp.OpenAsync(page, "/hubs.html"):0} ms");
        var caseloads = page.Locator("table.data", new() { Has = page.Locator("caption", new() { HasText = "Caseload against capacity" }) });
        await Assertions.Expect(caseloads.Locator("tbody tr")).ToHaveCountAsync(7); // the coaches of A4
        // p02662 coaches 31 with 30 places: flagged.
        await Assertions.Expect(RowOf(caseloads, "p02662")).ToContainTextAsync("over capacity");
        var before = await CaseloadsAsync(page);

        await page.GetByRole(AriaRole.Textbox, new() { Name = "Citizens" }).FillAsync(string.Join(" ", Uncoached));
        await page.GetByRole(AriaRole.Button, new() { Name = "Preview assignment" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Preview: the coach assignment" })).ToBeVisibleAsync();
        var pairs = page.Locator("table.data", new() { Has = page.Locator("caption", new() { HasText = "their new coach" }) }).Locator("tbody tr");
        await Assertions.Expect(pairs).ToHaveCountAsync(Uncoached.Length);
        var coaches = (await pairs.Locator("td:nth-child(2)").AllInnerTextsAsync()).Select(c => c.Trim()).ToArray();
        await WebApp.AssertAccessibleAsync(page);

        await page.GetByRole(AriaRole.Button, new() { Name = "Publish…" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Group, new() { Name = "Confirm publishing" })).ToContainTextAsync($"writes {Uncoached.Length} coaching ties");
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirm publish" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"Published: {Uncoached.Length} citizens with a new coach");

        var after = await CaseloadsAsync(page);
        foreach (var coach in coaches.Distinct())
        {
            var added = coaches.Count(c => c == coach);
            Assert.Equal(before[coach] + added, after[coach]);
            await Assertions.Expect(RowOf(caseloads, coach).Locator("td").Nth(2)).ToHaveTextAsync((before[coach] + added).ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    [Fact]
    public async Task Hub_LeavingCoach_PendingHandoverPreviewedPublishedAndGone()
    {
        var page = await app.SignedInPageAsync("admin", "A4", Manager);
        // Mark p03380 as no longer taking citizens, as docs/api.md says a coach who leaves is marked.
        await PageChecks.SendJsonAsync(page, "PUT", "/people/p03380", new
        {
            kind = "coach", area = "A4", employment = "employed", ageBand = "50-64", sector = "logistics", ses = 0.493,
            languages = new[] { "en", "ro" }, capacity = 0, hub = "hub-A4-central", specialisms = new[] { "health_condition", "disability", "lone_parents" },
        });
        await WebApp.OpenAsync(page, "/hubs.html");
        var pending = page.Locator("table.data", new() { Has = page.Locator("caption", new() { HasText = "Pending handovers" }) });
        var row = RowOf(pending, "p03380");
        await Assertions.Expect(row).ToContainTextAsync("capacity 0");

        await row.GetByRole(AriaRole.Button).ClickAsync();
        await Assertions.Expect(page.GetByLabel("Leaving coach")).ToHaveValueAsync("p03380");
        await page.GetByRole(AriaRole.Button, new() { Name = "Preview handover" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Preview: the handover of p03380" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("main .assignment .summary")).ToContainTextAsync("citizens placed");
        await WebApp.AssertAccessibleAsync(page);
        await WebApp.ScreenshotAsync(page, "hubs");

        await page.GetByRole(AriaRole.Button, new() { Name = "Publish…" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirm publish" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Published:");
        await Assertions.Expect(page.Locator("main")).Not.ToContainTextAsync("capacity 0 (no longer taking citizens)");
        Assert.Equal(0, (await CaseloadsAsync(page))["p03380"]);
        Assert.DoesNotContain((await PageChecks.GetJsonAsync(page, "/hubs/caseloads")).GetProperty("pendingHandovers").EnumerateArray(),
            p => p.GetProperty("coach").GetString() == "p03380");
    }

    [Fact]
    public async Task Hub_At390_AccessibleAndNoSidewaysScroll()
    {
        var page = await app.SignedInPageAsync("admin", "A4", Manager, width: 390);
        output.WriteLine($"ready hubs-390 {await WebApp.OpenAsync(page, "/hubs.html"):0} ms");
        await WebApp.AssertAccessibleAsync(page);
        await PageChecks.AssertFitsWidthAsync(page);
    }

    private static ILocator RowOf(ILocator table, string coach) =>
        table.Locator("tbody tr", new() { Has = table.Page.Locator("td:first-child", new() { HasTextRegex = new System.Text.RegularExpressions.Regex($"^{coach}$") }) });

    private static async Task<Dictionary<string, int>> CaseloadsAsync(IPage page) =>
        (await PageChecks.GetJsonAsync(page, "/hubs/caseloads")).GetProperty("coaches").EnumerateArray()
            .ToDictionary(c => c.GetProperty("coach").GetString()!, c => c.GetProperty("activeCaseload").GetInt32());
}
