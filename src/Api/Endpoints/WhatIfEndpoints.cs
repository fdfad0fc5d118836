using System.Globalization;
using System.Reflection;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Options;
using SocialCapital.Api.Audit;
using SocialCapital.Api.Contracts;
using SocialCapital.Api.Errors;
using SocialCapital.Api.Hosting;
using SocialCapital.Api.Snapshots;
using SocialCapital.Model;
using SocialCapital.Recommendations;

namespace SocialCapital.Api.Endpoints;

/// <summary><c>/what-if</c>: what a programme, proposed ties or a mentor assignment would change, per area. Aggregates only.
/// Analysts describe a programme and never send or receive an id; coaches and admins may name people (a coach only
/// people of the coach's areas, and mentors).</summary>
internal static class WhatIfEndpoints
{
    /// <summary>The request fields that set engine options under other names.</summary>
    private static readonly Dictionary<string, string> OptionFields = new(StringComparer.Ordinal)
    {
        [nameof(WhatIfOptions.EffectPerInWorkContact)] = "effect",
        [nameof(WhatIfOptions.BaselineMoveRate)] = "baseline",
        [nameof(Programme.Area)] = "programme.area",
        [nameof(Programme.Citizens)] = "programme.citizens",
        [nameof(Programme.Which)] = "programme.which",
        [nameof(Programme.Pool)] = "programme.pool",
        [nameof(Programme.MaxPerMentor)] = "programme.maxPerMentor",
    };

    /// <summary>The one answer for an id that names nobody or somebody outside the caller's areas: no existence oracle,
    /// and never the kind.</summary>
    internal const string UnknownOrOutOfScope = "unknown, or not in your areas";

    public static void MapWhatIf(this IEndpointRouteBuilder app) =>
        app.MapPost("/what-if", Evaluate).WithTags("Areas").RequireAuthorization(Policies.Planner)
            .WithSummary("Per-area change in economic and work connectedness and bridging share if a programme ran or proposed ties existed.")
            .WithDescription("Give exactly one of `programme` (\"mentor `citizens` citizens of `area` from the mentor pool\": the "
                + "engine chooses the citizens and mentors and reports only aggregates of the programme's area and its mentors' "
                + "areas; `citizens` at least Analysis:MinCellSize and a multiple of it), `ties` (ties.csv fields) or `assignment` "
                + "(citizen–mentor pairs; each becomes a mentoring tie). Analysts may give only a programme: named ties or pairs "
                + "are 403. A coach's ties may involve only people of the coach's areas (and mentors); any other id answers "
                + "'unknown, or not in your areas'. A programme for an area outside the caller's areas is 404 like an unknown "
                + "area. Also an indicative, not causal, estimate of extra moves into work (`effect` per added in-work contact, "
                + "default 0.15; `baseline` rate, default 0.10). Programme answers carry Analysis:Noise (docs/measures.md#noise). "
                + "Nothing is stored. Small areas and small cells are suppressed.");

    /// <summary>400s list the body's problems and the engine's verdict on the options together; proposed ties that break
    /// the engine's record rules are a 400 too (<see cref="DataValidationException"/>), and so is a programme the engine
    /// cannot publish (<see cref="InvalidOptionsException"/>: too few citizens, not a multiple of the cell size, a pool
    /// too small).</summary>
    private static Results<Ok<WhatIfView>, ValidationProblem, NotFoundProblem, NamedWhatIfForbidden> Evaluate(
        HttpContext http, SnapshotHost host, IOptions<AnalysisSettings> analysis, WhatIfRequest body)
    {
        var caller = Caller.Of(http);
        var mayName = caller.IsAdmin || caller.Roles.Contains(Security.ApiTokens.Coach);
        var named = body.Ties is not null || body.Assignment is not null;
        if (named && !mayName) return new NamedWhatIfForbidden();

        var errors = new FieldErrors();
        var given = (body.Programme is null ? 0 : 1) + (body.Ties is null ? 0 : 1) + (body.Assignment is null ? 0 : 1);
        if (given != 1)
            errors.Add(mayName ? "ties" : "programme", mayName ? "Give exactly one of programme, ties or assignment." : "Give a programme.");
        var requested = new WhatIfOptions
        {
            EffectPerInWorkContact = body.Effect ?? WhatIfOptions.Default.EffectPerInWorkContact,
            BaselineMoveRate = body.Baseline ?? WhatIfOptions.Default.BaselineMoveRate,
        };
        if (body.Programme is { } programmeBody)
        {
            var programme = ReadProgramme(programmeBody, errors);
            errors.AddOptions(requested.Validate(), OptionFields);
            if (errors.Any) return errors.ToProblem();
            var snapshot = http.Read(host);
            var known = false;
            foreach (var area in snapshot.Live.Measures.Areas) known |= area.Area == programme.Area;
            if (!known || !caller.Sees(programme.Area)) return EndpointHelpers.NotFound($"No area has code '{programme.Area}'.");
            var options = requested with
            {
                Graph = snapshot.GraphOptions,
                Areas = snapshot.AreaOptions,
                Noise = analysis.Value.NoiseOptions(),
                Release = snapshot.Version.ToString(CultureInfo.InvariantCulture),
            };
            ProgrammeResult result;
            try
            {
                result = WhatIf.EvaluateProgramme(snapshot.Dataset, programme, options);
            }
            catch (InvalidOptionsException e) // a programme the engine cannot publish: named by the request's own fields
            {
                errors.AddOptions(e.Problems, OptionFields);
                return errors.ToProblem();
            }
            // The mentors' areas outside the caller's are left out: analysts see aggregates of their own areas only.
            var visible = result.Areas.Where(a => caller.Sees(a.Area)).ToArray();
            return TypedResults.Ok(new WhatIfView(null, new ProgrammeView(programme.Area, result.Citizens, result.MentoredCitizens,
                Names.Which(programme.Which), Names.Pool(programme.Pool), programme.MaxPerMentor), visible));
        }

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
        errors.AddOptions(requested.Validate(), OptionFields); // before the server's own settings join in: those are not the client's
        if (errors.Any) return errors.ToProblem();
        var current = http.Read(host);
        http.AuditTargets([.. (body.Ties ?? []).SelectMany(t => new[] { t?.Source, t?.Target }),
            .. (body.Assignment ?? []).SelectMany(p => new[] { p?.Citizen, p?.Mentor })]); // refused attempts name whom too
        CheckScope(current, caller, body, errors);
        if (errors.Any) return errors.ToProblem();
        proposed.AddRange(WhatIf.MentoringTies(pairs));
        var namedOptions = requested with { Graph = current.GraphOptions, Areas = current.AreaOptions };
        var changes = WhatIf.Evaluate(current.Dataset, proposed, namedOptions);
        // A caller of some areas sees the change of their areas only: the areas a mentor comes from are not theirs to see.
        return TypedResults.Ok(new WhatIfView(proposed.Count, null, caller.Areas.IsAll ? changes : [.. changes.Where(a => caller.Sees(a.Area))]));
    }

    /// <summary>A caller of some areas names only their own citizens: every proposed tie needs a citizen of their areas
    /// at one end, and its other end within their reach (<see cref="WriteScope.OutOfReach"/>: their areas, or a mentor of
    /// a mentoring tie). An unknown id and one beyond reach get the same message. A caller of every area may name anyone.</summary>
    private static void CheckScope(ApiSnapshot snapshot, Caller caller, WhatIfRequest body, FieldErrors errors)
    {
        void Check(string? source, string? target, TieKind kind, string at, string sourceField, string targetField)
        {
            if (string.IsNullOrEmpty(source) || string.IsNullOrEmpty(target)) return; // reported as required elsewhere
            var reachable = true;
            foreach (var (id, field) in (ReadOnlySpan<(string, string)>)[(source, sourceField), (target, targetField)])
                if (snapshot.Node(id) is null || WriteScope.OutOfReach(snapshot, caller, id, kind))
                {
                    errors.Add($"{at}.{field}", $"'{id}' is {UnknownOrOutOfScope}.");
                    reachable = false;
                }
            if (reachable && !caller.Areas.IsAll && !WriteScope.HasOwnCitizen(snapshot, caller, source, target))
                errors.Add(at, "A proposed tie needs a citizen of your areas at one end.");
        }
        for (var i = 0; i < (body.Ties?.Count ?? 0); i++)
            if (body.Ties![i] is { } tie && WireNames.TryParseTieKind(tie.Kind ?? "", out var kind))
                Check(tie.Source, tie.Target, kind, $"ties[{i}]", "source", "target");
        for (var i = 0; i < (body.Assignment?.Count ?? 0); i++)
            if (body.Assignment![i] is { } pair) Check(pair.Mentor, pair.Citizen, TieKind.Mentoring, $"assignment[{i}]", "mentor", "citizen");
    }

    private static Programme ReadProgramme(ProgrammeBody body, FieldErrors errors)
    {
        var which = ProgrammeCitizens.OutOfWork;
        if (body.Which is { } w && !Names.TryWhich(w, out which))
            errors.Add("programme.which", $"Unknown citizens '{w}' (expected out_of_work or fewest_bridging_ties).");
        var pool = MentorPool.SameArea;
        if (body.Pool is { } p && !Names.TryPool(p, out pool))
            errors.Add("programme.pool", $"Unknown pool '{p}' (expected same_area or any_area).");
        if (body.Citizens is null) errors.Add("programme.citizens", "citizens is required.");
        var programme = new Programme
        {
            Area = body.Area ?? "",
            Citizens = body.Citizens ?? 0,
            Which = which,
            Pool = pool,
            MaxPerMentor = body.MaxPerMentor ?? 0,
        };
        if (body.Citizens is not null) errors.AddOptions(programme.Validate(), OptionFields);
        else errors.AddOptions(programme.Validate().Where(p => p.Option != nameof(Programme.Citizens)).ToArray(), OptionFields);
        return programme;
    }

    /// <summary>The documented names of the programme's choices; nothing else is accepted (no numbers, no case variants).</summary>
    private static class Names
    {
        public static string Which(ProgrammeCitizens which) => which == ProgrammeCitizens.OutOfWork ? "out_of_work" : "fewest_bridging_ties";

        public static string Pool(MentorPool pool) => pool == MentorPool.SameArea ? "same_area" : "any_area";

        public static bool TryWhich(string name, out ProgrammeCitizens which)
        {
            which = name == "fewest_bridging_ties" ? ProgrammeCitizens.FewestBridgingTies : ProgrammeCitizens.OutOfWork;
            return name is "out_of_work" or "fewest_bridging_ties";
        }

        public static bool TryPool(string name, out MentorPool pool)
        {
            pool = name == "any_area" ? MentorPool.AnyArea : MentorPool.SameArea;
            return name is "same_area" or "any_area";
        }
    }
}

/// <summary>The 403 for an analyst who names people in a what-if: analysts describe a programme instead.</summary>
internal sealed class NamedWhatIfForbidden()
    : ProblemResult(StatusCodes.Status403Forbidden, "Forbidden",
        "Named ties and assignments need the coach or admin role: an analyst never sends or receives individual ids. "
        + "Describe a programme instead, e.g. {\"programme\":{\"area\":\"A1\",\"citizens\":20}}."), IEndpointMetadataProvider
{
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(ProblemMetadata.Of(StatusCodes.Status403Forbidden));
}
