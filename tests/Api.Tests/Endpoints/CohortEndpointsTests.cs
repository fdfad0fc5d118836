using System.Text.Json;
using SocialCapital.Api.Tests.Infrastructure;
using SocialCapital.Model;

namespace SocialCapital.Api.Tests.Endpoints;

/// <summary><c>POST /cohorts/assignments</c> on the city (read only: nothing is stored).</summary>
[Collection(CityReadersCollection.Name)]
public class CohortEndpointsTests(CityApi city)
{
    [Fact]
    public async Task Assign_WholeCity_PairsNeverExceedAMentorsFreePlaces()
    {
        var before = await VersionAsync();
        using var response = await city.Api.Coach.PostJsonAsync("/cohorts/assignments", new { });
        var body = await response.JsonAsync(200);
        var pairs = Pairs(body);
        // The default cohort: every citizen without a current mentor.
        var mentored = Samples.City.Ties.Where(t => t.Kind == TieKind.Mentoring && t.IsActiveOn(Samples.Today))
            .Select(t => t.Target).ToHashSet(StringComparer.Ordinal);
        var citizens = Samples.City.Nodes.Count(n => n.Kind == NodeKind.Citizen && !mentored.Contains(n.Id));
        Assert.Equal(citizens, body.GetProperty("citizens").GetInt32());
        Assert.NotEmpty(pairs);
        AssertFeasible(pairs, maxPerCitizen: 1, anyArea: false);
        Assert.Equal(pairs.Select(p => p.Citizen).Distinct().Count(), body.GetProperty("assignedCitizens").GetInt32());
        Assert.Equal(citizens - body.GetProperty("assignedCitizens").GetInt32(), body.Items("unassigned").Length);
        Assert.All(body.Items("unassigned"), u => Assert.False(string.IsNullOrWhiteSpace(u.Str("reason"))));
        Assert.Equal(pairs.Sum(p => p.Score), body.GetProperty("totalScore").GetDouble(), 1e-9);
        Assert.Equal(before, await VersionAsync()); // nothing was stored
    }

    [Fact]
    public async Task Assign_NoBody_SameAsAnEmptyBody()
    {
        using var empty = await city.Api.Coach.PostJsonAsync("/cohorts/assignments", new { });
        using var none = await city.Api.Coach.PostAsync(new Uri("/cohorts/assignments", UriKind.Relative), null);
        var a = await empty.JsonAsync(200);
        var b = await none.JsonAsync(200);
        Assert.Equal(a.GetProperty("totalScore").GetDouble(), b.GetProperty("totalScore").GetDouble());
        Assert.Equal(a.Items("pairs").Length, b.Items("pairs").Length);
    }

    [Fact]
    public async Task Assign_ListedCitizensSeveralMentorsAnyArea_OnlyThoseAndAtMostTwoEach()
    {
        var listed = Samples.City.Nodes.Where(n => n.Kind == NodeKind.Citizen && n.Goals.Count > 0).Take(25).Select(n => n.Id).ToArray();
        using var response = await city.Api.Coach.PostJsonAsync("/cohorts/assignments", new
        {
            citizens = listed, maxPerCitizen = 2, anyArea = true, need = "fewest_bridging_ties", candidatesPerCitizen = 20,
        });
        var body = await response.JsonAsync(200);
        Assert.Equal(listed.Length, body.GetProperty("citizens").GetInt32());
        var pairs = Pairs(body);
        Assert.NotEmpty(pairs);
        Assert.All(pairs, p => Assert.Contains(p.Citizen, listed));
        Assert.All(body.Items("unassigned"), u => Assert.Contains(u.Str("citizen"), listed));
        AssertFeasible(pairs, maxPerCitizen: 2, anyArea: true);
        Assert.True(pairs.GroupBy(p => p.Citizen).Any(g => g.Count() == 2), "some citizen gets a second mentor");
        Assert.True(body.GetProperty("totalWeightedScore").GetDouble() > 0);
    }

    [Fact]
    public async Task Assign_UnknownCitizen_404()
    {
        using var response = await city.Api.Coach.PostJsonAsync("/cohorts/assignments", new { citizens = new[] { "p00007", "nobody" } });
        var problem = await response.AssertProblemAsync(404);
        Assert.Contains("nobody", problem.Str("detail"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Assign_MentorListedAsCitizen_404()
    {
        var mentor = Samples.City.Nodes.First(n => n.Kind == NodeKind.Mentor).Id;
        using var response = await city.Api.Coach.PostJsonAsync("/cohorts/assignments", new { citizens = new[] { mentor } });
        await response.AssertProblemAsync(404);
    }

    [Fact]
    public async Task Assign_BadOptions_400NamingEachField()
    {
        using var response = await city.Api.Coach.PostJsonAsync("/cohorts/assignments",
            new { maxPerCitizen = 0, need = "most_money", candidatesPerCitizen = -1 });
        await response.AssertFieldErrorsAsync("maxPerCitizen", "need", "candidatesPerCitizen");
    }

    private async Task<long> VersionAsync()
    {
        using var ready = await city.Api.Anonymous.GetAsync("/health/ready");
        return (await ready.JsonAsync(200)).GetProperty("storeVersion").GetInt64();
    }

    private static (string Citizen, string Mentor, double Score)[] Pairs(JsonElement body) =>
        [.. body.Items("pairs").Select(p => (p.Str("citizen"), p.Str("mentor"), p.GetProperty("score").GetDouble()))];

    /// <summary>Capacity, area, past-mentor and per-citizen rules, checked against the sample's own files.</summary>
    private static void AssertFeasible((string Citizen, string Mentor, double Score)[] pairs, int maxPerCitizen, bool anyArea)
    {
        var today = Samples.Today;
        var mentoring = Samples.City.Ties.Where(t => t.Kind == TieKind.Mentoring).ToArray();
        var current = mentoring.Where(t => t.IsActiveOn(today)).GroupBy(t => t.Source, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(t => t.Target).Distinct().Count(), StringComparer.Ordinal);
        var ever = mentoring.Select(t => (t.Source, t.Target)).ToHashSet();
        Assert.Equal(pairs.Length, pairs.Select(p => (p.Citizen, p.Mentor)).Distinct().Count());
        foreach (var group in pairs.GroupBy(p => p.Mentor, StringComparer.Ordinal))
        {
            var mentor = Samples.CityNode(group.Key);
            Assert.Equal(NodeKind.Mentor, mentor.Kind);
            var free = (mentor.Capacity ?? 0) - current.GetValueOrDefault(group.Key);
            Assert.True(group.Count() <= free, $"{group.Key} is given {group.Count()} mentees but has {free} free places");
        }
        foreach (var group in pairs.GroupBy(p => p.Citizen, StringComparer.Ordinal))
            Assert.InRange(group.Count(), 1, maxPerCitizen);
        foreach (var (citizen, mentor, score) in pairs)
        {
            Assert.Equal(NodeKind.Citizen, Samples.CityNode(citizen).Kind);
            if (!anyArea) Assert.Equal(Samples.CityNode(citizen).Area, Samples.CityNode(mentor).Area);
            Assert.DoesNotContain((mentor, citizen), ever);
            Assert.InRange(score, 0, 1);
        }
    }
}
