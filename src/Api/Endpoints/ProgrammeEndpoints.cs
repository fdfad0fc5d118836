using Microsoft.AspNetCore.Http.HttpResults;
using SocialCapital.Api.Contracts;
using SocialCapital.Api.Errors;
using SocialCapital.Api.Snapshots;
using SocialCapital.Recommendations;

namespace SocialCapital.Api.Endpoints;

/// <summary>The mentoring programme's report for analysts: aggregates only, small cells suppressed (with secondary
/// suppression of parts of a total), over whole calendar months as they stood at the end of the last complete month.</summary>
internal static class ProgrammeEndpoints
{
    public static void MapProgramme(this IEndpointRouteBuilder app) =>
        app.MapGet("/programme/report", Report).WithTags("Mentoring").RequireAuthorization(Policies.Analyst)
            .WithSummary("The mentoring programme's report: proposals and decisions, time to match, pairings by outcome, "
                + "bridging share, employment outcomes at 3 and 6 months (mentored vs waiting) — descriptive, not causal.")
            .WithDescription("Complete calendar months only, as they stood at the end of the last complete month (the report "
                + "does not change within a month): `from` is widened to the first of its month, `to` to the last of its and capped "
                + "at the last complete month (default: the twelve months to the last complete one). Decline and end reasons given "
                + "fewer times than the smallest cell are one 'other reasons' row. `area`: one of your areas; required when your "
                + "token covers several but not every area. Counts below Analysis:MinCellSize are null and `suppressed` is true. "
                + "Definitions in docs/recommendations.md#programme-report.");

    private static Results<Ok<ProgrammeReportResult>, ValidationProblem, NotFoundProblem> Report(HttpContext http, SnapshotHost host,
        DateOnly? from, DateOnly? to, string? area)
    {
        var snapshot = http.Read(host);
        var caller = Caller.Of(http);
        var today = snapshot.Graph.AsOf;
        var errors = new FieldErrors();
        if (area is not null && !caller.Sees(area)) return EndpointHelpers.NotFound($"No area has code '{area}'.");
        if (area is null && !caller.Areas.IsAll)
        {
            if (caller.Areas.Codes.Count == 1) area = caller.Areas.Codes.Single();
            else errors.Add("area", "area is required: your token covers " + string.Join(", ", caller.Areas.Codes.Order(StringComparer.Ordinal)) + ".");
        }
        // Complete months only, counted as they stood at the end of the last one: a report does not change from day to
        // day, so polling it cannot catch one person's decision or outcome as it happens.
        var lastComplete = new DateOnly(today.Year, today.Month, 1).AddDays(-1);
        var start = from ?? lastComplete.AddMonths(-11);
        var first = new DateOnly(start.Year, start.Month, 1);
        var end = to is { } t && t < lastComplete ? t : lastComplete;
        var last = new DateOnly(end.Year, end.Month, 1).AddMonths(1).AddDays(-1);
        if (first > last) errors.Add("from", $"from must not be after to; the report covers complete months, up to {lastComplete:yyyy-MM-dd}.");
        var options = new ProgrammeReportOptions
        {
            From = first, To = first > last ? first : last, AsOf = lastComplete, Area = area, MinCellSize = snapshot.AreaOptions.MinCellSize,
        };
        errors.AddOptions(options.Validate());
        if (errors.Any) return errors.ToProblem();
        var live = snapshot.Live;
        return TypedResults.Ok(ProgrammeReport.Of(live.Graph, live.MentoringTies(), live.Proposals, live.Employment, options));
    }
}
