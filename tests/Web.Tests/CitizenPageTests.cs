using System.Text.Json;
using Microsoft.Playwright;
using SocialCapital.Web.Tests.Infrastructure;
using Xunit.Abstractions;

namespace SocialCapital.Web.Tests;

/// <summary>The citizen page (citizen.html) as a coach of area A4 uses it: profile, measures in words, the network picture,
/// mentor matches with "why not?", a proposal accepted into a mentoring tie, a declined one. Citizens of A4 this class
/// relies on: p02562 (read only; mentored by p04804), p07827 (a proposal accepted) and p08290 (a proposal declined).</summary>
[Collection(WebCollection.Name)]
public class CitizenPageTests(WebApp app, ITestOutputHelper output)
{
    private const string Coach = "p01755"; // a coach of A4

    [Fact]
    public async Task Citizen_Opened_ShowsProfileMeasuresAndNetworkPicture()
    {
        var page = await app.SignedInPageAsync("coach", "A4", Coach);
        output.WriteLine($"ready citizen {await WebApp.OpenAsync(page, "/citizen.html?id=p02562"):0} ms");
        // Where the time goes: each request the page made, as the browser timed it.
        var timings = await page.EvaluateAsync<string[]>(
            "() => performance.getEntriesByType('resource').map(r => `${Math.round(r.startTime)}+${Math.round(r.duration)} ms ${new URL(r.name).pathname}`)");
        foreach (var timing in timings) output.WriteLine($"  {timing}");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Citizen p02562" })).ToBeVisibleAsync();
        var profile = page.Locator("dl.profile");
        await Assertions.Expect(profile).ToContainTextAsync("public admin");
        await Assertions.Expect(profile).ToContainTextAsync("p04804"); // their mentor
        var measures = page.GetByRole(AriaRole.Table, new() { Name = "Measures of p02562, beside A4" });
        await Assertions.Expect(measures).ToContainTextAsync("Economic connectedness (EC)");
        await Assertions.Expect(measures).ToContainTextAsync("Constraint");
        var picture = page.GetByRole(AriaRole.Img, new() { Name = "Network of p02562" });
        await Assertions.Expect(picture).ToBeVisibleAsync();
        Assert.Contains("bridging", await picture.GetAttributeAsync("aria-label") ?? "", StringComparison.Ordinal);
        Assert.True(await picture.Locator("canvas").CountAsync() > 0, "cytoscape drew the network");
        await Assertions.Expect(page.GetByRole(AriaRole.Table, new() { Name = "Best mentors for p02562, best first" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Warm introductions to employers" })).ToBeVisibleAsync();
        await WebApp.AssertAccessibleAsync(page);
        await WebApp.ScreenshotAsync(page, "citizen");
        await page.GetByText("The network as a list").ClickAsync();
        var list = page.GetByRole(AriaRole.Table, new() { Name = "Everyone in p02562's network" });
        await Assertions.Expect(list).ToContainTextAsync("mentoring");
        await WebApp.AssertAccessibleAsync(page);
    }

    [Fact]
    public async Task Citizen_AtPhoneWidth_AccessibleWithoutSidewaysScroll()
    {
        var page = await app.SignedInPageAsync("coach", "A4", Coach, width: 390);
        output.WriteLine($"ready citizen-390 {await WebApp.OpenAsync(page, "/citizen.html?id=p02562"):0} ms");
        await Assertions.Expect(page.GetByRole(AriaRole.Img, new() { Name = "Network of p02562" })).ToBeVisibleAsync();
        await WebApp.AssertAccessibleAsync(page);
        var scrolls = await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth");
        Assert.False(scrolls, "the page scrolls sideways at 390 px");
        await WebApp.ScreenshotAsync(page, "citizen-390");
    }

    [Fact]
    public async Task WhyNot_TheirOwnMentor_NamesTheRule()
    {
        var page = await app.SignedInPageAsync("coach", "A4", Coach);
        await WebApp.OpenAsync(page, "/citizen.html?id=p02562");
        await page.GetByLabel("Mentor id").FillAsync("p04804");
        await page.GetByRole(AriaRole.Button, new() { Name = "Explain" }).ClickAsync();
        var verdict = page.Locator(".why .verdict");
        await Assertions.Expect(verdict).ToContainTextAsync("Already paired");
        await Assertions.Expect(verdict).ToContainTextAsync("p04804 mentors or has mentored this citizen");
        var api = await page.Context.APIRequest.GetAsync("/citizens/p02562/mentor-matches/p04804");
        Assert.Equal("past_or_current_mentor", JsonDocument.Parse(await api.TextAsync()).RootElement.GetProperty("rule").GetString());
    }

    /// <summary>Keyboard only: the skip link, then Tab through the page to "why not this mentor?", type, Enter.</summary>
    [Fact]
    public async Task WhyNot_KeyboardOnly_FromTheSkipLinkToTheAnswer()
    {
        var page = await app.SignedInPageAsync("coach", "A4", Coach);
        await WebApp.OpenAsync(page, "/citizen.html?id=p02562");
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("Skip to content", await page.EvaluateAsync<string>("() => document.activeElement.textContent"));
        await page.Keyboard.PressAsync("Enter");
        Assert.Equal("main", await page.EvaluateAsync<string>("() => document.activeElement.id"));

        async Task<bool> TabTo(string script, int most)
        {
            for (var i = 0; i < most; i++)
            {
                await page.Keyboard.PressAsync("Tab");
                if (await page.EvaluateAsync<bool>(script)) return true;
            }
            return false;
        }
        Assert.True(await TabTo("() => document.activeElement.labels?.[0]?.textContent.startsWith('Mentor id') === true", 400),
            "Tab never reached the 'Mentor id' field.");
        await page.Keyboard.TypeAsync("p04804");
        Assert.True(await TabTo("() => document.activeElement.textContent.trim() === 'Explain'", 5), "Tab never reached 'Explain'.");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator(".why .verdict")).ToContainTextAsync("Already paired");
    }

    [Fact]
    public async Task Propose_ThenAccept_TheMentoringTieAppears()
    {
        const string citizen = "p07827";
        var page = await app.SignedInPageAsync("coach", "A4", Coach);
        await WebApp.OpenAsync(page, $"/citizen.html?id={citizen}");
        var ranked = page.GetByRole(AriaRole.Table, new() { Name = $"Best mentors for {citizen}, best first" });
        await Assertions.Expect(ranked).ToBeVisibleAsync();
        var mentor = (await ranked.Locator("tbody tr td:nth-child(2)").First.InnerTextAsync()).Trim();
        output.WriteLine($"proposing {mentor} for {citizen}");
        await ranked.GetByRole(AriaRole.Button, new() { Name = $"Propose {mentor}" }).ClickAsync();
        var proposals = page.GetByRole(AriaRole.Table, new() { Name = $"Proposals for {citizen}, newest first" });
        await Assertions.Expect(proposals).ToContainTextAsync("proposed");
        await Assertions.Expect(page.Locator("form.panel").Filter(new() { HasText = "Propose" }).GetByRole(AriaRole.Status))
            .ToContainTextAsync($"Proposed {mentor}");
        await Assertions.Expect(proposals).ToContainTextAsync("in 10 days");
        await WebApp.AssertAccessibleAsync(page);
        await page.Locator("#proposals-h").ScrollIntoViewIfNeededAsync();
        await WebApp.ScreenshotAsync(page, "matches");

        await proposals.GetByRole(AriaRole.Button, new() { Name = $"Accept {mentor}" }).ClickAsync();
        await Assertions.Expect(page.GetByText($"Accepted: {mentor} now mentors {citizen}")).ToBeVisibleAsync();
        await Assertions.Expect(proposals).ToContainTextAsync("accepted");
        await Assertions.Expect(page.Locator("dl.profile .mentors")).ToContainTextAsync(mentor);
        await page.GetByText("The network as a list").ClickAsync();
        var row = page.GetByRole(AriaRole.Table, new() { Name = $"Everyone in {citizen}'s network" }).Locator("tr", new() { HasText = mentor });
        await Assertions.Expect(row).ToContainTextAsync("mentoring");
    }

    [Fact]
    public async Task Decline_NeedsAReason_ThenWhyNotSaysDeclinedBefore()
    {
        const string citizen = "p08290";
        var page = await app.SignedInPageAsync("coach", "A4", Coach);
        await WebApp.OpenAsync(page, $"/citizen.html?id={citizen}");
        var ranked = page.GetByRole(AriaRole.Table, new() { Name = $"Best mentors for {citizen}, best first" });
        var mentor = (await ranked.Locator("tbody tr td:nth-child(2)").First.InnerTextAsync()).Trim();
        await page.GetByLabel("Mentor to propose").FillAsync(mentor);
        await page.GetByLabel("Days to decide").FillAsync("5");
        await page.GetByRole(AriaRole.Button, new() { Name = "Propose", Exact = true }).ClickAsync();
        var proposals = page.GetByRole(AriaRole.Table, new() { Name = $"Proposals for {citizen}, newest first" });
        await Assertions.Expect(proposals).ToContainTextAsync("in 5 days");

        await proposals.GetByRole(AriaRole.Button, new() { Name = $"Decline {mentor}" }).ClickAsync();
        await Assertions.Expect(proposals.GetByText("Say why it was declined.")).ToBeVisibleAsync();
        await proposals.GetByLabel($"Reason to decline {mentor}").FillAsync("times do not suit");
        await proposals.GetByRole(AriaRole.Button, new() { Name = $"Decline {mentor}" }).ClickAsync();
        await Assertions.Expect(proposals).ToContainTextAsync("times do not suit");

        await page.GetByLabel("Mentor id").FillAsync(mentor);
        await page.GetByRole(AriaRole.Button, new() { Name = "Explain" }).ClickAsync();
        await Assertions.Expect(page.Locator(".why .verdict")).ToContainTextAsync("Declined before");
    }

    [Fact]
    public async Task Citizen_OfAnotherArea_NotFoundInWordsAndTheApiSays404()
    {
        var page = await app.SignedInPageAsync("coach", "A1", "coach-of-a1");
        await WebApp.OpenAsync(page, "/citizen.html?id=p02562");
        var alert = page.GetByRole(AriaRole.Alert);
        await Assertions.Expect(alert).ToContainTextAsync("No person or place you may see has id 'p02562'");
        await Assertions.Expect(alert).ToContainTextAsync("outside your areas (A1)");
        await Assertions.Expect(page.GetByRole(AriaRole.Img)).ToHaveCountAsync(0);
        foreach (var path in new[] { "/people/p02562", "/people/p02562/network", "/citizens/p02562/mentor-matches/p04804" })
            Assert.Equal(404, (await page.Context.APIRequest.GetAsync(path)).Status);
        await WebApp.AssertAccessibleAsync(page);
    }
}
