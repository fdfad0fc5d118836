using SocialCapital.Api.Tests.Infrastructure;

namespace SocialCapital.Api.Tests.Security.Owasp;

/// <summary>OWASP API4:2023 Unrestricted Resource Consumption: pages, bodies, nesting and repeated work are bounded, and
/// the bound is a 400 or 413 that says so — never a 5xx or a stalled server. (Request rate: Errors/RateLimitTests;
/// body size: Errors/PayloadTooLargeTests.)</summary>
public sealed class Api4UnrestrictedResourceConsumptionTests(ToyApi toy) : IClassFixture<ToyApi>
{
    [Theory]
    [InlineData("/people?pageSize=1001")]
    [InlineData("/people?pageSize=2147483647")]
    [InlineData("/people?page=0")]
    public async Task List_PageBeyondTheLimits_400NamingTheField(string url)
    {
        using var response = await toy.Api.Coach.GetAsync(url);
        await response.AssertProblemAsync(400);
    }

    [Fact]
    public async Task List_LastPossiblePage_EmptyNotAnOverflow()
    {
        using var response = await toy.Api.Coach.GetAsync("/people?page=2147483647&pageSize=1000");
        Assert.Empty((await response.JsonAsync(200)).Items());
    }

    [Fact]
    public async Task Body_NestedDeeperThanTheReaderAllows_400NotA500()
    {
        var deep = "{\"kind\":\"citizen\",\"attributes\":" + string.Concat(Enumerable.Repeat("{\"a\":", 200)) + "1" + new string('}', 201);
        using var response = await toy.Api.Admin.SendAsync(HttpMethod.Put, "/people/deep", Http.Json(deep));
        await response.AssertProblemAsync(400);
    }

    [Fact]
    public async Task Cohort_SameCitizenListedThousandsOfTimes_AnsweredWithoutBlowingUp()
    {
        using var response = await toy.Api.Coach.PostJsonAsync("/cohorts/assignments", new { citizens = Enumerable.Repeat("0", 20_000).ToArray() });
        Assert.True((int)response.StatusCode is 200 or 400, $"expected 200 or 400, got {(int)response.StatusCode}");
    }

    [Fact]
    public async Task Recommendations_HugeTop_AnsweredWithEveryCandidateAtMost()
    {
        using var response = await toy.Api.Coach.GetAsync("/people/0/recommendations?top=2147483647");
        Assert.True((await response.JsonAsync(200)).Items().Length <= 12);
    }
}
