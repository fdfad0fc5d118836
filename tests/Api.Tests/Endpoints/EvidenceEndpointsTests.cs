using System.Text.Json;
using SocialCapital.Api.Tests.Infrastructure;
using SocialCapital.Interchange;
using SocialCapital.Metrics;

namespace SocialCapital.Api.Tests.Endpoints;

/// <summary><c>GET /evidence</c> on the generated city, from outside: analysts get the library's estimate (aggregates: no id,
/// no area's coefficient), anonymous callers 401 and coaches 403; data that cannot support the model is a 200 saying why;
/// a bad window or periods is a 400 naming the field.</summary>
[Collection(CityReadersCollection.Name)]
public class EvidenceEndpointsTests(CityApi city)
{
    private static readonly DateOnly Reference = new(2026, 1, 1);

    [Fact]
    public async Task Evidence_Analyst_GetsTheLibrarysEstimateWithoutAreasOrPeople()
    {
        using var response = await city.Api.Analyst.GetComputedAsync("/evidence?window=6m&asOf=2026-01-01");
        var body = await response.JsonAsync(200);
        var expected = Evidence.Compute(Dataset.Load(Repo.Sample("city-10k")), new EvidenceOptions { AsOf = Reference });
        Assert.True(body.GetProperty("fitted").GetBoolean());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("reason").ValueKind);
        Assert.Equal(6, body.GetProperty("windowMonths").GetInt32());
        Assert.Equal("2026-01-01", body.Str("asOf"));
        Assert.Equal(0.13, body.GetProperty("literatureLow").GetDouble());
        Assert.Equal(0.15, body.GetProperty("literatureHigh").GetDouble());
        var estimate = body.GetProperty("estimate");
        Assert.Equal(expected.PeoplePeriods, estimate.GetProperty("peoplePeriods").GetInt32());
        Assert.Equal(expected.Events, estimate.GetProperty("events").GetInt32());
        Assert.Equal(5, estimate.GetProperty("clusters").GetInt32());
        Assert.Equal(expected.OddsRatio, estimate.GetProperty("oddsRatio").GetDouble(), 1e-12);
        Assert.Equal(expected.OddsRatioLow, estimate.GetProperty("oddsRatioLow").GetDouble(), 1e-12);
        Assert.Equal(expected.OddsRatioHigh, estimate.GetProperty("oddsRatioHigh").GetDouble(), 1e-12);
        Assert.Equal(expected.RelativeEffect, estimate.GetProperty("relativeEffect").GetDouble(), 1e-12);
        Assert.Equal(expected.RelativeRisk, estimate.GetProperty("relativeRisk").GetDouble(), 1e-12);
        Assert.Equal(["2025-07-01"], estimate.GetProperty("starts").EnumerateArray().Select(d => d.GetString()));
        var terms = estimate.GetProperty("terms").EnumerateArray().Select(t => t.Str("name")).ToArray();
        Assert.Contains("in_work_contacts", terms);
        Assert.DoesNotContain(terms, t => t.StartsWith("area=", StringComparison.Ordinal));
        Assert.Contains(estimate.GetProperty("caveats").EnumerateArray(), c => c.GetString()!.StartsWith("Association, not causation", StringComparison.Ordinal));
        var computedFor = body.GetProperty("computedFor");
        Assert.True(computedFor.GetProperty("current").GetBoolean());
        Assert.Equal(response.SnapshotVersion(), computedFor.GetProperty("version").GetInt64());
        var text = body.ToString();
        foreach (var field in new[] { "\"id\"", "\"person\"", "\"citizen\"" }) Assert.DoesNotContain(field, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Evidence_AnonymousIs401_CoachIs403()
    {
        using var anonymous = await city.Api.Anonymous.GetAsync("/evidence");
        await anonymous.AssertProblemAsync(401);
        using var coach = await city.Api.Coach.GetAsync("/evidence");
        var problem = await coach.AssertProblemAsync(403);
        Assert.DoesNotContain("oddsRatio", problem.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Evidence_ScopedAnalyst_GetsTheModelOfTheirAreasOnly_NeverTheCitysEstimate()
    {
        // city-10k has 5 areas; an analyst of two of them may not learn the model fitted on the other three's residents.
        var scoped = city.Api.WithToken(Tokens.For("analyst", "analyst-a1-a2", ["A1", "A2"]), "analyst-a1-a2");
        using var response = await scoped.GetComputedAsync("/evidence?window=6m&asOf=2026-01-01");
        var body = await response.JsonAsync(200);
        Assert.False(body.GetProperty("fitted").GetBoolean());
        Assert.Contains("areas", body.Str("reason"), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Null, body.GetProperty("estimate").ValueKind);
        Assert.Throws<EvidenceException>(() => Evidence.Compute(Dataset.Load(Repo.Sample("city-10k")),
            new EvidenceOptions { AsOf = Reference, Areas = new HashSet<string>(["A1", "A2"], StringComparer.Ordinal) }));
    }

    [Fact]
    public async Task Evidence_HistoryEndedBeforeTheWindow_200NotFittedWithTheReason()
    {
        using var response = await city.Api.Analyst.GetComputedAsync("/evidence?asOf=2027-06-01&window=12m");
        var body = await response.JsonAsync(200);
        Assert.False(body.GetProperty("fitted").GetBoolean());
        Assert.Contains("not after the first window's start (2026-06-01)", body.Str("reason"), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Null, body.GetProperty("estimate").ValueKind);
    }

    [Theory]
    [InlineData("window=six", "window")]
    [InlineData("window=30m", "window")]
    [InlineData("periods=0", "periods")]
    public async Task Evidence_BadParameter_400NamingIt(string query, string field)
    {
        using var response = await city.Api.Analyst.GetAsync("/evidence?" + query);
        var problem = await response.AssertProblemAsync(400);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }
}
