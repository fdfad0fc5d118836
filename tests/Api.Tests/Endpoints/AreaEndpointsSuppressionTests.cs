using SocialCapital.Api.Tests.Infrastructure;

namespace SocialCapital.Api.Tests.Endpoints;

/// <summary><c>GET /areas</c> on the toy: areas of 3–5 people are below the default MinCellSize 10.</summary>
[Collection(ToyReadersCollection.Name)]
public class AreaEndpointsSuppressionTests(ToyApi toy)
{
    [Fact]
    public async Task List_AreasBelowMinCellSize_SuppressedWithOnlyTheirCode()
    {
        using var response = await toy.Api.Analyst.GetAsync("/areas");
        var page = await response.JsonAsync(200);
        Assert.Equal(["A", "B", "C"], page.Items().Select(a => a.Str("area")).Order(StringComparer.Ordinal));
        foreach (var area in page.Items()) Privacy.AssertSuppressed(area, ["people", "lowSes", .. AreaEndpointsTests.Measures, "friendingBias"]);
    }

    [Fact]
    public async Task Get_SuppressedArea_SuppressedToo()
    {
        using var response = await toy.Api.Analyst.GetAsync("/areas/B");
        var area = await response.JsonAsync(200);
        Privacy.AssertSuppressed(area, "economicConnectedness");
    }
}
