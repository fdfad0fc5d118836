using Microsoft.AspNetCore.Http.HttpResults;
using SocialCapital.Api.Audit;
using SocialCapital.Api.Contracts;
using SocialCapital.Api.Errors;
using SocialCapital.Api.Snapshots;
using SocialCapital.Live;
using SocialCapital.Model;
using SocialCapital.Storage;

namespace SocialCapital.Api.Endpoints;

/// <summary><c>/ties</c>: store and delete ties. A tie is identified by its two ends (either order) and its kind.</summary>
internal static class TieEndpoints
{
    public static void MapTies(this IEndpointRouteBuilder app)
    {
        var ties = app.MapGroup("/ties").WithTags("Ties").RequireAuthorization(Policies.Coach);
        ties.MapPut("/", Put)
            .WithSummary("Store one tie (create, or replace the tie with the same ends and kind).")
            .WithDescription("201 when created, 200 when replaced or unchanged. Ends must exist and suit the kind "
                + "(e.g. membership ends at a peer_group). Admins may store any tie between nodes of their areas; coaches only "
                + "the ties they arrange (mentoring, coaching, referral, membership) for a citizen of their areas — the mentor, "
                + "coach or group may be of another area. End one by storing it with an `until` date, or delete it.");
        ties.MapDelete("/", Delete)
            .WithSummary("Delete the ties between two nodes (either order), of one kind or of every kind.")
            .WithDescription("Coaches must give the kind, one they arrange; only admins may delete every kind at once.");
    }

    /// <summary>400s for the body come from <see cref="TieBody.ToRecord()"/> and the engine's record rules
    /// (<see cref="DataValidationException"/>: unknown ends, ends that do not suit the kind).</summary>
    private static async Task<Results<Created<TieWriteResult>, Ok<TieWriteResult>, ValidationProblem, ForbiddenProblem, NotFoundProblem>> Put(
        HttpContext http, SnapshotHost host, ILogger<SnapshotHost> log, TieBody body, CancellationToken cancellationToken)
    {
        var tie = body.ToRecord();
        http.AuditTargets([tie.Source, tie.Target]); // a refused attempt names whom it was about too
        switch (WriteScope.CheckTie(host.Current, Caller.Of(http), tie.Source, tie.Target, tie.Kind))
        {
            case NotFoundProblem notFound: return notFound;
            case ForbiddenProblem forbidden: return forbidden;
        }
        var (outcome, snapshot) = await host.WriteAsync(
            http.Audited((store, audit, token) => store.UpsertTieAsync(tie, audit, token), tie.Source, tie.Target), new GraphEdit.UpsertTie(tie), cancellationToken);
        EndpointHelpers.Stamp(http, snapshot);
        log.LogInformation("Tie {Source}-{Target} {Kind} {Effect} at version {Version}", tie.Source, tie.Target, tie.Kind, outcome.Effect, outcome.Version);
        var result = new TieWriteResult(outcome.ToResult(), TieBody.From(tie));
        return outcome.Effect == WriteEffect.Created ? TypedResults.Created((string?)null, result) : TypedResults.Ok(result);
    }

    private static async Task<Results<Ok<WriteResult>, NotFoundProblem, ValidationProblem, ForbiddenProblem>> Delete(HttpContext http, SnapshotHost host,
        ILogger<SnapshotHost> log, string? source, string? target, string? kind, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        if (string.IsNullOrWhiteSpace(source)) errors.Add("source", "source is required.");
        if (string.IsNullOrWhiteSpace(target)) errors.Add("target", "target is required.");
        TieKind? kindFilter = null;
        if (kind is not null)
        {
            if (WireNames.TryParseTieKind(kind, out var parsed)) kindFilter = parsed;
            else errors.Add("kind", $"Unknown tie kind '{kind}' (expected one of {string.Join(", ", WireNames.TieKindNames)}).");
        }
        if (errors.Any) return errors.ToProblem();
        switch (WriteScope.CheckTie(host.Current, Caller.Of(http), source!, target!, kindFilter))
        {
            case NotFoundProblem notFound: return notFound;
            case ForbiddenProblem forbidden: return forbidden;
        }
        var (outcome, snapshot) = await host.WriteAsync(
            http.Audited((store, audit, token) => store.DeleteTiesAsync(source!, target!, kindFilter, audit, token), source, target),
            new GraphEdit.DeleteTies(source!, target!, kindFilter), cancellationToken);
        EndpointHelpers.Stamp(http, snapshot);
        if (outcome.Effect == WriteEffect.NotFound)
            return EndpointHelpers.NotFound($"No {(kind is null ? "" : kind + " ")}tie joins '{source}' and '{target}'.");
        log.LogInformation("Ties {Source}-{Target} deleted ({Count}) at version {Version}", source, target, outcome.TiesRemoved, outcome.Version);
        return TypedResults.Ok(outcome.ToResult());
    }
}
