using System.Globalization;
using System.Text;
using Microsoft.Playwright;
using SocialCapital.Web.Tests.Infrastructure;
using Xunit.Abstractions;

namespace SocialCapital.Web.Tests;

/// <summary>Opens every page as its user and records how long each took to be ready (its data shown), as the browser
/// measured it: the first visit (in a new browser, and — when this test runs first — the API's first call of the page's
/// endpoints since start-up), then three visits each in a new browser (nothing cached; the median), then one in the same
/// browser again. It checks that every page shows its data without an error; it does not judge the times — they are a
/// figure for docs/webapp.md, written to <c>artifacts/web-speed.md</c>. <c>benchmarks/load/webapp</c> runs it first
/// thing on a freshly started API, on a generated city of any size.</summary>
[Collection(WebCollection.Name)]
public class PageSpeedTests(WebApp app, ITestOutputHelper output)
{
    [Fact]
    public async Task EveryPage_IsReady_WithoutAnError_TimesRecorded()
    {
        var people = SamplePeople.Of(app.Dataset);
        (string Label, string Role, string Areas, string? Subject, string Path)[] visits =
        [
            ("home (coach)", "coach", people.Area, people.Coach, "/"),
            ("my caseload", "coach", people.Area, people.Coach, "/caseload.html"),
            ("find a citizen", "coach", people.Area, people.Coach, $"/search.html?q={people.Area}"),
            ("citizen page", "coach", people.Area, people.Coach, $"/citizen.html?id={people.Citizen}"),
            ("mentor rounds", "coach", people.Area, people.Coach, "/rounds.html"),
            ("hub", "coach", people.Area, people.Coach, "/hubs.html"),
            ("areas", "analyst", "*", null, "/areas.html"),
            ("compare", "analyst", "*", null, "/compare.html"),
            ("what-if", "analyst", "*", null, "/whatif.html"),
            ("programme", "analyst", "*", null, "/programme.html"),
        ];
        var report = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"# Page ready times: {Path.GetFileName(app.Dataset)} ({people.Count:N0} people)")
            .AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"`{nameof(PageSpeedTests)}`, {DateTime.UtcNow:yyyy-MM-dd}: headless Chromium, the API as a process on this machine; ms from the start of navigation to the page's data shown.")
            .AppendLine(CultureInfo.InvariantCulture, $"Coach {people.Coach} of area {people.Area}; citizen {people.Citizen}.")
            .AppendLine()
            .AppendLine("| page | first visit (ms) | new browser, median of 3 (ms) | same browser again (ms) |")
            .AppendLine("|---|---|---|---|");
        foreach (var (label, role, areas, subject, path) in visits)
        {
            var times = new List<double>();
            IPage? page = null;
            for (var visit = 0; visit < 4; visit++)
            {
                if (page is not null) await page.Context.CloseAsync();
                page = await app.SignedInPageAsync(role, areas, subject);
                times.Add(await WebApp.OpenAsync(page, path));
                await Assertions.Expect(page.Locator("main [role=alert]")).ToHaveCountAsync(0, new() { Timeout = 1 });
            }
            var again = await WebApp.OpenAsync(page!, path);
            await page!.Context.CloseAsync();
            var fresh = times.Skip(1).Order().ElementAt(1);
            output.WriteLine($"ready {label}: first {times[0]:0} ms, new browser {fresh:0} ms, again {again:0} ms");
            report.AppendLine(CultureInfo.InvariantCulture, $"| {label} (`{path}`) | {times[0]:0} | {fresh:0} | {again:0} |");
        }
        Directory.CreateDirectory(Path.Combine(Repo.Root, "artifacts"));
        await File.WriteAllTextAsync(Path.Combine(Repo.Root, "artifacts", "web-speed.md"), report.ToString());
    }

    /// <summary>Who the visits are about, read from the dataset's nodes.csv: the coach with a hub who comes first, an
    /// area of theirs, and the first citizen of that area.</summary>
    private sealed record SamplePeople(string Coach, string Area, string Citizen, int Count)
    {
        public static SamplePeople Of(string dataset)
        {
            using var reader = new StreamReader(Path.Combine(dataset, "nodes.csv"));
            var header = reader.ReadLine()!.Split(',');
            int Column(string name) => Array.IndexOf(header, name);
            int id = Column("id"), kind = Column("kind"), area = Column("area");
            string? coach = null, coachArea = null, citizen = null;
            var count = 0;
            var citizensByArea = new Dictionary<string, string>(StringComparer.Ordinal);
            while (reader.ReadLine() is { } line)
            {
                var cells = line.Split(','); // id, kind and area come before any quoted column
                if (cells[kind] is "citizen" or "mentor" or "coach") count++;
                if (cells[kind] == "citizen") citizensByArea.TryAdd(cells[area], cells[id]);
                if (cells[kind] == "coach" && coach is null && cells[area].Length > 0) (coach, coachArea) = (cells[id], cells[area]);
            }
            Assert.True(coach is not null && coachArea is not null, $"No coach with an area in {dataset}/nodes.csv.");
            Assert.True(citizensByArea.TryGetValue(coachArea, out citizen), $"No citizen in area {coachArea} of {dataset}.");
            return new SamplePeople(coach, coachArea, citizen!, count);
        }
    }
}
