using System.Text.Json;
using SocialCapital.Api.Tests.Infrastructure;
using SocialCapital.Model;
using SocialCapital.Security;

namespace SocialCapital.Api.Tests.Security.Owasp;

/// <summary>OWASP API1:2023 Broken Object Level Authorization: a caller reaches only the individuals of their own areas,
/// and an individual of another area is answered exactly like one that does not exist.</summary>
public sealed class Api1BrokenObjectLevelAuthorizationTests : IClassFixture<CityApi>
{
    private readonly TestApi _api;
    private readonly HttpClient _coachA1;

    public Api1BrokenObjectLevelAuthorizationTests(CityApi city)
    {
        _api = city.Api;
        _coachA1 = Scoped(ApiTokens.Coach, "A1");
    }

    private HttpClient Scoped(string role, params string[] areas) =>
        _api.WithToken(Tokens.For(role, $"{role}-{string.Join('-', areas)}", areas), $"{role}|{string.Join(',', areas)}");

    private static NodeRecord First(NodeKind kind, string area, Func<NodeRecord, bool>? also = null) =>
        Samples.City.Nodes.First(n => n.Kind == kind && n.Area == area && (also?.Invoke(n) ?? true));

    /// <summary>Status and body of a 404, without the id (which differs by design).</summary>
    private static async Task<(int Status, string Title, string Detail)> NotFoundShapeAsync(HttpResponseMessage response, string id)
    {
        var problem = await response.AssertProblemAsync(404);
        return (404, problem.Str("title"), problem.Str("detail").Replace(id, "ID", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("/people/{0}")]
    [InlineData("/people/{0}/capital")]
    [InlineData("/people/{0}/recommendations")]
    [InlineData("/citizens/{0}/mentor-matches")]
    [InlineData("/citizens/{0}/peer-groups")]
    [InlineData("/citizens/{0}/introductions")]
    [InlineData("/citizens/{0}/mentor-matches/p00623")] // a mentor of A1
    [InlineData("/people/{0}/network")]
    [InlineData("/people/{0}/betweenness")]
    [InlineData("/people/{0}/trends?from=2024-01-01&to=2025-01-01&every=3m")]
    public async Task Read_CitizenOfAnotherArea_404ExactlyLikeAnUnknownId(string route)
    {
        var other = First(NodeKind.Citizen, "A2").Id;
        var mine = First(NodeKind.Citizen, "A1").Id;
        using var ok = await _coachA1.GetAsync(string.Format(route, mine));
        await ok.AssertSuccessAsync();
        using var outOfScope = await _coachA1.GetAsync(string.Format(route, other));
        using var unknown = await _coachA1.GetAsync(string.Format(route, "nobody-at-all"));
        Assert.Equal(await NotFoundShapeAsync(unknown, "nobody-at-all"), await NotFoundShapeAsync(outOfScope, other));
    }

    [Fact]
    public async Task Read_MentorOfAnotherAreaAsCitizen_SameAnswerAsUnknownNoKindOracle()
    {
        var mentor = First(NodeKind.Mentor, "A2").Id;
        using var response = await _coachA1.GetAsync($"/citizens/{mentor}/mentor-matches");
        var detail = (await response.AssertProblemAsync(404)).Str("detail");
        Assert.DoesNotContain("mentor", detail.Replace(mentor, "", StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task List_People_OnlyTheCallersAreasEvenWhenAskingForAnother()
    {
        using var all = await _coachA1.GetAsync("/people?pageSize=1000");
        var page = await all.JsonAsync(200);
        Assert.Equal(Samples.City.Nodes.Count(n => n.Area == "A1"), page.GetProperty("total").GetInt32());
        Assert.All(page.Items(), p => Assert.Equal("A1", p.Str("area")));
        using var other = await _coachA1.GetAsync("/people?area=A2");
        Assert.Equal(0, (await other.JsonAsync(200)).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task List_PagingThroughEverything_NeverLeaksAnotherArea()
    {
        var seen = new List<string>();
        for (var page = 1; ; page++)
        {
            using var response = await _coachA1.GetAsync($"/people?page={page}&pageSize=1000");
            var items = (await response.JsonAsync(200)).Items();
            if (items.Length == 0) break;
            seen.AddRange(items.Select(i => i.Str("area")));
        }
        Assert.NotEmpty(seen);
        Assert.All(seen, area => Assert.Equal("A1", area));
    }

    [Fact]
    public async Task Capital_ContactInAnotherArea_ShownWithoutItsId()
    {
        var citizen = Samples.City.Nodes.First(n => n.Kind == NodeKind.Citizen && n.Area == "A1"
            && Samples.City.Ties.Any(t => (t.Source == n.Id && Samples.CityNode(t.Target).Area != "A1")
                || (t.Target == n.Id && Samples.CityNode(t.Source).Area != "A1")));
        using var response = await _coachA1.GetAsync($"/people/{citizen.Id}/capital");
        var contacts = (await response.JsonAsync(200)).Items("contacts");
        Assert.Contains(contacts, c => c.GetProperty("id").ValueKind == JsonValueKind.Null);
        Assert.All(contacts.Where(c => c.GetProperty("id").ValueKind == JsonValueKind.String),
            c => Assert.Equal("A1", Samples.CityNode(c.Str("id")).Area));
    }

    [Fact]
    public async Task Recommendations_OnlyPeersOfTheCallersAreasRankedFromOne()
    {
        var citizen = First(NodeKind.Citizen, "A1").Id;
        using var response = await _coachA1.GetAsync($"/people/{citizen}/recommendations?top=0");
        var items = (await response.JsonAsync(200)).Items();
        Assert.All(items, s => Assert.Equal("A1", Samples.CityNode(s.Str("peer")).Area));
        Assert.Equal(Enumerable.Range(1, items.Length), items.Select(s => s.GetProperty("rank").GetInt32()));
    }

    [Fact]
    public async Task PeerGroups_OnlyGroupsOfTheCallersAreas()
    {
        var citizen = First(NodeKind.Citizen, "A1").Id;
        using var response = await _coachA1.GetAsync($"/citizens/{citizen}/peer-groups?top=0");
        Assert.All((await response.JsonAsync(200)).Items(), g => Assert.Equal("A1", Samples.CityNode(g.Str("group")).Area));
    }

    [Fact]
    public async Task Cohort_WithoutAList_AssignsOnlyTheCallersCitizens()
    {
        using var response = await _coachA1.PostJsonAsync("/cohorts/assignments", new { });
        var result = await response.JsonAsync(200);
        Assert.Equal(Samples.City.Nodes.Count(n => n.Kind == NodeKind.Citizen && n.Area == "A1"), result.GetProperty("citizens").GetInt32());
        Assert.All(result.Items("pairs"), p => Assert.Equal("A1", Samples.CityNode(p.Str("citizen")).Area));
    }

    [Fact]
    public async Task Cohort_ListingACitizenOfAnotherArea_404LikeUnknown()
    {
        var other = First(NodeKind.Citizen, "A2").Id;
        using var response = await _coachA1.PostJsonAsync("/cohorts/assignments", new { citizens = new[] { other } });
        var detail = (await response.AssertProblemAsync(404)).Str("detail");
        Assert.Equal($"No citizen you may see has id '{other}'.", detail);
    }

    [Fact]
    public async Task Areas_AnalystOfA1AndA3_SeesOnlyThoseAndOthersAre404()
    {
        var analyst = Scoped(ApiTokens.Analyst, "A1", "A3");
        using var list = await analyst.GetAsync("/areas");
        Assert.Equal(["A1", "A3"], (await list.JsonAsync(200)).Items().Select(a => a.Str("area")));
        using var other = await analyst.GetAsync("/areas/A2");
        using var unknown = await analyst.GetAsync("/areas/ZZ");
        Assert.Equal(await NotFoundShapeAsync(unknown, "ZZ"), await NotFoundShapeAsync(other, "A2"));
        using var groups = await analyst.GetAsync("/groups?pageSize=1000");
        Assert.All((await groups.JsonAsync(200)).Items(), g => Assert.Contains(g.Str("area"), new[] { "A1", "A3" }));
    }

    [Fact]
    public async Task TokenWithoutAreaClaim_OutsideDevelopment_SeesNoIndividualAndNoArea()
    {
        var bare = _api.WithToken(ApiTokens.Mint(ApiTokens.Admin, Tokens.Issuer, Tokens.Audience, Tokens.SigningKey, TimeSpan.FromHours(1), "bare"), "bare");
        using var list = await bare.GetAsync("/people");
        Assert.Equal(0, (await list.JsonAsync(200)).GetProperty("total").GetInt32());
        using var one = await bare.GetAsync($"/people/{First(NodeKind.Citizen, "A1").Id}");
        await one.AssertProblemAsync(404);
        using var areas = await bare.GetAsync("/areas");
        Assert.Equal(0, (await areas.JsonAsync(200)).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task CoachWrite_MentoringForTheirCitizenWithAMentorOfAnotherArea_StoredThenEnded()
    {
        var citizen = First(NodeKind.Citizen, "A1", n => n.Id.EndsWith('7')).Id;
        var mentor = First(NodeKind.Mentor, "A2").Id;
        using (var put = await _coachA1.PutJsonAsync("/ties", new { source = mentor, target = citizen, kind = "mentoring", since = "2026-01-01" }))
            await put.AssertSuccessAsync();
        using (var end = await _coachA1.PutJsonAsync("/ties", new { source = mentor, target = citizen, kind = "mentoring", since = "2026-01-01", until = "2026-06-01" }))
            Assert.Equal(200, (int)end.StatusCode);
        using var delete = await _coachA1.SendAsync(HttpMethod.Delete, $"/ties?source={mentor}&target={citizen}&kind=mentoring");
        await delete.AssertSuccessAsync();
    }

    [Theory]
    [InlineData("friend")]
    [InlineData("colleague")]
    [InlineData("employment")]
    public async Task CoachWrite_KindCoachesDoNotArrange_403(string kind)
    {
        var a = First(NodeKind.Citizen, "A1").Id;
        var b = kind == "employment" ? First(NodeKind.Employer, "A1").Id : First(NodeKind.Citizen, "A1", n => n.Id != a).Id;
        using var response = await _coachA1.PutJsonAsync("/ties", new { source = a, target = b, kind });
        Assert.Contains("coach", (await response.AssertProblemAsync(403)).Str("detail"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CoachWrite_DeleteEveryKindAtOnce_403()
    {
        var a = First(NodeKind.Citizen, "A1").Id;
        var b = First(NodeKind.Citizen, "A1", n => n.Id != a).Id;
        using var response = await _coachA1.SendAsync(HttpMethod.Delete, $"/ties?source={a}&target={b}");
        await response.AssertProblemAsync(403);
    }

    [Fact]
    public async Task CoachWrite_CitizenOfAnotherArea_404ExactlyLikeUnknownAndNothingStored()
    {
        var mentor = First(NodeKind.Mentor, "A1").Id;
        var other = First(NodeKind.Citizen, "A2").Id;
        var before = await _api.Admin.GetAsync($"/people/{other}/capital");
        using var outOfScope = await _coachA1.PutJsonAsync("/ties", new { source = mentor, target = other, kind = "mentoring" });
        using var unknown = await _coachA1.PutJsonAsync("/ties", new { source = mentor, target = "nobody-at-all", kind = "mentoring" });
        Assert.Equal(await NotFoundShapeAsync(unknown, "nobody-at-all"), await NotFoundShapeAsync(outOfScope, other));
        using var after = await _api.Admin.GetAsync($"/people/{other}/capital");
        Assert.DoesNotContain((await after.JsonAsync(200)).Items("contacts"), c => c.GetProperty("id").GetString() == mentor);
    }

    [Fact]
    public async Task CoachWrite_MembershipOfTheirCitizen_Stored()
    {
        var citizen = First(NodeKind.Citizen, "A1", n => n.Id.EndsWith('3')).Id;
        var group = First(NodeKind.PeerGroup, "A1").Id;
        using var response = await _coachA1.PutJsonAsync("/ties", new { source = citizen, target = group, kind = "membership" });
        await response.AssertSuccessAsync();
    }

    [Fact]
    public async Task AdminOfA1_StoringAPersonInA2_403AndUpdatingAnA2Person_404()
    {
        var admin = Scoped(ApiTokens.Admin, "A1");
        using var create = await admin.PutJsonAsync("/people/new-in-a2", new { kind = "citizen", area = "A2" });
        await create.AssertProblemAsync(403);
        var other = First(NodeKind.Citizen, "A2").Id;
        using var update = await admin.PutJsonAsync($"/people/{other}", new { kind = "citizen", area = "A1" });
        await update.AssertProblemAsync(404);
        using var delete = await admin.SendAsync(HttpMethod.Delete, $"/people/{other}");
        using var deleteUnknown = await admin.SendAsync(HttpMethod.Delete, "/people/nobody-at-all");
        Assert.Equal(await NotFoundShapeAsync(deleteUnknown, "nobody-at-all"), await NotFoundShapeAsync(delete, other));
        using var still = await _api.Admin.GetAsync($"/people/{other}");
        Assert.Equal("A2", (await still.JsonAsync(200)).Str("area"));
    }
}

/// <summary>OWASP API1:2023, the routes that cover every area — import, export, the audit trail, a data subject's access
/// and erasure — are closed to an admin of some areas.</summary>
public sealed class Api1WholeDatasetTests(ToyApi toy) : IClassFixture<ToyApi>
{
    [Theory]
    [InlineData("GET", "/export")]
    [InlineData("POST", "/import")]
    [InlineData("GET", "/audit")]
    [InlineData("GET", "/people/0/subject-access")]
    [InlineData("POST", "/people/0/erasure")]
    public async Task AdminOfOneArea_WholeDatasetRoute_403NamingTheirAreasAndNothingChanged(string method, string url)
    {
        var admin = toy.Api.WithToken(Tokens.For("admin", "admin-of-a", ["A"]), "admin-of-a");
        using var response = await admin.SendAsync(new HttpMethod(method), url,
            method == "POST" ? Http.Json("""{"nodes":[{"id":"x","kind":"citizen","area":"A"}],"ties":[]}""") : null);
        Assert.Contains("every area", (await response.AssertProblemAsync(403)).Str("detail"), StringComparison.Ordinal);
        using var all = await toy.Api.Admin.GetAsync("/people");
        Assert.Equal(12, (await all.JsonAsync(200)).GetProperty("total").GetInt32());
    }
}

/// <summary>OWASP API1:2023, the second look (a review's findings): what a coach of one area can learn through reasons,
/// named what-if and tie writes about the nodes of other areas.</summary>
public sealed class Api1SecondLookTests : IClassFixture<CityApi>
{
    private readonly TestApi _api;
    private readonly HttpClient _coachA1;

    public Api1SecondLookTests(CityApi city)
    {
        _api = city.Api;
        _coachA1 = _api.WithToken(Tokens.For("coach", "coach-a1-second", ["A1"]), "coach-a1-second");
    }

    private static NodeRecord First(NodeKind kind, string area) => Samples.City.Nodes.First(n => n.Kind == kind && n.Area == area);

    private static bool NamesSomeoneOutsideA1(string text) =>
        System.Text.RegularExpressions.Regex.Matches(text, "[A-Za-z0-9._:-]+")
            .Any(m => Samples.City.Nodes.FirstOrDefault(n => n.Id == m.Value) is { } node && node.Area != "A1");

    [Fact]
    public async Task Reasons_OfRecommendationsMatchesAndGroups_NameNobodyOutsideTheCallersAreas()
    {
        var reasons = new List<string>();
        foreach (var citizen in Samples.City.Nodes.Where(n => n.Kind == NodeKind.Citizen && n.Area == "A1").Take(15))
        {
            foreach (var url in (string[])[$"/people/{citizen.Id}/recommendations?top=0", $"/citizens/{citizen.Id}/peer-groups?top=0"])
            {
                using var response = await _coachA1.GetAsync(url);
                reasons.AddRange((await response.JsonAsync(200)).Items().SelectMany(i => i.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()!)));
            }
            using var matches = await _coachA1.GetAsync($"/citizens/{citizen.Id}/mentor-matches?anyArea=true&top=0");
            reasons.AddRange((await matches.JsonAsync(200)).Items("matches").SelectMany(i => i.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()!)));
        }
        Assert.NotEmpty(reasons);
        Assert.DoesNotContain(reasons, NamesSomeoneOutsideA1);
    }

    [Fact]
    public async Task NamedWhatIf_TieBetweenTwoMentorsOfOtherAreas_400AndNoAnswer()
    {
        var body = new { ties = new[] { new { source = First(NodeKind.Mentor, "A2").Id, target = First(NodeKind.Mentor, "A3").Id, kind = "friend" } } };
        using var response = await _coachA1.PostJsonAsync("/what-if", body);
        await response.AssertProblemAsync(400);
    }

    [Fact]
    public async Task NamedWhatIf_OwnCitizenWithAMentorOfAnotherArea_AnswersOnlyTheCallersAreas()
    {
        var body = new { assignment = new[] { new { citizen = First(NodeKind.Citizen, "A1").Id, mentor = First(NodeKind.Mentor, "A2").Id } } };
        using var response = await _coachA1.PostJsonAsync("/what-if", body);
        Assert.All((await response.JsonAsync(200)).Items("areas"), a => Assert.Equal("A1", a.Str("area")));
    }

    [Theory]
    [InlineData(NodeKind.Coach, "coaching")]
    [InlineData(NodeKind.PeerGroup, "membership")]
    [InlineData(NodeKind.Employer, "referral")]
    public async Task CoachWrite_NonCitizenOfAnotherArea_404ExactlyLikeUnknownNoKindOracle(NodeKind kind, string tieKind)
    {
        var citizen = First(NodeKind.Citizen, "A1").Id;
        var other = First(kind, "A2").Id;
        object Body(string id) => kind == NodeKind.PeerGroup
            ? new { source = citizen, target = id, kind = tieKind } : new { source = id, target = citizen, kind = tieKind };
        using var outOfScope = await _coachA1.PutJsonAsync("/ties", Body(other));
        using var unknown = await _coachA1.PutJsonAsync("/ties", Body("nobody-at-all"));
        var a = (await outOfScope.AssertProblemAsync(404)).Str("detail").Replace(other, "ID", StringComparison.Ordinal);
        var b = (await unknown.AssertProblemAsync(404)).Str("detail").Replace("nobody-at-all", "ID", StringComparison.Ordinal);
        Assert.Equal(b, a);
    }
}
