using Microsoft.AspNetCore.Http.HttpResults;
using SocialCapital.Api.Contracts;
using SocialCapital.Api.Snapshots;

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
            .WithSummary("The store is reachable and a snapshot is loaded.")
            .WithDescription("503 until the first snapshot is loaded, or when the store cannot be reached.")
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable); // a ProblemHttpResult declares no status of its own
    }

    private static async Task<Results<Ok<HealthStatus>, ProblemHttpResult>> Ready(SnapshotHost host, CancellationToken cancellationToken)
    {
        if (!host.IsLoaded)
            return TypedResults.Problem(statusCode: 503, title: "Not ready", detail: "The data is still loading.");
        try
        {
            var stored = await host.Store.GetVersionAsync(cancellationToken);
            return TypedResults.Ok(new HealthStatus("ready", host.Current.Version, stored));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return TypedResults.Problem(statusCode: 503, title: "Not ready", detail: "The store cannot be reached.");
        }
    }
}
