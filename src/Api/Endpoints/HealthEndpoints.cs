using Microsoft.AspNetCore.Http.HttpResults;
using SocialCapital.Api.Contracts;
using Microsoft.Extensions.Options;
using SocialCapital.Api.Hosting;
using SocialCapital.Api.Snapshots;
using SocialCapital.Live;

namespace SocialCapital.Api.Endpoints;

/// <summary><c>/health/live</c> and <c>/health/ready</c>: for orchestrators; no token needed.</summary>
internal static class HealthEndpoints
{
    public static void MapHealth(this IEndpointRouteBuilder app)
    {
        var health = app.MapGroup("/health").WithTags("Health").AllowAnonymous().DisableRateLimiting();
        health.MapGet("/live", () => TypedResults.Ok(new HealthStatus("live", null, null)))
            .WithSummary("The process is up.")
            .WithDescription("Answers 200 whenever the process can answer at all.");
        health.MapGet("/ready", Ready)
            .WithSummary("The store is reachable, a snapshot is loaded, and this replica keeps up with the store.")
            .WithDescription("503 until the first snapshot is loaded, when the store cannot be reached, or while this replica is "
                + "behind the store by more than Replicas:MaxLag (the oldest change it has not applied was committed longer ago); "
                + "the answer says by how much (behind, lagSeconds).")
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable); // a ProblemHttpResult declares no status of its own
    }

    private static async Task<Results<Ok<HealthStatus>, ProblemHttpResult>> Ready(SnapshotHost host, IOptions<ReplicaSettings> replicas,
        CancellationToken cancellationToken)
    {
        if (!host.IsLoaded)
            return TypedResults.Problem(statusCode: 503, title: "Not ready", detail: "The data is still loading.");
        long stored, behind;
        TimeSpan lag;
        var held = host.Current.Version;
        try
        {
            stored = await host.Store.GetVersionAsync(cancellationToken);
            (behind, lag) = await host.LagAsync(cancellationToken);
        }
        catch (ChangeFeedGapException)
        {
            return TypedResults.Problem(statusCode: 503, title: "Not ready",
                detail: $"This replica serves version {held} and is further behind than the store's change feed reaches: it is reading the whole store again.");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return TypedResults.Problem(statusCode: 503, title: "Not ready", detail: "The store cannot be reached.");
        }
        var max = replicas.Value.MaxLag;
        if (lag > max)
            return TypedResults.Problem(statusCode: 503, title: "Not ready",
                detail: $"This replica serves version {held}, {behind} behind the store; the oldest change it has not applied was committed "
                    + $"{lag.TotalSeconds:0.0} s ago, more than Replicas:MaxLag ({max.TotalSeconds:0.###} s).",
                extensions: new Dictionary<string, object?> { ["behind"] = behind, ["lagSeconds"] = Math.Round(lag.TotalSeconds, 3) });
        return TypedResults.Ok(new HealthStatus("ready", held, stored, behind, Math.Round(lag.TotalSeconds, 3)));
    }
}
