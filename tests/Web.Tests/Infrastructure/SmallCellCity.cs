using Microsoft.Playwright;
using SocialCapital.Api.Tests.Infrastructure;

namespace SocialCapital.Web.Tests.Infrastructure;

/// <summary>A second API process beside the collection's <see cref="WebApp"/>: the same city, but with
/// <c>Analysis:MinCellSize</c> 1600 and no area boundaries. Area A1 (1,584 residents) is then suppressed whole; the other
/// areas show their tie shares but have fewer than 1,600 low-SES or out-of-work residents (A3 excepted for low-SES), so
/// their EC, friending bias and WC are suppressed cells. A class fixture: one test class at a time has one.</summary>
public sealed class SmallCellCity : IAsyncLifetime
{
    public const int MinCellSize = 1600;

    private readonly TempFolder _folder = new();
    private ApiProcess? _api;

    /// <summary>The API's address.</summary>
    public Uri Address => _api?.Address ?? throw new InvalidOperationException("The second API is not started.");

    public async Task InitializeAsync()
    {
        // The city without its areas.geojson: a deployment with no boundaries.
        var seed = Directory.CreateDirectory(_folder.File("city")).FullName;
        foreach (var file in Directory.GetFiles(Repo.Sample("city-10k"), "*.csv")) File.Copy(file, Path.Combine(seed, Path.GetFileName(file)));
        _api = ApiProcess.Start(new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["ASPNETCORE_WEBROOT"] = Path.Combine(Repo.Root, "src", "Api", "wwwroot"),
            ["Store__Path"] = _folder.File("store.db"),
            ["Store__Seed"] = seed,
            ["Analysis__MinCellSize"] = MinCellSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Limits__PermitsPerMinute"] = "100000",
        });
        using var http = new HttpClient();
        await _api.WaitUntilReadyAsync(http, TimeSpan.FromSeconds(120));
    }

    /// <summary>Opens <paramref name="path"/> of this API in a fresh page of <paramref name="app"/>'s browser, signed in
    /// here through the development sign-in; returns the page and its time to ready.</summary>
    public async Task<(IPage Page, double Ready)> OpenAsync(WebApp app, string path, string role, string areas = "*", int width = 1440)
    {
        var page = await app.NewPageAsync(width);
        var response = await page.Context.APIRequest.PostAsync(new Uri(Address, "/auth/dev-signin").ToString(), new APIRequestContextOptions
        {
            DataObject = new { role, areas = areas.Split(','), subject = (string?)null },
            Headers = new Dictionary<string, string> { ["X-SocialCapital-App"] = "1" },
        });
        Assert.True(response.Ok, $"Development sign-in answered {response.Status}: {await response.TextAsync()}");
        await page.GotoAsync(new Uri(Address, path).ToString());
        return (page, await WebApp.ReadyAsync(page));
    }

    public Task DisposeAsync()
    {
        _api?.Dispose();
        _folder.Dispose();
        return Task.CompletedTask;
    }
}
