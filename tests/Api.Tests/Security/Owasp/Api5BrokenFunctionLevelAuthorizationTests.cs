using SocialCapital.Api.Tests.Audit;
using SocialCapital.Api.Tests.Infrastructure;
using SocialCapital.Security;
using SocialCapital.Storage;

namespace SocialCapital.Api.Tests.Security.Owasp;

/// <summary>OWASP API5:2023 Broken Function Level Authorization: a coach or analyst reaching the admin-only audit and
/// subject-rights functions, by the plain route or by forged parameters, methods and spellings.</summary>
public class Api5BrokenFunctionLevelAuthorizationTests(ToyApi toy) : IClassFixture<ToyApi>
{
    private readonly TestApi _api = toy.Api;

    public static TheoryData<string> NonAdmins => [ApiTokens.Coach, ApiTokens.Analyst];

    [Theory]
    [MemberData(nameof(NonAdmins))]
    public async Task AdminFunctions_NonAdmin_403AndTheAttemptIsAudited(string role)
    {
        var subject = $"api5-{role}";
        var client = _api.As(role, subject);
        foreach (var url in new[] { "/audit", "/people/3/subject-access" })
        {
            using var response = await client.GetAsync(url);
            await response.AssertProblemAsync(403);
        }
        using (var erasure = await client.SendAsync(HttpMethod.Post, "/people/3/erasure"))
            await erasure.AssertProblemAsync(403);
        using (var still = await _api.Admin.GetAsync("/people/3"))
            await still.AssertStatusAsync(200);

        var (entries, _) = await AuditStore.WaitForAsync(_api, new AuditQuery { Actor = subject }, count: 3);
        Assert.Equal(["POST /people/{id}/erasure", "GET /people/{id}/subject-access", "GET /audit"], entries.Select(e => e.Action));
        Assert.All(entries, e => Assert.Equal(("denied", role), (e.Outcome, e.Role)));
    }

    [Theory]
    [InlineData("/audit?actor=dev-coach")]
    [InlineData("/audit?role=admin")]
    [InlineData("/audit?target=3&page=1&pageSize=1000")]
    [InlineData("/AUDIT")]
    [InlineData("/audit/")]
    [InlineData("/Audit?actor=api5-forger")]
    [InlineData("/people/3/SUBJECT-ACCESS")]
    public async Task Audit_CoachForgingParametersOrSpelling_403(string url)
    {
        using var response = await _api.As(ApiTokens.Coach, "api5-forger").GetAsync(url);
        await response.AssertProblemAsync(403);
    }

    [Theory]
    [InlineData("X-HTTP-Method-Override", "GET")]
    [InlineData("X-Original-URL", "/audit")]
    [InlineData("X-Rewrite-URL", "/audit")]
    public async Task Audit_CoachWithOverrideHeaders_NeverGetsTheTrail(string header, string value)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/people/3", UriKind.Relative));
        request.Headers.Add(header, value);
        using var response = await _api.As(ApiTokens.Coach, "api5-headers").SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("\"actor\"", body, StringComparison.Ordinal);
        using var direct = new HttpRequestMessage(HttpMethod.Get, new Uri("/audit", UriKind.Relative));
        direct.Headers.Add(header, value);
        using var refused = await _api.As(ApiTokens.Coach, "api5-headers").SendAsync(direct);
        await refused.AssertProblemAsync(403);
    }

    [Fact]
    public async Task Audit_NoToken_401()
    {
        using var response = await _api.Anonymous.GetAsync("/audit?actor=dev-admin");
        await response.AssertProblemAsync(401);
    }
}
