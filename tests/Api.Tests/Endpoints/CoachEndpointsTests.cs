using System.IO.Compression;
using System.Text;
using System.Text.Json;
using SocialCapital.Api.Tests.Infrastructure;
using SocialCapital.Security;

namespace SocialCapital.Api.Tests.Endpoints;

/// <summary>The coaching endpoints in process: meetings, coach assignment and handover (preview and publish), scope and
/// audit. Each test has a store of its own: the toy city with hubs (area A: hub-a, area B: hub-b, area C none) and coaches
/// k1 (hub-a, 2 places, coaching citizens 0 and 1, met 0 on 2026-05-01), k2 (hub-a, 3 places, met 1 on 2026-03-02) and k3
/// (hub-b, 1 place).</summary>
public class CoachEndpointsTests
{
    [Fact]
    public async Task AddMeeting_TheCoachThemself_201ThenTheSameMeeting200AndItIsStoredAndExported()
    {
        await using var lab = await Lab.StartAsync();
        var k1 = lab.CoachAs("k1");
        var first = await (await k1.PostJsonAsync("/coaches/k1/contacts", new { citizen = "0", date = "2026-05-20", channel = "phone" })).JsonAsync(201);
        Assert.Equal("created", first.GetProperty("write").Str("effect"));
        Assert.Equal("phone", first.GetProperty("contact").Str("channel"));
        var again = await (await k1.PostJsonAsync("/coaches/k1/contacts", new { citizen = "0", date = "2026-05-20", channel = "phone" })).JsonAsync(200);
        Assert.Equal("unchanged", again.GetProperty("write").Str("effect"));
        // Default date: today.
        var today = await (await k1.PostJsonAsync("/coaches/k1/contacts", new { citizen = "1", channel = "in_person" })).JsonAsync(201);
        Assert.Equal(DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd"), today.GetProperty("contact").Str("date"));

        var access = await (await lab.Api.Admin.GetAsync("/people/0/subject-access")).JsonAsync(200);
        Assert.Equal(["2026-05-01", "2026-05-20"], access.Items("contacts").Select(c => c.Str("date")));
        using var export = await lab.Api.Admin.GetAsync("/export");
        await export.AssertStatusAsync(200);
        using var zip = new ZipArchive(await export.Content.ReadAsStreamAsync());
        using var reader = new StreamReader(zip.GetEntry("contacts.csv")!.Open());
        var csv = await reader.ReadToEndAsync();
        Assert.Contains("k1,0,2026-05-20,phone", csv, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"channel":"phone"}""", "citizen")]
    [InlineData("""{"citizen":"0"}""", "channel")]
    [InlineData("""{"citizen":"0","channel":"fax"}""", "channel")]
    [InlineData("""{"citizen":"0","channel":"phone","date":"2999-01-01"}""", "date")]
    public async Task AddMeeting_BadBody_400NamingTheFieldAndNothingWritten(string body, string field)
    {
        await using var lab = await Lab.StartAsync();
        var before = await lab.VersionAsync();
        using var response = await lab.CoachAs("k1").PostAsync(new Uri("/coaches/k1/contacts", UriKind.Relative), Http.Json(body));
        var problem = await response.AssertProblemAsync(400);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        Assert.Equal(before, await lab.VersionAsync());
    }

    [Fact]
    public async Task AddMeeting_AnotherCoachsName_403AndNothingWritten()
    {
        await using var lab = await Lab.StartAsync();
        var before = await lab.VersionAsync();
        using var response = await lab.CoachAs("k2").PostJsonAsync("/coaches/k1/contacts", new { citizen = "0", channel = "phone" });
        Assert.Contains("own meetings", (await response.AssertProblemAsync(403)).Str("detail"), StringComparison.Ordinal);
        Assert.Equal(before, await lab.VersionAsync());
    }

    [Theory]
    [InlineData("k1", "3")] // a citizen of area B, outside the coach's area A
    [InlineData("k1", "zz")] // unknown
    [InlineData("k1", "k2")] // not a citizen
    public async Task AddMeeting_CitizenOutOfReach_404(string coach, string citizen)
    {
        await using var lab = await Lab.StartAsync();
        var coachOfA = lab.Api.WithToken(Tokens.For(ApiTokens.Coach, coach, ["A"]), $"{coach}-A");
        using var response = await coachOfA.PostJsonAsync($"/coaches/{coach}/contacts", new { citizen, channel = "phone" });
        await response.AssertProblemAsync(404);
    }

    [Fact]
    public async Task AddMeeting_OutsideTheAreasAndUnknown_WordForWordTheSame()
    {
        await using var lab = await Lab.StartAsync();
        var coachOfA = lab.Api.WithToken(Tokens.For(ApiTokens.Coach, "k1", ["A"]), "k1-A");
        using var outside = await coachOfA.PostJsonAsync("/coaches/k1/contacts", new { citizen = "3", channel = "phone" });
        using var unknown = await coachOfA.PostJsonAsync("/coaches/k1/contacts", new { citizen = "zz", channel = "phone" });
        var a = (await outside.AssertProblemAsync(404)).Str("detail").Replace("'3'", "'?'", StringComparison.Ordinal);
        var b = (await unknown.AssertProblemAsync(404)).Str("detail").Replace("'zz'", "'?'", StringComparison.Ordinal);
        Assert.Equal(b, a);
    }

    [Fact]
    public async Task Caseload_TheCoachThemself_TheirCitizensWithContactsAndAnotherCoach403()
    {
        await using var lab = await Lab.StartAsync();
        var view = await (await lab.CoachAs("k1").GetAsync("/coaches/k1/caseload?notMetDays=10000")).JsonAsync(200);
        var caseload = view.GetProperty("caseload");
        Assert.Equal(2, caseload.GetProperty("activeCaseload").GetInt32());
        Assert.Equal(2, caseload.GetProperty("capacity").GetInt32());
        var citizens = caseload.Items("citizens").ToDictionary(c => c.Str("citizen"));
        Assert.Equal(["0", "1"], citizens.Keys.Order());
        Assert.Equal("2026-05-01", citizens["0"].Str("lastContact"));
        Assert.Equal("2026-03-02", citizens["1"].Str("lastContact")); // a meeting with any coach counts
        Assert.Equal(0, caseload.GetProperty("notMet").GetInt32());
        Assert.Equal(0, view.GetProperty("citizensOutsideYourAreas").GetInt32());

        using var other = await lab.CoachAs("k2").GetAsync("/coaches/k1/caseload");
        Assert.Contains("own caseload", (await other.AssertProblemAsync(403)).Str("detail"), StringComparison.Ordinal);
        using var notACoach = await lab.Api.Admin.GetAsync("/coaches/0/caseload");
        await notACoach.AssertProblemAsync(404);
        using var badOption = await lab.Api.Admin.GetAsync("/coaches/k1/caseload?notMetDays=-1");
        await badOption.AssertProblemAsync(400);
    }

    [Fact]
    public async Task HubReport_Analyst_AggregatesOfTheirScopeOnlyWithTheCaveat()
    {
        await using var lab = await Lab.StartAsync();
        var all = await (await lab.Api.Analyst.GetAsync("/hubs/report")).JsonAsync(200);
        Assert.Equal(["A", "B", "C"], all.Items("areas").Select(a => a.Str("name")));
        Assert.Equal(["hub-a", "hub-b"], all.Items("hubs").Select(h => h.Str("name")));
        Assert.Contains("not causal", all.Str("caveat"), StringComparison.Ordinal);
        Assert.DoesNotContain("\"citizen\"", all.GetRawText(), StringComparison.Ordinal); // no person in it
        var analystOfB = lab.Api.WithToken(Tokens.For(ApiTokens.Analyst, "analyst-b", ["B"]), "analyst-b");
        var scoped = await (await analystOfB.GetAsync("/hubs/report")).JsonAsync(200);
        Assert.Equal(["B"], scoped.Items("areas").Select(a => a.Str("name")));
        Assert.Equal(["hub-b"], scoped.Items("hubs").Select(h => h.Str("name")));
    }

    [Fact]
    public async Task Assign_Preview_PairsWithinHubAndCapacityAndNothingWritten()
    {
        await using var lab = await Lab.StartAsync();
        var before = await lab.VersionAsync();
        var view = await (await lab.Api.Admin.PostJsonAsync("/coach-assignments", new { })).JsonAsync(200);
        Assert.False(view.GetProperty("published").GetBoolean());
        Assert.Equal(JsonValueKind.Null, view.GetProperty("write").ValueKind);
        var pairs = view.Items("pairs").ToDictionary(p => p.Str("citizen"), p => p.Str("coach"));
        // A's one citizen without a coach goes to k2 (k1's two places are taken); one of B's four to k3 (one place); C's
        // citizens have no hub and no coach in their area.
        Assert.Equal("k2", pairs["2"]);
        Assert.Single(pairs, p => p.Value == "k3");
        Assert.Equal(2, pairs.Count);
        Assert.Equal(3 + 5, view.Items("unassigned").Length);
        Assert.Equal(10, view.GetProperty("citizens").GetInt32());
        Assert.Equal(before, await lab.VersionAsync());
    }

    [Fact]
    public async Task Assign_Publish_WritesTheCoachingTiesOnceInOneVersion()
    {
        await using var lab = await Lab.StartAsync();
        var before = await lab.VersionAsync();
        var view = await (await lab.Api.Admin.PostJsonAsync("/coach-assignments?publish=true", new { citizens = new[] { "2" } })).JsonAsync(201);
        Assert.True(view.GetProperty("published").GetBoolean());
        Assert.Equal(before + 1, view.GetProperty("write").GetProperty("version").GetInt64());
        var pair = Assert.Single(view.Items("pairs"));
        Assert.Equal(("2", "k2"), (pair.Str("citizen"), pair.Str("coach")));
        var capital = await (await lab.Api.Admin.GetAsync("/people/2/capital")).JsonAsync(200);
        Assert.Contains(capital.Items("contacts"), c => c.Str("id") == "k2");
        // Assigned: the default run no longer picks citizen 2.
        var next = await (await lab.Api.Admin.PostJsonAsync("/coach-assignments", new { })).JsonAsync(200);
        Assert.DoesNotContain(next.Items("pairs"), p => p.Str("citizen") == "2");
    }

    [Fact]
    public async Task Handover_TheLeavingCoachsCaseloadGoesToTheHubAndTheOldTiesEnd()
    {
        await using var lab = await Lab.StartAsync();
        var leaving = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(14);
        var preview = await (await lab.CoachAs("k1").PostJsonAsync("/coach-assignments",
            new { handover = new { coach = "k1", leaving = leaving.ToString("yyyy-MM-dd") } })).JsonAsync(200);
        var pairs = preview.Items("pairs");
        Assert.Equal(["0", "1"], pairs.Select(p => p.Str("citizen")));
        Assert.All(pairs, p => Assert.Equal("k2", p.Str("coach")));
        // k2 has met citizen 1 before: continuity, said in the reasons.
        Assert.True(pairs[1].GetProperty("continuity").GetBoolean());
        Assert.Equal(leaving.ToString("yyyy-MM-dd"), preview.Str("since"));
        Assert.Equal(2, preview.Items("ended").Length);

        var published = await (await lab.CoachAs("k1").PostJsonAsync("/coach-assignments?publish=true",
            new { handover = new { coach = "k1", leaving = leaving.ToString("yyyy-MM-dd") } })).JsonAsync(201);
        Assert.Equal(2, published.Items("pairs").Length);
        var ties = (await (await lab.Api.Admin.GetAsync("/people/0/subject-access")).JsonAsync(200)).Items("ties")
            .Where(t => t.Str("kind") == "coaching").ToDictionary(t => t.Str("source"));
        Assert.Equal(leaving.ToString("yyyy-MM-dd"), ties["k1"].Str("until"));
        Assert.Equal(leaving.ToString("yyyy-MM-dd"), ties["k2"].Str("since"));
        var audit = await (await lab.Api.Admin.GetAsync("/audit?target=0&pageSize=50")).JsonAsync(200);
        Assert.Contains(audit.Items(), e => e.Str("action").Contains("/coach-assignments", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Handover_CitizenNobodyCanTake_TheLeavingCoachsSpellEndsAllTheSame()
    {
        await using var lab = await Lab.StartAsync();
        using (var k2 = await lab.Api.Admin.PutJsonAsync("/people/k2", new { kind = "coach", area = "A", hub = "hub-a", capacity = 1 }))
            await k2.AssertSuccessAsync();
        var view = await (await lab.Api.Admin.PostJsonAsync("/coach-assignments?publish=true", new { handover = new { coach = "k1" } })).JsonAsync(201);
        Assert.Equal(("1", "k2"), (Assert.Single(view.Items("pairs")).Str("citizen"), view.Items("pairs")[0].Str("coach"))); // met before
        Assert.Equal("0", Assert.Single(view.Items("unassigned")).Str("citizen"));
        Assert.Equal(2, view.Items("ended").Length);
        var today = DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd");
        var ties = (await (await lab.Api.Admin.GetAsync("/people/0/subject-access")).JsonAsync(200)).Items("ties").Where(t => t.Str("kind") == "coaching");
        Assert.Equal(today, Assert.Single(ties).Str("until")); // no coach who has gone
    }

    [Fact]
    public async Task Assign_Publish_BackToAnEarlierCoach_KeepsTheEarlierSpell()
    {
        await using var lab = await Lab.StartAsync();
        using (var earlier = await lab.Api.Admin.PutJsonAsync("/ties", new { source = "k2", target = "2", kind = "coaching", since = "2025-01-01", until = "2025-06-01" }))
            await earlier.AssertSuccessAsync();
        var view = await (await lab.Api.Admin.PostJsonAsync("/coach-assignments?publish=true", new { citizens = new[] { "2" } })).JsonAsync(201);
        var pair = Assert.Single(view.Items("pairs"));
        Assert.True(pair.GetProperty("continuity").GetBoolean());
        var spells = (await (await lab.Api.Admin.GetAsync("/people/2/subject-access")).JsonAsync(200)).Items("ties")
            .Where(t => t.Str("kind") == "coaching").Select(t => t.Str("since")).Order().ToArray();
        Assert.Equal(["2025-01-01", DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd")], spells);
    }

    [Fact]
    public async Task HubCaseloads_CoachesOfYourAreas_SizeAgainstCapacityAndNoPendingHandover()
    {
        await using var lab = await Lab.StartAsync();
        var coachOfA = lab.Api.WithToken(Tokens.For(ApiTokens.Coach, "k2", ["A"]), "k2-A");
        var view = await (await coachOfA.GetAsync("/hubs/caseloads")).JsonAsync(200);
        var coaches = view.Items("coaches");
        Assert.Equal(["k1", "k2"], coaches.Select(c => c.Str("coach"))); // not k3, a coach of B
        Assert.Equal(2, coaches[0].GetProperty("activeCaseload").GetInt32());
        Assert.Equal(2, coaches[0].GetProperty("capacity").GetInt32());
        Assert.False(coaches[0].GetProperty("overCapacity").GetBoolean());
        Assert.Equal(JsonValueKind.Null, coaches[0].GetProperty("leaving").ValueKind);
        Assert.Empty(view.Items("pendingHandovers"));

        // One more citizen than places: over capacity.
        using (var tie = await lab.Api.Admin.PutJsonAsync("/ties", new { source = "k1", target = "2", kind = "coaching" }))
            await tie.AssertSuccessAsync();
        var k1 = (await (await coachOfA.GetAsync("/hubs/caseloads")).JsonAsync(200)).Items("coaches")[0];
        Assert.Equal(3, k1.GetProperty("activeCaseload").GetInt32());
        Assert.True(k1.GetProperty("overCapacity").GetBoolean());

        var coachOfB = lab.Api.WithToken(Tokens.For(ApiTokens.Coach, "k3", ["B"]), "k3-B");
        Assert.Equal(["k3"], (await (await coachOfB.GetAsync("/hubs/caseloads")).JsonAsync(200)).Items("coaches").Select(c => c.Str("coach")));
    }

    [Fact]
    public async Task HubCaseloads_SpellEndingWithNoSuccessor_PendingUntilAHandoverTakesTheCitizensOn()
    {
        await using var lab = await Lab.StartAsync();
        var leaving = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(10).ToString("yyyy-MM-dd");
        using (var ending = await lab.Api.Admin.PutJsonAsync("/ties", new { source = "k1", target = "0", kind = "coaching", until = leaving }))
            await ending.AssertSuccessAsync();
        var view = await (await lab.Api.Admin.GetAsync("/hubs/caseloads")).JsonAsync(200);
        var pending = Assert.Single(view.Items("pendingHandovers"));
        Assert.Equal("k1", pending.Str("coach"));
        Assert.Equal(leaving, pending.Str("day"));
        Assert.Equal(["0"], pending.Items("citizens").Select(c => c.GetString()));
        Assert.Contains($"ends on {leaving}", pending.Str("reason"), StringComparison.Ordinal);
        Assert.Equal(leaving, view.Items("coaches").Single(c => c.Str("coach") == "k1").Str("leaving"));

        // A coach of B sees neither k1 nor the handover.
        var coachOfB = lab.Api.WithToken(Tokens.For(ApiTokens.Coach, "k3", ["B"]), "k3-B");
        Assert.Empty((await (await coachOfB.GetAsync("/hubs/caseloads")).JsonAsync(200)).Items("pendingHandovers"));

        // The handover starts new spells on the leaving day: only the citizens nobody could take stay pending.
        var handover = await (await lab.Api.Admin.PostJsonAsync("/coach-assignments?publish=true",
            new { handover = new { coach = "k1", leaving } })).JsonAsync(201);
        var after = await (await lab.Api.Admin.GetAsync("/hubs/caseloads")).JsonAsync(200);
        Assert.Equal(handover.Items("unassigned").Select(u => u.Str("citizen")).Order(),
            after.Items("pendingHandovers").SelectMany(p => p.Items("citizens")).Select(c => c.GetString()!).Order());
    }

    [Fact]
    public async Task HubCaseloads_CoachWithCapacityZeroStillCoaching_PendingFromToday()
    {
        await using var lab = await Lab.StartAsync();
        using (var k1 = await lab.Api.Admin.PutJsonAsync("/people/k1", new { kind = "coach", area = "A", hub = "hub-a", capacity = 0 }))
            await k1.AssertSuccessAsync();
        var view = await (await lab.CoachAs("k2").GetAsync("/hubs/caseloads")).JsonAsync(200);
        var pending = Assert.Single(view.Items("pendingHandovers"));
        Assert.Equal(("k1", DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd")), (pending.Str("coach"), pending.Str("day")));
        Assert.Equal(["0", "1"], pending.Items("citizens").Select(c => c.GetString()));
        Assert.Contains("capacity 0", pending.Str("reason"), StringComparison.Ordinal);
        using var bad = await lab.CoachAs("k2").GetAsync("/hubs/caseloads?notMetDays=-1");
        await bad.AssertProblemAsync(400);
    }

    [Fact]
    public async Task Caseload_CitizensOutsideYourAreas_OnlyCountedNoMixAndUnassignedReasonsRedacted()
    {
        await using var lab = await Lab.StartAsync();
        using (var tie = await lab.Api.Admin.PutJsonAsync("/ties", new { source = "k1", target = "3", kind = "coaching" }))
            await tie.AssertSuccessAsync();
        var coachOfA = lab.Api.WithToken(Tokens.For(ApiTokens.Coach, "k1", ["A"]), "k1-A");
        var view = await (await coachOfA.GetAsync("/coaches/k1/caseload")).JsonAsync(200);
        Assert.Equal(1, view.GetProperty("citizensOutsideYourAreas").GetInt32());
        var caseload = view.GetProperty("caseload");
        Assert.Equal(3, caseload.GetProperty("activeCaseload").GetInt32());
        Assert.DoesNotContain(caseload.Items("citizens"), c => c.Str("citizen") == "3");
        Assert.Empty(caseload.Items("byWorkStatus"));
        // A coach of B asking for citizen 3 (who has k1, a coach of A): the reason names no one outside their areas.
        var coachOfB = lab.Api.WithToken(Tokens.For(ApiTokens.Coach, "k3", ["B"]), "k3-B");
        var assign = await (await coachOfB.PostJsonAsync("/coach-assignments", new { citizens = new[] { "3" } })).JsonAsync(200);
        var reason = Assert.Single(assign.Items("unassigned")).Str("reason");
        Assert.DoesNotContain("k1", reason, StringComparison.Ordinal);
        Assert.Contains("someone outside your areas", reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Handover_AnotherCoachsCaseload_403AndNothingWritten()
    {
        await using var lab = await Lab.StartAsync();
        var before = await lab.VersionAsync();
        using var response = await lab.CoachAs("k2").PostJsonAsync("/coach-assignments?publish=true", new { handover = new { coach = "k1" } });
        await response.AssertProblemAsync(403);
        Assert.Equal(before, await lab.VersionAsync());
    }

    [Theory]
    [InlineData("""{"handover":{"coach":"k1","leaving":"2020-01-01"}}""", "handover.leaving")]
    [InlineData("""{"handover":{}}""", "handover.coach")]
    [InlineData("""{"handover":{"coach":"k1"},"citizens":["2"]}""", "citizens")]
    [InlineData("""{"citizens":[""]}""", "citizens[0]")]
    public async Task Assign_BadBody_400NamingTheField(string body, string field)
    {
        await using var lab = await Lab.StartAsync();
        using var response = await lab.Api.Admin.PostAsync(new Uri("/coach-assignments?publish=true", UriKind.Relative), Http.Json(body));
        var problem = await response.AssertProblemAsync(400);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Fact]
    public async Task Assign_ScopedCoach_OnlyTheirCitizensAndCoaches()
    {
        await using var lab = await Lab.StartAsync();
        var coachOfB = lab.Api.WithToken(Tokens.For(ApiTokens.Coach, "k3", ["B"]), "k3-B");
        var view = await (await coachOfB.PostJsonAsync("/coach-assignments", new { anyHub = true })).JsonAsync(200);
        foreach (var id in view.Items("pairs").Select(p => p.Str("citizen")).Concat(view.Items("unassigned").Select(u => u.Str("citizen"))))
            Assert.Contains(id, new[] { "3", "4", "5", "6" });
        Assert.All(view.Items("pairs"), p => Assert.Equal("k3", p.Str("coach")));
        using var outside = await coachOfB.PostJsonAsync("/coach-assignments", new { citizens = new[] { "2" } });
        await outside.AssertProblemAsync(404);
    }

    private sealed class Lab : IAsyncDisposable
    {
        private readonly TempFolder _folder;

        private Lab(TempFolder folder, TestApi api)
        {
            _folder = folder;
            Api = api;
        }

        public TestApi Api { get; }

        public HttpClient CoachAs(string id) => Api.As(ApiTokens.Coach, id);

        public async Task<long> VersionAsync()
        {
            using var response = await Api.Admin.GetAsync("/people?pageSize=1");
            return response.SnapshotVersion();
        }

        public static Task<Lab> StartAsync()
        {
            var folder = new TempFolder();
            var seed = Directory.CreateDirectory(folder.File("seed")).FullName;
            var toy = Repo.Sample("toy");
            var nodes = new StringBuilder();
            foreach (var line in File.ReadAllLines(Path.Combine(toy, "nodes.csv")))
            {
                if (line.StartsWith("id,", StringComparison.Ordinal)) { nodes.Append(line).Append(",capacity,hub,specialisms,languages\n"); continue; }
                var area = line.Split(',')[2];
                nodes.Append(line).Append(area switch { "A" => ",,hub-a,,", "B" => ",,hub-b,,", _ => ",,,," }).Append('\n');
            }
            nodes.Append("k1,coach,A,employed,0.75,2,hub-a,health,\nk2,coach,A,employed,0.75,3,hub-a,,\nk3,coach,B,employed,0.75,1,hub-b,,\n");
            File.WriteAllText(Path.Combine(seed, "nodes.csv"), nodes.ToString());
            File.WriteAllText(Path.Combine(seed, "ties.csv"), File.ReadAllText(Path.Combine(toy, "ties.csv")).TrimEnd('\n')
                + "\nk1,0,coaching,1\nk1,1,coaching,1\n");
            File.WriteAllText(Path.Combine(seed, "contacts.csv"), "coach,citizen,date,channel\nk1,0,2026-05-01,in_person\nk2,1,2026-03-02,phone\n");
            var api = TestApi.Start(folder.File("store.db"), seed);
            return Task.FromResult(new Lab(folder, api));
        }

        public async ValueTask DisposeAsync()
        {
            await Api.DisposeAsync();
            _folder.Dispose();
        }
    }
}
