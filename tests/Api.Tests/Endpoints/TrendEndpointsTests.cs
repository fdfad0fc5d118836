using System.Text.Json;
using SocialCapital.Api.Tests.Infrastructure;

namespace SocialCapital.Api.Tests.Endpoints;

/// <summary><c>GET /areas/trends</c> from outside: the series of dates with the area values of each, no ids, analysts
/// only, and every bad parameter a 400 naming its field.</summary>
public class TrendEndpointsTests(ToyApiWithoutSuppression toy) : IClassFixture<ToyApiWithoutSuppression>
{
    [Fact]
    public async Task List_ToyMonthly_OneRowPerDateAreaAndMeasureWithTheAreasValues()
    {
        using var response = await toy.Api.Analyst.GetAsync("/areas/trends?from=2024-01-01&to=2024-03-01&every=1m&measure=bridging_share,people");
        var body = await response.JsonAsync(200);
        Privacy.AssertNoIndividuals(body, Samples.Toy);
        Assert.Equal("1m", body.Str("every"));
        Assert.Equal(["2024-01-01", "2024-02-01", "2024-03-01"], body.Items("dates").Select(d => d.GetString()));
        var rows = body.Items();
        Assert.Equal(3 * 3 * 2, rows.Length);
        var a = rows.Where(r => r.Str("area") == "A" && r.Str("measure") == "bridging_share").ToArray();
        Assert.All(a, r => Assert.Equal(0.4, r.GetProperty("value").GetDouble(), 12)); // the toy's ties are undated
        Assert.Equal(JsonValueKind.Null, a[0].GetProperty("change").ValueKind);
        Assert.Equal(0.0, a[1].GetProperty("change").GetDouble());
        Assert.Equal(0, a[1].GetProperty("tiesStarted").GetInt32());
        Assert.Equal(0, a[1].GetProperty("peopleMoved").GetInt32());
    }

    [Theory]
    [InlineData("?to=2024-03-01", "from")]
    [InlineData("?from=2024-01-01", "to")]
    [InlineData("?from=2024-02-30&to=2024-03-01", "from")]
    [InlineData("?from=2024-03-01&to=2024-01-01", "to")]
    [InlineData("?from=2024-01-01&to=2024-03-01&every=3q", "every")]
    [InlineData("?from=2024-01-01&to=2024-03-01&every=0m", "every")]
    [InlineData("?from=2024-01-01&to=2024-12-31&every=1w", "every")] // 53 dates, more than 40
    [InlineData("?from=2024-01-01&to=2024-03-01&measure=happiness", "measure")]
    public async Task List_BadParameter_400NamingTheField(string query, string field)
    {
        using var response = await toy.Api.Analyst.GetAsync("/areas/trends" + query);
        await response.AssertFieldErrorsAsync(field);
    }

    [Fact]
    public async Task List_Roles_Anonymous401Coach403Analyst200()
    {
        const string url = "/areas/trends?from=2024-01-01&to=2024-02-01";
        using (var anonymous = await toy.Api.Anonymous.GetAsync(url)) await anonymous.AssertStatusAsync(401);
        using (var coach = await toy.Api.Coach.GetAsync(url)) await coach.AssertStatusAsync(403);
        using var analyst = await toy.Api.Analyst.GetAsync(url);
        await analyst.AssertStatusAsync(200);
    }
}

/// <summary><c>GET /areas/trends</c> with the default MinCellSize 10: every toy area is suppressed on every date.</summary>
[Collection(ToyReadersCollection.Name)]
public class TrendEndpointsSuppressionTests(ToyApi toy)
{
    [Fact]
    public async Task List_ToyAreasBelowMinCellSize_SuppressedWithoutValues()
    {
        using var response = await toy.Api.Analyst.GetAsync("/areas/trends?from=2024-01-01&to=2024-02-01");
        var rows = (await response.JsonAsync(200)).Items();
        Assert.NotEmpty(rows);
        foreach (var row in rows)
        {
            Assert.True(row.GetProperty("suppressed").GetBoolean());
            foreach (var field in new[] { "value", "ciLow", "change", "tiesStarted", "tiesEnded", "peopleMoved" })
                Assert.Equal(JsonValueKind.Null, row.GetProperty(field).ValueKind);
        }
    }
}
