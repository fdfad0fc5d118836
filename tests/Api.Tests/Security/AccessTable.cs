using System.Collections.Concurrent;
using SocialCapital.Api.Tests.Infrastructure;

namespace SocialCapital.Api.Tests.Security;

/// <summary>Every protected endpoint with a request that succeeds on the toy store, and the roles allowed to make it.
/// Write requests arrange what they need first (as admin), so each row can run on its own and in any order.</summary>
internal static class AccessTable
{
    public const string Coach = "coach";
    public const string Analyst = "analyst";
    public const string Admin = "admin";

    private static readonly string[] CoachWork = [Coach, Admin];
    private static readonly string[] AnalystWork = [Analyst, Admin];
    private static readonly string[] AdminWork = [Admin];

    public static readonly IReadOnlyList<AccessRow> Rows =
    [
        new("GET /people", CoachWork, _ => Get("/people?pageSize=3")),
        new("GET /people/{id}", CoachWork, _ => Get("/people/3")),
        new("GET /people/{id}/capital", CoachWork, _ => Get("/people/3/capital")),
        new("GET /people/{id}/betweenness", CoachWork, _ => Get("/people/3/betweenness")),
        new("GET /people/{id}/recommendations", CoachWork, _ => Get("/people/3/recommendations?top=3")),
        new("GET /citizens/{id}/mentor-matches", CoachWork, _ => Get("/citizens/3/mentor-matches")),
        new("GET /citizens/{id}/peer-groups", CoachWork, _ => Get("/citizens/3/peer-groups")),
        new("GET /citizens/{id}/mentor-matches/{mentorId}", CoachWork, key => Get($"/citizens/citizen-{key}/mentor-matches/mentor-{key}"), ArrangePair),
        new("GET /citizens/{id}/introductions", CoachWork, _ => Get("/citizens/3/introductions")),
        new("GET /people/{id}/network", CoachWork, _ => Get("/people/3/network")),
        new("GET /people/{id}/brokerage", CoachWork, _ => Get("/people/3/brokerage?group=work_status")),
        new("GET /people/{id}/community", CoachWork, _ => Get("/people/3/community")),
        new("GET /people/{id}/trends", CoachWork, _ => Get("/people/3/trends?from=2024-01-01&to=2024-03-01&every=1m&measure=degree")),
        new("POST /cohorts/assignments", CoachWork, _ => Send(HttpMethod.Post, "/cohorts/assignments", "{}")),
        // Named what-if: coaches and admins; analysts describe a programme instead (Api6UnrestrictedAccessToSensitiveBusinessFlowsTests:
        // the toy's areas are too small for one, so the programme form is tested on the city).
        new("POST /what-if", CoachWork, _ => Send(HttpMethod.Post, "/what-if", """{"ties":[{"source":"0","target":"11","kind":"friend"}]}""")),
        new("GET /areas", AnalystWork, _ => Get("/areas")),
        new("GET /areas (by)", AnalystWork, _ => Get("/areas?by=work_status")),
        new("GET /areas/trends", AnalystWork, _ => Get("/areas/trends?from=2024-01-01&to=2024-03-01&every=1m&measure=bridging_share")),
        new("GET /areas/{code}", AnalystWork, _ => Get("/areas/B")),
        new("GET /areas/boundaries", AnalystWork, _ => Get("/areas/boundaries")),
        new("GET /areas/brokerage", AnalystWork, _ => Get("/areas/brokerage?group=work_status")),
        new("GET /areas/communities", AnalystWork, _ => Get("/areas/communities?resolution=1.5&seed=2")),
        new("GET /groups", AnalystWork, _ => Get("/groups")),
        new("GET /evidence", AnalystWork, _ => Get("/evidence?window=6m")), // the toy has no status history: 200, not fitted
        new("PUT /people/{id}", AdminWork, key => Send(HttpMethod.Put, $"/people/access-{key}", """{"kind":"citizen","area":"A"}""")),
        new("DELETE /people/{id}", AdminWork, key => Send(HttpMethod.Delete, $"/people/gone-{key}"),
            (admin, key) => admin.PutJsonAsync($"/people/gone-{key}", new { kind = "citizen" })),
        new("PUT /ties", CoachWork, _ => Send(HttpMethod.Put, "/ties", """{"source":"2","target":"9","kind":"referral"}""")),
        new("PUT /ties (a kind coaches do not arrange)", AdminWork, _ => Send(HttpMethod.Put, "/ties", """{"source":"2","target":"9","kind":"colleague"}""")),
        new("DELETE /ties (every kind)", AdminWork, _ => Send(HttpMethod.Delete, "/ties?source=6&target=11"),
            (admin, _) => admin.PutJsonAsync("/ties", new { source = "6", target = "11", kind = "colleague" })),
        new("DELETE /ties", CoachWork, _ => Send(HttpMethod.Delete, "/ties?source=5&target=10&kind=referral"),
            (admin, _) => admin.PutJsonAsync("/ties", new { source = "5", target = "10", kind = "referral" })),
        new("POST /import", AdminWork, _ => new HttpRequestMessage(HttpMethod.Post, new Uri("/import", UriKind.Relative))
        {
            Content = Exported.Form(ToyFile("nodes.csv"), ToyFile("ties.csv")),
        }),
        new("POST /citizens/{id}/proposals", CoachWork,
            key => Send(HttpMethod.Post, $"/citizens/citizen-{key}/proposals", $$"""{"mentor":"mentor-{{key}}"}"""), ArrangePair),
        new("GET /proposals", CoachWork, _ => Get("/proposals")),
        new("GET /proposals/{proposalId}", CoachWork, key => Get($"/proposals/{ProposalOf(key)}"), ArrangeProposal),
        new("POST /proposals/{proposalId}/accept", CoachWork, key => Send(HttpMethod.Post, $"/proposals/{ProposalOf(key)}/accept"), ArrangeProposal),
        new("POST /proposals/{proposalId}/decline", CoachWork,
            key => Send(HttpMethod.Post, $"/proposals/{ProposalOf(key)}/decline", """{"reason":"not the right fit"}"""), ArrangeProposal),
        new("POST /proposals/{proposalId}/withdraw", CoachWork, key => Send(HttpMethod.Post, $"/proposals/{ProposalOf(key)}/withdraw", "{}"), ArrangeProposal),
        new("POST /rounds", CoachWork, _ => Send(HttpMethod.Post, "/rounds", """{"citizens":[]}""")),
        new("POST /rounds (preview)", CoachWork, _ => Send(HttpMethod.Post, "/rounds?preview=true", """{"citizens":[]}""")),
        new("POST /pairings/end", CoachWork,
            key => Send(HttpMethod.Post, "/pairings/end", $$"""{"mentor":"mentor-{{key}}","citizen":"1","outcome":"completed"}"""),
            async (admin, key) =>
            {
                using (var mentor = await admin.PutJsonAsync($"/people/mentor-{key}", new { kind = "mentor", area = "A", capacity = 1 }))
                    await mentor.AssertSuccessAsync();
                return await admin.PutJsonAsync("/ties", new { source = $"mentor-{key}", target = "1", kind = "mentoring", since = "2020-01-01" });
            }),
        new("PUT /people/{id}/status", CoachWork, _ => Send(HttpMethod.Put, "/people/3/status", """{"date":"2020-01-01","employment":"employed"}""")),
        new("GET /programme/report", AnalystWork, _ => Get("/programme/report")),
        // The coach rows name the coach a coach token is (its subject, dev-coach); admins may act for any coach.
        new("POST /coaches/{id}/contacts", CoachWork,
            key => Send(HttpMethod.Post, "/coaches/dev-coach/contacts", $$"""{"citizen":"citizen-{{key}}","date":"2020-01-01","channel":"phone"}"""),
            ArrangeCoach),
        new("GET /coaches/{id}/caseload", CoachWork, _ => Get("/coaches/dev-coach/caseload"), ArrangeCoach),
        new("GET /hubs/report", AnalystWork, _ => Get("/hubs/report")),
        new("GET /hubs/caseloads", CoachWork, _ => Get("/hubs/caseloads")),
        new("POST /coach-assignments", CoachWork, _ => Send(HttpMethod.Post, "/coach-assignments", """{"citizens":["3"]}""")),
        new("POST /coach-assignments (published)", CoachWork,
            key => Send(HttpMethod.Post, "/coach-assignments?publish=true", $$"""{"citizens":["citizen-{{key}}"]}"""), ArrangeCoach),
        new("GET /export", AdminWork, _ => Get("/export")),
        new("GET /audit", AdminWork, _ => Get("/audit?pageSize=3")),
        new("GET /people/{id}/subject-access", AdminWork, _ => Get("/people/3/subject-access")),
        new("POST /people/{id}/erasure", AdminWork, key => Send(HttpMethod.Post, $"/people/erase-{key}/erasure"),
            (admin, key) => admin.PutJsonAsync($"/people/erase-{key}", new { kind = "citizen" })),
    ];

    public static AccessRow Row(string endpoint) => Rows.Single(r => r.Endpoint == endpoint);

    /// <summary>The proposals an arrangement made, by the test case's key (the API makes their ids).</summary>
    private static readonly ConcurrentDictionary<string, string> Proposals = new(StringComparer.Ordinal);

    private static string ProposalOf(string key) => Proposals.GetValueOrDefault(key, "pr-not-arranged");

    /// <summary>A citizen and a mentor with one place, both of area A and new to the test case (a citizen has one pending
    /// proposal at a time).</summary>
    private static async Task<HttpResponseMessage> ArrangePair(HttpClient admin, string key)
    {
        using (var citizen = await admin.PutJsonAsync($"/people/citizen-{key}", new { kind = "citizen", area = "A", employment = "unemployed" }))
            await citizen.AssertSuccessAsync();
        return await admin.PutJsonAsync($"/people/mentor-{key}", new { kind = "mentor", area = "A", capacity = 1 });
    }

    /// <summary>The coach a coach token is (dev-coach, of area A, with room in their caseload) and a citizen of area A new to
    /// the test case.</summary>
    private static async Task<HttpResponseMessage> ArrangeCoach(HttpClient admin, string key)
    {
        using (var coach = await admin.PutJsonAsync("/people/dev-coach", new { kind = "coach", area = "A", capacity = 1000 }))
            await coach.AssertSuccessAsync();
        return await admin.PutJsonAsync($"/people/citizen-{key}", new { kind = "citizen", area = "A", employment = "unemployed" });
    }

    /// <summary>The pair of <see cref="ArrangePair"/>, proposed by an admin.</summary>
    private static async Task<HttpResponseMessage> ArrangeProposal(HttpClient admin, string key)
    {
        using (var pair = await ArrangePair(admin, key))
            await pair.AssertSuccessAsync();
        var response = await admin.PostJsonAsync($"/citizens/citizen-{key}/proposals", new { mentor = $"mentor-{key}" });
        var body = await response.JsonAsync(201);
        Proposals[key] = body.Str("id");
        return response;
    }

    private static string ToyFile(string name) => File.ReadAllText(Path.Combine(Repo.Sample("toy"), name));

    private static HttpRequestMessage Get(string url) => new(HttpMethod.Get, new Uri(url, UriKind.Relative));

    private static HttpRequestMessage Send(HttpMethod method, string url, string? json = null) =>
        new(method, new Uri(url, UriKind.Relative)) { Content = json is null ? null : Http.Json(json) };
}

/// <summary>One protected endpoint: its name, the roles it admits, a request that succeeds for them (given a key unique
/// to the test case), and what an admin must do first for it to succeed.</summary>
internal sealed record AccessRow(
    string Endpoint, IReadOnlyList<string> Allowed, Func<string, HttpRequestMessage> Request,
    Func<HttpClient, string, Task<HttpResponseMessage>>? Arrange = null)
{
    public bool IsWrite => !Endpoint.StartsWith("GET", StringComparison.Ordinal)
        && !Endpoint.StartsWith("POST /what-if", StringComparison.Ordinal) && !Endpoint.StartsWith("POST /cohorts", StringComparison.Ordinal)
        && Endpoint is not ("POST /coach-assignments" or "POST /rounds (preview)"); // previews
}
