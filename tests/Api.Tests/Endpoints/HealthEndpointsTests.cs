using SocialCapital.Api.Tests.Infrastructure;

namespace SocialCapital.Api.Tests.Endpoints;

/// <summary><c>/health/live</c> and <c>/health/ready</c>: anonymous, and ready names the versions served and stored.</summary>
[Collection(ToyReadersCollection.Name)]
public class HealthEndpointsTests(ToyApi toy)
{
    [Fact]
    public async Task Live_WithoutToken_AnswersLive()
    {
        using var response = await toy.Api.Anonymous.GetAsync("/health/live");
        var body = await response.JsonAsync(200);
        Assert.Equal("live", body.Str("status"));
    }

    [Fact]
    public async Task Ready_AfterSeeding_NamesTheServedAndStoredVersion()
    {
        using var response = await toy.Api.Anonymous.GetAsync("/health/ready");
        var body = await response.JsonAsync(200);
        Assert.Equal("ready", body.Str("status"));
        Assert.True(body.GetProperty("snapshotVersion").GetInt64() >= 1);
        Assert.Equal(body.GetProperty("snapshotVersion").GetInt64(), body.GetProperty("storeVersion").GetInt64());
    }
}
