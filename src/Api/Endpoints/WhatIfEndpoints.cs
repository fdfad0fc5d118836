using Microsoft.AspNetCore.Http.HttpResults;
using SocialCapital.Api.Contracts;
using SocialCapital.Api.Snapshots;
using SocialCapital.Model;
using SocialCapital.Recommendations;

namespace SocialCapital.Api.Endpoints;

/// <summary><c>/what-if</c>: what proposed ties or a mentor assignment would change, per area. Aggregates only.</summary>
internal static class WhatIfEndpoints
{
    public static void MapWhatIf(this IEndpointRouteBuilder app) =>
        app.MapPost("/what-if", Evaluate).WithTags("Areas").RequireAuthorization(Policies.Planner)
            .WithSummary("Per-area change in economic and work connectedness and bridging share if the proposed ties existed.")
            .WithDescription("Give exactly one of `ties` (ties.csv fields) or `assignment` (citizen–mentor pairs, as POST "
                + "/cohorts/assignments returns; each becomes a mentoring tie). Also an indicative, not causal, estimate of extra "
                + "moves into work (`effect` per added in-work contact, default 0.15; `baseline` rate, default 0.10). "
                + "Nothing is stored. Small areas are suppressed.")
            .ProducesValidationProblem();

    private static Ok<WhatIfView> Evaluate(HttpContext http, SnapshotHost host, WhatIfRequest body)
    {
        var errors = new FieldErrors();
        if ((body.Ties is null) == (body.Assignment is null)) errors.Add("ties", "Give exactly one of ties or assignment.");
        if (body.Effect is { } e && (!(e >= 0) || double.IsInfinity(e))) errors.Add("effect", "effect must be a number ≥ 0.");
        if (body.Baseline is { } b && !(b >= 0 && b <= 1)) errors.Add("baseline", "baseline must be from 0 to 1.");
        var proposed = new List<TieRecord>();
        for (var i = 0; i < (body.Ties?.Count ?? 0); i++)
        {
            if (body.Ties![i] is { } tie) proposed.Add(tie.ToRecord(errors, $"ties[{i}]."));
            else errors.Add($"ties[{i}]", "a tie must be an object, not null.");
        }
        for (var i = 0; i < (body.Assignment?.Count ?? 0); i++)
        {
            var pair = body.Assignment![i];
            if (pair is null) { errors.Add($"assignment[{i}]", "a pair must be an object, not null."); continue; }
            if (string.IsNullOrWhiteSpace(pair.Citizen)) errors.Add($"assignment[{i}].citizen", "citizen is required.");
            if (string.IsNullOrWhiteSpace(pair.Mentor)) errors.Add($"assignment[{i}].mentor", "mentor is required.");
            proposed.Add(new TieRecord(pair.Mentor ?? "", pair.Citizen ?? "", TieKind.Mentoring));
        }
        errors.ThrowIfAny();
        var snapshot = http.Read(host);
        var changes = WhatIf.Evaluate(snapshot.Dataset, proposed, new WhatIfOptions
        {
            EffectPerInWorkContact = body.Effect ?? WhatIfOptions.Default.EffectPerInWorkContact,
            BaselineMoveRate = body.Baseline ?? WhatIfOptions.Default.BaselineMoveRate,
            Graph = snapshot.GraphOptions,
            Areas = snapshot.AreaOptions,
        });
        return TypedResults.Ok(new WhatIfView(proposed.Count, changes));
    }
}

/// <summary>The body of <c>POST /what-if</c>.</summary>
public sealed class WhatIfRequest
{
    /// <summary>Proposed ties.</summary>
    public IReadOnlyList<TieBody>? Ties { get; set; }

    /// <summary>Proposed mentor assignment: each pair becomes a mentoring tie from the mentor to the citizen.</summary>
    public IReadOnlyList<ProposedPair>? Assignment { get; set; }

    /// <summary>Relative rise in the chance of moving into work per added in-work contact; default 0.15.</summary>
    /// <example>0.15</example>
    public double? Effect { get; set; }

    /// <summary>Chance an out-of-work person moves into work over the period without the change; default 0.10.</summary>
    /// <example>0.1</example>
    public double? Baseline { get; set; }
}

/// <summary>A proposed citizen–mentor pair.</summary>
public sealed class ProposedPair
{
    /// <summary>The citizen's id.</summary>
    /// <example>c0001</example>
    public string? Citizen { get; set; }

    /// <summary>The mentor's id.</summary>
    /// <example>m0001</example>
    public string? Mentor { get; set; }
}

/// <summary>A what-if answer.</summary>
/// <param name="ProposedTies">How many ties were proposed.</param>
/// <param name="Areas">The change per area.</param>
public sealed record WhatIfView(int ProposedTies, IReadOnlyList<AreaChange> Areas);
