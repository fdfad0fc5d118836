using Microsoft.AspNetCore.Http.HttpResults;
using SocialCapital.Api.Audit;
using SocialCapital.Api.Contracts;
using SocialCapital.Api.Errors;
using SocialCapital.Api.Snapshots;
using SocialCapital.Live;
using SocialCapital.Model;
using SocialCapital.Storage;

namespace SocialCapital.Api.Endpoints;

/// <summary>The rest of the mentoring lifecycle: ending a pairing with its outcome, and the employment changes that
/// outcomes are measured by.</summary>
internal static class LifecycleEndpoints
{
    public static void MapLifecycle(this IEndpointRouteBuilder app)
    {
        app.MapPost("/pairings/end", EndPairing).WithTags("Mentoring").RequireAuthorization(Policies.Coach)
            .WithSummary("End a running mentoring pairing with its outcome (completed or ended_early) and reason.")
            .WithDescription("Sets the mentoring tie's `until` to `date` (default today; after the pairing began, not after today), "
                + "its outcome and reason. The mentor's place is free from that day. 404 when no pairing of the two runs today.");
        app.MapPut("/people/{id}/status", PutStatus).WithTags("People").RequireAuthorization(Policies.Coach)
            .WithSummary("Record a person's employment change on a date (employment history).")
            .WithDescription("201 when new, 200 when it replaces the change recorded for the same day. When it is the person's "
                + "latest change, the person's current employment becomes it too (used by every measure from now on). "
                + "The date may not be after today.");
    }

    private static async Task<Results<Ok<TieWriteResult>, ValidationProblem, NotFoundProblem, ForbiddenProblem>> EndPairing(
        HttpContext http, SnapshotHost host, ILogger<SnapshotHost> log, EndPairingBody body, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        if (string.IsNullOrWhiteSpace(body.Mentor)) errors.Add("mentor", "mentor is required.");
        if (string.IsNullOrWhiteSpace(body.Citizen)) errors.Add("citizen", "citizen is required.");
        PairingOutcome outcome = default;
        if (string.IsNullOrWhiteSpace(body.Outcome)) errors.Add("outcome", $"outcome is required ({string.Join(" or ", WireNames.PairingOutcomeNames)}).");
        else if (!WireNames.TryParsePairingOutcome(body.Outcome, out outcome))
            errors.Add("outcome", $"Unknown outcome '{body.Outcome}' (expected one of {string.Join(", ", WireNames.PairingOutcomeNames)}).");
        var reason = ProposalEndpoints.CheckReason(body.Reason, "reason", errors);
        if (errors.Any) return errors.ToProblem();
        string mentor = body.Mentor!, citizen = body.Citizen!;
        http.AuditTargets([mentor, citizen]);
        var caller = Caller.Of(http);
        ProblemResult? refusal = null;
        TieRecord? ended = null;
        var (outcomes, snapshot) = await host.WriteCheckedAsync(current =>
        {
            if (WriteScope.CheckTie(current, caller, mentor, citizen, TieKind.Mentoring) is { } refused) { refusal = refused; return null; }
            var today = current.Graph.AsOf;
            var running = current.TiesOf(citizen)
                .FirstOrDefault(t => t.Kind == TieKind.Mentoring && t.Source == mentor && t.Target == citizen && t.IsActiveOn(today));
            if (running is null)
            {
                refusal = EndpointHelpers.NotFound($"No mentoring pairing of '{mentor}' with '{citizen}' runs today.");
                return null;
            }
            var date = body.Date ?? today;
            if (date > today || (running.Since is { } since && date <= since))
            {
                var fields = new FieldErrors();
                fields.Add("date", $"date must be after the pairing began ({running.Since:yyyy-MM-dd}) and not after today ({today:yyyy-MM-dd})"
                    + (running.Since == today ? "; a pairing begun today by mistake is undone with DELETE /ties?kind=mentoring, not ended." : "."));
                fields.ThrowIfAny();
            }
            ended = running with { Until = date, Outcome = outcome, EndReason = reason };
            return [new(http.Audited((store, audit, token) => store.UpsertTieAsync(ended, audit, token), mentor, citizen),
                new GraphEdit.UpsertTie(ended))];
        }, cancellationToken);
        switch (refusal)
        {
            case NotFoundProblem notFound: return notFound;
            case ForbiddenProblem forbidden: return forbidden;
        }
        EndpointHelpers.Stamp(http, snapshot);
        log.LogInformation("Pairing {Mentor}-{Citizen} ended ({Outcome})", mentor, citizen, outcome);
        return TypedResults.Ok(new TieWriteResult(outcomes[0].ToResult(), TieBody.From(ended!)));
    }

    private static async Task<Results<Created<StatusWriteResult>, Ok<StatusWriteResult>, ValidationProblem, NotFoundProblem>> PutStatus(
        HttpContext http, SnapshotHost host, string id, StatusBody body, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        if (body.Date is null) errors.Add("date", "date is required (yyyy-MM-dd).");
        var employment = Employment.Unknown;
        if (string.IsNullOrWhiteSpace(body.Employment)) errors.Add("employment", "employment is required.");
        else if (!WireNames.TryParseEmployment(body.Employment, out employment) || employment == Employment.Unknown)
            errors.Add("employment", $"Unknown employment '{body.Employment}' (expected one of {string.Join(", ", WireNames.EmploymentNames)}).");
        if (errors.Any) return errors.ToProblem();
        http.AuditTargets([id]);
        var caller = Caller.Of(http);
        var change = new StatusChange(id, body.Date!.Value, employment);
        NotFoundProblem? missing = null;
        var (outcomes, snapshot) = await host.WriteCheckedAsync(current =>
        {
            if (current.MissingPerson(caller, id) is { } problem) { missing = problem; return null; }
            if (change.Date > current.Graph.AsOf)
            {
                var fields = new FieldErrors();
                fields.Add("date", $"date may not be after today ({current.Graph.AsOf:yyyy-MM-dd}): record a change once it has happened.");
                fields.ThrowIfAny();
            }
            var writes = new List<SnapshotHost.PlannedWrite>
            {
                new(http.Audited((store, audit, token) => store.UpsertStatusAsync(change, audit, token), id), new GraphEdit.UpsertStatus(change)),
            };
            // The latest change is the person's employment now: every measure reads it from the node.
            var node = current.Node(id)!;
            var latest = !current.Live.StatusHistory.Any(c => c.Person == id && c.Date > change.Date);
            if (latest && node.Employment != employment)
            {
                var updated = node with { Employment = employment };
                writes.Add(new(http.Audited((store, audit, token) => store.UpsertNodeAsync(updated, audit, token), id), new GraphEdit.UpsertNode(updated)));
            }
            return writes;
        }, cancellationToken);
        if (missing is not null) return missing;
        EndpointHelpers.Stamp(http, snapshot);
        var current = snapshot.Node(id)?.Employment ?? employment;
        var result = new StatusWriteResult(outcomes[0].ToResult(), id, change.Date, employment.Name(), current.Name());
        return outcomes[0].Effect == WriteEffect.Created ? TypedResults.Created((string?)null, result) : TypedResults.Ok(result);
    }
}
