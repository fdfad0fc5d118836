using Microsoft.AspNetCore.Http.HttpResults;
using SocialCapital.Api.Contracts;
using SocialCapital.Api.Errors;
using SocialCapital.Api.Hosting;
using SocialCapital.Api.Snapshots;
using SocialCapital.Interchange;
using SocialCapital.Metrics;
using Microsoft.Extensions.Options;

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
                + "fewer people than Analysis:MinCellSize (default 10) show only their code and suppressed=true. Every other value "
                + "follows each write at once; the bootstrap intervals are those of the last full pass, refreshed in the background: "
                + "the header X-Intervals-Updates-Behind says how many updates ago. Only the caller's areas are listed. "
                + "With `by` (age_band, work_status, ses_band, sector, another built-in dimension or an extra node attribute; an "
                + "unknown one is a 400 naming the valid ones): one row per area and group (`group`), the measures over the group's "
                + "residents with the area as the pool for exposure and friending bias (docs/measures.md#breakdowns); residents whose "
                + "value is unknown are in no row; cells are suppressed as areas are, and one more when a suppressed cell could be "
                + "worked out from the area's total. Its intervals are computed with it (once per data version and grouping).");
        areas.MapGet("/boundaries", Boundaries)
            .WithSummary("The areas' boundaries as GeoJSON, for maps: one feature per area (property `area`), the caller's areas only.")
            .WithDescription("A FeatureCollection (application/geo+json) of Polygon and MultiPolygon features, from Analysis:Boundaries "
                + "or the areas.geojson beside the seed dataset (docs/format.md#areasgeojson-optional); 404 when the deployment has "
                + "none. Areas without a boundary are simply absent.")
            .Produces<System.Text.Json.JsonElement>(StatusCodes.Status200OK, AreaBoundaries.MediaType); // a GeoJSON FeatureCollection
        areas.MapGet("/{code}", Get)
            .WithSummary("One area's measures (suppression applied).")
            .WithDescription("An area outside the caller's areas answers 404, like an unknown one.");
    }

    private static Results<Ok<Paged<AreaMeasures>>, ValidationProblem> List(HttpContext http, SnapshotHost host,
        IOptions<AnalysisSettings> analysis, int? page, int? pageSize, string? by)
    {
        var errors = new FieldErrors();
        var paging = Paging.Check(page, pageSize, errors);
        if (errors.Any) return errors.ToProblem();
        if (by is null) return TypedResults.Ok(Paged<AreaMeasures>.Of(Areas(http, host, analysis.Value), paging));
        var snapshot = http.Read(host);
        if (!snapshot.CheckGrouping(by, "by", errors)) return errors.ToProblem();
        return TypedResults.Ok(Paged<AreaMeasures>.Of(Breakdown(http, snapshot, analysis.Value, by), paging));
    }

    /// <summary>The snapshot's breakdown by a grouping in the caller's areas, with Analysis:Noise (each cell its own draws,
    /// keyed by the snapshot version and the grouping); its intervals are fresh.</summary>
    private static IReadOnlyList<AreaMeasures> Breakdown(HttpContext http, ApiSnapshot snapshot, AnalysisSettings analysis, string by)
    {
        var rows = snapshot.Breakdown(by);
        http.Response.Headers[IntervalsHeader] = "0";
        var caller = Caller.Of(http);
        return PublishedNoise.Apply(caller.Areas.IsAll ? rows : [.. rows.Where(a => caller.Sees(a.Area))], analysis.NoiseOptions(),
            string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{snapshot.Version}\nby={by}"), snapshot.AreaOptions.MinCellSize);
    }

    /// <summary>The snapshot's area rows in the caller's areas, with Analysis:Noise (keyed by the snapshot version), and with
    /// how many updates old their bootstrap intervals are.</summary>
    internal static IReadOnlyList<AreaMeasures> Areas(HttpContext http, SnapshotHost host, AnalysisSettings analysis)
    {
        var snapshot = http.Read(host);
        var measures = snapshot.Live.Measures;
        http.Response.Headers[IntervalsHeader] = measures.UpdatesSinceIntervals.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var caller = Caller.Of(http);
        return PublishedNoise.Apply(caller.Areas.IsAll ? measures.Areas : [.. measures.Areas.Where(a => caller.Sees(a.Area))],
            analysis.NoiseOptions(), snapshot.Version.ToString(System.Globalization.CultureInfo.InvariantCulture), snapshot.AreaOptions.MinCellSize);
    }

    /// <summary>How many updates the area measures have had since their bootstrap intervals were computed.</summary>
    public const string IntervalsHeader = "X-Intervals-Updates-Behind";

    private static Results<FileContentHttpResult, NotFoundProblem> Boundaries(HttpContext http, SnapshotHost host, BoundaryHost boundaries)
    {
        EndpointHelpers.Stamp(http, host.Current); // like every read, though the boundaries do not change with the data
        if (boundaries.Current is not { } all)
            return EndpointHelpers.NotFound("This deployment has no area boundaries (set Analysis:Boundaries, or put areas.geojson beside the seed dataset).");
        var caller = Caller.Of(http);
        using var body = new MemoryStream();
        (caller.Areas.IsAll ? all : all.Where(caller.Sees)).Write(body);
        return TypedResults.File(body.ToArray(), AreaBoundaries.MediaType);
    }

    private static Results<Ok<AreaMeasures>, NotFoundProblem> Get(HttpContext http, SnapshotHost host,
        IOptions<AnalysisSettings> analysis, string code)
    {
        foreach (var area in Areas(http, host, analysis.Value))
            if (area.Area == code) return TypedResults.Ok(area);
        return EndpointHelpers.NotFound($"No area has code '{code}'.");
    }
}
