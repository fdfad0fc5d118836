using System.Text.Json;
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
        foreach (var area in page.Items())
        {
            Assert.True(area.GetProperty("suppressed").GetBoolean());
            Assert.Equal(JsonValueKind.Null, area.GetProperty("people").ValueKind);
            Assert.Equal(JsonValueKind.Null, area.GetProperty("lowSes").ValueKind);
            foreach (var measure in AreaEndpointsTests.Measures.Append("friendingBias"))
                Assert.True(area.GetProperty(measure).ValueKind == JsonValueKind.Null, $"{area.Str("area")} shows {measure}: {area}");
        }
    }

    [Fact]
    public async Task Get_SuppressedArea_SuppressedToo()
    {
        using var response = await toy.Api.Analyst.GetAsync("/areas/B");
        var area = await response.JsonAsync(200);
        Assert.True(area.GetProperty("suppressed").GetBoolean());
        Assert.Equal(JsonValueKind.Null, area.GetProperty("economicConnectedness").ValueKind);
    }
}
