using Microsoft.AspNetCore.Http.HttpResults;
using SocialCapital.Api.Audit;
using SocialCapital.Api.Contracts;
using SocialCapital.Model;
using SocialCapital.Api.Errors;
using SocialCapital.Api.Snapshots;
using SocialCapital.Live;
using SocialCapital.Storage;

namespace SocialCapital.Api.Endpoints;

/// <summary>The data subject's rights, exercised by an admin on their behalf: access (<c>GET /people/{id}/subject-access</c>)
/// and erasure (<c>POST /people/{id}/erasure</c>). Both are audited themselves.</summary>
internal static class SubjectRightsEndpoints
{
    public static void MapSubjectRights(this IEndpointRouteBuilder app)
    {
        var people = app.MapGroup("/people/{id}").WithTags("Subject rights").RequireAuthorization(Policies.Admin);
        people.MapGet("/subject-access", Access)
            .WithSummary("Everything stored about a person: their record, their ties, their mentoring proposals, employment "
                + "history and meetings with coaches, and who accessed their data.")
            .WithDescription("The record with every attribute; every tie touching them (both directions, every kind, active or "
                + "not); every proposal naming them (as citizen, mentor or proposer); their employment changes; every meeting naming them (as coach or citizen); every audit entry naming them, newest first. 404 when neither a record nor an audit entry names the id. "
                + "Needs a token for every area.");
        people.MapPost("/erasure", Erase)
            .WithSummary("Erase a person: delete them, their ties, their proposals, employment history and meetings (a proposal they only "
                + "made loses its maker), and pseudonymise them in the audit trail, in one transaction.")
            .WithDescription("Their id is replaced, as actor and as target, by a random pseudonym (`erased:…`) recorded nowhere "
                + "else; the erasure's own audit entry names the pseudonym. 404 when no record has the id (the audit is "
                + "pseudonymised all the same, so an erasure can follow an earlier delete). Needs a token for every area.");
    }

    private static async Task<Results<Ok<SubjectAccessView>, NotFoundProblem, ForbiddenProblem>> Access(HttpContext http, SnapshotHost host,
        string id, CancellationToken cancellationToken)
    {
        if (WriteScope.CheckEveryArea(Caller.Of(http), "A data subject's rights") is { } forbidden) return forbidden;
        var snapshot = http.Read(host);
        var node = snapshot.Live.Node(id);
        var ties = snapshot.Live.TiesOf(id);
        var log = new List<AuditEntryView>();
        for (var skip = 0; ; skip += AuditQuery.MaxLimit)
        {
            var page = await host.Store.QueryAuditAsync(new AuditQuery { Target = id, Skip = skip, Limit = AuditQuery.MaxLimit }, cancellationToken);
            log.AddRange(page.Entries.Select(AuditEntryView.From));
            if (page.Entries.Count < AuditQuery.MaxLimit) break;
        }
        if (node is null && log.Count == 0) return EndpointHelpers.NotFound($"No person or place has id '{id}', and no audit entry names it.");
        var today = snapshot.Graph.AsOf;
        ProposalView[] proposals = [.. snapshot.Proposals.Where(p => p.Citizen == id || p.Mentor == id || p.ProposedBy == id)
            .Select(p => ProposalView.Of(p, today))];
        StatusChangeView[] history = [.. snapshot.Live.StatusHistory.Where(c => c.Person == id).OrderBy(c => c.Date)
            .Select(c => new StatusChangeView(c.Date, c.Employment.Name()))];
        MeetingView[] contacts = [.. snapshot.Live.Contacts.Where(c => c.Coach == id || c.Citizen == id).OrderBy(c => c.Date)
            .Select(MeetingView.From)];
        return TypedResults.Ok(new SubjectAccessView(id, node is null ? null : PersonView.From(node), [.. ties.Select(TieBody.From)], log,
            proposals, history, contacts));
    }

    private static async Task<Results<Ok<WriteResult>, NotFoundProblem, ForbiddenProblem>> Erase(HttpContext http, SnapshotHost host,
        AuditTrail trail, ILogger<SnapshotHost> log, string id, CancellationToken cancellationToken)
    {
        if (WriteScope.CheckEveryArea(Caller.Of(http), "A data subject's rights") is { } forbidden) return forbidden;
        await trail.FlushAsync(cancellationToken); // the reads queued so far are in the store, so they are pseudonymised too
        var pseudonym = AuditPseudonym.New();
        var (outcome, snapshot) = await host.WriteAsync(
            http.Audited((store, audit, token) => store.EraseNodeAsync(id, pseudonym, audit, token), pseudonym),
            new GraphEdit.DeleteNode(id), cancellationToken);
        // Reads answered while the erasure ran were queued after the flush above: flush them and pseudonymise once more
        // (the node is gone, so this changes only the audit and appends no entry of its own).
        await trail.FlushAsync(cancellationToken);
        await host.Store.EraseNodeAsync(id, pseudonym, audit: null, cancellationToken);
        host.CheckpointAfterErasure(); // an erasure deletes the checkpoint even when it found no one (it may hold a deleted person)
        EndpointHelpers.Stamp(http, snapshot);
        if (outcome.Effect == WriteEffect.NotFound)
            return EndpointHelpers.NotFound($"No person or place has id '{id}'; any audit entries naming it are pseudonymised.");
        log.LogInformation("A node was erased with {Ties} ties at version {Version}", outcome.TiesRemoved, outcome.Version); // not even the id
        return TypedResults.Ok(outcome.ToResult());
    }
}
