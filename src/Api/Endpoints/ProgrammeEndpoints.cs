using Microsoft.AspNetCore.Http.HttpResults;
using SocialCapital.Api.Contracts;
using SocialCapital.Api.Errors;
using SocialCapital.Api.Snapshots;
using SocialCapital.Recommendations;

namespace SocialCapital.Api.Endpoints;

/// <summary>The mentoring programme's report for analysts: aggregates only, small cells suppressed, over whole calendar
/// months (so two reports differ by at least a month of records, never by one person's day).</summary>
internal static class ProgrammeEndpoints
{
    public static void MapProgramme(this IEndpointRouteBuilder app) =>
        app.MapGet("/programme/report", Report).WithTags("Mentoring").RequireAuthorization(Policies.Analyst)
            .WithSummary("The mentoring programme's report: proposals and decisions, time to match, pairings by outcome, "
                + "bridging share, employment outcomes at 3 and 6 months (mentored vs waiting) — descriptive, not causal.")
            .WithDescription("`from`, `to` (yyyy-MM-dd) are widened to whole calendar months: `from` to the first of its month, `to` "
                + "to the last of its (default: the last twelve months to today). `area`: one of your areas; required when your "
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
        var first = new DateOnly((from ?? today.AddMonths(-11)).Year, (from ?? today.AddMonths(-11)).Month, 1);
        var end = to ?? today;
        var last = new DateOnly(end.Year, end.Month, 1).AddMonths(1).AddDays(-1);
        var options = new ProgrammeReportOptions { From = first, To = last, Area = area, MinCellSize = snapshot.AreaOptions.MinCellSize };
        errors.AddOptions(options.Validate());
        if (errors.Any) return errors.ToProblem();
        var live = snapshot.Live;
        return TypedResults.Ok(ProgrammeReport.Of(live.Graph, live.MentoringTies(), live.Proposals, live.StatusHistory, options));
    }
}
