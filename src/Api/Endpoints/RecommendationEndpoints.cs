using Microsoft.AspNetCore.Http.HttpResults;
using SocialCapital.Api.Snapshots;
using SocialCapital.Recommendations;

namespace SocialCapital.Api.Endpoints;

/// <summary><c>/people/{id}/recommendations</c>: people worth meeting, with reasons.</summary>
internal static class RecommendationEndpoints
{
    public static void MapRecommendations(this IEndpointRouteBuilder app) =>
        app.MapGet("/people/{id}/recommendations", Get).WithTags("Recommendations").RequireAuthorization(Policies.Coach)
            .WithSummary("Peers this person would gain most from meeting: likely (shared contacts) and bridging, with reasons.")
            .WithDescription("Scores as in docs/recommendations.md. `top` from 1 to 1000, default 10.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);

    private static Ok<SuggestionList<PeerSuggestion>> Get(HttpContext http, SnapshotHost host, string id, int? top)
    {
        var count = EndpointHelpers.Top(top);
        var snapshot = http.Read(host);
        snapshot.RequirePerson(id);
        return TypedResults.Ok(new SuggestionList<PeerSuggestion>(id, PeerSuggestions.ForPerson(snapshot.Graph, id, count)));
    }
}

/// <summary>Suggestions for one person.</summary>
/// <param name="Person">Whom they are for.</param>
/// <param name="Items">Best first.</param>
public sealed record SuggestionList<T>(string Person, IReadOnlyList<T> Items);
