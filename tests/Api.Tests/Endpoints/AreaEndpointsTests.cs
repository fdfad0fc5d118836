using System.Text.Json;
using SocialCapital.Api.Tests.Infrastructure;

namespace SocialCapital.Api.Tests.Endpoints;

/// <summary><c>GET /areas</c> and <c>/areas/{code}</c> on the city: five areas, each far above MinCellSize 10.</summary>
[Collection(CityReadersCollection.Name)]
public class AreaEndpointsTests(CityApi city)
{
    internal static readonly string[] Measures =
    [
        "economicConnectedness", "economicConnectednessCiLow", "economicConnectednessCiHigh", "exposure", "workConnectedness",
        "workConnectednessCiLow", "workConnectednessCiHigh", "clustering", "supportRatio",
        "bondingShare", "bridgingShare", "linkingShare", "crossAreaShare", "eiWork", "assortativityWork", "meanConstraint",
    ];

    [Fact]
    public async Task List_City_FiveAreasPagedWithMeasuresNoneSuppressed()
    {
        using var response = await city.Api.Analyst.GetAsync("/areas");
        var page = await response.JsonAsync(200);
        Assert.Equal(1, page.GetProperty("page").GetInt32());
        Assert.Equal(50, page.GetProperty("pageSize").GetInt32());
        Assert.Equal(5, page.GetProperty("total").GetInt32());
        var areas = page.Items();
        Assert.Equal(["A1", "A2", "A3", "A4", "A5"], areas.Select(a => a.Str("area")).Order(StringComparer.Ordinal));
        foreach (var area in areas)
        {
            var code = area.Str("area");
            Assert.False(area.GetProperty("suppressed").GetBoolean(), $"{code} is suppressed");
            var people = Samples.City.Nodes.Count(n => n.IsPerson && n.Area == code);
            Assert.Equal(people, area.GetProperty("people").GetInt32());
            Assert.True(people >= 10);
            Assert.InRange(area.GetProperty("lowSes").GetInt32(), 1, people);
            Assert.NotNull(area.NumberOrNull("economicConnectedness"));
            Assert.InRange(area.NumberOrNull("economicConnectedness")!.Value, area.NumberOrNull("economicConnectednessCiLow")!.Value, area.NumberOrNull("economicConnectednessCiHigh")!.Value);
            var shares = area.NumberOrNull("bondingShare")!.Value + area.NumberOrNull("bridgingShare")!.Value
                + area.NumberOrNull("linkingShare")!.Value;
            Assert.Equal(1, shares, 1e-9);
        }
    }

    [Fact]
    public async Task List_SecondPageOfTwo_TheSameAreasAsTheWholeList()
    {
        using var all = await city.Api.Analyst.GetAsync("/areas");
        using var second = await city.Api.Analyst.GetAsync("/areas?page=2&pageSize=2");
        var page = await second.JsonAsync(200);
        Assert.Equal(2, page.GetProperty("page").GetInt32());
        Assert.Equal(2, page.GetProperty("pageSize").GetInt32());
        Assert.Equal(5, page.GetProperty("total").GetInt32());
        Assert.Equal((await all.JsonAsync(200)).Items().Skip(2).Take(2).Select(a => a.ToString()), page.Items().Select(a => a.ToString()));
    }

    [Fact]
    public async Task Get_OneArea_EqualsItsListItem()
    {
        using var all = await city.Api.Analyst.GetAsync("/areas");
        using var one = await city.Api.Analyst.GetAsync("/areas/A4");
        var listed = (await all.JsonAsync(200)).Items().Single(a => a.Str("area") == "A4");
        Assert.Equal(listed.ToString(), (await one.JsonAsync(200)).ToString());
    }

    [Fact]
    public async Task Get_UnknownArea_404()
    {
        using var response = await city.Api.Analyst.GetAsync("/areas/ZZ9");
        var problem = await response.AssertProblemAsync(404);
        Assert.Contains("ZZ9", problem.Str("detail"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListAndGet_AnalystAnswers_NameNoIndividual()
    {
        using var all = await city.Api.Analyst.GetAsync("/areas?pageSize=1000");
        using var one = await city.Api.Analyst.GetAsync("/areas/A1");
        Privacy.AssertNoIndividuals(await all.JsonAsync(200), Samples.City);
        Privacy.AssertNoIndividuals(await one.JsonAsync(200), Samples.City);
    }
}
