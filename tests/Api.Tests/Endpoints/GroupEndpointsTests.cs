using System.Text.Json;
using SocialCapital.Api.Tests.Infrastructure;
using SocialCapital.Model;

namespace SocialCapital.Api.Tests.Endpoints;

/// <summary><c>GET /groups</c> on the city: 40 peer groups, small ones suppressed.</summary>
[Collection(CityReadersCollection.Name)]
public class GroupEndpointsTests(CityApi city)
{
    [Fact]
    public async Task List_City_EveryPeerGroupSmallOnesSuppressed()
    {
        using var response = await city.Api.Analyst.GetAsync("/groups?pageSize=1000");
        var page = await response.JsonAsync(200);
        var groups = page.Items();
        var expected = Samples.City.Nodes.Where(n => n.Kind == NodeKind.PeerGroup).Select(n => n.Id).ToArray();
        Assert.Equal(expected.Length, page.GetProperty("total").GetInt32());
        Assert.Equal(expected.Order(StringComparer.Ordinal), groups.Select(g => g.Str("id")).Order(StringComparer.Ordinal));
        var today = Samples.Today;
        foreach (var group in groups)
        {
            var id = group.Str("id");
            var members = Samples.City.Ties.Where(t => t.Kind == TieKind.Membership && t.Target == id && t.IsActiveOn(today))
                .Select(t => t.Source).Distinct().Count();
            if (members < 10)
            {
                Assert.True(group.GetProperty("suppressed").GetBoolean(), $"{id} has {members} members but is shown: {group}");
                Assert.Equal(JsonValueKind.Null, group.GetProperty("members").ValueKind);
                Assert.Equal(JsonValueKind.Null, group.GetProperty("inWorkShare").ValueKind);
                Assert.Equal(JsonValueKind.Null, group.GetProperty("blauWork").ValueKind);
            }
            else
            {
                Assert.False(group.GetProperty("suppressed").GetBoolean(), $"{id} has {members} members but is suppressed");
                Assert.Equal(members, group.GetProperty("members").GetInt32());
                Assert.InRange(group.GetProperty("inWorkShare").GetDouble(), 0, 1);
                Assert.InRange(group.GetProperty("blauWork").GetDouble(), 0, 1);
            }
        }
        Assert.Contains(groups, g => g.GetProperty("suppressed").GetBoolean());
        Assert.Contains(groups, g => !g.GetProperty("suppressed").GetBoolean());
    }

    [Fact]
    public async Task List_PagesOfSeven_CoverEveryGroupOnce()
    {
        var seen = new List<string>();
        for (var number = 1; number <= 6; number++)
        {
            using var response = await city.Api.Analyst.GetAsync($"/groups?page={number}&pageSize=7");
            var page = await response.JsonAsync(200);
            Assert.Equal(number, page.GetProperty("page").GetInt32());
            Assert.Equal(7, page.GetProperty("pageSize").GetInt32());
            Assert.Equal(40, page.GetProperty("total").GetInt32());
            seen.AddRange(page.Items().Select(g => g.Str("id")));
        }
        Assert.Equal(40, seen.Count);
        Assert.Equal(40, seen.Distinct().Count());
    }

    [Fact]
    public async Task List_AnalystAnswer_NamesNoIndividual()
    {
        using var response = await city.Api.Analyst.GetAsync("/groups?pageSize=1000");
        Privacy.AssertNoIndividuals(await response.JsonAsync(200), Samples.City);
    }
}
