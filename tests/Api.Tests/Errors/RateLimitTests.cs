using SocialCapital.Api.Tests.Infrastructure;

namespace SocialCapital.Api.Tests.Errors;

/// <summary>429 with <c>Retry-After</c> once a client has used its permits; per client; health is never limited.</summary>
public class RateLimitTests(ToyApiWithFewPermits toy) : IClassFixture<ToyApiWithFewPermits>
{
    private readonly TestApi _api = toy.Api;

    [Fact]
    public async Task Request_OverThePermitsPerMinute_429WithRetryAfterAndOtherClientsUnaffected()
    {
        var greedy = _api.As("coach", "greedy-client");
        for (var i = 0; i < ToyApiWithFewPermits.Permits; i++)
            using (var allowed = await greedy.GetAsync("/people/0"))
                await allowed.AssertStatusAsync(200);

        using var limited = await greedy.GetAsync("/people/0");
        var problem = await limited.AssertProblemAsync(429);
        Assert.Contains("3 requests a minute", problem.Str("detail"), StringComparison.Ordinal);
        var retryAfter = limited.Headers.RetryAfter?.Delta ?? throw new Xunit.Sdk.XunitException("no Retry-After header");
        Assert.InRange(retryAfter, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60));

        using var other = await _api.As("coach", "patient-client").GetAsync("/people/0");
        await other.AssertStatusAsync(200);
        for (var i = 0; i < ToyApiWithFewPermits.Permits + 2; i++)
            using (var health = await greedy.GetAsync("/health/ready"))
                await health.AssertStatusAsync(200);
    }

    [Fact]
    public async Task Write_WhenLimited_429AndNothingChanges()
    {
        var writer = _api.As("admin", "greedy-writer");
        for (var i = 0; i < ToyApiWithFewPermits.Permits; i++)
            using (var allowed = await writer.PutJsonAsync($"/people/limited-{i}", new { kind = "citizen" }))
                await allowed.AssertStatusAsync(201);
        var before = await StoreState.ReadAsync(_api.As("admin", "state-reader-1"));
        using var limited = await writer.PutJsonAsync("/people/limited-too-many", new { kind = "citizen" });
        await limited.AssertProblemAsync(429);
        Assert.Equal(before, await StoreState.ReadAsync(_api.As("admin", "state-reader-2")));
    }
}
