using SocialCapital.Api.Tests.Infrastructure;

namespace SocialCapital.Api.Tests.Endpoints;

/// <summary>The toy with MinCellSize 1 and <c>Analysis:Noise</c> on.</summary>
public sealed class ToyApiWithNoise : ApiFixture
{
    protected override string Sample => "toy";

    protected override IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
    {
        ["Analysis:MinCellSize"] = "1",
        ["Analysis:Noise"] = "2",
        ["Analysis:NoiseKey"] = "a test secret that is long enough",
    };
}

/// <summary><c>GET /areas</c> and <c>/groups</c> with noise: not the oracle's exact values, and identical on every
/// identical query of one snapshot.</summary>
public class AreaEndpointsNoiseTests(ToyApiWithNoise toy) : IClassFixture<ToyApiWithNoise>
{
    [Fact]
    public async Task List_WithNoise_IdenticalOnRepeatAndNotTheExactValues()
    {
        using var first = await toy.Api.Analyst.GetAsync("/areas");
        using var second = await toy.Api.Analyst.GetAsync("/areas");
        var a = await first.JsonAsync(200);
        var b = await second.JsonAsync(200);
        Assert.Equal(a.ToString(), b.ToString());
        var areaA = a.Items().Single(x => x.Str("area") == "A");
        Assert.NotEqual(0.555556, areaA.GetProperty("clustering").GetDouble(), 1e-6); // the oracle's exact clustering of A
        using var one = await toy.Api.Analyst.GetAsync("/areas/A");
        Assert.Equal(areaA.ToString(), (await one.JsonAsync(200)).ToString());
    }

    [Fact]
    public async Task Groups_WithNoise_IdenticalOnRepeat()
    {
        using var first = await toy.Api.Analyst.GetAsync("/groups");
        using var second = await toy.Api.Analyst.GetAsync("/groups");
        Assert.Equal((await first.JsonAsync(200)).ToString(), (await second.JsonAsync(200)).ToString());
    }
}
