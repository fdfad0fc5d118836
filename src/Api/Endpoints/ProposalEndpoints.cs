using Microsoft.AspNetCore.Http.HttpResults;
using SocialCapital.Api.Audit;
using SocialCapital.Api.Contracts;
using SocialCapital.Api.Errors;
using SocialCapital.Api.Snapshots;
using SocialCapital.Live;
using SocialCapital.Model;
using SocialCapital.Recommendations;
using SocialCapital.Storage;

namespace SocialCapital.Api.Endpoints;

/// <summary>The mentoring lifecycle's proposals: a coach proposes a mentor (or runs a round), the citizen and mentor
/// accept or decline, the coach may withdraw, and undecided proposals expire. A pending proposal holds one of the
/// mentor's places, so every rule that counts places is checked under the write gate (and, with several replicas, the
/// store's write lock: <see cref="SnapshotHost.WriteCheckedAsync"/>), never raced.</summary>
internal static class ProposalEndpoints
{
    /// <summary>Days a proposal stays open unless the caller says otherwise (PushFar's request window).</summary>
    public const int DefaultExpiresInDays = 10;

    private const int MaxExpiresInDays = 90;
    private const int MaxReasonLength = 500;

    public static void MapProposals(this IEndpointRouteBuilder app)
    {
        app.MapPost("/citizens/{id}/proposals", Propose).WithTags("Mentoring").RequireAuthorization(Policies.Coach)
            .WithSummary("Propose a mentor for a citizen of your areas.")
            .WithDescription("201 with the proposal, which holds one of the mentor's places until it is decided or expires "
                + $"(`expiresInDays`, 1–{MaxExpiresInDays}, default {DefaultExpiresInDays}). 409 when the mentor has no free place "
                + "(capacity less current mentees less pending proposals), the pair already has a pending proposal or a pairing, "
                + "or the pair was declined before (a declined pair is never proposed again). The mentor may be of any area.");
        var proposals = app.MapGroup("/proposals").WithTags("Mentoring").RequireAuthorization(Policies.Coach);
        proposals.MapGet("/", List)
            .WithSummary("The proposals for citizens of your areas, newest first, as they stand today.")
            .WithDescription("Filters: `status` (proposed, accepted, declined, expired, withdrawn), `citizen`, `mentor`. "
                + "An undecided proposal past its expiry day shows as expired. Paged: `page` (from 1), `pageSize` (1–1000, default 50).");
        proposals.MapGet("/{proposalId}", Get).WithSummary("One proposal, as it stands today.");
        proposals.MapPost("/{proposalId}/accept", Accept)
            .WithSummary("Record that the citizen and mentor accepted: starts the mentoring tie (mentor → citizen, since today).")
            .WithDescription("409 when the proposal is no longer pending (decided, or past its expiry day).");
        proposals.MapPost("/{proposalId}/decline", Decline)
            .WithSummary("Record that the proposal was declined, with the reason (required). The pair is never proposed again.");
        proposals.MapPost("/{proposalId}/withdraw", Withdraw)
            .WithSummary("Withdraw a pending proposal (reason optional); the mentor's place is free again.");
        app.MapPost("/rounds", Round).WithTags("Mentoring").RequireAuthorization(Policies.Coach)
            .WithSummary("A matching round: proposals for waiting citizens, optimally, within the mentors' free places.")
            .WithDescription("`citizens` (default: every waiting citizen of your areas — no current mentor, no pending proposal), "
                + "`anyArea` (default false: mentors of the citizen's area), `expiresInDays` (default "
                + $"{DefaultExpiresInDays}). The round solves the same min-cost assignment as cohorts, counting pending proposals "
                + "against capacity, so no mentor is proposed to more citizens than their free places; citizens who have waited "
                + "longest come first; a declined pair is never proposed again. Proposals past their expiry day are recorded as "
                + "expired in the same transaction. `preview=true` plans the same round on the current snapshot and writes nothing: "
                + "who would get whom (score, rank, reasons), who is left and why.");
    }

    private static DateOnly Today(ApiSnapshot snapshot) => snapshot.Graph.AsOf;

    private static Results<Ok<Paged<ProposalView>>, ValidationProblem> List(HttpContext http, SnapshotHost host, string? status,
        string? citizen, string? mentor, int? page, int? pageSize)
    {
        var errors = new FieldErrors();
        var paging = Paging.Check(page, pageSize, errors);
        ProposalStatus? wanted = null;
        if (status is not null)
        {
            if (WireNames.TryParseProposalStatus(status, out var parsed)) wanted = parsed;
            else errors.Add("status", $"Unknown status '{status}' (expected one of {string.Join(", ", WireNames.ProposalStatusNames)}).");
        }
        if (errors.Any) return errors.ToProblem();
        var snapshot = http.Read(host);
        var caller = Caller.Of(http);
        var today = Today(snapshot);
        var matching = snapshot.Proposals
            .Where(p => (citizen is null || p.Citizen == citizen) && (mentor is null || p.Mentor == mentor) && Sees(snapshot, caller, p))
            .Select(p => p.On(today))
            .Where(p => wanted is null || p.Status == wanted)
            .OrderByDescending(p => p.Proposed).ThenBy(p => p.Id, StringComparer.Ordinal)
            .Select(p => ProposalView.Of(p, today)).ToArray();
        var result = Paged<ProposalView>.Of(matching, paging);
        http.AuditTargets(result.Items.SelectMany(p => (string[])[p.Citizen, p.Mentor]));
        return TypedResults.Ok(result);
    }

    private static Results<Ok<ProposalView>, NotFoundProblem> Get(HttpContext http, SnapshotHost host, string proposalId)
    {
        var snapshot = http.Read(host);
        if (Find(snapshot, Caller.Of(http), proposalId) is not { } proposal) return NoProposal(proposalId);
        http.AuditTargets([proposal.Citizen, proposal.Mentor]);
        return TypedResults.Ok(ProposalView.Of(proposal, Today(snapshot)));
    }

    private static async Task<Results<Created<ProposalView>, ValidationProblem, NotFoundProblem, ForbiddenProblem, ConflictProblem>> Propose(
        HttpContext http, SnapshotHost host, ILogger<SnapshotHost> log, string id, ProposalBody body, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        if (string.IsNullOrWhiteSpace(body.Mentor)) errors.Add("mentor", "mentor is required.");
        var days = CheckDays(body.ExpiresInDays, errors);
        if (errors.Any) return errors.ToProblem();
        var mentor = body.Mentor!;
        http.AuditTargets([id, mentor]);
        var caller = Caller.Of(http);
        ProblemResult? refusal = null;
        ProposalRecord? made = null;
        var (_, snapshot) = await host.WriteCheckedAsync(current =>
        {
            refusal = CheckPair(current, caller, id, mentor);
            if (refusal is not null) return null;
            var today = Today(current);
            made = new ProposalRecord(NewId(), id, mentor, today, today.AddDays(days)) { ProposedBy = ProposerOf(current, caller) };
            return [new(http.Audited((store, audit, token) => store.UpsertProposalsAsync([made], null, audit, token), id, mentor),
                new GraphEdit.UpsertProposals([made]))];
        }, cancellationToken);
        switch (refusal)
        {
            case NotFoundProblem notFound: return notFound;
            case ForbiddenProblem forbidden: return forbidden;
            case ConflictProblem conflict: return conflict;
        }
        EndpointHelpers.Stamp(http, snapshot);
        log.LogInformation("Proposal {Proposal}: mentor {Mentor} for citizen {Citizen}", made!.Id, mentor, id);
        return TypedResults.Created($"/proposals/{made.Id}", ProposalView.Of(made, Today(snapshot)));
    }

    /// <summary>Whether <paramref name="mentor"/> may be proposed for <paramref name="citizen"/> now: both within the
    /// caller's reach and of the right kinds, then the engine's rules (<see cref="MatchingRound.WhyNotPropose"/>).</summary>
    private static ProblemResult? CheckPair(ApiSnapshot snapshot, Caller caller, string citizen, string mentor)
    {
        if (snapshot.MissingPerson(caller, citizen, NodeKind.Citizen) is { } missing) return missing;
        if (snapshot.Node(mentor) is not { Kind: NodeKind.Mentor }) return EndpointHelpers.NotFound($"No mentor you may see has id '{mentor}'.");
        if (WriteScope.CheckTie(snapshot, caller, mentor, citizen, TieKind.Mentoring) is { } refused) return refused;
        return MatchingRound.WhyNotPropose(snapshot.Graph, citizen, mentor) is { } reason ? new ConflictProblem(reason) : null;
    }

    private static Task<Results<Ok<ProposalWriteResult>, ValidationProblem, NotFoundProblem, ConflictProblem>> Accept(HttpContext http,
        SnapshotHost host, string proposalId, CancellationToken cancellationToken) =>
        DecideAsync(http, host, proposalId, ProposalStatus.Accepted, null, cancellationToken);

    private static async Task<Results<Ok<ProposalWriteResult>, ValidationProblem, NotFoundProblem, ConflictProblem>> Decline(HttpContext http,
        SnapshotHost host, string proposalId, DecisionBody body, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        if (string.IsNullOrWhiteSpace(body.Reason)) errors.Add("reason", "reason is required: say why the proposal was declined.");
        var reason = CheckReason(body.Reason, "reason", errors);
        if (errors.Any) return errors.ToProblem();
        return await DecideAsync(http, host, proposalId, ProposalStatus.Declined, reason, cancellationToken);
    }

    private static async Task<Results<Ok<ProposalWriteResult>, ValidationProblem, NotFoundProblem, ConflictProblem>> Withdraw(HttpContext http,
        SnapshotHost host, string proposalId, DecisionBody? body, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var reason = CheckReason(body?.Reason, "reason", errors);
        if (errors.Any) return errors.ToProblem();
        return await DecideAsync(http, host, proposalId, ProposalStatus.Withdrawn, reason, cancellationToken);
    }

    private static async Task<Results<Ok<ProposalWriteResult>, ValidationProblem, NotFoundProblem, ConflictProblem>> DecideAsync(
        HttpContext http, SnapshotHost host, string proposalId, ProposalStatus decision, string? reason, CancellationToken cancellationToken)
    {
        var caller = Caller.Of(http);
        ProblemResult? refusal = null;
        ProposalRecord? decided = null;
        TieRecord? tie = null;
        var (outcomes, snapshot) = await host.WriteCheckedAsync(current =>
        {
            if (Find(current, caller, proposalId) is not { } proposal) { refusal = NoProposal(proposalId); return null; }
            http.AuditTargets([proposal.Citizen, proposal.Mentor]);
            var today = Today(current);
            var now = proposal.On(today);
            if (now.Status != ProposalStatus.Proposed)
            {
                refusal = new ConflictProblem($"Proposal '{proposalId}' is {now.Status.Name()} (since {now.Decided:yyyy-MM-dd}); "
                    + "only a pending proposal can be accepted, declined or withdrawn.");
                return null;
            }
            decided = proposal with { Status = decision, Decided = today, Reason = reason };
            if (decision == ProposalStatus.Accepted) tie = new TieRecord(proposal.Mentor, proposal.Citizen, TieKind.Mentoring) { Since = today };
            return [new(http.Audited((store, audit, token) => store.UpsertProposalsAsync([decided], tie, audit, token), proposal.Citizen, proposal.Mentor),
                new GraphEdit.UpsertProposals([decided], tie))];
        }, cancellationToken);
        switch (refusal)
        {
            case NotFoundProblem notFound: return notFound;
            case ConflictProblem conflict: return conflict;
        }
        EndpointHelpers.Stamp(http, snapshot);
        return TypedResults.Ok(new ProposalWriteResult(outcomes[0].ToResult(), ProposalView.Of(decided!, Today(snapshot)),
            tie is null ? null : TieBody.From(tie)));
    }

    private static async Task<Results<Ok<RoundView>, Created<RoundView>, ValidationProblem, NotFoundProblem>> Round(HttpContext http,
        SnapshotHost host, ILogger<SnapshotHost> log, RoundBody? body, bool? preview, CancellationToken cancellationToken)
    {
        body ??= new RoundBody();
        var errors = new FieldErrors();
        var days = CheckDays(body.ExpiresInDays, errors);
        if (body.Citizens is { } listed)
            for (var i = 0; i < listed.Count; i++)
                if (string.IsNullOrWhiteSpace(listed[i])) errors.Add($"citizens[{i}]", "a citizen id is required.");
        if (errors.Any) return errors.ToProblem();
        var caller = Caller.Of(http);
        NotFoundProblem? missing = null;
        RoundResult? round = null;
        ApiSnapshot? planned = null;
        MatchOptions? match = null;
        ProposalRecord[] expired = [];
        // The one round plan, for a preview and a publish alike: null when refused (missing set) or nothing to write.
        IReadOnlyList<ProposalRecord>? Plan(ApiSnapshot current)
        {
            foreach (var id in body.Citizens ?? [])
                if (current.MissingPerson(caller, id, NodeKind.Citizen) is { } problem) { missing = problem; return null; }
            var citizens = body.Citizens ?? current.CitizensOf(caller);
            var today = Today(current);
            planned = current;
            match = new MatchOptions { AnyArea = body.AnyArea ?? false };
            round = MatchingRound.Propose(current.Graph, current.Proposals, new RoundOptions
            {
                Citizens = citizens,
                ExpiresInDays = days,
                ProposedBy = ProposerOf(current, caller),
                Match = match,
                CancellationToken = cancellationToken, // a client that gives up frees the write gate
            });
            // The engine's ids are unique in this snapshot; the API's are unique across processes sharing the store.
            round = round with { Proposals = [.. round.Proposals.Select(p => p with { Id = NewId() })] };
            expired = [.. MatchingRound.Expire(current.Proposals, today).Where(p => Sees(current, caller, p))];
            ProposalRecord[] writes = [.. expired, .. round.Proposals];
            return writes.Length == 0 ? null : writes;
        }

        ApiSnapshot snapshot;
        IReadOnlyList<WriteOutcome> outcomes = [];
        if (preview == true)
        {
            // A preview reads the snapshot as it is, outside the write gate: it holds up no write.
            snapshot = http.Read(host);
            Plan(snapshot);
        }
        else
            (outcomes, snapshot) = await host.WriteCheckedAsync(current => Plan(current) is { } writes
                ? [new(http.Audited((store, audit, token) => store.UpsertProposalsAsync(writes, null, audit, token),
                    [.. writes.SelectMany(p => (string[])[p.Citizen, p.Mentor]).Distinct()]), new GraphEdit.UpsertProposals(writes))]
                : null, cancellationToken);
        if (missing is not null) return missing;
        // Explained on the snapshot the round was planned on (immutable), after the write: the gate is held for the plan only.
        RoundMatchView[] matches = [.. round!.Proposals.Select(p => Explain(planned!, caller, match!, p))];
        if (preview == true) http.AuditTargets([.. matches.SelectMany(m => (string[])[m.Citizen, m.Mentor]), .. round!.Waiting]);
        EndpointHelpers.Stamp(http, snapshot);
        var today = Today(snapshot);
        var published = preview != true;
        var view = new RoundView(outcomes.Count > 0 ? outcomes[0].ToResult() : null, published, today.AddDays(days),
            published ? [.. round!.Proposals.Select(p => ProposalView.Of(p, today))] : [], matches, round!.Waiting, round.Unproposed,
            round.NotWaiting, expired.Length);
        if (!published) return TypedResults.Ok(view);
        log.LogInformation("Round: {Proposals} proposals, {Waiting} waiting, {Expired} expired", view.Proposals.Count, view.Waiting.Count, expired.Length);
        return view.Proposals.Count > 0 ? TypedResults.Created((string?)null, view) : TypedResults.Ok(view);
    }

    /// <summary>Why the round chose a pair: the mentor's match for the citizen (score, rank among the citizen's eligible
    /// mentors, reasons) as the matching engine explains it, with contacts outside the caller's areas redacted.</summary>
    private static RoundMatchView Explain(ApiSnapshot snapshot, Caller caller, MatchOptions match, ProposalRecord proposal)
    {
        var result = MentorMatching.ForCitizen(snapshot.Graph, proposal.Citizen, match with { Top = 0 });
        var found = result.Matches.First(m => m.Mentor == proposal.Mentor); // the round proposes only eligible pairs
        return new RoundMatchView(proposal.Citizen, proposal.Mentor, found.Score, found.Rank, result.Eligible,
            snapshot.Redacted(caller, found.Reasons));
    }

    /// <summary>The proposal with an id if the caller may see it (its citizen is of their areas), else null — an unknown
    /// id and another area's are answered alike.</summary>
    private static ProposalRecord? Find(ApiSnapshot snapshot, Caller caller, string id) =>
        snapshot.Proposal(id) is { } proposal && Sees(snapshot, caller, proposal) ? proposal : null;

    private static bool Sees(ApiSnapshot snapshot, Caller caller, ProposalRecord proposal) =>
        caller.Areas.IsAll || caller.Sees(snapshot.Node(proposal.Citizen)?.Area);

    private static NotFoundProblem NoProposal(string id) => EndpointHelpers.NotFound($"No proposal you may see has id '{id}'.");

    /// <summary>The caller, when their token's subject is a coach of the dataset; else null (an admin's or an
    /// integration's token).</summary>
    private static string? ProposerOf(ApiSnapshot snapshot, Caller caller) =>
        snapshot.Node(caller.Subject) is { Kind: NodeKind.Coach } ? caller.Subject : null;

    /// <summary>A new proposal id: time-ordered and unique across processes sharing a store.</summary>
    private static string NewId() => "pr-" + Guid.CreateVersion7().ToString("N");

    private static int CheckDays(int? days, FieldErrors errors)
    {
        if (days is < 1 or > MaxExpiresInDays) errors.Add("expiresInDays", $"expiresInDays must be from 1 to {MaxExpiresInDays}.");
        return days ?? DefaultExpiresInDays;
    }

    /// <summary>A free-text reason: trimmed, at most <see cref="MaxReasonLength"/> characters, no control or invisible
    /// characters (the engine's text rule); null when empty.</summary>
    internal static string? CheckReason(string? reason, string field, FieldErrors errors)
    {
        if (string.IsNullOrWhiteSpace(reason)) return null;
        var text = reason.Trim();
        if (text.Length > MaxReasonLength) errors.Add(field, $"{field} must be at most {MaxReasonLength} characters.");
        else if (TextRule.Problem(text) is { } problem) errors.Add(field, $"{field} {problem}.");
        return text;
    }
}
