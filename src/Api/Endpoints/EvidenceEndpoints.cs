using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using SocialCapital.Api.Contracts;
using SocialCapital.Api.Errors;
using SocialCapital.Api.Snapshots;
using SocialCapital.Metrics;

namespace SocialCapital.Api.Endpoints;

/// <summary>The evidence loop for analysts (<c>GET /evidence</c>): do in-work contacts go with moving into work here? The
/// model's aggregates only, fitted in the background once per snapshot and query (<see cref="BackgroundQueries{TKey, T}"/>),
/// never inside a request.</summary>
internal static class EvidenceEndpoints
{
    public static void MapEvidence(this IEndpointRouteBuilder app) =>
        app.MapGet("/evidence", Evidence).WithTags("Areas").RequireAuthorization(Policies.Analyst)
            .WithSummary("Do in-work contacts go with moving into work? Odds ratio per extra in-work contact with its 95% interval, next to "
                + "the literature's 13-15%. Aggregates only; an association, not causation.")
            .WithDescription("A discrete-time logistic model (docs/measures.md#evidence-in-work-contacts-and-moving-into-work): citizens out "
                + "of work at the start of a window, moving into work within it (`window`, default 6m, 1 to 24 months), on their in-work "
                + "contacts at the start, with age band, SES band, time out of work and area fixed effects as controls; standard errors "
                + "cluster-robust by area (CR1), intervals with Student's t on areas - 1 degrees of freedom. `asOf` (default the "
                + "snapshot's analysis date) is the day the status history runs to: the latest window ends on it; `periods` (default 1, "
                + "up to 40) adds earlier windows back to back. Pooled over the caller's areas (the clusters): an analyst scoped to "
                + "some areas gets the model of their residents only (and its refusal below 5 areas); the area fixed effects are not "
                + "listed. When the data cannot support the model the answer is still 200, with `fitted` false and the `reason` "
                + "(no status history, no change after the first start, fewer than 5 areas, fewer than 5 moves into work or 5 without "
                + "one per coefficient, no convergence). The estimate's `caveats` state the assumptions. Fitted in the background per "
                + "query, never inside a request: `computedFor` names the snapshot the fit belongs to and `computedFor.current` whether "
                + "that is still the one served; a read after writes starts the next fit (`refreshing`) and gets the previous one "
                + "meanwhile. 202 with `Retry-After` while no fit for the query exists yet; 503 when the fit for the data being served "
                + "failed, naming that data's version, and when 16 other queries are being fitted (with `Retry-After`).");

    /// <summary>How long a request waits for a fit when nothing has finished yet: enough for a small city to answer at
    /// once, short enough never to hold a connection for long.</summary>
    private static readonly TimeSpan FirstWait = TimeSpan.FromSeconds(2);

    /// <summary>An evidence query: the window, the periods, the as-of day (null: the snapshot's) and the caller's areas
    /// (<c>*</c> for all; a scoped analyst's model is a query of its own).</summary>
    internal sealed record Query(int WindowMonths, int Periods, DateOnly? AsOf, string Areas);

    /// <summary>A fit: the estimate, or the reason the data cannot support the model (kept too: it stays until the data
    /// change), and the day the latest window ended.</summary>
    internal sealed record Outcome(EvidenceResult? Estimate, string? Reason, DateOnly AsOf);

    /// <summary>The background fits, registered once per service.</summary>
    public static BackgroundQueries<Query, Outcome> Background(IServiceProvider services) =>
        new("evidence", (snapshot, query, _, token) =>
            {
                var asOf = query.AsOf ?? snapshot.Graph.AsOf;
                var options = new EvidenceOptions
                {
                    WindowMonths = query.WindowMonths, Periods = query.Periods, AsOf = asOf, CancellationToken = token,
                    Areas = query.Areas == "*" ? null : query.Areas.Split('\n').ToHashSet(StringComparer.Ordinal),
                };
                try
                {
                    var result = Metrics.Evidence.Compute(snapshot.Dataset, options);
                    return new Outcome(result with { Terms = [.. result.Terms.Where(t => !t.Name.StartsWith("area=", StringComparison.Ordinal))] }, null, asOf);
                }
                catch (EvidenceException e)
                {
                    return new Outcome(null, e.Message, asOf);
                }
            },
            services.GetRequiredService<TimeProvider>(), services.GetRequiredService<ILogger<EvidenceResult>>(),
            services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping);

    private static async Task<Results<Ok<EvidenceView>, Accepted<MeasurePending>, ValidationProblem, UnavailableProblem>> Evidence(
        HttpContext http, SnapshotHost host, BackgroundQueries<Query, Outcome> background, TimeProvider time, string? window, int? periods,
        DateOnly? asOf, CancellationToken cancellationToken)
    {
        var snapshot = http.Read(host);
        var errors = new FieldErrors();
        var months = EvidenceOptions.ParseWindow(window ?? "6m");
        if (months is null) errors.Add("window", $"'{window}' is not a number of months (expected e.g. 6m).");
        var caller = Caller.Of(http);
        var options = new EvidenceOptions { WindowMonths = months ?? 6, Periods = periods ?? 1, AsOf = asOf ?? snapshot.Graph.AsOf };
        foreach (var problem in options.Validate())
            errors.Add(problem.Option == nameof(EvidenceOptions.WindowMonths) ? "window" : "periods", problem.Reason);
        if (errors.Any) return errors.ToProblem();
        var query = new Query(options.WindowMonths, options.Periods, asOf,
            caller.Areas.IsAll ? "*" : string.Join('\n', caller.Areas.Codes.Order(StringComparer.Ordinal)));
        if (background.For(query) is not { } computation) return background.Busy(http);
        var (latest, running, failed) = await computation.ReadAsync(snapshot, FirstWait, cancellationToken);
        if (latest is not null)
        {
            var fit = latest.Value;
            return TypedResults.Ok(new EvidenceView(fit.Estimate is not null, fit.Reason, options.WindowMonths, options.Periods, fit.AsOf,
                Metrics.Evidence.LiteratureLow, Metrics.Evidence.LiteratureHigh, fit.Estimate, latest.For(snapshot), running?.View));
        }
        if (failed || running is null)
            return background.Failed(snapshot);
        http.Response.Headers.RetryAfter = running.RetryAfter(time).ToString(CultureInfo.InvariantCulture);
        return TypedResults.Accepted((string?)null, new MeasurePending("evidence", running.View));
    }
}
