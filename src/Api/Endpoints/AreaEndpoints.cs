using Microsoft.AspNetCore.Http.HttpResults;
using SocialCapital.Api.Contracts;
using SocialCapital.Api.Snapshots;
using SocialCapital.Metrics;

namespace SocialCapital.Api.Endpoints;

/// <summary><c>/areas</c>: social capital per area, for analysts. Aggregates only, small areas suppressed.</summary>
internal static class AreaEndpoints
{
    public static void MapAreas(this IEndpointRouteBuilder app)
    {
        var areas = app.MapGroup("/areas").WithTags("Areas").RequireAuthorization(Policies.Analyst);
        areas.MapGet("/", List)
            .WithSummary("Economic and work connectedness, exposure, friending bias, cohesion and tie mix per area, with bootstrap intervals.")
            .WithDescription("Definitions in docs/measures.md (Chetty et al. 2022 for EC, exposure and friending bias). Areas with "
                + "fewer people than Analysis:MinCellSize (default 10) show only their code and suppressed=true.");
        areas.MapGet("/{code}", Get)
            .WithSummary("One area's measures (suppression applied).")
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static Ok<Paged<AreaMeasures>> List(HttpContext http, SnapshotHost host, int? page, int? pageSize)
    {
        Paging.Check(page, pageSize);
        return TypedResults.Ok(Paged<AreaMeasures>.Of(http.Read(host).Areas, page, pageSize));
    }

    private static Ok<AreaMeasures> Get(HttpContext http, SnapshotHost host, string code)
    {
        foreach (var area in http.Read(host).Areas)
            if (area.Area == code) return TypedResults.Ok(area);
        throw new NotFoundException($"No area has code '{code}'.");
    }
}
