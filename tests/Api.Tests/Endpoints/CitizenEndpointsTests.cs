using System.Text.Json;
using SocialCapital.Api.Tests.Infrastructure;
using SocialCapital.Model;

namespace SocialCapital.Api.Tests.Endpoints;

/// <summary><c>GET /citizens/{id}/mentor-matches</c> and <c>/peer-groups</c> on the city (read only).</summary>
[Collection(CityReadersCollection.Name)]
public class CitizenEndpointsTests(CityApi city)
{
    private const string Citizen = "p00007"; // unemployed, 16-24, area A3, wants logistics or retail

    [Fact]
    public async Task MentorMatches_Citizen_SortedByScoreWithPartsAndReasonsInTheirArea()
    {
        using var response = await city.Api.Coach.GetAsync($"/citizens/{Citizen}/mentor-matches?top=5");
        var body = await response.JsonAsync(200);
        Assert.Equal(Citizen, body.Str("citizen"));
        var matches = body.Items("matches");
        Assert.Equal(5, matches.Length);
        Assert.True(body.GetProperty("eligible").GetInt32() >= matches.Length);
        AssertRanked(matches);
        var citizen = Node(Citizen);
        Assert.All(matches, m =>
        {
            Assert.Equal(Citizen, m.Str("citizen"));
            var mentor = Node(m.Str("mentor"));
            Assert.Equal(NodeKind.Mentor, mentor.Kind);
            Assert.Equal(citizen.Area, mentor.Area);
            foreach (var part in new[] { "score", "goalFit", "bridging", "proximity", "locality", "capacity" })
                Assert.InRange(m.GetProperty(part).GetDouble(), 0, 1);
            Assert.NotEmpty(m.Items("reasons"));
        });
        Assert.Contains(matches[0].Items("reasons"), r => r.GetString()!.Contains($"same area ({citizen.Area})", StringComparison.Ordinal));
        var ineligible = body.GetProperty("ineligible");
        Assert.True(ineligible.GetProperty("otherArea").GetInt32() > 0, "mentors in other areas are counted as ineligible");
    }

    [Fact]
    public async Task MentorMatches_TopZero_EveryEligibleMentorAsTheEngineRuleSays()
    {
        using var response = await city.Api.Coach.GetAsync($"/citizens/{Citizen}/mentor-matches?top=0&anyArea=true");
        var body = await response.JsonAsync(200);
        var matches = body.Items("matches");
        Assert.True(matches.Length > 10, $"top=0 should list every eligible mentor, got {matches.Length}");
        Assert.Equal(body.GetProperty("eligible").GetInt32(), matches.Length);
        AssertRanked(matches);
    }

    [Fact]
    public async Task MentorMatches_AnyArea_MoreEligibleAndNoneLeftOutForTheirArea()
    {
        using var local = await city.Api.Coach.GetAsync($"/citizens/{Citizen}/mentor-matches");
        using var any = await city.Api.Coach.GetAsync($"/citizens/{Citizen}/mentor-matches?anyArea=true&top=1000");
        var localBody = await local.JsonAsync(200);
        var anyBody = await any.JsonAsync(200);
        Assert.True(anyBody.GetProperty("eligible").GetInt32() > localBody.GetProperty("eligible").GetInt32());
        Assert.Equal(0, anyBody.GetProperty("ineligible").GetProperty("otherArea").GetInt32());
        var matches = anyBody.Items("matches");
        Assert.Equal(anyBody.GetProperty("eligible").GetInt32(), matches.Length);
        AssertRanked(matches);
        Assert.True(matches.Select(m => Node(m.Str("mentor")).Area).Distinct().Count() > 1, "any area gives mentors from several areas");
        Assert.Equal(10, localBody.Items("matches").Length); // default top
    }

    [Fact]
    public async Task MentorMatches_NeverACurrentOrPastMentorNorAFullOne()
    {
        var today = Samples.Today;
        var mentoring = Samples.City.Ties.Where(t => t.Kind == TieKind.Mentoring).ToArray();
        var citizen = mentoring.Select(t => t.Target).First(c => Node(c).Kind == NodeKind.Citizen);
        var past = mentoring.Where(t => t.Target == citizen).Select(t => t.Source).ToHashSet(StringComparer.Ordinal);
        using var response = await city.Api.Coach.GetAsync($"/citizens/{citizen}/mentor-matches?anyArea=true&top=1000");
        var body = await response.JsonAsync(200);
        Assert.True(body.GetProperty("ineligible").GetProperty("pastOrCurrentMentor").GetInt32() >= 1);
        Assert.All(body.Items("matches"), m =>
        {
            var mentor = m.Str("mentor");
            Assert.DoesNotContain(mentor, past);
            var current = mentoring.Where(t => t.Source == mentor && t.IsActiveOn(today)).Select(t => t.Target).Distinct().Count();
            Assert.True(Node(mentor).Capacity > current, $"{mentor} has no free place");
        });
    }

    [Fact]
    public async Task MentorMatches_MentorId_404()
    {
        var mentor = Samples.City.Nodes.First(n => n.Kind == NodeKind.Mentor).Id;
        using var response = await city.Api.Coach.GetAsync($"/citizens/{mentor}/mentor-matches");
        var problem = await response.AssertProblemAsync(404);
        Assert.Contains("mentor", problem.Str("detail"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task MentorMatches_UnknownId_404()
    {
        using var response = await city.Api.Coach.GetAsync("/citizens/nobody/mentor-matches");
        await response.AssertProblemAsync(404);
    }

    [Fact]
    public async Task PeerGroups_Citizen_GroupsWithFreePlacesBestFirstWithReasons()
    {
        using var response = await city.Api.Coach.GetAsync($"/citizens/{Citizen}/peer-groups?top=4");
        var body = await response.JsonAsync(200);
        Assert.Equal(Citizen, body.Str("person"));
        var items = body.Items();
        Assert.Equal(4, items.Length);
        AssertRanked(items);
        var memberOf = Samples.City.Ties.Where(t => t.Kind == TieKind.Membership && t.Source == Citizen && t.IsActiveOn(Samples.Today))
            .Select(t => t.Target).ToHashSet(StringComparer.Ordinal);
        Assert.All(items, g =>
        {
            Assert.Equal(Citizen, g.Str("citizen"));
            Assert.Equal(NodeKind.PeerGroup, Node(g.Str("group")).Kind);
            Assert.DoesNotContain(g.Str("group"), memberOf);
            Assert.True(g.GetProperty("freePlaces").GetInt32() > 0);
            Assert.NotEmpty(g.Items("reasons"));
        });
    }

    [Fact]
    public async Task PeerGroups_Mentor_404()
    {
        var mentor = Samples.City.Nodes.First(n => n.Kind == NodeKind.Mentor).Id;
        using var response = await city.Api.Coach.GetAsync($"/citizens/{mentor}/peer-groups");
        await response.AssertProblemAsync(404);
    }

    private static NodeRecord Node(string id) => Samples.CityNode(id);

    private static void AssertRanked(JsonElement[] items)
    {
        Assert.Equal(Enumerable.Range(1, items.Length), items.Select(i => i.GetProperty("rank").GetInt32()));
        for (var i = 1; i < items.Length; i++)
            Assert.True(items[i - 1].GetProperty("score").GetDouble() >= items[i].GetProperty("score").GetDouble(),
                $"not sorted by score at rank {i + 1}: {items[i - 1].GetProperty("score")} < {items[i].GetProperty("score")}");
    }
}
