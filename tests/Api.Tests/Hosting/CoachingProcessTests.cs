using System.Text;
using SocialCapital.Api.Tests.Infrastructure;

namespace SocialCapital.Api.Tests.Hosting;

/// <summary>The citizen–coach relationship through the API as a real process over real HTTP, on a SQLite store: a coach
/// records a meeting and reads their caseload; an admin publishes an assignment of the citizens without a coach; the coach
/// hands their caseload over (continuity first) and it moves; the analyst's hub report reads it all; and everything is
/// still there after a restart.</summary>
public class CoachingProcessTests
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Coaching_RealProcess_MeetingCaseloadAssignmentAndHandoverSurviveARestart()
    {
        using var folder = new TempFolder();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var settings = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["Store__Path"] = folder.File("store.db"),
            ["Store__Seed"] = Seed(folder),
        };
        using (var api = ApiProcess.Start(settings))
        {
            await api.WaitUntilReadyAsync(http, StartTimeout);
            var tokens = await api.DevelopmentTokensAsync(TimeSpan.FromSeconds(10));
            // The development coach token's subject is dev-coach: the seed's coach of citizens 0 and 1.
            var coach = new ProcessClient(http, api.Address, tokens["coach"]);
            var admin = new ProcessClient(http, api.Address, tokens["admin"]);
            var analyst = new ProcessClient(http, api.Address, tokens["analyst"]);

            // A meeting today, then the caseload shows it.
            await coach.JsonAsync(HttpMethod.Post, "/coaches/dev-coach/contacts", 201, """{"citizen":"0","channel":"video"}""");
            var caseload = (await coach.JsonAsync(HttpMethod.Get, "/coaches/dev-coach/caseload", 200)).GetProperty("caseload");
            Assert.Equal(2, caseload.GetProperty("activeCaseload").GetInt32());
            var zero = caseload.Items("citizens").Single(c => c.Str("citizen") == "0");
            Assert.Equal(0, zero.GetProperty("daysSinceContact").GetInt32());
            Assert.Equal(1, zero.GetProperty("recentContacts").GetInt32());
            await coach.ProblemAsync(HttpMethod.Get, "/coaches/k2/caseload", 403);

            // The admin assigns the citizens of area A without a coach: citizen 2 goes to k2 (dev-coach is full).
            var preview = await admin.JsonAsync(HttpMethod.Post, "/coach-assignments", 200, """{"citizens":["2"]}""");
            Assert.False(preview.GetProperty("published").GetBoolean());
            var assigned = await admin.JsonAsync(HttpMethod.Post, "/coach-assignments?publish=true", 201, """{"citizens":["2"]}""");
            Assert.Equal(("2", "k2"), (Assert.Single(assigned.Items("pairs")).Str("citizen"), assigned.Items("pairs")[0].Str("coach")));

            // dev-coach leaves in a week: their caseload goes to k2 (same hub), and k2 met citizen 1 before.
            var leaving = today.AddDays(7).ToString("yyyy-MM-dd");
            var handover = await coach.JsonAsync(HttpMethod.Post, "/coach-assignments?publish=true", 201,
                $$$"""{"handover":{"coach":"dev-coach","leaving":"{{{leaving}}}"}}""");
            Assert.Equal(["0", "1"], handover.Items("pairs").Select(p => p.Str("citizen")));
            Assert.All(handover.Items("pairs"), p => Assert.Equal("k2", p.Str("coach")));
            Assert.True(handover.Items("pairs")[1].GetProperty("continuity").GetBoolean());
            Assert.Equal(2, handover.Items("ended").Length);

            var report = await analyst.JsonAsync(HttpMethod.Get, "/hubs/report", 200);
            Assert.Contains(report.Items("hubs"), h => h.Str("name") == "hub-a");
            Assert.Contains("not causal", report.Str("caveat"), StringComparison.Ordinal);
            await coach.ProblemAsync(HttpMethod.Get, "/hubs/report", 403);
        }

        // Restarted on the same store: the meeting, the assignment and the handover are still there.
        using (var api = ApiProcess.Start(settings))
        {
            await api.WaitUntilReadyAsync(http, StartTimeout);
            var tokens = await api.DevelopmentTokensAsync(TimeSpan.FromSeconds(10));
            var admin = new ProcessClient(http, api.Address, tokens["admin"]);
            var access = await admin.JsonAsync(HttpMethod.Get, "/people/0/subject-access", 200);
            Assert.Contains(access.Items("contacts"), c => c.Str("channel") == "video" && c.Str("date") == today.ToString("yyyy-MM-dd"));
            var coaching = access.Items("ties").Where(t => t.Str("kind") == "coaching").ToDictionary(t => t.Str("source"));
            Assert.Equal(today.AddDays(7).ToString("yyyy-MM-dd"), coaching["dev-coach"].Str("until"));
            Assert.Equal(today.AddDays(7).ToString("yyyy-MM-dd"), coaching["k2"].Str("since"));
            var k2 = (await admin.JsonAsync(HttpMethod.Get, "/coaches/k2/caseload", 200)).GetProperty("caseload");
            Assert.Equal(["2"], k2.Items("citizens").Select(c => c.Str("citizen"))); // 0 and 1 join on the leaving day
        }
    }

    /// <summary>The toy city with hubs (area A: hub-a, B: hub-b) and coaches dev-coach (hub-a, 2 places, coaching 0 and
    /// 1), k2 (hub-a, 3 places, met 1 in March) and k3 (hub-b, 1 place).</summary>
    private static string Seed(TempFolder folder)
    {
        var seed = Directory.CreateDirectory(folder.File("seed")).FullName;
        var toy = Repo.Sample("toy");
        var nodes = new StringBuilder();
        foreach (var line in File.ReadAllLines(Path.Combine(toy, "nodes.csv")))
        {
            if (line.StartsWith("id,", StringComparison.Ordinal)) { nodes.Append(line).Append(",capacity,hub\n"); continue; }
            nodes.Append(line).Append(line.Split(',')[2] switch { "A" => ",,hub-a", "B" => ",,hub-b", _ => ",," }).Append('\n');
        }
        nodes.Append("dev-coach,coach,A,employed,0.75,2,hub-a\nk2,coach,A,employed,0.75,3,hub-a\nk3,coach,B,employed,0.75,1,hub-b\n");
        File.WriteAllText(Path.Combine(seed, "nodes.csv"), nodes.ToString());
        File.WriteAllText(Path.Combine(seed, "ties.csv"), File.ReadAllText(Path.Combine(toy, "ties.csv")).TrimEnd('\n')
            + "\ndev-coach,0,coaching,1\ndev-coach,1,coaching,1\n");
        File.WriteAllText(Path.Combine(seed, "contacts.csv"), "coach,citizen,date,channel\ndev-coach,0,2026-05-01,in_person\nk2,1,2026-03-02,phone\n");
        return seed;
    }
}
