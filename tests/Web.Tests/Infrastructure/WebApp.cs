using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using SocialCapital.Api.Tests.Infrastructure;

namespace SocialCapital.Web.Tests.Infrastructure;

/// <summary>The web app as its users meet it: the API started as a real process (Development, seeded with the sample
/// city, the built app from src/Api/wwwroot) and Debian's Chromium driven by Playwright. One per test collection:
/// starting both takes seconds, and every test opens its own browser context (its own cookies). A subclass may change how
/// the API is configured (<see cref="BeforeApiStartsAsync"/>, <see cref="ApiStartedAsync"/>).</summary>
public class WebApp : IAsyncLifetime
{
    /// <summary>Debian's Chromium (<c>apt-get install chromium</c>; <c>.ci/run</c> installs it). Playwright's own browser
    /// downloads are not used.</summary>
    public const string ChromiumPath = "/usr/bin/chromium";

    /// <summary>Where the screenshots go: a test artifact, and the source of the ones in docs/.</summary>
    public static readonly string ScreenshotFolder = Path.Combine(Repo.Root, "artifacts", "screenshots");

    private readonly TempFolder _folder = new();
    private ApiProcess? _api;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    /// <summary>The dataset the API is seeded with: <c>data-samples/city-10k</c>, or the folder in <c>SC_WEB_DATASET</c>
    /// (<c>benchmarks/load/webapp</c> sets it to a generated city), or an already seeded SQLite file in
    /// <c>SC_WEB_STORE</c> (then SC_WEB_DATASET names the dataset it was seeded from).</summary>
    public string Dataset { get; } = Environment.GetEnvironmentVariable("SC_WEB_DATASET") is { Length: > 0 } dataset
        ? Path.GetFullPath(dataset, Repo.Root) : Repo.Sample("city-10k");

    /// <summary>The API's address.</summary>
    public Uri Address => _api?.Address ?? throw new InvalidOperationException("The web app is not started.");

    /// <summary>The API process (its output is in every failure message).</summary>
    internal ApiProcess Api => _api ?? throw new InvalidOperationException("The web app is not started.");

    public async Task InitializeAsync()
    {
        Assert.True(File.Exists(ChromiumPath), $"Chromium is not installed at {ChromiumPath}: apt-get install chromium (.ci/run does).");
        var webRoot = Path.Combine(Repo.Root, "src", "Api", "wwwroot");
        Assert.True(File.Exists(Path.Combine(webRoot, "index.html")), $"The web app is not built in {webRoot} (the API's build runs it).");
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["ASPNETCORE_WEBROOT"] = webRoot,
            ["Store__Path"] = Environment.GetEnvironmentVariable("SC_WEB_STORE") is { Length: > 0 } store ? Path.GetFullPath(store, Repo.Root) : _folder.File("store.db"),
            ["Store__Seed"] = Dataset,
            ["Limits__PermitsPerMinute"] = "100000", // a page makes several calls; the tests are one client
        };
        await BeforeApiStartsAsync(environment);
        _api = ApiProcess.Start(environment);
        await ApiStartedAsync(_api.Address);
        using var http = new HttpClient();
        await _api.WaitUntilReadyAsync(http, TimeSpan.FromSeconds(int.TryParse(Environment.GetEnvironmentVariable("SC_WEB_READY_SECONDS"), out var s) ? s : 120));
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox"], // CI runs as root, where Chromium's sandbox cannot start
        });
    }

    /// <summary>Called before the API starts, with the environment it will get (Development, the sample city).</summary>
    protected virtual Task BeforeApiStartsAsync(IDictionary<string, string> environment) => Task.CompletedTask;

    /// <summary>Called once the API's address is known, before it is ready.</summary>
    protected virtual Task ApiStartedAsync(Uri address) => Task.CompletedTask;

    public virtual async Task DisposeAsync()
    {
        if (_browser is not null) await _browser.DisposeAsync();
        _playwright?.Dispose();
        _api?.Dispose();
        _folder.Dispose();
    }

    /// <summary>A page in a fresh browser context, <paramref name="width"/> CSS pixels wide (390: a phone; 1440: a
    /// desktop), signed in through the development sign-in as <paramref name="role"/> of <paramref name="areas"/>
    /// (comma-separated, or <c>*</c>), with <paramref name="subject"/> as who they are (a coach's id).</summary>
    public async Task<IPage> SignedInPageAsync(string role, string areas = "*", string? subject = null, int width = 1440)
    {
        var page = await NewPageAsync(width);
        var response = await page.Context.APIRequest.PostAsync("/auth/dev-signin", new APIRequestContextOptions
        {
            DataObject = new { role, areas = areas.Split(','), subject },
            Headers = new Dictionary<string, string> { ["X-SocialCapital-App"] = "1" },
        });
        Assert.True(response.Ok, $"Development sign-in as {role} of {areas} answered {response.Status}: {await response.TextAsync()}");
        return page;
    }

    /// <summary>A page in a fresh browser context, signed in as no one.</summary>
    public async Task<IPage> NewPageAsync(int width = 1440)
    {
        var context = await (_browser ?? throw new InvalidOperationException("The web app is not started.")).NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Address.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = width < 600 ? 844 : 900 },
            Locale = "en-GB",
        });
        // Generous: CI runs this beside the other test projects on two cores, where a first page can take a while.
        context.SetDefaultTimeout(90_000);
        context.SetDefaultNavigationTimeout(90_000);
        return await context.NewPageAsync();
    }

    /// <summary>Opens <paramref name="path"/> and waits until the page says it is ready (its data shown); returns the
    /// time from the start of navigation to ready, in milliseconds, as the browser measured it.</summary>
    public static async Task<double> OpenAsync(IPage page, string path)
    {
        await page.GotoAsync(path);
        return await ReadyAsync(page);
    }

    /// <summary>Waits until the current page says it is ready; returns its time to ready in milliseconds.</summary>
    public static async Task<double> ReadyAsync(IPage page)
    {
        await page.WaitForSelectorAsync("body[data-ready]", new PageWaitForSelectorOptions { State = WaitForSelectorState.Attached, Timeout = 30_000 });
        return await page.EvaluateAsync<double>("() => Number(document.body.dataset.ready)");
    }

    /// <summary>Asserts that axe-core finds no serious or critical accessibility violation on the page as it is now.</summary>
    public static async Task AssertAccessibleAsync(IPage page)
    {
        var result = await page.RunAxe();
        var bad = result.Violations.Where(v => v.Impact is "serious" or "critical").ToArray();
        Assert.True(bad.Length == 0, $"axe found on {page.Url}:\n" + string.Join('\n', bad.Select(Describe)));
    }

    private static string Describe(AxeResultItem v) =>
        $"- {v.Impact} {v.Id}: {v.Help} ({string.Join("; ", v.Nodes.Take(5).Select(n => n.Target?.ToString() ?? n.Html))})";

    /// <summary>Saves a full-page screenshot as <c>artifacts/screenshots/NAME.png</c>.</summary>
    public static Task ScreenshotAsync(IPage page, string name)
    {
        Directory.CreateDirectory(ScreenshotFolder);
        return page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, $"{name}.png"), FullPage = true });
    }
}

/// <summary>The tests that share one <see cref="WebApp"/>: they run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class WebCollection : ICollectionFixture<WebApp>
{
    public const string Name = "web app";
}
