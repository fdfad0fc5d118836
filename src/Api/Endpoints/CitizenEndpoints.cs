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
        citizens.MapGet("/mentor-matches/{mentorId}", WhyNot)
            .WithSummary("Why (not) this mentor? The hard rule that rules a mentor out for a citizen, or their score parts and reasons.")
            .WithDescription("For any mentor, of any area: `rule` names the first hard rule the pair breaks (no_free_place — pending "
                + "proposals hold places —, other_area, past_or_current_mentor, declined_before, already_proposed, no_shared_language) "
                + "and `why` says it with the facts; an eligible mentor (`rule` none) comes with `match`: the score, its parts, the "
                + "reasons and the rank among `eligibleMentors`. The same rules and score as the ranking. `anyArea` as for the "
                + "ranking (default false). The citizen must be of your areas; an id that names no mentor is a 404.");
        citizens.MapGet("/introductions", Introductions)
            .WithSummary("Warm introductions: employers hiring in the citizen's goal sectors, and who in their network works there.")
            .WithDescription("The shortest, then strongest, chain of contacts from the citizen to someone employed at each "
                + $"employer with vacancies in a goal sector; `maxHops` 1 to 6 (default {SocialCapital.Recommendations.Introductions.DefaultMaxHops}). "
                + "Only employers of your areas; a person on a chain outside your areas reads \"someone outside your areas\".");
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

    private static Results<Ok<MentorExplanation>, NotFoundProblem, ValidationProblem> WhyNot(HttpContext http, SnapshotHost host,
        string id, string mentorId, bool? anyArea)
    {
        var snapshot = http.Read(host);
        var caller = Caller.Of(http);
        if (snapshot.MissingPerson(caller, id, NodeKind.Citizen) is { } missing) return missing;
        // Any mentor may be asked about, as matches offer any area's mentors; any other id is one answer, so no kind oracle.
        if (snapshot.Node(mentorId) is not { Kind: NodeKind.Mentor }) return EndpointHelpers.NotFound($"No mentor has id '{mentorId}'.");
        var why = MentorMatching.Explain(snapshot.Graph, id, mentorId, new MatchOptions { AnyArea = anyArea ?? false });
        http.AuditTargets([id, mentorId]);
        return TypedResults.Ok(why.Match is { } match && !caller.Areas.IsAll
            ? why with { Match = match with { Reasons = snapshot.Redacted(caller, match.Reasons) } }
            : why);
    }

    private static Results<Ok<SuggestionList<Introduction>>, NotFoundProblem, ValidationProblem> Introductions(HttpContext http,
        SnapshotHost host, string id, int? maxHops)
    {
        var hops = maxHops ?? SocialCapital.Recommendations.Introductions.DefaultMaxHops;
        var errors = new FieldErrors();
        errors.AddOptions(SocialCapital.Recommendations.Introductions.Validate(hops));
        if (errors.Any) return errors.ToProblem();
        var snapshot = http.Read(host);
        var caller = Caller.Of(http);
        if (snapshot.MissingPerson(caller, id, NodeKind.Citizen) is { } missing) return missing;
        var all = SocialCapital.Recommendations.Introductions.ForCitizen(snapshot.Graph, id, hops);
        // Only employers of the caller's areas (they arrange the introduction); people on a chain outside them are not named.
        IReadOnlyList<Introduction> shown = caller.Areas.IsAll ? all
            : PeopleEndpoints.Reranked(all.Where(i => caller.Sees(snapshot.Node(i.Employer)?.Area)), 0,
                (i, rank) => i with { Rank = rank, Path = snapshot.Redacted(caller, i.Path), Reasons = snapshot.Redacted(caller, i.Reasons) });
        http.AuditTargets([id, .. shown.SelectMany(i => i.Path.Where(p => snapshot.Node(p) is not null))]);
        return TypedResults.Ok(new SuggestionList<Introduction>(id, shown));
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
