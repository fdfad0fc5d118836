using Microsoft.Playwright;
using SocialCapital.Web.Tests.Infrastructure;
using Xunit.Abstractions;

namespace SocialCapital.Web.Tests;

/// <summary>Mentor rounds in the browser: choose citizens of the caseload, preview the optimal round (who gets whom and
/// why, who is left and why), publish it as proposals. Proposes only for three waiting citizens of coach p08305
/// (hub-A4-central, area A4: the coach pages' own corner of city-10k), so at most three A4 mentor places are taken.</summary>
[Collection(WebCollection.Name)]
public class RoundsPageTests(WebApp app, ITestOutputHelper output)
{
    private const string Coach = "p08305";
    private static readonly string[] Chosen = ["p09464", "p09626", "p09705"];
    private const string Mentored = "p01166"; // of the caseload, with a mentor already: left, and why

    [Fact]
    public async Task Rounds_ChooseCitizensPreviewThenPublish_WhoIsLeftAndWhyAndTheProposalsExistWithTheirExpiry()
    {
        var page = await app.SignedInPageAsync("coach", "A4", Coach);
        output.WriteLine($"ready rounds {await WebApp.OpenAsync(page, "/rounds.html"):0} ms");
        var all = page.GetByLabel("Select all");
        await Assertions.Expect(all).ToBeCheckedAsync();
        await all.UncheckAsync();
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("0 of ");
        foreach (var citizen in Chosen.Append(Mentored)) await page.GetByLabel(citizen, new() { Exact = true }).CheckAsync();
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync($"{Chosen.Length + 1} of ");

        await page.GetByRole(AriaRole.Button, new() { Name = "Preview round" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Preview: who would get whom" })).ToBeVisibleAsync();
        var planned = page.Locator("table.data", new() { Has = page.Locator("caption", new() { HasText = "planned" }) }).Locator("tbody tr");
        var pairs = await planned.CountAsync();
        Assert.InRange(pairs, 1, Chosen.Length);
        await Assertions.Expect(planned.First.Locator("td").Nth(3)).ToContainTextAsync("eligible"); // their rank among eligible mentors
        await Assertions.Expect(planned.First.Locator("ul.reasons li").First).ToBeVisibleAsync();
        var left = page.Locator("table.data", new() { Has = page.Locator("caption", new() { HasText = "left, and why" }) });
        await Assertions.Expect(left.Locator("tbody tr", new() { HasText = Mentored })).ToContainTextAsync("has a mentor");
        // Nothing written by the preview.
        Assert.DoesNotContain((await PageChecks.GetJsonAsync(page, "/proposals?status=proposed&pageSize=1000")).GetProperty("items").EnumerateArray(),
            p => Chosen.Contains(p.GetProperty("citizen").GetString()));
        await WebApp.AssertAccessibleAsync(page);
        await WebApp.ScreenshotAsync(page, "rounds");

        await page.GetByRole(AriaRole.Button, new() { Name = "Publish as proposals" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"Published {pairs} proposal");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Proposals made" })).ToBeVisibleAsync();
        var pending = (await PageChecks.GetJsonAsync(page, "/proposals?status=proposed&pageSize=1000")).GetProperty("items").EnumerateArray()
            .Where(p => Chosen.Contains(p.GetProperty("citizen").GetString())).ToArray();
        Assert.Equal(pairs, pending.Length);
        var today = DateOnly.Parse((await PageChecks.GetJsonAsync(page, $"/coaches/{Coach}/caseload")).GetProperty("asOf").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.All(pending, p =>
        {
            Assert.Equal(Coach, p.GetProperty("proposedBy").GetString());
            Assert.Equal(today.AddDays(10).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), p.GetProperty("expires").GetString());
        });
        // The page lists them with their expiry.
        var listed = page.Locator("section", new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = "Pending proposals of your citizens" }) });
        foreach (var p in pending) await Assertions.Expect(listed).ToContainTextAsync(p.GetProperty("id").GetString()!);
        await Assertions.Expect(listed).ToContainTextAsync("in 10 days");
    }

    [Fact]
    public async Task Rounds_At390_AccessibleAndNoSidewaysScroll()
    {
        var page = await app.SignedInPageAsync("coach", "A4", Coach, width: 390);
        output.WriteLine($"ready rounds-390 {await WebApp.OpenAsync(page, "/rounds.html"):0} ms");
        await Assertions.Expect(page.GetByLabel("Select all")).ToBeVisibleAsync();
        await WebApp.AssertAccessibleAsync(page);
        await PageChecks.AssertFitsWidthAsync(page);
    }
}
