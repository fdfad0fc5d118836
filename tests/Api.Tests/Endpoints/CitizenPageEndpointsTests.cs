using System.Text.Json;
using SocialCapital.Api.Tests.Infrastructure;
using SocialCapital.Model;
using SocialCapital.Security;

namespace SocialCapital.Api.Tests.Endpoints;

/// <summary>What the citizen page reads, on the city (read only): search (<c>GET /people?q=</c>), why (not) a mentor
/// (<c>GET /citizens/{id}/mentor-matches/{mentorId}</c>), the ego network (<c>GET /people/{id}/network</c>) and warm
/// introductions (<c>GET /citizens/{id}/introductions</c>), for callers of every area and of one.</summary>
[Collection(CityReadersCollection.Name)]
public class CitizenPageEndpointsTests(CityApi city)
{
    private const string Citizen = "p00007"; // unemployed, 16-24, area A3, wants logistics or retail

    private HttpClient CoachOf(string area) => city.Api.WithToken(Tokens.For(ApiTokens.Coach, $"coach-{area}", [area]), $"page-coach-{area}");

    private static NodeRecord Node(string id) => Samples.CityNode(id);

    private static string[] Ids(JsonElement page) => [.. page.Items().Select(p => p.Str("id"))];

    [Fact]
    public async Task Search_IdPrefix_ThoseIdsFirst()
    {
        using var response = await city.Api.Coach.GetAsync("/people?q=p0000&kind=citizen&pageSize=1000");
        var page = await response.JsonAsync(200);
        var expected = Samples.City.Nodes.Where(n => n.Kind == NodeKind.Citizen && n.Id.StartsWith("p0000", StringComparison.Ordinal)).Select(n => n.Id);
        Assert.Equal(expected, Ids(page));
    }

    [Fact]
    public async Task Search_Words_EveryWordMatchesAnAttribute()
    {
        using var response = await city.Api.Coach.GetAsync("/people?q=A3+UNEMPLOYED+logistics&pageSize=1000");
        var page = await response.JsonAsync(200);
        var ids = Ids(page);
        Assert.Contains(Citizen, ids);
        Assert.Equal(page.GetProperty("total").GetInt32(), ids.Length);
        Assert.All(ids.Select(Node), n =>
        {
            Assert.Equal("A3", n.Area);
            Assert.Equal(Employment.Unemployed, n.Employment);
            Assert.True(n.Goals.Contains("logistics") || n.Skills.Contains("logistics") || n.Sector == "logistics", n.Id);
        });
        var expected = Samples.City.Nodes.Count(n => n.Area == "A3" && n.Employment == Employment.Unemployed
            && (n.Goals.Contains("logistics") || n.Skills.Contains("logistics") || n.Sector == "logistics"));
        Assert.Equal(expected, ids.Length);
    }

    [Fact]
    public async Task Search_Paged_LikeTheList()
    {
        using var first = await city.Api.Coach.GetAsync("/people?q=unemployed&page=2&pageSize=7");
        var page = await first.JsonAsync(200);
        Assert.Equal((2, 7), (page.GetProperty("page").GetInt32(), page.GetProperty("pageSize").GetInt32()));
        Assert.Equal(7, page.Items().Length);
        Assert.Equal(Samples.City.Nodes.Count(n => n.Employment == Employment.Unemployed), page.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Search_ScopedCoach_OnlyTheirAreasEvenForAnotherAreasId()
    {
        var coach = CoachOf("A1");
        using var other = await coach.GetAsync($"/people?q={Citizen}");
        Assert.Equal(0, (await other.JsonAsync(200)).GetProperty("total").GetInt32());
        using var mine = await coach.GetAsync("/people?q=unemployed&pageSize=1000");
        var page = await mine.JsonAsync(200);
        Assert.Equal(Samples.City.Nodes.Count(n => n.Area == "A1" && n.Employment == Employment.Unemployed), page.GetProperty("total").GetInt32());
        Assert.All(page.Items(), p => Assert.Equal("A1", p.Str("area")));
    }

    [Fact]
    public async Task Search_TooLong_400NamingQ()
    {
        using var response = await city.Api.Coach.GetAsync($"/people?q={new string('x', 201)}");
        await response.AssertFieldErrorsAsync("q");
    }

    [Fact]
    public async Task WhyNot_EveryMentor_EligibleExactlyWhenRankedWithTheSameScore()
    {
        using var ranking = await city.Api.Coach.GetAsync($"/citizens/{Citizen}/mentor-matches?top=0&anyArea=true");
        var matches = (await ranking.JsonAsync(200)).Items("matches").ToDictionary(m => m.Str("mentor"), StringComparer.Ordinal);
        var rules = new HashSet<string>(StringComparer.Ordinal);
        foreach (var mentor in Samples.City.Nodes.Where(n => n.Kind == NodeKind.Mentor))
        {
            using var response = await city.Api.Coach.GetAsync($"/citizens/{Citizen}/mentor-matches/{mentor.Id}?anyArea=true");
            var why = await response.JsonAsync(200);
            rules.Add(why.Str("rule"));
            Assert.Equal(matches.ContainsKey(mentor.Id), why.GetProperty("eligible").GetBoolean());
            if (matches.TryGetValue(mentor.Id, out var match))
            {
                var explained = why.GetProperty("match");
                Assert.Equal(match.GetProperty("score").GetDouble(), explained.GetProperty("score").GetDouble());
                Assert.Equal(match.GetProperty("rank").GetInt32(), explained.GetProperty("rank").GetInt32());
                Assert.Contains("eligible", why.Str("why"), StringComparison.Ordinal);
            }
            else Assert.Equal(JsonValueKind.Null, why.GetProperty("match").ValueKind);
        }
        Assert.Contains("none", rules);
        Assert.Contains("no_free_place", rules);
    }

    [Fact]
    public async Task WhyNot_MentorOfAnotherArea_NamesTheAreaRule()
    {
        var mentor = Samples.City.Nodes.First(n => n.Kind == NodeKind.Mentor && n.Area == "A1" && n.Capacity > 0).Id;
        using var response = await CoachOf("A3").GetAsync($"/citizens/{Citizen}/mentor-matches/{mentor}");
        var why = await response.JsonAsync(200);
        Assert.Equal(Citizen, why.Str("citizen"));
        Assert.Equal(mentor, why.Str("mentor"));
        Assert.False(why.GetProperty("eligible").GetBoolean());
        Assert.Contains(why.Str("rule"), new[] { "other_area", "no_free_place" });
        if (why.Str("rule") == "other_area") Assert.Contains("lives in A1, the citizen in A3", why.Str("why"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WhyNot_NotAMentor_404AlikeForUnknownAndAnyOtherKind()
    {
        var coach = CoachOf("A3");
        var otherCitizen = Samples.City.Nodes.First(n => n.Kind == NodeKind.Citizen && n.Area == "A1").Id;
        using var unknown = await coach.GetAsync($"/citizens/{Citizen}/mentor-matches/nobody-at-all");
        using var citizen = await coach.GetAsync($"/citizens/{Citizen}/mentor-matches/{otherCitizen}");
        var a = (await unknown.AssertProblemAsync(404)).Str("detail").Replace("nobody-at-all", "ID", StringComparison.Ordinal);
        var b = (await citizen.AssertProblemAsync(404)).Str("detail").Replace(otherCitizen, "ID", StringComparison.Ordinal);
        Assert.Equal(a, b);
    }

    [Fact]
    public async Task Network_TwoHops_NodesFirstTheCentreAndEveryTieBetweenThem()
    {
        using var response = await city.Api.Coach.GetAsync($"/people/{Citizen}/network");
        var network = await response.JsonAsync(200);
        var nodes = network.Items("nodes");
        Assert.Equal(Citizen, nodes[0].Str("id"));
        Assert.Equal(0, nodes[0].GetProperty("hops").GetInt32());
        Assert.InRange(nodes.Length, 2, 150);
        var keys = nodes.Select(n => n.Str("key")).ToHashSet(StringComparer.Ordinal);
        var ties = network.Items("ties");
        Assert.NotEmpty(ties);
        Assert.All(ties, t =>
        {
            Assert.Contains(t.Str("source"), keys);
            Assert.Contains(t.Str("target"), keys);
            if (t.GetProperty("class").ValueKind != JsonValueKind.Null) Assert.Contains(t.Str("class"), new[] { "bonding", "bridging", "linking" });
        });
        Assert.Contains(nodes, n => n.GetProperty("hops").GetInt32() == 2);
        Assert.All(nodes.Where(n => n.GetProperty("id").ValueKind != JsonValueKind.Null), n => Assert.Equal(Node(n.Str("id")).Area, n.GetProperty("area").GetString()));
    }

    [Fact]
    public async Task Network_Capped_SaysTruncated()
    {
        using var response = await city.Api.Coach.GetAsync($"/people/{Citizen}/network?max=5");
        var network = await response.JsonAsync(200);
        Assert.Equal(5, network.Items("nodes").Length);
        Assert.True(network.GetProperty("truncated").GetBoolean());
        Assert.True(network.GetProperty("reached").GetInt32() > 5);
    }

    [Fact]
    public async Task Network_ScopedCoach_NoIdOrAttributeOfAnotherArea()
    {
        // A citizen of A3 with a contact outside A3.
        var ties = Samples.City.Ties.Where(t => t.Kind.IsPersonToPerson()).ToArray();
        var citizen = ties.Select(t => (t.Source, t.Target)).Where(p => Node(p.Source).Kind == NodeKind.Citizen && Node(p.Source).Area == "A3"
            && Node(p.Target).Area != "A3").Select(p => p.Source).First();
        using var response = await CoachOf("A3").GetAsync($"/people/{citizen}/network");
        var network = await response.JsonAsync(200);
        var nodes = network.Items("nodes");
        var hidden = nodes.Where(n => n.GetProperty("id").ValueKind == JsonValueKind.Null).ToArray();
        Assert.NotEmpty(hidden);
        Assert.All(hidden, n =>
        {
            Assert.StartsWith("hidden-", n.Str("key"), StringComparison.Ordinal);
            Assert.Equal(1, n.GetProperty("hops").GetInt32());
            Assert.Equal(JsonValueKind.Null, n.GetProperty("area").ValueKind);
            Assert.Equal(JsonValueKind.Null, n.GetProperty("employment").ValueKind);
        });
        Assert.All(nodes.Where(n => n.GetProperty("id").ValueKind != JsonValueKind.Null), n => Assert.Equal("A3", n.Str("area")));
        var json = network.GetRawText();
        Assert.DoesNotContain(Samples.City.Nodes.Where(n => n.Area != "A3"), n => json.Contains($"\"{n.Id}\"", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("hops=3", "hops")]
    [InlineData("hops=0", "hops")]
    [InlineData("max=0", "max")]
    [InlineData("max=2001", "max")]
    public async Task Network_BadArguments_400NamingThem(string query, string field)
    {
        using var response = await city.Api.Coach.GetAsync($"/people/{Citizen}/network?{query}");
        await response.AssertFieldErrorsAsync(field);
    }

    [Fact]
    public async Task Introductions_ScopedCoach_OnlyTheirEmployersAndNoOneElseNamed()
    {
        // The citizens of A3 with an introduction, for a caller of every area.
        var found = 0;
        foreach (var citizen in Samples.City.Nodes.Where(n => n.Kind == NodeKind.Citizen && n.Area == "A3" && n.Goals.Count > 0).Take(60))
        {
            using var all = await city.Api.Coach.GetAsync($"/citizens/{citizen.Id}/introductions?maxHops=2");
            var items = (await all.JsonAsync(200)).Items();
            Assert.All(items, i => Assert.InRange(i.GetProperty("hops").GetInt32(), 1, 2));
            using var scoped = await CoachOf("A3").GetAsync($"/citizens/{citizen.Id}/introductions?maxHops=2");
            var mine = (await scoped.JsonAsync(200)).Items();
            Assert.Equal(items.Count(i => Node(i.Str("employer")).Area == "A3"), mine.Length);
            Assert.Equal(Enumerable.Range(1, mine.Length), mine.Select(i => i.GetProperty("rank").GetInt32()));
            foreach (var step in mine.SelectMany(i => i.Items("path")).Select(p => p.GetString()!))
                Assert.True(step == "someone outside your areas" || Node(step).Area == "A3", step);
            found += items.Length;
        }
        Assert.True(found > 0, "some citizen of A3 has a warm introduction");
    }

    [Fact]
    public async Task Capital_AreaMeasures_AsAnalystsSeeTheirArea()
    {
        using var capital = await CoachOf("A3").GetAsync($"/people/{Citizen}/capital");
        var area = (await capital.JsonAsync(200)).GetProperty("area");
        using var analyst = await city.Api.Analyst.GetAsync("/areas/A3");
        var row = await analyst.JsonAsync(200);
        Assert.Equal("A3", area.Str("area"));
        Assert.Equal(row.GetProperty("economicConnectedness").GetDouble(), area.GetProperty("economicConnectedness").GetDouble());
        Assert.Equal(row.GetProperty("meanConstraint").GetDouble(), area.GetProperty("meanConstraint").GetDouble());
    }

    [Fact]
    public async Task Introductions_BadMaxHops_400()
    {
        using var response = await city.Api.Coach.GetAsync($"/citizens/{Citizen}/introductions?maxHops=7");
        await response.AssertFieldErrorsAsync("maxHops");
    }
}
