using Microsoft.AspNetCore.Http.HttpResults;
using SocialCapital.Api.Contracts;
using SocialCapital.Api.Snapshots;
using SocialCapital.Metrics;

namespace SocialCapital.Api.Endpoints;

/// <summary>The evidence loop for analysts (<c>GET /evidence</c>): do in-work contacts go with moving into work here? The
/// model's aggregates only, fitted once per snapshot and parameters (<see cref="ApiSnapshot.Evidence"/>), never per request.</summary>
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
                + "up to 40) adds earlier windows back to back. Pooled over every area (the clusters); the area fixed effects are not "
                + "listed. When the data cannot support the model the answer is still 200, with `fitted` false and the `reason` "
                + "(no status history, no change after the first start, fewer than 5 areas, fewer than 5 moves into work or 5 without "
                + "one per coefficient, no convergence). The estimate's `caveats` state the assumptions.");

    private static Results<Ok<EvidenceView>, ValidationProblem> Evidence(HttpContext http, SnapshotHost host, string? window, int? periods, DateOnly? asOf)
    {
        var snapshot = http.Read(host);
        var errors = new FieldErrors();
        var months = EvidenceOptions.ParseWindow(window ?? "6m");
        if (months is null) errors.Add("window", $"'{window}' is not a number of months (expected e.g. 6m).");
        var options = new EvidenceOptions { WindowMonths = months ?? 6, Periods = periods ?? 1, AsOf = asOf ?? snapshot.Graph.AsOf };
        foreach (var problem in options.Validate())
            errors.Add(problem.Option == nameof(EvidenceOptions.WindowMonths) ? "window" : "periods", problem.Reason);
        if (errors.Any) return errors.ToProblem();
        EvidenceResult? estimate = null;
        string? reason = null;
        try
        {
            var result = snapshot.Evidence(options);
            estimate = result with { Terms = [.. result.Terms.Where(t => !t.Name.StartsWith("area=", StringComparison.Ordinal))] };
        }
        catch (EvidenceException e)
        {
            reason = e.Message;
        }
        return TypedResults.Ok(new EvidenceView(estimate is not null, reason, options.WindowMonths, options.Periods, options.AsOf!.Value,
            Metrics.Evidence.LiteratureLow, Metrics.Evidence.LiteratureHigh, estimate));
    }
}
