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
        var ties = app.MapGroup("/ties").WithTags("Ties").RequireAuthorization(Policies.Admin);
        ties.MapPut("/", Put)
            .WithSummary("Store one tie (create, or replace the tie with the same ends and kind).")
            .WithDescription("201 when created, 200 when replaced or unchanged. Ends must exist and suit the kind "
                + "(e.g. membership ends at a peer_group).");
        ties.MapDelete("/", Delete)
            .WithSummary("Delete the ties between two nodes (either order), of one kind or of every kind.");
    }

    /// <summary>400s for the body come from <see cref="TieBody.ToRecord()"/> and the engine's record rules
    /// (<see cref="DataValidationException"/>: unknown ends, ends that do not suit the kind).</summary>
    private static async Task<Results<Created<TieWriteResult>, Ok<TieWriteResult>, ValidationProblem>> Put(HttpContext http, SnapshotHost host,
        ILogger<SnapshotHost> log, TieBody body, CancellationToken cancellationToken)
    {
        var tie = body.ToRecord();
        var (outcome, snapshot) = await host.WriteAsync(
            http.Audited((store, audit, token) => store.UpsertTieAsync(tie, audit, token), tie.Source, tie.Target), new GraphEdit.UpsertTie(tie), cancellationToken);
        EndpointHelpers.Stamp(http, snapshot);
        log.LogInformation("Tie {Source}-{Target} {Kind} {Effect} at version {Version}", tie.Source, tie.Target, tie.Kind, outcome.Effect, outcome.Version);
        var result = new TieWriteResult(outcome.ToResult(), TieBody.From(tie));
        return outcome.Effect == WriteEffect.Created ? TypedResults.Created((string?)null, result) : TypedResults.Ok(result);
    }

    private static async Task<Results<Ok<WriteResult>, NotFoundProblem, ValidationProblem>> Delete(HttpContext http, SnapshotHost host,
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
