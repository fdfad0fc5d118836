using Microsoft.Playwright;
using SocialCapital.Web.Tests.Infrastructure;
using Xunit.Abstractions;

namespace SocialCapital.Web.Tests;

/// <summary>Find a citizen (search.html): search by id or words in the coach's areas, open the citizen's page. Reads only
/// (area A4's citizens p02562 and p07827; CitizenPageTests writes for p07827 and p08290).</summary>
[Collection(WebCollection.Name)]
public class SearchPageTests(WebApp app, ITestOutputHelper output)
{
    [Fact]
    public async Task Search_ByWords_ListsMatchingCitizensAndOpensOne()
    {
        var page = await app.SignedInPageAsync("coach", "A4", "p01755");
        output.WriteLine($"ready search {await WebApp.OpenAsync(page, "/search.html"):0} ms");
        await WebApp.AssertAccessibleAsync(page);
        await page.GetByLabel("Search citizens").FillAsync("public_admin unemployed");
        await page.GetByRole(AriaRole.Button, new() { Name = "Search", Exact = true }).ClickAsync();
        var results = page.GetByRole(AriaRole.Table, new() { Name = "Citizens matching “public_admin unemployed”" });
        await Assertions.Expect(results).ToContainTextAsync("p02562");
        await Assertions.Expect(page.GetByRole(AriaRole.Status).First).ToContainTextAsync("match “public_admin unemployed”");
        var rows = await results.Locator("tbody tr").AllInnerTextsAsync();
        Assert.All(rows, r => Assert.Contains("A4", r, StringComparison.Ordinal));
        await WebApp.AssertAccessibleAsync(page);
        await WebApp.ScreenshotAsync(page, "search");

        await results.GetByRole(AriaRole.Link, new() { Name = "p02562" }).ClickAsync();
        await page.WaitForURLAsync("**/citizen.html?id=p02562");
        output.WriteLine($"ready citizen (from search) {await WebApp.ReadyAsync(page):0} ms");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Citizen p02562" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Search_ByIdPrefix_AtPhoneWidth_NoOtherAreaAndAccessible()
    {
        var page = await app.SignedInPageAsync("coach", "A4", "p01755", width: 390);
        output.WriteLine($"ready search-390 {await WebApp.OpenAsync(page, "/search.html?q=p025"):0} ms");
        var results = page.GetByRole(AriaRole.Table, new() { Name = "Citizens matching “p025”" });
        await Assertions.Expect(results).ToContainTextAsync("p02562");
        Assert.All(await results.Locator("tbody tr td:nth-child(2)").AllInnerTextsAsync(), area => Assert.Equal("A4", area));
        await WebApp.AssertAccessibleAsync(page);
        var scrolls = await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth");
        Assert.False(scrolls, "the page scrolls sideways at 390 px");
        await WebApp.ScreenshotAsync(page, "search-390");
    }
}
