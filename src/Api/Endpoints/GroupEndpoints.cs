using Microsoft.AspNetCore.Http.HttpResults;
using SocialCapital.Api.Contracts;
using SocialCapital.Api.Snapshots;
using SocialCapital.Metrics;
using Microsoft.Extensions.Options;
using SocialCapital.Api.Hosting;

namespace SocialCapital.Api.Endpoints;

/// <summary><c>/groups</c>: peer groups' make-up, for analysts. Aggregates only, small groups suppressed.</summary>
internal static class GroupEndpoints
{
    public static void MapGroups(this IEndpointRouteBuilder app) =>
        app.MapGet("/groups", List).WithTags("Areas").RequireAuthorization(Policies.Analyst)
            .WithSummary("Peer groups: members, exposure, friending bias, work-status diversity (Blau), in-work share, free places.")
            .WithDescription("Groups with fewer members than Analysis:MinCellSize show only their id and suppressed=true. Only groups "
                + "in the caller's areas are listed.");

    private static Results<Ok<Paged<GroupMeasures>>, ValidationProblem> List(HttpContext http, SnapshotHost host,
        IOptions<AnalysisSettings> analysis, int? page, int? pageSize)
    {
        var errors = new FieldErrors();
        var paging = Paging.Check(page, pageSize, errors);
        if (errors.Any) return errors.ToProblem();
        var snapshot = http.Read(host);
        var caller = Caller.Of(http);
        var groups = PublishedNoise.Apply(caller.Areas.IsAll ? snapshot.Groups : [.. snapshot.Groups.Where(g => caller.Sees(g.Area))],
            analysis.Value.NoiseOptions(), snapshot.Version.ToString(System.Globalization.CultureInfo.InvariantCulture), snapshot.AreaOptions.MinCellSize);
        return TypedResults.Ok(Paged<GroupMeasures>.Of(groups, paging));
    }
}
