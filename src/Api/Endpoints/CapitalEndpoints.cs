using Microsoft.AspNetCore.Http.HttpResults;
using SocialCapital.Api.Snapshots;
using SocialCapital.Metrics;
using SocialCapital.Model;
using SocialCapital.Ties;

namespace SocialCapital.Api.Endpoints;

/// <summary><c>/people/{id}/capital</c>: a person's social capital and the class of each of their ties.</summary>
internal static class CapitalEndpoints
{
    public static void MapCapital(this IEndpointRouteBuilder app) =>
        app.MapGet("/people/{id}/capital", Get).WithTags("People").RequireAuthorization(Policies.Coach)
            .WithSummary("A person's social-capital measures, their contacts with each tie's class, and their places.")
            .WithDescription("Measures as in docs/measures.md (constraint, effective size, economic connectedness, …); "
                + "null where a measure is undefined. Contacts are the ties active today.")
            .ProducesProblem(StatusCodes.Status404NotFound);

    private static Ok<CapitalView> Get(HttpContext http, SnapshotHost host, string id)
    {
        var snapshot = http.Read(host);
        snapshot.RequirePerson(id);
        var graph = snapshot.Graph;
        var node = graph.IndexOf(id);
        var neighbors = graph.Neighbors(node);
        var strengths = graph.Strengths(node);
        var kinds = graph.ContactKinds(node);
        var classes = graph.TieClasses(node);
        var contacts = new ContactView[neighbors.Length];
        for (var i = 0; i < neighbors.Length; i++)
        {
            var other = neighbors[i];
            contacts[i] = new ContactView(graph.Id(other), graph.Kind(other).Name(), classes[i].ToString().ToLowerInvariant(),
                [.. kinds[i].ToTieKinds().Select(k => k.Name())], strengths[i], graph.BridgingScore(node, other));
        }
        var places = graph.PlacesOf(node).ToArray().Select(p => new PlaceView(graph.Id(p), graph.Kind(p).Name())).ToArray();
        return TypedResults.Ok(new CapitalView(snapshot.People.ForNode(node), contacts, places));
    }
}

/// <summary>A person's social capital.</summary>
/// <param name="Measures">The person-level measures.</param>
/// <param name="Contacts">Their contacts, each with the tie's class.</param>
/// <param name="Places">The peer groups and employers they belong to.</param>
public sealed record CapitalView(PersonMeasures Measures, IReadOnlyList<ContactView> Contacts, IReadOnlyList<PlaceView> Places);

/// <summary>One contact.</summary>
/// <param name="Id">The contact's id.</param>
/// <param name="Kind">The contact's node kind.</param>
/// <param name="TieClass"><c>bonding</c>, <c>bridging</c> or <c>linking</c>.</param>
/// <param name="TieKinds">The kinds of tie between them.</param>
/// <param name="Strength">Summed strength.</param>
/// <param name="BridgingScore">How unlike each other they are, 0 to 1, under the tie policy.</param>
public sealed record ContactView(string Id, string Kind, string TieClass, IReadOnlyList<string> TieKinds, double Strength, double BridgingScore);

/// <summary>A place a person belongs to.</summary>
/// <param name="Id">The place's id.</param>
/// <param name="Kind"><c>employer</c> or <c>peer_group</c>.</param>
public sealed record PlaceView(string Id, string Kind);
