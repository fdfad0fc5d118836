using SocialCapital.Api.Tests.Infrastructure;
using SocialCapital.Graph;
using SocialCapital.Metrics;

namespace SocialCapital.Api.Tests.Endpoints;

/// <summary><c>GET /people/{id}/community</c> and <c>GET /areas/communities</c> on the toy (areas A: 0–2, B: 3–6, C: 7–11), from
/// outside: a person's community and span are the engine's for the same resolution and seed, a coach of one area sees no one
/// of another, an analyst gets aggregates without any id, small areas are suppressed, a bad resolution is a 400.</summary>
[Collection(ToyReadersCollection.Name)]
public class CommunitiesEndpointsTests(ToyApi toy)
{
    private static CommunitiesResult Engine(double resolution, int seed) =>
        Communities.Detect(Samples.Toy.ToGraph(), new CommunitiesOptions { Resolution = resolution, Seed = seed });

    [Theory]
    [InlineData(null, null)]
    [InlineData(2.0, 3)]
    public async Task Person_EveryToyPerson_EqualsTheEngine(double? resolution, int? seed)
    {
        var expected = Engine(resolution ?? 1, seed ?? 0);
        var query = resolution is null ? "" : FormattableString.Invariant($"?resolution={resolution}&seed={seed}");
        foreach (var p in expected.People)
        {
            using var response = await toy.Api.Coach.GetAsync($"/people/{p.Id}/community{query}");
            var body = await response.JsonAsync(200);
            Assert.Equal(resolution ?? 1, body.GetProperty("resolution").GetDouble());
            Assert.Equal(seed ?? 0, body.GetProperty("seed").GetInt32());
            var community = body.GetProperty("community");
            Assert.Equal(p.Id, community.Str("id"));
            Assert.Equal(p.Community, community.GetProperty("community").GetInt32());
            Assert.Equal(p.CommunitySize, community.GetProperty("communitySize").GetInt32());
            Assert.Equal(p.Span, community.GetProperty("span").GetInt32());
        }
    }

    [Fact]
    public async Task Person_CoachOfAreaA_SeesNoOneOfAreaB()
    {
        var coachA = toy.Api.WithToken(Tokens.For("coach", "coach-A", ["A"]), "communities-coach-A");
        using (var own = await coachA.GetAsync("/people/1/community"))
            await own.AssertStatusAsync(200);
        using var other = await coachA.GetAsync("/people/3/community");
        using var unknown = await coachA.GetAsync("/people/nobody/community");
        var otherProblem = await other.AssertProblemAsync(404);
        var unknownProblem = await unknown.AssertProblemAsync(404);
        Assert.Equal(unknownProblem.Str("title"), otherProblem.Str("title"));
        Assert.Equal(unknownProblem.Str("detail").Replace("nobody", "3", StringComparison.Ordinal), otherProblem.Str("detail"));
        Assert.DoesNotContain("span", otherProblem.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/people/1/community?resolution=0")]
    [InlineData("/people/1/community?resolution=-1")]
    [InlineData("/areas/communities?resolution=1001")]
    [InlineData("/areas/communities?resolution=0")]
    public async Task BadResolution_400NamingIt(string url)
    {
        using var response = await (url.StartsWith("/people", StringComparison.Ordinal) ? toy.Api.Coach : toy.Api.Analyst).GetAsync(url);
        var problem = await response.AssertFieldErrorsAsync("resolution");
        Assert.Contains("at most 1000", problem.GetProperty("errors").GetProperty("resolution")[0].GetString()!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Areas_ToyAreasBelowMinCellSize_SuppressedAndNoIds()
    {
        using var response = await toy.Api.Analyst.GetAsync("/areas/communities");
        var body = await response.JsonAsync(200);
        Privacy.AssertNoIndividuals(body, Samples.Toy);
        var expected = Engine(1, 0);
        Assert.Equal(expected.Count, body.GetProperty("communities").GetInt32());
        Assert.Equal(expected.Modularity, body.GetProperty("modularity").GetDouble(), 12);
        var areas = body.Items("areas");
        Assert.Equal(["A", "B", "C"], areas.Select(a => a.Str("area")));
        foreach (var area in areas) Privacy.AssertSuppressed(area, "people", "ties", "crossingShare", "communities", "largestCommunityShare");
    }

    [Fact]
    public async Task Areas_ScopedAnalyst_SeesOnlyTheirAreas()
    {
        var analystB = toy.Api.WithToken(Tokens.For("analyst", "analyst-B", ["B"]), "communities-analyst-B");
        using var response = await analystB.GetAsync("/areas/communities");
        var body = await response.JsonAsync(200);
        Assert.Equal(["B"], body.Items("areas").Select(a => a.Str("area")));
    }

    [Fact]
    public async Task Person_Analyst_Forbidden_Areas_Coach_Forbidden()
    {
        using var person = await toy.Api.Analyst.GetAsync("/people/1/community");
        await person.AssertStatusAsync(403);
        using var areas = await toy.Api.Coach.GetAsync("/areas/communities");
        await areas.AssertStatusAsync(403);
    }
}

/// <summary><c>GET /areas/communities</c> with nothing suppressed: each area's ties, crossing share, communities and largest
/// share counted by brute force over the toy's contacts and the engine's communities.</summary>
public class CommunitiesEndpointsUnsuppressedTests(ToyApiWithoutSuppression toy) : IClassFixture<ToyApiWithoutSuppression>
{
    [Fact]
    public async Task Areas_Toy_CrossingSharesByBruteForce()
    {
        var graph = Samples.Toy.ToGraph();
        var c = Communities.Detect(graph).CommunityOfNode;
        using var response = await toy.Api.Analyst.GetAsync("/areas/communities");
        var body = await response.JsonAsync(200);
        Privacy.AssertNoIndividuals(body, Samples.Toy);
        foreach (var area in body.Items("areas"))
        {
            var code = area.Str("area");
            int ties = 0, crossing = 0;
            var residents = new List<int>();
            for (var u = 0; u < graph.NodeCount; u++)
            {
                if (!graph.IsPerson(u)) continue;
                if (graph.Area(u) == code) residents.Add(c[u]);
                foreach (var v in graph.Neighbors(u))
                {
                    if (v < u || (graph.Area(u) != code && graph.Area(v) != code)) continue;
                    ties++;
                    if (c[u] != c[v]) crossing++;
                }
            }
            Assert.False(area.GetProperty("suppressed").GetBoolean());
            Assert.Equal(residents.Count, area.GetProperty("people").GetInt32());
            Assert.Equal(ties, area.GetProperty("ties").GetInt32());
            Assert.Equal((double)crossing / ties, area.GetProperty("crossingShare").GetDouble(), 12);
            Assert.Equal(residents.Distinct().Count(), area.GetProperty("communities").GetInt32());
            Assert.Equal((double)residents.GroupBy(x => x).Max(g => g.Count()) / residents.Count, area.GetProperty("largestCommunityShare").GetDouble(), 12);
        }
    }
}
