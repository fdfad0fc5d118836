using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using SocialCapital.Api.Audit;
using SocialCapital.Api.Contracts;
using SocialCapital.Api.Errors;
using SocialCapital.Api.Hosting;
using SocialCapital.Api.Snapshots;
using SocialCapital.Metrics;

namespace SocialCapital.Api.Endpoints;

/// <summary>Betweenness centrality for coaches (<c>/people/{id}/betweenness</c>). Exact betweenness takes minutes at
/// tens of thousands of people, far too long for a request, so it is computed in the background
/// (<see cref="BackgroundMeasure{T}"/>) and served with the snapshot it was computed for.</summary>
internal static class BetweennessEndpoints
{
    /// <summary>How long a request waits for a computation when nothing has finished yet: enough for a small graph to
    /// answer at once, short enough never to hold a connection for minutes.</summary>
    private static readonly TimeSpan FirstWait = TimeSpan.FromSeconds(2);

    public static void MapBetweenness(this IEndpointRouteBuilder app) =>
        app.MapGet("/people/{id}/betweenness", Person).WithTags("People").RequireAuthorization(Policies.Coach)
            .WithSummary("A person's betweenness centrality: the share of shortest paths between other people through them.")
            .WithDescription("Unweighted, over the active person–person contacts, normalised as networkx's default "
                + "(docs/measures.md#betweenness). Computed for everyone in the background, never inside a request: exact up to "
                + "`Analysis:BetweennessExactLimit` people (default 25,000), a 1,000-pivot estimate above with `errorBound` its 95% "
                + "Hoeffding half-width. Writes do not wait for it: `computedFor` names the snapshot the value belongs to and "
                + "`computedFor.current` whether that is still the one served; a read after writes starts the next computation "
                + "(`refreshing`) and gets the previous value meanwhile. 202 with `Retry-After` while no value for the person "
                + "exists yet (the first computation, or a person added since); 503 when the computation for the data being "
                + "served failed. A person outside the caller's areas answers 404, like an unknown id.");

    /// <summary>The background computation, registered once per service.</summary>
    public static BackgroundMeasure<BetweennessResult> Background(IServiceProvider services)
    {
        var settings = services.GetRequiredService<IOptions<AnalysisSettings>>().Value;
        // Half the cores: requests keep the rest while a long computation runs.
        var threads = Math.Max(1, Environment.ProcessorCount / 2);
        return new BackgroundMeasure<BetweennessResult>("betweenness",
            (snapshot, progress, token) => Betweenness.Compute(snapshot.Graph, new BetweennessOptions
            {
                ExactLimit = settings.BetweennessExactLimit,
                MaxDegreeOfParallelism = threads,
                Progress = progress,
                CancellationToken = token,
            }),
            services.GetRequiredService<TimeProvider>(), services.GetRequiredService<ILogger<BetweennessResult>>(),
            services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping);
    }

    private static async Task<Results<Ok<BetweennessView>, Accepted<BetweennessPending>, NotFoundProblem, UnavailableProblem>> Person(
        HttpContext http, SnapshotHost host, BackgroundMeasure<BetweennessResult> background, TimeProvider time, string id,
        CancellationToken cancellationToken)
    {
        var snapshot = http.Read(host);
        if (snapshot.MissingPerson(Caller.Of(http), id) is { } missing) return missing;
        var (latest, running, failed) = await background.ReadAsync(snapshot, FirstWait, cancellationToken);
        if (latest is not null && latest.Snapshot.Graph.TryGetIndex(id, out var node) && latest.Snapshot.Graph.IsPerson(node))
        {
            var result = latest.Value;
            http.AuditTargets([id]);
            return TypedResults.Ok(new BetweennessView(id, result.Values[node], result.IsExact, result.Pivots, result.ErrorBound(0.05),
                latest.For(snapshot), running?.View));
        }
        if (failed || running is null)
            return new UnavailableProblem("Betweenness could not be computed for the data being served (see the service's log); "
                + "it is computed again once the data changes.");
        http.Response.Headers.RetryAfter = running.RetryAfter(time).ToString(CultureInfo.InvariantCulture);
        return TypedResults.Accepted((string?)null, new BetweennessPending(id, running.View));
    }
}
