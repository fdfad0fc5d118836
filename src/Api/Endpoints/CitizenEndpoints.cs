using Microsoft.AspNetCore.Http.HttpResults;
using SocialCapital.Api.Audit;
using SocialCapital.Api.Contracts;
using SocialCapital.Api.Errors;
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
                + "or past mentor. Also says how many mentors were eligible and why the others were not. `top`: how many, best "
                + "first; 0 = every eligible mentor; default 10.");
        citizens.MapGet("/peer-groups", PeerGroups)
            .WithSummary("Peer groups with free places that would widen a citizen's network, with reasons.")
            .WithDescription("`top`: how many, best first; 0 = every group with a free place; default 10.");
    }

    private static Results<Ok<MentorMatchView>, NotFoundProblem, ValidationProblem> MentorMatches(HttpContext http, SnapshotHost host,
        string id, int? top, bool? anyArea)
    {
        var options = new MatchOptions { Top = top ?? MatchOptions.Default.Top, AnyArea = anyArea ?? false };
        var errors = new FieldErrors();
        errors.AddOptions(options.Validate());
        if (errors.Any) return errors.ToProblem();
        var snapshot = http.Read(host);
        // Mentors from other areas appear only as the match needs them (anyArea=true): the citizen must be the caller's.
        var caller = Caller.Of(http);
        if (snapshot.MissingPerson(caller, id, NodeKind.Citizen) is { } missing) return missing;
        var result = MentorMatching.ForCitizen(snapshot.Graph, id, options);
        http.AuditTargets([id, .. result.Matches.Select(m => m.Mentor)]);
        var matches = caller.Areas.IsAll ? result.Matches
            : [.. result.Matches.Select(m => m with { Reasons = snapshot.Redacted(caller, m.Reasons) })];
        return TypedResults.Ok(new MentorMatchView(result.Citizen, result.Eligible, result.Ineligible, matches));
    }

    /// <summary>A bad <c>top</c> is refused by the engine (<see cref="InvalidOptionsException"/>, a 400 naming <c>top</c>).</summary>
    private static Results<Ok<SuggestionList<GroupSuggestion>>, NotFoundProblem, ValidationProblem> PeerGroups(HttpContext http,
        SnapshotHost host, string id, int? top)
    {
        var snapshot = http.Read(host);
        var caller = Caller.Of(http);
        if (snapshot.MissingPerson(caller, id, NodeKind.Citizen) is { } missing) return missing;
        var wanted = top ?? PeopleEndpoints.DefaultTop;
        if (caller.Areas.IsAll) return TypedResults.Ok(new SuggestionList<GroupSuggestion>(id, GroupSuggestions.ForCitizen(snapshot.Graph, id, wanted)));
        // Only groups in the caller's areas: the caller arranges the membership.
        var visible = GroupSuggestions.ForCitizen(snapshot.Graph, id, 0).Where(g => caller.Sees(snapshot.Node(g.Group)?.Area));
        return TypedResults.Ok(new SuggestionList<GroupSuggestion>(id, PeopleEndpoints.Reranked(visible, wanted,
            (g, rank) => g with { Rank = rank, Reasons = snapshot.Redacted(caller, g.Reasons) })));
    }
}
