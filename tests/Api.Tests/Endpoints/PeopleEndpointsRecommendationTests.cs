using SocialCapital.Api.Tests.Infrastructure;

namespace SocialCapital.Api.Tests.Endpoints;

/// <summary><c>GET /people/{id}/recommendations</c> on the city (read only).</summary>
[Collection(CityReadersCollection.Name)]
public class PeopleEndpointsRecommendationTests(CityApi city)
{
    [Fact]
    public async Task Get_CityCitizen_BestFirstNewPeopleWithReasons()
    {
        using var response = await city.Api.Coach.GetAsync("/people/p00001/recommendations?top=7");
        var body = await response.JsonAsync(200);
        Assert.Equal("p00001", body.Str("person"));
        var items = body.Items();
        Assert.InRange(items.Length, 1, 7);
        Assert.Equal(Enumerable.Range(1, items.Length), items.Select(i => i.GetProperty("rank").GetInt32()));
        Assert.True(items.Zip(items.Skip(1)).All(p => p.First.GetProperty("score").GetDouble() >= p.Second.GetProperty("score").GetDouble()),
            "suggestions are not sorted by score");

        using var capital = await city.Api.Coach.GetAsync("/people/p00001/capital");
        var contacts = (await capital.JsonAsync(200)).Items("contacts").Select(c => c.Str("id")).ToHashSet(StringComparer.Ordinal);
        var people = Samples.City.Nodes.Where(n => n.IsPerson).Select(n => n.Id).ToHashSet(StringComparer.Ordinal);
        Assert.All(items, i =>
        {
            Assert.Equal("p00001", i.Str("person"));
            var peer = i.Str("peer");
            Assert.NotEqual("p00001", peer);
            Assert.DoesNotContain(peer, contacts);
            Assert.Contains(peer, people);
            Assert.NotEmpty(i.Items("reasons"));
            Assert.All(i.Items("reasons"), r => Assert.False(string.IsNullOrWhiteSpace(r.GetString())));
        });
        Assert.Equal(items.Length, items.Select(i => i.Str("peer")).Distinct().Count());
    }

    [Fact]
    public async Task Get_DefaultTop_AtMostTen()
    {
        using var response = await city.Api.Coach.GetAsync("/people/p00002/recommendations");
        Assert.InRange((await response.JsonAsync(200)).Items().Length, 0, 10);
    }

    [Fact]
    public async Task Get_Place_404BecauseOnlyPeopleGetRecommendations()
    {
        using var response = await city.Api.Coach.GetAsync("/people/g01/recommendations");
        await response.AssertProblemAsync(404);
    }
}
