using Microsoft.AspNetCore.Http.HttpResults;
using SocialCapital.Api.Audit;
using SocialCapital.Api.Contracts;
using SocialCapital.Api.Errors;
using SocialCapital.Api.Snapshots;
using SocialCapital.Model;
using SocialCapital.Recommendations;

namespace SocialCapital.Api.Endpoints;

/// <summary><c>/cohorts/assignments</c>: the best whole-cohort mentor assignment under mentor capacity.</summary>
internal static class CohortEndpoints
{
    public static void MapCohorts(this IEndpointRouteBuilder app) =>
        app.MapPost("/cohorts/assignments", Assign).WithTags("Recommendations").RequireAuthorization(Policies.Coach)
            .WithSummary("Assign mentors to a cohort of citizens: the highest total match score that respects every mentor's capacity.")
            .WithDescription("An optimal assignment (min-cost flow, docs/recommendations.md). Citizens: the listed ids, or every "
                + "citizen in the caller's areas when none are listed. Nothing is stored: store the pairs you accept as mentoring ties with PUT /ties.");

    /// <summary>The documented names of the need weightings, and only those (no numbers, no case variants, no lists).</summary>
    private static readonly Dictionary<string, NeedWeighting> NeedNames = new(StringComparer.Ordinal)
    {
        ["none"] = NeedWeighting.None,
        ["fewest_bridging_ties"] = NeedWeighting.FewestBridgingTies,
    };

    private static Results<Ok<CohortView>, NotFoundProblem, ValidationProblem> Assign(HttpContext http, SnapshotHost host,
        CohortRequest? body, CancellationToken cancellationToken)
    {
        body ??= new CohortRequest();
        var errors = new FieldErrors();
        var need = NeedWeighting.None;
        if (body.Need is not null && !NeedNames.TryGetValue(body.Need, out need))
            errors.Add("need", $"Unknown need weighting '{body.Need}' (expected {string.Join(" or ", NeedNames.Keys)}).");
        for (var i = 0; i < (body.Citizens?.Count ?? 0); i++)
            if (string.IsNullOrWhiteSpace(body.Citizens![i])) errors.Add($"citizens[{i}]", "a citizen id must be a non-empty string.");
        var caller = Caller.Of(http);
        var snapshot = http.Read(host);
        var options = new CohortOptions
        {
            // No list means every citizen the caller may see (every citizen for a caller of every area).
            Citizens = body.Citizens ?? snapshot.CitizensOf(caller),
            MaxPerCitizen = body.MaxPerCitizen ?? CohortOptions.Default.MaxPerCitizen,
            Need = need,
            CandidatesPerCitizen = body.CandidatesPerCitizen ?? CohortOptions.Default.CandidatesPerCitizen,
            Match = new MatchOptions { AnyArea = body.AnyArea ?? false },
            CancellationToken = cancellationToken,
        };
        errors.AddOptions(options.Validate());
        if (errors.Any) return errors.ToProblem();
        http.AuditTargets(body.Citizens ?? []); // a refused attempt names whom it was about too
        foreach (var id in body.Citizens ?? [])
            if (snapshot.MissingPerson(caller, id, NodeKind.Citizen) is { } missing) return missing;
        var result = CohortAssignment.Assign(snapshot.Graph, options);
        http.AuditTargets([.. body.Citizens ?? [], .. result.Pairs.SelectMany(p => new[] { p.Citizen, p.Mentor }), .. result.Unassigned.Select(u => u.Citizen)]);
        return TypedResults.Ok(new CohortView(result.Citizens, result.AssignedCitizens, result.TotalScore, result.TotalWeightedScore,
            result.Pairs, result.Unassigned));
    }
}
