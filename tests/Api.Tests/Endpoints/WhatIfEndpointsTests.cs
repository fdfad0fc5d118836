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

        using var response = await city.Api.Coach.PostJsonAsync("/what-if", new { assignment = pairs });
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
    public async Task Evaluate_AnalystProgramme_AggregatesOfItsAreaOnlyNamingNoIndividual()
    {
        using var response = await city.Api.Analyst.PostJsonAsync("/what-if", new { programme = new { area = "A2", citizens = 20 } });
        var body = await response.JsonAsync(200);
        Privacy.AssertNoIndividuals(body, Samples.City);
        Assert.Equal(JsonValueKind.Null, body.GetProperty("proposedTies").ValueKind);
        var programme = body.GetProperty("programme");
        Assert.Equal(("A2", 20, "out_of_work", "same_area"), (programme.Str("area"), programme.GetProperty("citizens").GetInt32(), programme.Str("which"), programme.Str("pool")));
        Assert.Equal(0, programme.GetProperty("mentoredCitizens").GetInt32() % 10);
        var change = Assert.Single(body.Items("areas"));
        Assert.Equal("A2", change.Str("area"));
        Assert.NotEqual(change.GetProperty("bridgingShareBefore").GetDouble(), change.GetProperty("bridgingShareAfter").GetDouble());
        using var area = await city.Api.Analyst.GetAsync("/areas/A2");
        Assert.Equal((await area.JsonAsync(200)).GetProperty("workConnectedness").GetDouble(), change.GetProperty("workConnectednessBefore").GetDouble(), 1e-9);
    }

    [Fact]
    public async Task Evaluate_SameProgrammeTwice_IdenticalAnswers()
    {
        var programme = new { programme = new { area = "A1", citizens = 10, which = "fewest_bridging_ties", pool = "any_area", maxPerMentor = 1 } };
        using var first = await city.Api.Analyst.PostJsonAsync("/what-if", programme);
        using var second = await city.Api.Analyst.PostJsonAsync("/what-if", programme);
        Assert.Equal((await first.JsonAsync(200)).ToString(), (await second.JsonAsync(200)).ToString());
    }

    [Theory]
    [InlineData("""{"programme":{"area":"A1","citizens":5}}""", "programme.citizens")]
    [InlineData("""{"programme":{"area":"A1","citizens":15}}""", "programme.citizens")]
    [InlineData("""{"programme":{"area":"A1"}}""", "programme.citizens")]
    [InlineData("""{"programme":{"citizens":10}}""", "programme.area")]
    [InlineData("""{"programme":{"area":"A1","citizens":10,"which":"OutOfWork"}}""", "programme.which")]
    [InlineData("""{"programme":{"area":"A1","citizens":10,"which":"0"}}""", "programme.which")]
    [InlineData("""{"programme":{"area":"A1","citizens":10,"pool":"Any_Area"}}""", "programme.pool")]
    [InlineData("""{"programme":{"area":"A1","citizens":10,"maxPerMentor":-1}}""", "programme.maxPerMentor")]
    [InlineData("""{"programme":{"area":"A1","citizens":100000}}""", "programme.citizens")]
    public async Task Evaluate_ProgrammeItCannotPublish_400NamingTheField(string body, string field)
    {
        using var response = await city.Api.Analyst.PostAsync(new Uri("/what-if", UriKind.Relative), Http.Json(body));
        await response.AssertFieldErrorsAsync(field);
    }

    [Fact]
    public async Task Evaluate_ProgrammeOutOfScopeOrUnknownArea_Same404()
    {
        var scoped = city.Api.WithToken(Tokens.For("analyst", "analyst-a1", ["A1"]), "analyst-a1");
        using var outOfScope = await scoped.PostJsonAsync("/what-if", new { programme = new { area = "A2", citizens = 10 } });
        using var unknown = await scoped.PostJsonAsync("/what-if", new { programme = new { area = "A9", citizens = 10 } });
        var a = await outOfScope.AssertProblemAsync(404);
        var b = await unknown.AssertProblemAsync(404);
        Assert.Equal(a.Str("detail").Replace("A2", "X", StringComparison.Ordinal), b.Str("detail").Replace("A9", "X", StringComparison.Ordinal));
        using var inScope = await scoped.PostJsonAsync("/what-if", new { programme = new { area = "A1", citizens = 10, pool = "any_area" } });
        Assert.All((await inScope.JsonAsync(200)).Items("areas"), c => Assert.Equal("A1", c.Str("area"))); // other areas' mentors: not shown
    }

    [Fact]
    public async Task Evaluate_CoachNamingACitizenOutsideTheirAreas_AnswersAsForAnUnknownId()
    {
        var inA2 = Samples.City.Nodes.First(n => n.Kind == NodeKind.Citizen && n.Area == "A2").Id;
        var inA1 = Samples.City.Nodes.Where(n => n.Kind == NodeKind.Citizen && n.Area == "A1").Select(n => n.Id).Take(2).ToArray();
        var coach = city.Api.WithToken(Tokens.For("coach", "coach-a1", ["A1"]), "coach-a1");
        using var outOfScope = await coach.PostJsonAsync("/what-if", new { ties = new[] { new { source = inA1[0], target = inA2, kind = "friend" } } });
        using var unknown = await coach.PostJsonAsync("/what-if", new { ties = new[] { new { source = inA1[0], target = "p99999", kind = "friend" } } });
        var a = Message(await outOfScope.AssertProblemAsync(400), "ties[0].target");
        var b = Message(await unknown.AssertProblemAsync(400), "ties[0].target");
        Assert.Equal(a.Replace(inA2, "X", StringComparison.Ordinal), b.Replace("p99999", "X", StringComparison.Ordinal));
        using var inScope = await coach.PostJsonAsync("/what-if", new { ties = new[] { new { source = inA1[0], target = inA1[1], kind = "friend" } } });
        await inScope.JsonAsync(200);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("""{"ties":[],"assignment":[]}""")]
    [InlineData("""{"ties":null,"assignment":null,"effect":0.1}""")]
    public async Task Evaluate_BothOrNeitherOfTiesAndAssignment_400(string body)
    {
        using var response = await city.Api.Coach.PostAsync(new Uri("/what-if", UriKind.Relative), Http.Json(body));
        await response.AssertFieldErrorsAsync("ties");
    }

    [Fact]
    public async Task Evaluate_AnalystWithoutProgramme_400AskingForOne()
    {
        using var response = await city.Api.Analyst.PostAsync(new Uri("/what-if", UriKind.Relative), Http.Json("{}"));
        await response.AssertFieldErrorsAsync("programme");
    }

    [Theory]
    [InlineData("""{"ties":[{"source":"p00007","target":"p00008","kind":"friend"}]}""")]
    [InlineData("""{"assignment":[{"citizen":"p00007","mentor":"p03987"}]}""")]
    [InlineData("""{"programme":{"area":"A1","citizens":10},"ties":[]}""")]
    public async Task Evaluate_AnalystNamingPeople_403(string body)
    {
        using var response = await city.Api.Analyst.PostAsync(new Uri("/what-if", UriKind.Relative), Http.Json(body));
        var problem = await response.AssertProblemAsync(403);
        Assert.Contains("programme", problem.Str("detail"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Evaluate_BadNumbersAndTies_400NamingEachField()
    {
        using var response = await city.Api.Coach.PostAsync(new Uri("/what-if", UriKind.Relative), Http.Json(
            """{"ties":[{"source":"p00007","kind":"hug"},{"source":"p00007","target":"p00008","kind":"friend","strength":-1}],"effect":-0.5,"baseline":1.5}"""));
        await response.AssertFieldErrorsAsync("effect", "baseline", "ties[0].target", "ties[0].kind", "ties[1].strength");
    }

    [Fact]
    public async Task Evaluate_AssignmentWithMissingIds_400NamingEachPair()
    {
        using var response = await city.Api.Coach.PostAsync(new Uri("/what-if", UriKind.Relative), Http.Json(
            """{"assignment":[{"citizen":"p00007"},{"mentor":"p03987"}]}"""));
        await response.AssertFieldErrorsAsync("assignment[0].mentor", "assignment[1].citizen");
    }

    [Fact]
    public async Task Evaluate_TieToUnknownId_400()
    {
        using var response = await city.Api.Coach.PostJsonAsync("/what-if", new { ties = new[] { new { source = "p00007", target = "nobody", kind = "friend" } } });
        var problem = await response.AssertProblemAsync(400);
        Assert.Equal("'nobody' is unknown, or not in your areas.", Message(problem, "ties[0].target"));
    }

    private static string Message(JsonElement problem, string field) => problem.GetProperty("errors").GetProperty(field)[0].GetString()!;

    private async Task<long> VersionAsync()
    {
        using var ready = await city.Api.Anonymous.GetAsync("/health/ready");
        return (await ready.JsonAsync(200)).GetProperty("storeVersion").GetInt64();
    }
}
