using System.Text.Json;
using SocialCapital.Api.Tests.Infrastructure;

namespace SocialCapital.Api.Tests.Endpoints;

/// <summary><c>GET /areas?by=</c> from outside: one row per area and group with the measures over the group's residents
/// (the toy without suppression: area A's out-of-work residents 0 and 1), small cells suppressed as areas are, no ids,
/// analysts only, an unknown grouping a 400 naming the field.</summary>
public class AreaBreakdownEndpointsTests(ToyApiWithoutSuppression toy) : IClassFixture<ToyApiWithoutSuppression>
{
    [Fact]
    public async Task List_ByWorkStatus_OneRowPerAreaAndGroupWithTheCellsMeasures()
    {
        using var response = await toy.Api.Analyst.GetAsync("/areas?by=work_status");
        var body = await response.JsonAsync(200);
        Privacy.AssertNoIndividuals(body, Samples.Toy);
        var rows = body.Items().ToList();
        Assert.Equal(["A/in_work", "A/out_of_work", "B/in_work", "B/out_of_work", "C/in_work", "C/out_of_work"],
            rows.Select(r => $"{r.Str("area")}/{r.Str("group")}"));
        var cell = rows[1];
        Assert.Equal(2, cell.GetProperty("people").GetInt32());
        Assert.Equal(0.5, cell.GetProperty("bridgingShare").GetDouble(), 12);
        Assert.Equal(0.25, cell.GetProperty("crossAreaShare").GetDouble(), 12);
        Assert.Equal("0", response.Headers.GetValues("X-Intervals-Updates-Behind").Single());
    }

    [Fact]
    public async Task List_WithoutBy_GroupIsNull()
    {
        using var response = await toy.Api.Analyst.GetAsync("/areas");
        foreach (var row in (await response.JsonAsync(200)).Items())
            Assert.Equal(JsonValueKind.Null, row.GetProperty("group").ValueKind);
    }

    [Fact]
    public async Task List_UnknownGrouping_400NamingByAndTheValidOnes()
    {
        using var response = await toy.Api.Analyst.GetAsync("/areas?by=shoe_size");
        var problem = await response.AssertFieldErrorsAsync("by");
        var message = problem.GetProperty("errors").GetProperty("by")[0].GetString()!;
        Assert.Contains("shoe_size", message, StringComparison.Ordinal);
        Assert.Contains("age_band", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_ByRoles_Anonymous401Coach403Analyst200()
    {
        using (var anonymous = await toy.Api.Anonymous.GetAsync("/areas?by=age_band")) await anonymous.AssertStatusAsync(401);
        using (var coach = await toy.Api.Coach.GetAsync("/areas?by=age_band")) await coach.AssertStatusAsync(403);
        using var analyst = await toy.Api.Analyst.GetAsync("/areas?by=age_band");
        await analyst.AssertStatusAsync(200);
    }
}

/// <summary><c>GET /areas?by=</c> with the default MinCellSize 10: every toy cell is suppressed, showing only its area and group.</summary>
[Collection(ToyReadersCollection.Name)]
public class AreaBreakdownSuppressionTests(ToyApi toy)
{
    [Fact]
    public async Task List_ToyCellsBelowMinCellSize_OnlyAreaGroupAndSuppressed()
    {
        using var response = await toy.Api.Analyst.GetAsync("/areas?by=work_status");
        var rows = (await response.JsonAsync(200)).Items().ToList();
        Assert.Equal(6, rows.Count);
        foreach (var row in rows)
        {
            Assert.NotEqual(JsonValueKind.Null, row.GetProperty("group").ValueKind);
            Privacy.AssertSuppressed(row, "people", "lowSes", "economicConnectedness", "exposure", "bridgingShare", "clustering");
        }
    }
}
