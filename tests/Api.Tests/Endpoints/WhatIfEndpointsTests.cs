using System.Text.Json;
using SocialCapital.Api.Tests.Infrastructure;
using SocialCapital.Model;

namespace SocialCapital.Api.Tests.Endpoints;

/// <summary><c>POST /what-if</c> on the city (read only: nothing is stored).</summary>
[Collection(CityReadersCollection.Name)]
public class WhatIfEndpointsTests(CityApi city)
{
    [Fact]
    public async Task Evaluate_AssignmentFromCohorts_PerAreaBeforeEqualsTodayAndSomethingChanges()
    {
        using var cohort = await city.Api.Coach.PostJsonAsync("/cohorts/assignments", new
        {
            citizens = Samples.City.Nodes.Where(n => n.Kind == NodeKind.Citizen && n.Employment == Employment.Unemployed).Take(60).Select(n => n.Id),
        });
        var pairs = (await cohort.JsonAsync(200)).Items("pairs").Select(p => new { citizen = p.Str("citizen"), mentor = p.Str("mentor") }).ToArray();
        Assert.NotEmpty(pairs);
        var before = await VersionAsync();

        using var response = await city.Api.Analyst.PostJsonAsync("/what-if", new { assignment = pairs });
        var body = await response.JsonAsync(200);
        Assert.Equal(pairs.Length, body.GetProperty("proposedTies").GetInt32());
        var changes = body.Items("areas");
        using var areasResponse = await city.Api.Analyst.GetAsync("/areas");
        var areas = (await areasResponse.JsonAsync(200)).Items().ToDictionary(a => a.Str("area"), StringComparer.Ordinal);
        Assert.Equal(areas.Keys.Order(StringComparer.Ordinal), changes.Select(c => c.Str("area")).Order(StringComparer.Ordinal));
        foreach (var change in changes)
        {
            var area = areas[change.Str("area")];
            Assert.False(change.GetProperty("suppressed").GetBoolean());
            Assert.Equal(area.GetProperty("economicConnectedness").GetDouble(), change.GetProperty("economicConnectednessBefore").GetDouble(), 1e-9);
            Assert.Equal(area.GetProperty("workConnectedness").GetDouble(), change.GetProperty("workConnectednessBefore").GetDouble(), 1e-9);
            Assert.Equal(area.GetProperty("bridgingShare").GetDouble(), change.GetProperty("bridgingShareBefore").GetDouble(), 1e-9);
            Assert.True(change.GetProperty("extraMovesIntoWork").GetDouble() >= 0);
            Assert.True(change.GetProperty("gainingInWorkContact").GetInt32() >= 0);
        }
        Assert.Contains(changes, c => c.GetProperty("bridgingShareAfter").GetDouble() != c.GetProperty("bridgingShareBefore").GetDouble());
        Assert.Contains(changes, c => c.GetProperty("gainingInWorkContact").GetInt32() > 0);
        Assert.Equal(before, await VersionAsync());
    }

    [Fact]
    public async Task Evaluate_TiesWithNoEffect_NoExtraMovesIntoWork()
    {
        using var response = await city.Api.Coach.PostJsonAsync("/what-if", new
        {
            ties = new[] { new { source = "p00007", target = "p00008", kind = "friend" }, new { source = "p00010", target = "p00009", kind = "colleague" } },
            effect = 0.0,
            baseline = 0.2,
        });
        var body = await response.JsonAsync(200);
        Assert.Equal(2, body.GetProperty("proposedTies").GetInt32());
        Assert.All(body.Items("areas"), c => Assert.Equal(0, c.GetProperty("extraMovesIntoWork").GetDouble()));
    }

    [Fact]
    public async Task Evaluate_AnalystAnswer_NamesNoIndividual()
    {
        using var response = await city.Api.Analyst.PostJsonAsync("/what-if", new
        {
            assignment = new[] { new { citizen = "p00007", mentor = "p03987" } },
        });
        Privacy.AssertNoIndividuals(await response.JsonAsync(200), Samples.City);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("""{"ties":[],"assignment":[]}""")]
    [InlineData("""{"ties":null,"assignment":null,"effect":0.1}""")]
    public async Task Evaluate_BothOrNeitherOfTiesAndAssignment_400(string body)
    {
        using var response = await city.Api.Analyst.PostAsync(new Uri("/what-if", UriKind.Relative), Http.Json(body));
        await response.AssertFieldErrorsAsync("ties");
    }

    [Fact]
    public async Task Evaluate_BadNumbersAndTies_400NamingEachField()
    {
        using var response = await city.Api.Analyst.PostAsync(new Uri("/what-if", UriKind.Relative), Http.Json(
            """{"ties":[{"source":"p00007","kind":"hug"},{"source":"p00007","target":"p00008","kind":"friend","strength":-1}],"effect":-0.5,"baseline":1.5}"""));
        await response.AssertFieldErrorsAsync("effect", "baseline", "ties[0].target", "ties[0].kind", "ties[1].strength");
    }

    [Fact]
    public async Task Evaluate_AssignmentWithMissingIds_400NamingEachPair()
    {
        using var response = await city.Api.Analyst.PostAsync(new Uri("/what-if", UriKind.Relative), Http.Json(
            """{"assignment":[{"citizen":"p00007"},{"mentor":"p03987"}]}"""));
        await response.AssertFieldErrorsAsync("assignment[0].mentor", "assignment[1].citizen");
    }

    [Fact]
    public async Task Evaluate_TieToUnknownId_400()
    {
        using var response = await city.Api.Analyst.PostJsonAsync("/what-if", new { ties = new[] { new { source = "p00007", target = "nobody", kind = "friend" } } });
        var problem = await response.AssertProblemAsync(400);
        Assert.NotEmpty(problem.ErrorFields());
        Assert.Contains("nobody", problem.ToString(), StringComparison.Ordinal);
    }

    private async Task<long> VersionAsync()
    {
        using var ready = await city.Api.Anonymous.GetAsync("/health/ready");
        return (await ready.JsonAsync(200)).GetProperty("storeVersion").GetInt64();
    }
}
