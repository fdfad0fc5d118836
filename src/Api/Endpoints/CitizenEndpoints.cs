using Microsoft.AspNetCore.Http.HttpResults;
using SocialCapital.Api.Snapshots;
using SocialCapital.Model;
using SocialCapital.Recommendations;

namespace SocialCapital.Api.Endpoints;

/// <summary><c>/citizens/{id}/…</c>: mentor matches and peer groups for one citizen.</summary>
internal static class CitizenEndpoints
{
    public static void MapCitizens(this IEndpointRouteBuilder app)
    {
        var citizens = app.MapGroup("/citizens/{id}").WithTags("Recommendations").RequireAuthorization(Policies.Coach);
        citizens.MapGet("/mentor-matches", MentorMatches)
            .WithSummary("The best mentors for a citizen, each with a score, its parts and the reasons in words.")
            .WithDescription("Mentors with free capacity in the citizen's area (or any area with `anyArea=true`), never a current "
                + "or past mentor. Also says how many mentors were eligible and why the others were not. `top` 1–1000, default 10.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        citizens.MapGet("/peer-groups", PeerGroups)
            .WithSummary("Peer groups with free places that would widen a citizen's network, with reasons.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static Ok<MentorMatchView> MentorMatches(HttpContext http, SnapshotHost host, string id, int? top, bool? anyArea)
    {
        var count = EndpointHelpers.Top(top);
        var snapshot = http.Read(host);
        snapshot.RequirePerson(id, NodeKind.Citizen);
        var result = MentorMatching.ForCitizen(snapshot.Graph, id, new MatchOptions { Top = count, AnyArea = anyArea ?? false });
        return TypedResults.Ok(new MentorMatchView(result.Citizen, result.Eligible, result.Ineligible, result.Matches));
    }

    private static Ok<SuggestionList<GroupSuggestion>> PeerGroups(HttpContext http, SnapshotHost host, string id, int? top)
    {
        var count = EndpointHelpers.Top(top);
        var snapshot = http.Read(host);
        snapshot.RequirePerson(id, NodeKind.Citizen);
        return TypedResults.Ok(new SuggestionList<GroupSuggestion>(id, GroupSuggestions.ForCitizen(snapshot.Graph, id, count)));
    }
}

/// <summary>Mentor matches for one citizen.</summary>
/// <param name="Citizen">The citizen.</param>
/// <param name="Eligible">Mentors that could be matched.</param>
/// <param name="Ineligible">Mentors left out, by reason.</param>
/// <param name="Matches">The best matches, best first.</param>
public sealed record MentorMatchView(string Citizen, int Eligible, IneligibleCounts Ineligible, IReadOnlyList<MentorMatch> Matches);
