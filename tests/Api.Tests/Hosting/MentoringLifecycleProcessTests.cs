using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using SocialCapital.Api.Tests.Infrastructure;

namespace SocialCapital.Api.Tests.Hosting;

/// <summary>The mentoring lifecycle through the API as a real process over real HTTP, on a SQLite store: an expired
/// proposal frees its place; propose → accept → the tie shows in the citizen's capital and uses the mentor's capacity;
/// decline → the pair is never proposed again, by hand or by a round; ending the pairing frees the place; an employment
/// change is recorded; the report counts it all; and everything is still there after a restart.</summary>
public class MentoringLifecycleProcessTests
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Lifecycle_RealProcess_ProposeAcceptDeclineExpireEndAndReportSurviveARestart()
    {
        using var folder = new TempFolder();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var seed = SeedWithMentors(folder, today);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var settings = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["Store__Path"] = folder.File("store.db"),
            ["Store__Seed"] = seed,
        };
        string accepted;
        using (var api = ApiProcess.Start(settings))
        {
            await api.WaitUntilReadyAsync(http, StartTimeout);
            var tokens = await api.DevelopmentTokensAsync(TimeSpan.FromSeconds(10));
            var coach = new ProcessClient(http, api.Address, tokens["coach"]);

            // The seed's lapsed proposal shows as expired, and its place (m3's only one) is free again.
            var expired = (await coach.JsonAsync(HttpMethod.Get, "/proposals?status=expired", 200)).Items();
            Assert.Equal("lapsed", Assert.Single(expired).Str("id"));
            await coach.JsonAsync(HttpMethod.Post, "/citizens/1/proposals", 201, """{"mentor":"m3"}""");

            // Propose m1 (one place) for 0: the pending proposal holds the place, so nobody else may have it.
            var proposal = await coach.JsonAsync(HttpMethod.Post, "/citizens/0/proposals", 201, """{"mentor":"m1"}""");
            accepted = proposal.Str("id");
            Assert.Equal("proposed", proposal.Str("status"));
            await coach.ProblemAsync(HttpMethod.Post, "/citizens/4/proposals", 409, """{"mentor":"m1"}""");
            var matches = await coach.JsonAsync(HttpMethod.Get, "/citizens/4/mentor-matches?anyArea=true&top=0", 200);
            Assert.DoesNotContain(matches.Items("matches"), m => m.Str("mentor") == "m1");

            // Accept: the mentoring tie starts today and shows in the citizen's capital; the place stays taken.
            var decision = await coach.JsonAsync(HttpMethod.Post, $"/proposals/{accepted}/accept", 200);
            Assert.Equal("accepted", decision.GetProperty("proposal").Str("status"));
            Assert.Equal("mentoring", decision.GetProperty("tie").Str("kind"));
            var capital = await coach.JsonAsync(HttpMethod.Get, "/people/0/capital", 200);
            Assert.Contains(capital.Items("contacts"), c => c.Str("id") == "m1" && c.GetProperty("kinds").EnumerateArray().Any(k => k.GetString() == "mentoring"));
            await coach.ProblemAsync(HttpMethod.Post, "/citizens/4/proposals", 409, """{"mentor":"m1"}""");
            await coach.ProblemAsync(HttpMethod.Post, $"/proposals/{accepted}/decline", 409, """{"reason":"too late"}""");

            // Decline: the pair is never proposed again, by hand or by a round.
            var declined = (await coach.JsonAsync(HttpMethod.Post, "/citizens/2/proposals", 201, """{"mentor":"m2"}""")).Str("id");
            await coach.ProblemAsync(HttpMethod.Post, $"/proposals/{declined}/decline", 400, "{}"); // a reason is required
            await coach.JsonAsync(HttpMethod.Post, $"/proposals/{declined}/decline", 200, """{"reason":"schedule clash"}""");
            await coach.ProblemAsync(HttpMethod.Post, "/citizens/2/proposals", 409, """{"mentor":"m2"}""");
            var round = await coach.JsonAsync(HttpMethod.Post, "/rounds", 200, """{"citizens":["2"],"anyArea":true}""");
            Assert.Empty(round.Items("proposals")); // m2 is free but declined; m1, m3 and m4 are full
            Assert.Equal("2", Assert.Single(round.Items("waiting")).GetString());

            // Ending m4's pairing (begun three months ago) frees its place.
            var end = await coach.JsonAsync(HttpMethod.Post, "/pairings/end", 200,
                """{"mentor":"m4","citizen":"7","outcome":"ended_early","reason":"mentee found work"}""");
            Assert.Equal("ended_early", end.GetProperty("tie").Str("outcome"));
            await coach.JsonAsync(HttpMethod.Post, "/citizens/2/proposals", 201, """{"mentor":"m4"}""");

            // An employment change: the history gets it, and the person's employment now is it.
            var status = await coach.JsonAsync(HttpMethod.Put, "/people/0/status", 201,
                $$"""{"date":"{{today:yyyy-MM-dd}}","employment":"employed"}""");
            Assert.Equal("employed", status.Str("current"));
            Assert.Equal("employed", (await coach.JsonAsync(HttpMethod.Get, "/people/0", 200)).Str("employment"));

            var analyst = new ProcessClient(http, api.Address, tokens["analyst"]);
            var report = await analyst.JsonAsync(HttpMethod.Get, $"/programme/report?from={today.AddDays(-60):yyyy-MM-dd}&to={today:yyyy-MM-dd}", 200);
            Assert.Contains("not causal", report.GetRawText(), StringComparison.OrdinalIgnoreCase);
            await coach.ProblemAsync(HttpMethod.Get, "/programme/report", 403);
        }

        // Restarted on the same store: every proposal and decision is still there.
        using (var api = ApiProcess.Start(settings))
        {
            await api.WaitUntilReadyAsync(http, StartTimeout);
            var tokens = await api.DevelopmentTokensAsync(TimeSpan.FromSeconds(10));
            var coach = new ProcessClient(http, api.Address, tokens["coach"]);
            var all = (await coach.JsonAsync(HttpMethod.Get, "/proposals", 200)).Items();
            Assert.Equal(5, all.Length);
            Assert.Equal("accepted", all.Single(p => p.Str("id") == accepted).Str("status"));
            Assert.Single(all, p => p.Str("status") == "declined" && p.Str("reason") == "schedule clash");
            var ties = await coach.JsonAsync(HttpMethod.Get, "/people/0", 200);
            Assert.Equal("employed", ties.Str("employment"));
        }
    }

    /// <summary>The toy city with four one-place mentors in area A (m4 mentoring citizen 7 for three months), and a
    /// proposal for citizen 0 with m3 that lapsed ten days ago undecided.</summary>
    private static string SeedWithMentors(TempFolder folder, DateOnly today)
    {
        var seed = Directory.CreateDirectory(folder.File("seed")).FullName;
        var toy = Repo.Sample("toy");
        var nodes = new StringBuilder(File.ReadAllText(Path.Combine(toy, "nodes.csv")).TrimEnd('\n')).Append('\n');
        foreach (var mentor in (string[])["m1", "m2", "m3", "m4"]) nodes.Append(CultureInfo.InvariantCulture, $"{mentor},mentor,A,employed,0.75\n");
        File.WriteAllText(Path.Combine(seed, "nodes.csv"), WithCapacity(nodes.ToString()));
        var ties = File.ReadAllLines(Path.Combine(toy, "ties.csv")).Select((line, i) => line + (i == 0 ? ",since" : ","))
            .Append($"m4,7,mentoring,1,{today.AddDays(-90):yyyy-MM-dd}");
        File.WriteAllText(Path.Combine(seed, "ties.csv"), string.Join('\n', ties) + "\n");
        File.WriteAllText(Path.Combine(seed, "proposals.csv"), "id,citizen,mentor,status,proposed,expires\n"
            + $"lapsed,0,m3,proposed,{today.AddDays(-20):yyyy-MM-dd},{today.AddDays(-10):yyyy-MM-dd}\n");
        return seed;
    }

    private static string WithCapacity(string nodes)
    {
        var lines = nodes.TrimEnd('\n').Split('\n');
        return string.Join('\n', lines.Select((line, i) => i == 0 ? line + ",capacity" : line + (line.Contains(",mentor,", StringComparison.Ordinal) ? ",1" : ","))) + "\n";
    }
}
