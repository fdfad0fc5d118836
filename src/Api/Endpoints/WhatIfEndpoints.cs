using Microsoft.AspNetCore.Http.HttpResults;
using SocialCapital.Api.Contracts;
using SocialCapital.Api.Snapshots;
using SocialCapital.Model;
using SocialCapital.Recommendations;

namespace SocialCapital.Api.Endpoints;

/// <summary><c>/what-if</c>: what proposed ties or a mentor assignment would change, per area. Aggregates only.</summary>
internal static class WhatIfEndpoints
{
    /// <summary>The request fields that set engine options under other names.</summary>
    private static readonly Dictionary<string, string> OptionFields = new(StringComparer.Ordinal)
    {
        [nameof(WhatIfOptions.EffectPerInWorkContact)] = "effect",
        [nameof(WhatIfOptions.BaselineMoveRate)] = "baseline",
    };

    public static void MapWhatIf(this IEndpointRouteBuilder app) =>
        app.MapPost("/what-if", Evaluate).WithTags("Areas").RequireAuthorization(Policies.Planner)
            .WithSummary("Per-area change in economic and work connectedness and bridging share if the proposed ties existed.")
            .WithDescription("Give exactly one of `ties` (ties.csv fields) or `assignment` (citizen–mentor pairs, as POST "
                + "/cohorts/assignments returns; each becomes a mentoring tie). Also an indicative, not causal, estimate of extra "
                + "moves into work (`effect` per added in-work contact, default 0.15; `baseline` rate, default 0.10). "
                + "Nothing is stored. Small areas are suppressed.");

    /// <summary>400s list the body's problems and the engine's verdict on the options together; proposed ties that break
    /// the engine's record rules are a 400 too (<see cref="DataValidationException"/>).</summary>
    private static Results<Ok<WhatIfView>, ValidationProblem> Evaluate(HttpContext http, SnapshotHost host, WhatIfRequest body)
    {
        var errors = new FieldErrors();
        if ((body.Ties is null) == (body.Assignment is null)) errors.Add("ties", "Give exactly one of ties or assignment.");
        var proposed = new List<TieRecord>();
        for (var i = 0; i < (body.Ties?.Count ?? 0); i++)
        {
            if (body.Ties![i] is { } tie) proposed.Add(tie.ToRecord(errors, $"ties[{i}]."));
            else errors.Add($"ties[{i}]", "a tie must be an object, not null.");
        }
        var pairs = new List<(string Citizen, string Mentor)>();
        for (var i = 0; i < (body.Assignment?.Count ?? 0); i++)
        {
            var pair = body.Assignment![i];
            if (pair is null) { errors.Add($"assignment[{i}]", "a pair must be an object, not null."); continue; }
            if (string.IsNullOrWhiteSpace(pair.Citizen)) errors.Add($"assignment[{i}].citizen", "citizen is required.");
            if (string.IsNullOrWhiteSpace(pair.Mentor)) errors.Add($"assignment[{i}].mentor", "mentor is required.");
            pairs.Add((pair.Citizen ?? "", pair.Mentor ?? ""));
        }
        proposed.AddRange(WhatIf.MentoringTies(pairs));
        var requested = new WhatIfOptions
        {
            EffectPerInWorkContact = body.Effect ?? WhatIfOptions.Default.EffectPerInWorkContact,
            BaselineMoveRate = body.Baseline ?? WhatIfOptions.Default.BaselineMoveRate,
        };
        errors.AddOptions(requested.Validate(), OptionFields); // before the server's own settings join in: those are not the client's
        if (errors.Any) return errors.ToProblem();
        var snapshot = http.Read(host);
        var options = requested with { Graph = snapshot.GraphOptions, Areas = snapshot.AreaOptions };
        return TypedResults.Ok(new WhatIfView(proposed.Count, WhatIf.Evaluate(snapshot.Dataset, proposed, options)));
    }
}
