using Microsoft.AspNetCore.Http.HttpResults;
using SocialCapital.Api.Audit;
using SocialCapital.Api.Contracts;
using SocialCapital.Api.Errors;
using SocialCapital.Api.Snapshots;
using SocialCapital.Metrics;

namespace SocialCapital.Api.Endpoints;

/// <summary>Leiden communities: a person's community for coaches (<c>/people/{id}/community</c>, scoped and audited like
/// every person endpoint) and per-area aggregates for analysts (<c>/areas/communities</c>, no ids, small areas
/// suppressed). Both read the communities the snapshot keeps per resolution and seed
/// (<see cref="Live.LiveSnapshot.Communities"/>), found once per snapshot version, never per request.</summary>
internal static class CommunitiesEndpoints
{
    /// <summary>The largest resolution accepted: far past any useful value (every person alone long before).</summary>
    private const double MaxResolution = 1000;

    private const string Definition = "Communities as in docs/measures.md#communities: the Leiden algorithm (Traag, Waltman & van Eck "
        + "2019) maximising modularity on the person-person contacts, unweighted. `resolution` (default 1, above 0, at most 1000): above 1 "
        + "gives more, smaller communities; `seed` (default 0): the same seed gives the same communities. Found once per snapshot and "
        + "(resolution, seed), on the first request after an edit.";

    public static void MapCommunities(this IEndpointRouteBuilder app)
    {
        app.MapGet("/people/{id}/community", Person).WithTags("People").RequireAuthorization(Policies.Coach)
            .WithSummary("A person's community: its id (0 the largest), its size, and the person's community span.")
            .WithDescription(Definition + " `span`: the number of distinct communities among the person's contacts. A person outside "
                + "the caller's areas answers 404, like an unknown id.");
        app.MapGet("/areas/communities", Areas).WithTags("Areas").RequireAuthorization(Policies.Analyst)
            .WithSummary("Communities per area: the share of ties crossing communities, communities present, the largest one's share. Aggregates only.")
            .WithDescription(Definition + " Per area of residence: residents, `ties` (contacts with at least one end in the area; a "
                + "contact between two areas counts in both), `crossingShare` (of those ties, the share whose ends are in different "
                + "communities), `communities` (distinct communities of the residents) and `largestCommunityShare` (residents in the "
                + "most common one). Areas with fewer people than Analysis:MinCellSize (default 10) show only their code and "
                + "suppressed=true; a share is also held back when it or its complement rests on fewer. Only the caller's areas are "
                + "listed; `communities` and `modularity` at the top are of the whole snapshot.");
    }

    private static Results<Ok<PersonCommunityView>, NotFoundProblem, ValidationProblem> Person(HttpContext http, SnapshotHost host,
        string id, double? resolution, int? seed)
    {
        var snapshot = http.Read(host);
        if (Resolution(resolution) is { } invalid) return invalid;
        if (snapshot.MissingPerson(Caller.Of(http), id) is { } missing) return missing;
        var (r, s) = (resolution ?? 1, seed ?? 0);
        var community = snapshot.Live.Communities(r, s).ForId(id);
        http.AuditTargets([id]);
        return TypedResults.Ok(new PersonCommunityView(r, s, community));
    }

    private static Results<Ok<AreaCommunitiesList>, ValidationProblem> Areas(HttpContext http, SnapshotHost host, double? resolution, int? seed)
    {
        var snapshot = http.Read(host);
        if (Resolution(resolution) is { } invalid) return invalid;
        var (r, s) = (resolution ?? 1, seed ?? 0);
        var caller = Caller.Of(http);
        var result = snapshot.Live.Communities(r, s);
        var rows = result.ByArea(snapshot.AreaOptions.MinCellSize);
        return TypedResults.Ok(new AreaCommunitiesList(r, s, result.Count, result.Modularity,
            caller.Areas.IsAll ? rows : [.. rows.Where(a => caller.Sees(a.Area))]));
    }

    /// <summary>A 400 for a resolution that is not above 0 and at most <see cref="MaxResolution"/>.</summary>
    private static ValidationProblem? Resolution(double? resolution)
    {
        if (resolution is not { } r || (r > 0 && r <= MaxResolution)) return null;
        var errors = new FieldErrors();
        errors.Add("resolution", $"The resolution must be above 0 and at most {MaxResolution} (got {r}).");
        return errors.ToProblem();
    }
}
