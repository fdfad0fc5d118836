using System.Globalization;
using System.Text;
using System.Text.Json;
using SocialCapital.Api.Tests.Audit;
using SocialCapital.Api.Tests.Infrastructure;
using SocialCapital.Security;
using SocialCapital.Storage;

namespace SocialCapital.Api.Tests.Endpoints;

/// <summary>The mentoring lifecycle's endpoints in process: proposals and their decisions, rounds, ending pairings,
/// employment changes; the rules that count a mentor's places under concurrency; expiry as the clock moves; scope and
/// audit. Each test has a store of its own: the toy city with mentors m1–m3 (area A, one place each) and m4 (area B,
/// two places).</summary>
public class ProposalEndpointsTests
{
    private static readonly DateTimeOffset Start = new(2026, 6, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Propose_BadBodies_400NamingTheField()
    {
        await using var lab = await Lab.StartAsync();
        foreach (var (body, field) in new[] { ("{}", "mentor"), ("""{"mentor":"m1","expiresInDays":0}""", "expiresInDays"),
                     ("""{"mentor":"m1","expiresInDays":91}""", "expiresInDays") })
        {
            using var response = await lab.Coach.PostAsync(new Uri("/citizens/0/proposals", UriKind.Relative), Http.Json(body));
            var problem = await response.AssertProblemAsync(400);
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"{body}: {problem}");
        }
    }

    [Theory]
    [InlineData("0", "3")] // a citizen is not a mentor
    [InlineData("m1", "m2")] // a mentor is not a citizen
    [InlineData("no-such", "m1")]
    [InlineData("0", "no-such")]
    public async Task Propose_UnknownOrWrongKind_404(string citizen, string mentor)
    {
        await using var lab = await Lab.StartAsync();
        using var response = await lab.Coach.PostJsonAsync($"/citizens/{citizen}/proposals", new { mentor });
        await response.AssertProblemAsync(404);
    }

    [Fact]
    public async Task Propose_CitizenOutsideTheCoachsAreas_404WordForWordAsAnUnknownId()
    {
        await using var lab = await Lab.StartAsync();
        var coachOfB = lab.Api.WithToken(Tokens.For(ApiTokens.Coach, "coach-b", ["B"]), "coach-b");
        using var outside = await coachOfB.PostJsonAsync("/citizens/0/proposals", new { mentor = "m4" });
        using var unknown = await coachOfB.PostJsonAsync("/citizens/zz/proposals", new { mentor = "m4" });
        var a = (await outside.AssertProblemAsync(404)).Str("detail").Replace("'0'", "'?'", StringComparison.Ordinal);
        var b = (await unknown.AssertProblemAsync(404)).Str("detail").Replace("'zz'", "'?'", StringComparison.Ordinal);
        Assert.Equal(b, a);
        // Their own citizen with another area's mentor is fine: mentors come from anywhere.
        using var own = await coachOfB.PostJsonAsync("/citizens/4/proposals", new { mentor = "m1" });
        await own.AssertStatusAsync(201);
    }

    [Fact]
    public async Task Propose_EightCoachesRaceForTheLastPlace_ExactlyOneWins()
    {
        await using var lab = await Lab.StartAsync();
        string[] citizens = ["0", "1", "2", "4", "7", "8", "9", "11"];
        var responses = await Task.WhenAll(citizens.Select(c => lab.Coach.PostJsonAsync($"/citizens/{c}/proposals", new { mentor = "m1" })));
        try
        {
            Assert.Equal(1, responses.Count(r => (int)r.StatusCode == 201));
            Assert.Equal(7, responses.Count(r => (int)r.StatusCode == 409));
            var conflict = await responses.First(r => (int)r.StatusCode == 409).AssertProblemAsync(409);
            Assert.Contains("no free place", conflict.Str("detail"), StringComparison.Ordinal);
        }
        finally
        {
            foreach (var r in responses) r.Dispose();
        }
        var pending = (await lab.JsonAsync(lab.Coach, "/proposals?mentor=m1&status=proposed")).Items();
        Assert.Single(pending);
    }

    [Fact]
    public async Task Decisions_OnlyAPendingProposal_AcceptTwiceOrDeclineAfter409()
    {
        await using var lab = await Lab.StartAsync();
        var id = await lab.ProposeAsync("0", "m1");
        using (var accept = await lab.Coach.PostAsync(new Uri($"/proposals/{id}/accept", UriKind.Relative), null))
        {
            var body = await accept.JsonAsync(200);
            Assert.Equal("accepted", body.GetProperty("proposal").Str("status"));
            Assert.Equal(lab.Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), body.GetProperty("tie").Str("since"));
        }
        using (var again = await lab.Coach.PostAsync(new Uri($"/proposals/{id}/accept", UriKind.Relative), null))
            Assert.Contains("is accepted", (await again.AssertProblemAsync(409)).Str("detail"), StringComparison.Ordinal);
        using (var decline = await lab.Coach.PostJsonAsync($"/proposals/{id}/decline", new { reason = "changed mind" }))
            await decline.AssertProblemAsync(409);
        using (var unknown = await lab.Coach.PostAsync(new Uri("/proposals/pr-nope/accept", UriKind.Relative), null))
            await unknown.AssertProblemAsync(404);
        var coachOfB = lab.Api.WithToken(Tokens.For(ApiTokens.Coach, "coach-b", ["B"]), "coach-b");
        using (var hidden = await coachOfB.GetAsync($"/proposals/{id}"))
            await hidden.AssertProblemAsync(404);
        using (var listed = await coachOfB.GetAsync("/proposals"))
            Assert.Empty((await listed.JsonAsync(200)).Items());
    }

    [Fact]
    public async Task Decline_ReasonRulesThenNeverProposedAgain()
    {
        await using var lab = await Lab.StartAsync();
        var id = await lab.ProposeAsync("2", "m2");
        using (var noReason = await lab.Coach.PostJsonAsync($"/proposals/{id}/decline", new { }))
            await noReason.AssertProblemAsync(400);
        using (var hidden = await lab.Coach.PostJsonAsync($"/proposals/{id}/decline", new { reason = "fine\u202Eenif" }))
            Assert.Contains("invisible", (await hidden.AssertProblemAsync(400)).GetRawText(), StringComparison.Ordinal);
        using (var declined = await lab.Coach.PostJsonAsync($"/proposals/{id}/decline", new { reason = "schedule clash" }))
            Assert.Equal("schedule clash", (await declined.JsonAsync(200)).GetProperty("proposal").Str("reason"));
        using (var again = await lab.Coach.PostJsonAsync("/citizens/2/proposals", new { mentor = "m2" }))
            Assert.Contains("declined", (await again.AssertProblemAsync(409)).Str("detail"), StringComparison.Ordinal);
        using var matches = await lab.Coach.GetAsync("/citizens/2/mentor-matches?top=0");
        Assert.DoesNotContain((await matches.JsonAsync(200)).Items("matches"), m => m.Str("mentor") == "m2");
    }

    [Fact]
    public async Task Expiry_TheClockPassesTheExpiryDay_ExpiredPlaceFreeAndNotAcceptable()
    {
        var clock = new ManualClock(Start);
        await using var lab = await Lab.StartAsync(clock);
        var id = await lab.ProposeAsync("0", "m1", expiresInDays: 2);
        using (var full = await lab.Coach.PostJsonAsync("/citizens/1/proposals", new { mentor = "m1" }))
            await full.AssertProblemAsync(409);

        clock.Now = Start.AddDays(2);
        await lab.WaitForDayAsync(DateOnly.FromDateTime(clock.Now.UtcDateTime));
        var shown = await lab.JsonAsync(lab.Coach, $"/proposals/{id}");
        Assert.Equal(("expired", "2026-06-03"), (shown.Str("status"), shown.Str("decided")));
        using (var accept = await lab.Coach.PostAsync(new Uri($"/proposals/{id}/accept", UriKind.Relative), null))
            await accept.AssertProblemAsync(409);
        await lab.ProposeAsync("1", "m1"); // the place is free again
        await lab.ProposeAsync("0", "m2");
        // The next round records the lapse in the store.
        using (var round = await lab.Coach.PostJsonAsync("/rounds", new { citizens = Array.Empty<string>() }))
            Assert.Equal(1, (await round.JsonAsync(200)).GetProperty("expired").GetInt32());
        var stored = (await Exported.ReadAsync(lab.Api.Admin)).ToDataset().Proposals.Single(p => p.Id == id);
        Assert.Equal(Model.ProposalStatus.Expired, stored.Status);
    }

    [Fact]
    public async Task Round_ProposesWithinFreePlacesOptimallyAndSkipsDeclinedPairs()
    {
        await using var lab = await Lab.StartAsync();
        var declined = await lab.ProposeAsync("4", "m4");
        using (var d = await lab.Coach.PostJsonAsync($"/proposals/{declined}/decline", new { reason = "not the right fit" }))
            await d.AssertStatusAsync(200);
        using var response = await lab.Coach.PostJsonAsync("/rounds", new { anyArea = true });
        var round = await response.JsonAsync(201);
        var proposals = round.Items("proposals");
        // Five places in all (m1–m3 one each, m4 two); never the declined pair; every proposal pending.
        Assert.Equal(5, proposals.Length);
        Assert.DoesNotContain(proposals, p => p.Str("citizen") == "4" && p.Str("mentor") == "m4");
        Assert.All(proposals, p => Assert.Equal("proposed", p.Str("status")));
        Assert.Equal(2, proposals.Count(p => p.Str("mentor") == "m4"));
        Assert.Equal(proposals.Length, proposals.Select(p => p.Str("citizen")).Distinct().Count());
        // Every place is now held: another round proposes nothing.
        using var second = await lab.Coach.PostJsonAsync("/rounds", new { anyArea = true });
        Assert.Empty((await second.JsonAsync(200)).Items("proposals"));
        using var outOfScope = await lab.Api.WithToken(Tokens.For(ApiTokens.Coach, "coach-b", ["B"]), "coach-b")
            .PostJsonAsync("/rounds", new { citizens = new[] { "0" } });
        await outOfScope.AssertProblemAsync(404);
    }

    [Fact]
    public async Task Round_Preview_WritesNothingExplainsEachPairAndPublishMakesTheSameRound()
    {
        await using var lab = await Lab.StartAsync();
        using var before = await lab.Coach.GetAsync("/proposals");
        var version = before.SnapshotVersion();
        var preview = await (await lab.Coach.PostJsonAsync("/rounds?preview=true", new { anyArea = true, expiresInDays = 7 })).JsonAsync(200);
        Assert.False(preview.GetProperty("published").GetBoolean());
        Assert.Equal(JsonValueKind.Null, preview.GetProperty("write").ValueKind);
        Assert.Empty(preview.Items("proposals"));
        Assert.Equal(lab.Today.AddDays(7).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), preview.Str("expires"));
        var matches = preview.Items("matches");
        Assert.Equal(5, matches.Length); // every place of m1–m4
        Assert.All(matches, m =>
        {
            Assert.InRange(m.GetProperty("score").GetDouble(), 0, 1);
            Assert.InRange(m.GetProperty("rank").GetInt32(), 1, m.GetProperty("eligible").GetInt32());
            Assert.NotEmpty(m.Items("reasons"));
        });
        // Who is left, and why.
        var unproposed = preview.Items("unproposed");
        Assert.Equal(preview.Items("waiting").Select(w => w.GetString()), unproposed.Select(u => u.Str("citizen")));
        Assert.All(unproposed, u => Assert.False(string.IsNullOrWhiteSpace(u.Str("reason"))));
        using (var after = await lab.Coach.GetAsync("/proposals"))
        {
            Assert.Equal(version, after.SnapshotVersion());
            Assert.Equal(0, (await after.JsonAsync(200)).GetProperty("total").GetInt32());
        }

        var published = await (await lab.Coach.PostJsonAsync("/rounds", new { anyArea = true, expiresInDays = 7 })).JsonAsync(201);
        Assert.True(published.GetProperty("published").GetBoolean());
        Assert.Equal(matches.Select(m => (m.Str("citizen"), m.Str("mentor"))),
            published.Items("proposals").Select(p => (p.Str("citizen"), p.Str("mentor"))));
        Assert.Equal(matches.Select(m => m.GetProperty("score").GetDouble()), published.Items("matches").Select(m => m.GetProperty("score").GetDouble()));
        // A listed citizen who now has a pending proposal is not waiting, and the preview says so.
        var first = matches[0].Str("citizen");
        var again = await (await lab.Coach.PostJsonAsync("/rounds?preview=true", new { citizens = new[] { first } })).JsonAsync(200);
        Assert.Equal(first, Assert.Single(again.Items("notWaiting")).Str("citizen"));
    }

    [Fact]
    public async Task EndPairing_RunningPairingEndsWithOutcomeAndThePlaceIsFree()
    {
        var clock = new ManualClock(Start);
        await using var lab = await Lab.StartAsync(clock);
        using (var none = await lab.Coach.PostJsonAsync("/pairings/end", new { mentor = "m1", citizen = "0", outcome = "completed" }))
            await none.AssertProblemAsync(404);
        var id = await lab.ProposeAsync("0", "m1");
        using (var accept = await lab.Coach.PostAsync(new Uri($"/proposals/{id}/accept", UriKind.Relative), null))
            await accept.AssertStatusAsync(200);
        using (var sameDay = await lab.Coach.PostJsonAsync("/pairings/end", new { mentor = "m1", citizen = "0", outcome = "completed" }))
            Assert.Contains("DELETE /ties", (await sameDay.AssertProblemAsync(400)).GetRawText(), StringComparison.Ordinal);
        clock.Now = Start.AddDays(30);
        await lab.WaitForDayAsync(DateOnly.FromDateTime(clock.Now.UtcDateTime));
        using (var bad = await lab.Coach.PostJsonAsync("/pairings/end", new { mentor = "m1", citizen = "0", outcome = "finished" }))
            Assert.True((await bad.AssertProblemAsync(400)).GetProperty("errors").TryGetProperty("outcome", out _));
        using (var early = await lab.Coach.PostJsonAsync("/pairings/end",
                   new { mentor = "m1", citizen = "0", outcome = "completed", date = lab.Today.AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) }))
            await early.AssertProblemAsync(400); // before the pairing began (lab.Today is the day it began)
        using (var end = await lab.Coach.PostJsonAsync("/pairings/end", new { mentor = "m1", citizen = "0", outcome = "completed", reason = "goals met" }))
        {
            var tie = (await end.JsonAsync(200)).GetProperty("tie");
            Assert.Equal(("completed", "goals met"), (tie.Str("outcome"), tie.Str("endReason")));
        }
        // Ended today: no contact today, and the place is free.
        Assert.DoesNotContain((await lab.JsonAsync(lab.Coach, "/people/0/capital")).Items("contacts"), c => c.Str("id") == "m1");
        await lab.ProposeAsync("1", "m1");
    }

    [Fact]
    public async Task Status_RecordsHistoryAndTheLatestIsTheEmploymentNow()
    {
        await using var lab = await Lab.StartAsync();
        string Day(int offset) => lab.Today.AddDays(offset).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        using (var future = await lab.Coach.PutJsonAsync("/people/0/status", new { date = Day(1), employment = "employed" }))
            await future.AssertProblemAsync(400);
        using (var unknown = await lab.Coach.PutJsonAsync("/people/0/status", new { date = Day(0), employment = "astronaut" }))
            await unknown.AssertProblemAsync(400);
        using (var missing = await lab.Coach.PutJsonAsync("/people/zz/status", new { date = Day(0), employment = "employed" }))
            await missing.AssertProblemAsync(404);
        using (var moved = await lab.Coach.PutJsonAsync("/people/0/status", new { date = Day(-5), employment = "employed" }))
            Assert.Equal("employed", (await moved.JsonAsync(201)).Str("current"));
        using (var earlier = await lab.Coach.PutJsonAsync("/people/0/status", new { date = Day(-30), employment = "inactive" }))
            Assert.Equal("employed", (await earlier.JsonAsync(201)).Str("current")); // history, not now
        using (var replaced = await lab.Coach.PutJsonAsync("/people/0/status", new { date = Day(-5), employment = "self_employed" }))
            Assert.Equal("self_employed", (await replaced.JsonAsync(200)).Str("current"));
        Assert.Equal("self_employed", (await lab.JsonAsync(lab.Coach, "/people/0")).Str("employment"));
        var history = (await Exported.ReadAsync(lab.Api.Admin)).ToDataset().StatusHistory.Where(c => c.Person == "0").ToArray();
        Assert.Equal(2, history.Length);
    }

    [Fact]
    public async Task Writes_AreAuditedWithTheirTargets()
    {
        await using var lab = await Lab.StartAsync();
        var coach = lab.Api.As(ApiTokens.Coach, "audited-coach");
        using (var made = await coach.PostJsonAsync("/citizens/0/proposals", new { mentor = "m1" }))
            await made.AssertStatusAsync(201);
        using (var refused = await coach.PostJsonAsync("/citizens/1/proposals", new { mentor = "m1" }))
            await refused.AssertStatusAsync(409);
        var (entries, _) = await AuditStore.WaitForAsync(lab.Api, new AuditQuery { Actor = "audited-coach" }, 2);
        Assert.Contains(entries, e => e.Outcome == "created" && e.Targets.Contains("0") && e.Targets.Contains("m1"));
        Assert.Contains(entries, e => e.Outcome == AuditOutcomes.Conflict && e.Targets.Contains("1"));
    }

    /// <summary>An API on a store of its own, seeded with the toy city and four mentors.</summary>
    private sealed class Lab : IAsyncDisposable
    {
        private readonly TempFolder _folder;

        private Lab(TempFolder folder, TestApi api, TimeProvider clock)
        {
            _folder = folder;
            Api = api;
            Today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
            // Long-lived tokens: the clock that checks them may be moved by days.
            Coach = api.WithToken(ApiTokens.Mint(ApiTokens.Coach, Tokens.Issuer, Tokens.Audience, Tokens.SigningKey, TimeSpan.FromDays(30),
                areas: [ApiTokens.AllAreas]), "coach-30d");
        }

        public TestApi Api { get; }

        public HttpClient Coach { get; }

        public DateOnly Today { get; }

        public static Task<Lab> StartAsync(TimeProvider? clock = null)
        {
            var folder = new TempFolder();
            var seed = Directory.CreateDirectory(folder.File("seed")).FullName;
            var toy = Repo.Sample("toy");
            var nodes = new StringBuilder();
            foreach (var line in File.ReadAllLines(Path.Combine(toy, "nodes.csv")))
                nodes.Append(line).Append(line.StartsWith("id,", StringComparison.Ordinal) ? ",capacity\n" : ",\n");
            nodes.Append("m1,mentor,A,employed,0.75,1\nm2,mentor,A,employed,0.75,1\nm3,mentor,A,retired,0.5,1\nm4,mentor,B,employed,0.75,2\n");
            File.WriteAllText(Path.Combine(seed, "nodes.csv"), nodes.ToString());
            File.Copy(Path.Combine(toy, "ties.csv"), Path.Combine(seed, "ties.csv"));
            var api = TestApi.Start(folder.File("store.db"), seed, clock: clock);
            return Task.FromResult(new Lab(folder, api, clock ?? TimeProvider.System));
        }

        public async Task<string> ProposeAsync(string citizen, string mentor, int? expiresInDays = null)
        {
            using var response = await Coach.PostJsonAsync($"/citizens/{citizen}/proposals", new { mentor, expiresInDays });
            return (await response.JsonAsync(201)).Str("id");
        }

        public async Task<JsonElement> JsonAsync(HttpClient client, string url)
        {
            using var response = await client.GetAsync(url);
            return await response.JsonAsync(200);
        }

        /// <summary>Waits until the API serves the snapshot of <paramref name="day"/> (rebuilt in the background).</summary>
        public async Task WaitForDayAsync(DateOnly day)
        {
            var tag = $"-{day:yyyyMMdd}\"";
            for (var i = 0; i < 200; i++)
            {
                using var read = await Coach.GetAsync("/proposals?pageSize=1");
                if (read.Headers.ETag?.Tag.EndsWith(tag, StringComparison.Ordinal) == true) return;
                await Task.Delay(50);
            }
            throw new Xunit.Sdk.XunitException($"The API never served {day}.");
        }

        public async ValueTask DisposeAsync()
        {
            await Api.DisposeAsync();
            _folder.Dispose();
        }
    }
}
