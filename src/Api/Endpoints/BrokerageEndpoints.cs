using Microsoft.AspNetCore.Http.HttpResults;
using SocialCapital.Api.Audit;
using SocialCapital.Api.Contracts;
using SocialCapital.Api.Errors;
using SocialCapital.Api.Snapshots;
using SocialCapital.Metrics;

namespace SocialCapital.Api.Endpoints;

/// <summary>Gould &amp; Fernandez brokerage roles: a person's counts for coaches (<c>/people/{id}/brokerage</c>, scoped
/// like every person endpoint) and per-area aggregates for analysts (<c>/areas/brokerage</c>, no ids, small areas
/// suppressed). Both read the roles the snapshot keeps per grouping (<see cref="Live.LiveSnapshot.BrokerageRoles"/>),
/// counted once per snapshot and grouping, never per request.</summary>
internal static class BrokerageEndpoints
{
    private const string Definition = "Roles as in docs/measures.md#brokerage (Gould & Fernandez 1989, counted as R's sna::brokerage "
        + "counts them): of the ordered pairs of a person's contacts who are not in contact themselves, how many the person brokers as "
        + "coordinator, itinerant, gatekeeper, representative and liaison. `group`: area (default), work_status, ses_band, age_band, "
        + "sector or an extra node attribute; an unknown one is a 400 naming the valid ones. People whose group is unknown have null "
        + "counts and are left out of everyone's paths.";

    public static void MapBrokerage(this IEndpointRouteBuilder app)
    {
        app.MapGet("/people/{id}/brokerage", Person).WithTags("People").RequireAuthorization(Policies.Coach)
            .WithSummary("A person's brokerage roles under a grouping: coordinator, itinerant, gatekeeper, representative, liaison.")
            .WithDescription(Definition + " A person outside the caller's areas answers 404, like an unknown id.");
        app.MapGet("/areas/brokerage", Areas).WithTags("Areas").RequireAuthorization(Policies.Analyst)
            .WithSummary("Brokerage per area: mean roles per resident and the share who broker across groups. Aggregates only.")
            .WithDescription(Definition + " Per area of residence: residents, those whose group is known (`classified`), their mean "
                + "count of each role and `brokerShare`, the share of them with a role other than coordinator. Areas with fewer people "
                + "than Analysis:MinCellSize (default 10) show only their code and suppressed=true; the share is also held back when it "
                + "or its complement rests on fewer. Only the caller's areas are listed.");
    }

    private static Results<Ok<PersonBrokerageView>, NotFoundProblem, ValidationProblem> Person(HttpContext http, SnapshotHost host,
        string id, string? group)
    {
        var snapshot = http.Read(host);
        if (Grouping(snapshot, group, out var grouping) is { } invalid) return invalid;
        if (snapshot.MissingPerson(Caller.Of(http), id) is { } missing) return missing;
        var roles = snapshot.Live.BrokerageRoles(grouping).ForId(id);
        http.AuditTargets([id]);
        return TypedResults.Ok(new PersonBrokerageView(grouping, roles));
    }

    private static Results<Ok<AreaBrokerageList>, ValidationProblem> Areas(HttpContext http, SnapshotHost host, string? group)
    {
        var snapshot = http.Read(host);
        if (Grouping(snapshot, group, out var grouping) is { } invalid) return invalid;
        var caller = Caller.Of(http);
        var rows = snapshot.Live.BrokerageRoles(grouping).ByArea(snapshot.AreaOptions.MinCellSize);
        return TypedResults.Ok(new AreaBrokerageList(grouping, caller.Areas.IsAll ? rows : [.. rows.Where(a => caller.Sees(a.Area))]));
    }

    /// <summary>The grouping asked for (default area), or a 400 naming the valid ones.</summary>
    private static ValidationProblem? Grouping(ApiSnapshot snapshot, string? group, out string grouping)
    {
        grouping = group ?? "area";
        var errors = new FieldErrors();
        return snapshot.CheckGrouping(grouping, "group", errors) ? null : errors.ToProblem();
    }
}
