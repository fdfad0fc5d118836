using System.Net.Http.Headers;
using System.Text;
using SocialCapital.Api.Tests.Infrastructure;
using SocialCapital.Security;

namespace SocialCapital.Api.Tests.Security.Owasp;

/// <summary>The attacks replayed against the API as a real process over real HTTP, outside Development (OWASP
/// API1 object-level access, API3 property-level input, API6 the destructive import): what an attacker with a valid
/// coach token for one area, and an admin who sends an empty body, can and cannot do.</summary>
public sealed class RealProcessAttackTests
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Process_ScopedCoachAndCarelessAdmin_AreStoppedAndNothingChanges()
    {
        using var folder = new TempFolder();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        using var api = ApiProcess.Start(new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["ASPNETCORE_URLS"] = "",
            ["Store__Path"] = folder.File("store.db"),
            ["Store__Seed"] = Repo.Sample("toy"),
            ["Jwt__Issuer"] = Tokens.Issuer,
            ["Jwt__Audience"] = Tokens.Audience,
            ["Jwt__SigningKey"] = Tokens.SigningKey,
        });
        await api.WaitUntilReadyAsync(http, StartTimeout);
        var coachOfA = Tokens.For(ApiTokens.Coach, "coach-a", ["A"]);
        var admin = Tokens.For(ApiTokens.Admin, "admin-all");

        // Toy areas: A holds 0, 1, 2; B holds 3–6.
        using (var mine = await SendAsync(http, api, HttpMethod.Get, "/people/0", coachOfA))
            Assert.Equal("A", (await mine.JsonAsync(200)).Str("area"));
        string outOfScope, unknown;
        using (var other = await SendAsync(http, api, HttpMethod.Get, "/people/3", coachOfA))
            outOfScope = (await other.AssertProblemAsync(404)).Str("detail").Replace("'3'", "'ID'", StringComparison.Ordinal);
        using (var none = await SendAsync(http, api, HttpMethod.Get, "/people/zz", coachOfA))
            unknown = (await none.AssertProblemAsync(404)).Str("detail").Replace("'zz'", "'ID'", StringComparison.Ordinal);
        Assert.Equal(unknown, outOfScope);
        using (var list = await SendAsync(http, api, HttpMethod.Get, "/people?pageSize=100", coachOfA))
            Assert.Equal(["0", "1", "2"], (await list.JsonAsync(200)).Items().Select(p => p.Str("id")).Order());

        using (var wipe = await SendAsync(http, api, HttpMethod.Post, "/import", admin, "{}"))
            await wipe.AssertFieldErrorsAsync("nodes", "ties");
        using (var mass = await SendAsync(http, api, HttpMethod.Put, "/people/m1", admin, """{"kind":"citizen","Kind":"mentor","area":"A"}"""))
            await mass.AssertFieldErrorsAsync("Kind");
        using (var all = await SendAsync(http, api, HttpMethod.Get, "/people?pageSize=100", admin))
            Assert.Equal(12, (await all.JsonAsync(200)).GetProperty("total").GetInt32());

        // The analyst's single-tie differencing (issue point 1) is refused outright.
        var analyst = Tokens.For(ApiTokens.Analyst, "analyst-a", ["A"]);
        using (var probe = await SendAsync(http, api, HttpMethod.Post, "/what-if", analyst,
                   """{"ties":[{"source":"0","target":"3","kind":"friend"}]}"""))
            await probe.AssertProblemAsync(403);

        // The audit shows each of these calls, with who, what, whom and how it ended — read within a second or so.
        var expected = new[]
        {
            ("coach-a", "GET /people/{id}", "0", "ok"), ("coach-a", "GET /people/{id}", "3", "not_found"),
            ("coach-a", "GET /people/{id}", "zz", "not_found"), ("coach-a", "GET /people", "0,1,2", "ok"),
            ("admin-all", "POST /import", "", "invalid"), ("admin-all", "PUT /people/{id}", "m1", "invalid"),
            ("analyst-a", "POST /what-if", "", "denied"),
        };
        var seen = Array.Empty<(string, string, string, string)>();
        for (var attempt = 0; attempt < 40 && !expected.All(seen.Contains); attempt++)
        {
            await Task.Delay(100);
            using var audit = await SendAsync(http, api, HttpMethod.Get, "/audit?pageSize=100", admin);
            seen = [.. (await audit.JsonAsync(200)).Items().Select(e => (e.Str("actor"), e.Str("action"),
                string.Join(',', e.GetProperty("targets").EnumerateArray().Select(t => t.GetString())), e.Str("outcome")))];
        }
        Assert.All(expected, entry => Assert.Contains(entry, seen));
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient http, ApiProcess api, HttpMethod method, string path, string token, string? json = null)
    {
        var request = new HttpRequestMessage(method, new Uri(api.Address, path));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (json is not null) request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        return http.SendAsync(request);
    }
}
