using SocialCapital.Api.Tests.Infrastructure;

namespace SocialCapital.Api.Tests.Errors;

/// <summary>An exception that is not one of the documented request or domain errors is our bug: a logged 500 problem that
/// reveals nothing — even when it is an <see cref="ArgumentException"/> or a <see cref="KeyNotFoundException"/>, which
/// the API once answered as the client's fault (400, 404).</summary>
/// <remarks>How the fault is made: the API's clock (<see cref="TimeProvider"/>, a framework service the host registers
/// and every read consults to see whether the analysis date has moved on) is replaced, as <see cref="TestApi"/> already
/// allows, by one that starts throwing after start-up. Nothing of ours is mocked and production code has no test-only
/// path: the failure enters where a real dependency could fail, and travels through the real endpoint, snapshot host
/// and exception handler.</remarks>
public class InternalErrorTests
{
    public static TheoryData<string> Failures() => ["argument", "key", "invalid-operation"];

    [Theory]
    [MemberData(nameof(Failures))]
    public async Task Read_DependencyThrowsUnexpectedly_Logged500ProblemThatRevealsNothing(string failure)
    {
        using var folder = new TempFolder();
        var clock = new FailingClock();
        await using var api = TestApi.Start(folder.File("store.db"), Repo.Sample("toy"), clock: clock);
        clock.Failure = failure switch
        {
            "argument" => new ArgumentException("secret-argument-detail"),
            "key" => new KeyNotFoundException("secret-key-detail"),
            _ => new InvalidOperationException("secret-operation-detail"),
        };

        using var response = await api.Coach.GetAsync("/people/0");

        var problem = await response.AssertProblemAsync(500);
        Assert.DoesNotContain("secret", problem.ToString(), StringComparison.Ordinal);
        Assert.Contains(api.Log.Lines, line => line.StartsWith("Error SocialCapital.Api.Errors.ApiExceptionHandler", StringComparison.Ordinal)
            && line.Contains("GET /people/0", StringComparison.Ordinal));
    }

    /// <summary>The system clock until <see cref="Failure"/> is set; then every reading throws it.</summary>
    private sealed class FailingClock : TimeProvider
    {
        public volatile Exception? Failure;

        public override DateTimeOffset GetUtcNow() => Failure is { } failure ? throw failure : System.GetUtcNow();
    }
}
