using System.Net.Http.Headers;
using SocialCapital.Api.Tests.Infrastructure;

namespace SocialCapital.Api.Tests.Security;

/// <summary>Every role on every protected endpoint: allowed roles get a 2xx, other roles 403; a missing, foreign,
/// expired or otherwise bad token 401. Runs on a toy store of its own (admins write).</summary>
public class RoleAccessTests(ToyApi toy) : IClassFixture<ToyApi>
{
    private static readonly string[] Roles = [AccessTable.Coach, AccessTable.Analyst, AccessTable.Admin];

    private readonly TestApi _api = toy.Api;

    public static TheoryData<string, string> EndpointsAndRoles()
    {
        var data = new TheoryData<string, string>();
        foreach (var row in AccessTable.Rows) foreach (var role in Roles) data.Add(row.Endpoint, role);
        return data;
    }

    public static TheoryData<string, string> EndpointsAndBadTokens()
    {
        var data = new TheoryData<string, string>();
        foreach (var row in AccessTable.Rows)
            foreach (var token in new[] { "none", "signed with another key", "expired", "wrong issuer", "wrong audience", "not a jwt" })
                data.Add(row.Endpoint, token);
        return data;
    }

    public static TheoryData<string> Endpoints() => [.. AccessTable.Rows.Select(r => r.Endpoint)];

    [Theory]
    [MemberData(nameof(EndpointsAndRoles))]
    public async Task Endpoint_Role_AllowedRolesSucceedOthersAre403(string endpoint, string role)
    {
        var row = AccessTable.Row(endpoint);
        var key = $"{role}-{Guid.NewGuid():N}";
        if (row.Arrange is { } arrange)
            using (var arranged = await arrange(_api.Admin, key))
                await arranged.AssertSuccessAsync();
        var before = row.IsWrite ? await StoreState.ReadAsync(_api.Admin) : null;

        using var request = row.Request(key);
        using var response = await _api.As(role).SendAsync(request);

        if (row.Allowed.Contains(role))
        {
            await response.AssertSuccessAsync();
            Assert.True(response.SnapshotVersion() >= 1); // every answer names the snapshot it was served from
            Assert.StartsWith($"\"{response.SnapshotVersion()}-", response.ETag().Tag, StringComparison.Ordinal);
            // A write's answer is served from a snapshot that holds it: at the version its body names, or later (the
            // version a client sends back as X-Min-Version to read its write on any replica).
            if (row.IsWrite && WrittenVersion(await response.Content.ReadAsStringAsync()) is { } written)
                Assert.True(response.SnapshotVersion() >= written, $"{endpoint}: wrote version {written}, answered from {response.SnapshotVersion()}");
        }
        else
        {
            var problem = await response.AssertProblemAsync(403);
            Assert.Contains("role", problem.Str("detail"), StringComparison.Ordinal);
            if (before is not null) Assert.Equal(before, await StoreState.ReadAsync(_api.Admin));
        }
    }

    [Theory]
    [MemberData(nameof(EndpointsAndBadTokens))]
    public async Task Endpoint_BadToken_401WithABearerChallenge(string endpoint, string token)
    {
        var row = AccessTable.Row(endpoint);
        var client = token switch
        {
            "none" => _api.Anonymous,
            "signed with another key" => _api.WithToken(Tokens.SignedWithOtherKey(AccessTable.Admin), token),
            "expired" => _api.WithToken(Tokens.Expired(AccessTable.Admin), token),
            "wrong issuer" => _api.WithToken(Tokens.WrongIssuer(AccessTable.Admin), token),
            "wrong audience" => _api.WithToken(Tokens.WrongAudience(AccessTable.Admin), token),
            _ => _api.WithToken("not-a-jwt", token),
        };
        var before = row.IsWrite ? await StoreState.ReadAsync(_api.Admin) : null;

        using var request = row.Request("unauthenticated");
        using var response = await client.SendAsync(request);

        await response.AssertProblemAsync(401);
        Assert.Contains(response.Headers.WwwAuthenticate, h => h.Scheme == "Bearer");
        if (before is not null) Assert.Equal(before, await StoreState.ReadAsync(_api.Admin));
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Endpoint_ValidTokenWithAnUnknownRole_403(string endpoint)
    {
        using var request = AccessTable.Row(endpoint).Request("guest");
        using var response = await _api.As("guest").SendAsync(request);
        await response.AssertProblemAsync(403);
    }

    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    [InlineData("/openapi/v1.json")]
    public async Task AnonymousEndpoint_NoTokenOrABadOne_200(string url)
    {
        using (var anonymous = await _api.Anonymous.GetAsync(url)) await anonymous.AssertStatusAsync(200);
        using var expired = new HttpRequestMessage(HttpMethod.Get, new Uri(url, UriKind.Relative));
        expired.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Tokens.Expired(AccessTable.Coach));
        using var response = await _api.Anonymous.SendAsync(expired);
        await response.AssertStatusAsync(200);
    }

    /// <summary>The version a write's JSON body names (<c>write.version</c>, or an import's <c>version</c>), if any.</summary>
    private static long? WrittenVersion(string body)
    {
        if (!body.StartsWith('{')) return null;
        using var json = System.Text.Json.JsonDocument.Parse(body);
        var root = json.RootElement;
        if (root.TryGetProperty("write", out var write) && write.ValueKind == System.Text.Json.JsonValueKind.Object) return write.GetProperty("version").GetInt64();
        return root.TryGetProperty("version", out var version) && version.ValueKind == System.Text.Json.JsonValueKind.Number ? version.GetInt64() : null;
    }
}
