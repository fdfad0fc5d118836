using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SocialCapital.Api.Snapshots;
using SocialCapital.Api.Tests.Audit;
using SocialCapital.Api.Tests.Infrastructure;
using SocialCapital.Live;
using SocialCapital.Security;
using SocialCapital.Storage;

namespace SocialCapital.Api.Tests.Endpoints;

/// <summary><c>GET /areas/trends</c> and <c>GET /people/{id}/trends</c> from outside: the series of dates with the area
/// values of each (no ids, analysts only, computed in the background for the snapshot named) or one person's values
/// (coaches, audited), and every bad parameter a 400 naming its field.</summary>
public class TrendEndpointsTests(ToyApiWithoutSuppression toy) : IClassFixture<ToyApiWithoutSuppression>
{
    [Fact]
    public async Task List_ToyMonthly_OneRowPerDateAreaAndMeasureWithTheAreasValues()
    {
        using var response = await toy.Api.Analyst.GetComputedAsync("/areas/trends?from=2024-01-01&to=2024-03-01&every=1m&measure=bridging_share,people");
        var body = await response.JsonAsync(200);
        var computedFor = body.GetProperty("computedFor");
        Assert.True(computedFor.GetProperty("current").GetBoolean());
        Assert.Equal(response.SnapshotVersion(), computedFor.GetProperty("version").GetInt64());
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
        using var analyst = await toy.Api.Analyst.GetComputedAsync(url);
        await analyst.AssertStatusAsync(200);
    }

    [Fact]
    public async Task Person_ToyCoach_EveryDateAndMeasureAsTheLibraryGivesThem_Audited()
    {
        using var response = await toy.Api.As(ApiTokens.Coach, "trend-reader").GetAsync("/people/1/trends?from=2024-01-01&to=2024-03-01&every=1m&measure=degree,constraint");
        var body = await response.JsonAsync(200);
        Assert.Equal("1", body.Str("id"));
        Assert.Equal(["2024-01-01", "2024-02-01", "2024-03-01"], body.Items("dates").Select(d => d.GetString()));
        var rows = body.Items();
        var expected = PersonTrends.Compute(Samples.Toy, ["1"], new TrendOptions
        {
            From = new DateOnly(2024, 1, 1), To = new DateOnly(2024, 3, 1), Measures = ["degree", "constraint"],
        });
        Assert.Equal(expected.Count, rows.Length);
        for (var i = 0; i < rows.Length; i++)
        {
            Assert.Equal(expected[i].Measure, rows[i].Str("measure"));
            Assert.Equal(expected[i].Value!.Value, rows[i].GetProperty("value").GetDouble(), 12);
        }
        var (entries, _) = await AuditStore.WaitForAsync(toy.Api, new AuditQuery { Actor = "trend-reader" });
        Assert.Contains(entries, e => e.Action == "GET /people/{id}/trends" && e.Outcome == "ok");
    }

    [Theory]
    [InlineData("?to=2024-03-01", "from")]
    [InlineData("?from=2024-01-01&to=2024-03-01&measure=bridging_share", "measure")] // an area measure
    public async Task Person_BadParameter_400NamingTheField(string query, string field)
    {
        using var response = await toy.Api.Coach.GetAsync("/people/1/trends" + query);
        await response.AssertFieldErrorsAsync(field);
    }

    [Fact]
    public async Task Person_Roles_AnalystForbiddenUnknown404()
    {
        const string query = "/trends?from=2024-01-01&to=2024-02-01";
        using (var analyst = await toy.Api.Analyst.GetAsync("/people/1" + query)) await analyst.AssertStatusAsync(403);
        using var unknown = await toy.Api.Coach.GetAsync("/people/nobody" + query);
        await unknown.AssertProblemAsync(404);
    }
}

/// <summary><c>GET /areas/trends</c> with the default MinCellSize 10: every toy area is suppressed on every date.</summary>
[Collection(ToyReadersCollection.Name)]
public class TrendEndpointsSuppressionTests(ToyApi toy)
{
    [Fact]
    public async Task List_ToyAreasBelowMinCellSize_SuppressedWithoutValues()
    {
        using var response = await toy.Api.Analyst.GetComputedAsync("/areas/trends?from=2024-01-01&to=2024-02-01");
        var rows = (await response.JsonAsync(200)).Items();
        Assert.NotEmpty(rows);
        foreach (var row in rows) Privacy.AssertSuppressed(row, "value", "ciLow", "change", "tiesStarted", "tiesEnded", "peopleMoved");
    }
}

/// <summary><c>GET /people/{id}/trends</c> reads the snapshot's records made ready once per snapshot
/// (<see cref="ApiSnapshot.PersonTrends"/>): a request for another person reuses them, and a write gives the next
/// snapshot its own, so the answer follows the write.</summary>
public class PersonTrendsPerSnapshotTests
{
    [Fact]
    public async Task Person_AnotherPersonReusesTheSnapshotsRecords_AWriteGetsFreshOnes()
    {
        using var folder = new TempFolder();
        await using var api = TestApi.Start(folder.File("store.db"), Repo.Sample("toy"));
        var host = api.Services.GetRequiredService<SnapshotHost>();
        var today = DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var url = $"/trends?from={today}&to={today}&measure=degree";

        double before;
        using (var first = await api.Coach.GetAsync("/people/1" + url))
            before = (await first.JsonAsync(200)).Items().Single().GetProperty("value").GetDouble();
        var made = host.Current.PersonTrends;
        using (var other = await api.Coach.GetAsync("/people/0" + url))
            await other.AssertStatusAsync(200);
        Assert.Same(made, host.Current.PersonTrends);

        using (var put = await api.Admin.PutJsonAsync("/ties", new { source = "1", target = "11", kind = "colleague" }))
            await put.AssertStatusAsync(201);
        using var after = await api.Coach.GetAsync("/people/1" + url);
        var rows = (await after.JsonAsync(200)).Items();
        Assert.Equal(before + 1, rows.Single().GetProperty("value").GetDouble());
        Assert.NotSame(made, host.Current.PersonTrends);
        Assert.Same(host.Current.Dataset, host.Current.PersonTrends.Dataset);
    }
}
