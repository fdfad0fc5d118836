using System.Globalization;
using SocialCapital.Api.Tests.Infrastructure;

namespace SocialCapital.Api.Tests.Endpoints;

/// <summary><c>GET /people/{id}/brokerage</c> and <c>GET /areas/brokerage</c> on the toy (areas A: 0–2, B: 3–6, C: 7–11), from
/// outside: a person's roles equal R's sna::brokerage counts (the engine's oracle fixtures), a coach of one area sees no one
/// of another, an analyst gets aggregates without any id, small areas are suppressed, an unknown grouping is a 400.</summary>
[Collection(ToyReadersCollection.Name)]
public class BrokerageEndpointsTests(ToyApi toy)
{
    private static readonly string Oracles = Path.Combine(Repo.Root, "tests", "Engine.Tests", "Metrics", "Oracles", "brokerage");

    [Theory]
    [InlineData("area", "expected_toy_area.csv")]
    [InlineData("work_status", "expected_toy_work_status.csv")]
    public async Task Person_EveryToyPerson_EqualsSnaCounts(string group, string expected)
    {
        var lines = File.ReadAllLines(Path.Combine(Oracles, expected));
        foreach (var line in lines.Skip(1))
        {
            var cells = line.Split(',');
            using var response = await toy.Api.Coach.GetAsync($"/people/{cells[0]}/brokerage?group={group}");
            var body = await response.JsonAsync(200);
            Assert.Equal(group, body.Str("grouping"));
            var roles = body.GetProperty("roles");
            Assert.Equal(cells[0], roles.Str("id"));
            string[] names = ["coordinator", "itinerant", "gatekeeper", "representative", "liaison", "total"];
            for (var i = 0; i < names.Length; i++)
                Assert.Equal(long.Parse(cells[i + 1], CultureInfo.InvariantCulture), roles.GetProperty(names[i]).GetInt64());
        }
    }

    [Fact]
    public async Task Person_DefaultGroup_IsArea()
    {
        using var response = await toy.Api.Coach.GetAsync("/people/2/brokerage");
        var body = await response.JsonAsync(200);
        Assert.Equal("area", body.Str("grouping"));
        Assert.Equal("A", body.GetProperty("roles").Str("group"));
        Assert.Equal(2, body.GetProperty("roles").GetProperty("gatekeeper").GetInt64()); // 0 and 1 (A) through 2 to 3 (B), and back
    }

    [Fact]
    public async Task Person_CoachOfAreaA_SeesNoOneOfAreaB()
    {
        var coachA = toy.Api.WithToken(Tokens.For("coach", "coach-A", ["A"]), "brokerage-coach-A");
        using (var own = await coachA.GetAsync("/people/1/brokerage"))
            await own.AssertStatusAsync(200);
        using var other = await coachA.GetAsync("/people/3/brokerage");
        using var unknown = await coachA.GetAsync("/people/nobody/brokerage");
        var otherProblem = await other.AssertProblemAsync(404);
        var unknownProblem = await unknown.AssertProblemAsync(404);
        Assert.Equal(unknownProblem.Str("title"), otherProblem.Str("title"));
        Assert.Equal(unknownProblem.Str("detail").Replace("nobody", "3", StringComparison.Ordinal), otherProblem.Str("detail"));
        Assert.DoesNotContain("coordinator", otherProblem.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/people/1/brokerage?group=faction")]
    [InlineData("/areas/brokerage?group=faction")]
    public async Task UnknownGroup_400NamingTheValidOnes(string url)
    {
        using var response = await (url.StartsWith("/people", StringComparison.Ordinal) ? toy.Api.Coach : toy.Api.Analyst).GetAsync(url);
        var problem = await response.AssertFieldErrorsAsync("group");
        var message = problem.GetProperty("errors").GetProperty("group")[0].GetString()!;
        Assert.Contains("faction", message, StringComparison.Ordinal);
        Assert.Contains("area", message, StringComparison.Ordinal);
        Assert.Contains("work_status", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Areas_ToyAreasBelowMinCellSize_SuppressedAndNoIds()
    {
        using var response = await toy.Api.Analyst.GetAsync("/areas/brokerage?group=work_status");
        var body = await response.JsonAsync(200);
        Privacy.AssertNoIndividuals(body, Samples.Toy);
        Assert.Equal("work_status", body.Str("grouping"));
        var areas = body.Items("areas");
        Assert.Equal(["A", "B", "C"], areas.Select(a => a.Str("area")));
        foreach (var area in areas) Privacy.AssertSuppressed(area, "people", "classified", "meanCoordinator", "meanTotal", "brokerShare");
    }

    [Fact]
    public async Task Areas_ScopedAnalyst_SeesOnlyTheirAreas()
    {
        var analystB = toy.Api.WithToken(Tokens.For("analyst", "analyst-B", ["B"]), "brokerage-analyst-B");
        using var response = await analystB.GetAsync("/areas/brokerage");
        var body = await response.JsonAsync(200);
        Assert.Equal(["B"], body.Items("areas").Select(a => a.Str("area")));
    }

    [Fact]
    public async Task Person_Analyst_Forbidden()
    {
        using var response = await toy.Api.Analyst.GetAsync("/people/1/brokerage");
        await response.AssertStatusAsync(403);
    }
}

/// <summary><c>GET /areas/brokerage</c> with nothing suppressed: each area's means are the oracle's sums over its
/// residents, and the broker share counts those with a role other than coordinator.</summary>
public class BrokerageEndpointsUnsuppressedTests(ToyApiWithoutSuppression toy) : IClassFixture<ToyApiWithoutSuppression>
{
    [Fact]
    public async Task Areas_ToyWorkStatus_MeansOfTheOracleCounts()
    {
        var rows = File.ReadAllLines(Path.Combine(Repo.Root, "tests", "Engine.Tests", "Metrics", "Oracles", "brokerage", "expected_toy_work_status.csv"))
            .Skip(1).Select(l => l.Split(',')).ToDictionary(c => c[0], c => c.Skip(1).Select(x => double.Parse(x, CultureInfo.InvariantCulture)).ToArray());
        var members = new Dictionary<string, string[]>
        {
            ["A"] = ["0", "1", "2"], ["B"] = ["3", "4", "5", "6"], ["C"] = ["7", "8", "9", "10", "11"],
        };
        using var response = await toy.Api.Analyst.GetAsync("/areas/brokerage?group=work_status");
        var body = await response.JsonAsync(200);
        Privacy.AssertNoIndividuals(body, Samples.Toy);
        foreach (var area in body.Items("areas"))
        {
            var ids = members[area.Str("area")];
            Assert.False(area.GetProperty("suppressed").GetBoolean());
            Assert.Equal(ids.Length, area.GetProperty("people").GetInt32());
            Assert.Equal(ids.Length, area.GetProperty("classified").GetInt32());
            string[] means = ["meanCoordinator", "meanItinerant", "meanGatekeeper", "meanRepresentative", "meanLiaison", "meanTotal"];
            for (var i = 0; i < means.Length; i++)
                Assert.Equal(ids.Average(id => rows[id][i]), area.GetProperty(means[i]).GetDouble(), 12);
            var brokers = ids.Count(id => rows[id][1] + rows[id][2] + rows[id][3] + rows[id][4] > 0);
            Assert.Equal((double)brokers / ids.Length, area.GetProperty("brokerShare").GetDouble(), 12);
        }
    }
}
