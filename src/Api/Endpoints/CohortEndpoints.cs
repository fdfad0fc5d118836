using Microsoft.AspNetCore.Http.HttpResults;
using SocialCapital.Api.Contracts;
using SocialCapital.Api.Snapshots;
using SocialCapital.Recommendations;

namespace SocialCapital.Api.Endpoints;

/// <summary><c>/cohorts/assignments</c>: the best whole-cohort mentor assignment under mentor capacity.</summary>
internal static class CohortEndpoints
{
    public static void MapCohorts(this IEndpointRouteBuilder app) =>
        app.MapPost("/cohorts/assignments", Assign).WithTags("Recommendations").RequireAuthorization(Policies.Coach)
            .WithSummary("Assign mentors to a cohort of citizens: the highest total match score that respects every mentor's capacity.")
            .WithDescription("An optimal assignment (min-cost flow, docs/recommendations.md). Citizens: the listed ids, or every "
                + "citizen when none are listed. Nothing is stored: store the pairs you accept as mentoring ties with PUT /ties.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);

    private static Ok<CohortView> Assign(HttpContext http, SnapshotHost host, CohortRequest? body, CancellationToken cancellationToken)
    {
        body ??= new CohortRequest();
        var errors = new FieldErrors();
        if (body.MaxPerCitizen is < 1 or > 10) errors.Add("maxPerCitizen", "maxPerCitizen must be from 1 to 10.");
        if (body.CandidatesPerCitizen is < 0) errors.Add("candidatesPerCitizen", "candidatesPerCitizen must be 0 (all) or more.");
        var need = NeedWeighting.None;
        if (body.Need is not null && !Enum.TryParse(body.Need.Replace("_", "", StringComparison.Ordinal), ignoreCase: true, out need))
            errors.Add("need", $"Unknown need weighting '{body.Need}' (expected none or fewest_bridging_ties).");
        errors.ThrowIfAny();
        var snapshot = http.Read(host);
        foreach (var id in body.Citizens ?? []) snapshot.RequirePerson(id, Model.NodeKind.Citizen);
        var result = CohortAssignment.Assign(snapshot.Graph, new CohortOptions
        {
            Citizens = body.Citizens,
            MaxPerCitizen = body.MaxPerCitizen ?? 1,
            Need = need,
            CandidatesPerCitizen = body.CandidatesPerCitizen ?? 0,
            Match = new MatchOptions { AnyArea = body.AnyArea ?? false },
            CancellationToken = cancellationToken,
        });
        return TypedResults.Ok(new CohortView(result.Citizens, result.AssignedCitizens, result.TotalScore, result.TotalWeightedScore,
            result.Pairs, result.Unassigned));
    }
}

/// <summary>The body of <c>POST /cohorts/assignments</c>; every field is optional.</summary>
public sealed class CohortRequest
{
    /// <summary>The citizens to assign; all citizens when omitted.</summary>
    public IReadOnlyList<string>? Citizens { get; set; }

    /// <summary>Mentors per citizen, 1–10; default 1.</summary>
    /// <example>1</example>
    public int? MaxPerCitizen { get; set; }

    /// <summary>Whether mentors from any area may be assigned; default false (same area only).</summary>
    public bool? AnyArea { get; set; }

    /// <summary><c>none</c> (default) or <c>fewest_bridging_ties</c>: weight citizens with the fewest bridging ties higher.</summary>
    /// <example>none</example>
    public string? Need { get; set; }

    /// <summary>Keep only each citizen's best this many mentors as candidates (faster on big cohorts); 0 = all (default).</summary>
    public int? CandidatesPerCitizen { get; set; }
}

/// <summary>An assignment.</summary>
/// <param name="Citizens">Citizens in the cohort.</param>
/// <param name="AssignedCitizens">Citizens given at least one mentor.</param>
/// <param name="TotalScore">Sum of the assigned pairs' match scores.</param>
/// <param name="TotalWeightedScore">The same, weighted by need: what was maximised.</param>
/// <param name="Pairs">The assigned pairs.</param>
/// <param name="Unassigned">Citizens left without a mentor, with the reason.</param>
public sealed record CohortView(int Citizens, int AssignedCitizens, double TotalScore, double TotalWeightedScore,
    IReadOnlyList<AssignedPair> Pairs, IReadOnlyList<UnassignedCitizen> Unassigned);
