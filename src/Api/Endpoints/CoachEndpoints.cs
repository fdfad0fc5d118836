using Microsoft.AspNetCore.Http.HttpResults;
using SocialCapital.Api.Audit;
using SocialCapital.Api.Contracts;
using SocialCapital.Api.Errors;
using SocialCapital.Api.Snapshots;
using SocialCapital.Graph;
using SocialCapital.Live;
using SocialCapital.Metrics;
using SocialCapital.Model;
using SocialCapital.Recommendations;
using SocialCapital.Storage;

namespace SocialCapital.Api.Endpoints;

/// <summary>The citizen–coach relationship: a coach's meetings, and the assignment of citizens to coaches (with
/// handovers when a coach leaves).</summary>
internal static class CoachEndpoints
{
    public static void MapCoaches(this IEndpointRouteBuilder app)
    {
        app.MapGet("/coaches/{id}/caseload", Caseload).WithTags("Coaching").RequireAuthorization(Policies.Coach)
            .WithSummary("A coach's caseload today: size against capacity, citizens not met lately, the mix by work status, age band "
                + "and need, and per citizen: months with the coach, coaches in the last year, days since the last contact, "
                + "contacts in the last 90 days.")
            .WithDescription("The coach themself (the token's subject is the coach's id) or an admin. `notMetDays` (default 30): "
                + "a citizen not met for more than this many days (or never) counts as not met. Citizens outside your areas "
                + "count in the active caseload only: they are not listed, and when there are any the mix is left empty and "
                + "`notMet` counts the listed citizens. Definitions in docs/measures.md#coaching-caseloads-and-continuity.");
        app.MapGet("/hubs/report", HubReport).WithTags("Coaching").RequireAuthorization(Policies.Analyst)
            .WithSummary("Coaching per area and Work Hub: stable-coach share, median days since the last contact, caseload spread "
                + "(Gini, max/median), coaches over capacity, and moves into work by coach continuity — descriptive, not causal.")
            .WithDescription("Aggregates only, as they stood at the end of the last complete month (a new meeting or tie does "
                + "not move it within the month; a record backdated into a past month does, as in the programme report); counts below Analysis:MinCellSize are null and `suppressed` is true, with secondary "
                + "suppression where a total would reveal them. The areas of your scope, and the hubs whose people all live in "
                + "them. Definitions in docs/measures.md#coaching-caseloads-and-continuity.");
        app.MapGet("/hubs/caseloads", HubCaseloads).WithTags("Coaching").RequireAuthorization(Policies.Coach)
            .WithSummary("The caseloads of the coaches of your areas today (size against capacity, over capacity, not met), and "
                + "the pending handovers: citizens whose coaching ends with no coach to take them on.")
            .WithDescription("For a hub manager. A pending handover is read from the coaching records: a coach with capacity 0 "
                + "(marked as no longer taking citizens) who still has a caseload (from today), or a coach's running coaching spells "
                + "that end on a later day (`until`) with no other coach's spell running on that day (from that day). A published "
                + "handover starts the new spells on the leaving day, so only the citizens nobody could take stay pending. "
                + "Citizens outside your areas are counted, not listed; `notMet` (not met for more than `notMetDays`, default 30) "
                + "counts the listed citizens.");
        app.MapPost("/coaches/{id}/contacts", AddMeeting).WithTags("Coaching").RequireAuthorization(Policies.Coach)
            .WithSummary("Record a coach's meeting with a citizen (date, channel).")
            .WithDescription("The coach themself (the token's subject is the coach's id) or an admin; the citizen must be of your "
                + "areas. `date` defaults to today and may not be after it. 201 when new, 200 when the same meeting (coach, "
                + "citizen, day and channel) was recorded before.");
        app.MapPost("/coach-assignments", Assign).WithTags("Coaching").RequireAuthorization(Policies.Coach)
            .WithSummary("Assign citizens to coaches optimally under caseload capacity, or hand a leaving coach's caseload over: "
                + "a preview, written as coaching ties with publish=true.")
            .WithDescription("Hard rules: a free place in the coach's caseload (capacity minus current caseload), a shared "
                + "language when the citizen states one, a specialism covering the citizen's needs, the same hub (for a citizen "
                + "without a hub, the same area) unless `anyHub`. Then continuity (a coach the citizen has been coached by or "
                + "met), then balance (emptier caseloads first); docs/recommendations.md#coach-assignment. Citizens: the listed "
                + "ones, or every citizen of your areas without a coach today; only coaches of your areas are chosen. A handover "
                + "(`handover.coach`, `handover.leaving`, default today) assigns the leaving coach's caseload instead: only that "
                + "coach or an admin. `publish=true` writes it all in one transaction: a coaching tie (coach → citizen) from "
                + "today (a handover: from the leaving day) for each pair, and the citizen's running coaching tie with another "
                + "coach ends that day. 201 when published with changes, else 200.");
    }

    private static async Task<Results<Created<MeetingWriteResult>, Ok<MeetingWriteResult>, ValidationProblem, NotFoundProblem, ForbiddenProblem>>
        AddMeeting(HttpContext http, SnapshotHost host, string id, MeetingBody body, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        if (string.IsNullOrWhiteSpace(body.Citizen)) errors.Add("citizen", "citizen is required.");
        var channel = ContactChannel.InPerson;
        if (string.IsNullOrWhiteSpace(body.Channel)) errors.Add("channel", $"channel is required ({string.Join(", ", WireNames.ContactChannelNames)}).");
        else if (!WireNames.TryParseContactChannel(body.Channel, out channel))
            errors.Add("channel", $"Unknown channel '{body.Channel}' (expected one of {string.Join(", ", WireNames.ContactChannelNames)}).");
        if (errors.Any) return errors.ToProblem();
        var citizen = body.Citizen!;
        http.AuditTargets([id, citizen]);
        var caller = Caller.Of(http);
        if (!caller.IsAdmin && caller.Subject != id)
            return new ForbiddenProblem($"A coach records only their own meetings: the path names '{id}', your token is '{caller.Subject}'.");
        NotFoundProblem? missing = null;
        ContactRecord? contact = null;
        var (outcomes, snapshot) = await host.WriteCheckedAsync(current =>
        {
            missing = current.MissingPerson(caller, id, NodeKind.Coach) ?? current.MissingPerson(caller, citizen, NodeKind.Citizen);
            if (missing is not null) return null;
            var today = current.Graph.AsOf;
            var date = body.Date ?? today;
            if (date > today)
            {
                var fields = new FieldErrors();
                fields.Add("date", $"date may not be after today ({today:yyyy-MM-dd}): record a meeting once it has happened.");
                fields.ThrowIfAny();
            }
            contact = new ContactRecord(id, citizen, date, channel);
            return [new(http.Audited((store, audit, token) => store.AddContactAsync(contact, audit, token), id, citizen),
                new GraphEdit.AddContact(contact))];
        }, cancellationToken);
        if (missing is not null) return missing;
        EndpointHelpers.Stamp(http, snapshot);
        var result = new MeetingWriteResult(outcomes[0].ToResult(), MeetingView.From(contact!));
        return outcomes[0].Effect == WriteEffect.Created ? TypedResults.Created((string?)null, result) : TypedResults.Ok(result);
    }

    private static async Task<Results<Created<CoachAssignmentView>, Ok<CoachAssignmentView>, ValidationProblem, NotFoundProblem, ForbiddenProblem>>
        Assign(HttpContext http, SnapshotHost host, ILogger<SnapshotHost> log, CoachAssignmentBody? body, bool? publish,
            CancellationToken cancellationToken)
    {
        body ??= new CoachAssignmentBody();
        var errors = new FieldErrors();
        for (var i = 0; i < (body.Citizens?.Count ?? 0); i++)
            if (string.IsNullOrWhiteSpace(body.Citizens![i])) errors.Add($"citizens[{i}]", "a citizen id is required.");
        var handover = body.Handover;
        if (handover is not null)
        {
            if (string.IsNullOrWhiteSpace(handover.Coach)) errors.Add("handover.coach", "handover.coach is required: the leaving coach's id.");
            if (body.Citizens is not null) errors.Add("citizens", "Give citizens or a handover, not both: a handover assigns the leaving coach's caseload.");
        }
        if (errors.Any) return errors.ToProblem();
        var caller = Caller.Of(http);
        http.AuditTargets([.. body.Citizens ?? [], .. handover?.Coach is { } leavingId ? [leavingId] : Array.Empty<string>()]);
        if (handover is not null && !caller.IsAdmin && caller.Subject != handover.Coach)
            return new ForbiddenProblem($"Only the leaving coach or an admin may hand a caseload over: the body names '{handover.Coach}', "
                + $"your token is '{caller.Subject}'.");

        ProblemResult? refusal = null;
        CoachAssignmentResult? result = null;
        TieRecord[] started = [], ended = [];
        var since = default(DateOnly);
        // What to write: null when refused (refusal set) or nothing to publish.
        IReadOnlyList<TieRecord>? Plan(ApiSnapshot current)
        {
            var today = current.Graph.AsOf;
            since = handover?.Leaving ?? today;
            if (handover is not null && since < today)
            {
                var fields = new FieldErrors();
                fields.Add("handover.leaving", $"leaving may not be before today ({today:yyyy-MM-dd}): a handover is planned from today on.");
                fields.ThrowIfAny();
            }
            foreach (var id in body.Citizens ?? [])
                if (current.MissingPerson(caller, id, NodeKind.Citizen) is { } problem) { refusal = problem; return null; }
            if (handover is not null && current.MissingPerson(caller, handover.Coach!, NodeKind.Coach) is { } noCoach) { refusal = noCoach; return null; }
            var history = current.Live.Coaching;
            var options = new CoachAssignmentOptions
            {
                Citizens = handover is not null ? null : body.Citizens ?? UncoachedCitizensOf(current, caller, history),
                AnyHub = body.AnyHub ?? false,
                Coaches = caller.Areas.IsAll ? null : [.. current.Live.Nodes.Where(n => n.Kind == NodeKind.Coach && caller.Sees(n.Area)).Select(n => n.Id)],
                CancellationToken = cancellationToken, // a client that gives up frees the write gate
            };
            result = handover is null
                ? CoachAssignment.Assign(current.Graph, history, options)
                : CoachAssignment.Handover(current.Graph, history, handover.Coach!, since, options);
            if (handover is not null && OutsideAreas(current, caller, result) is { } outside)
            {
                refusal = new ForbiddenProblem($"The caseload of '{handover.Coach}' has {outside} citizen(s) outside your areas: a "
                    + "caller of every area hands it over.");
                return null;
            }
            // The new spells, and the running spells they end (each its own dated tie, so earlier spells of a pair stay):
            // a placed citizen's spell with another coach, and in a handover every spell of the leaving coach, placed or not.
            started = [.. result.Pairs.Select(p => new TieRecord(p.Coach, p.Citizen, TieKind.Coaching) { Since = since })];
            var placed = result.Pairs.ToDictionary(p => p.Citizen, p => p.Coach, StringComparer.Ordinal);
            bool Ends(TieRecord t) => t.Kind == TieKind.Coaching && (t.Since is not { } s || s < since) && (t.Until is not { } u || u > since)
                && current.Node(t.Source)?.Kind == NodeKind.Coach
                && (t.Source == handover?.Coach || (placed.TryGetValue(t.Target, out var coach) && t.Source != coach));
            IEnumerable<TieRecord> running = placed.Keys.SelectMany(c => current.TiesOf(c).Where(t => t.Target == c));
            if (handover is not null) running = running.Concat(current.TiesOf(handover.Coach!).Where(t => t.Source == handover.Coach));
            ended = [.. running.Where(Ends).Distinct().Select(t => t with { Until = since })];
            if (ended.Count(t => current.Visible(caller, t.Target) is null) is > 0 and var beyond)
            {
                refusal = new ForbiddenProblem($"This would end {beyond} coaching tie(s) of citizens outside your areas: a caller of every area does it.");
                return null;
            }
            return publish == true && started.Length + ended.Length > 0 ? [.. ended, .. started] : null;
        }

        ApiSnapshot snapshot;
        IReadOnlyList<WriteOutcome> outcomes = [];
        if (publish != true)
        {
            // A preview reads the snapshot as it is, outside the write gate: it holds up no write.
            snapshot = http.Read(host);
            Plan(snapshot);
        }
        else
            (outcomes, snapshot) = await host.WriteCheckedAsync(current => Plan(current) is { } writes
                ? [new(http.Audited((store, audit, token) => store.UpsertTiesAsync(writes, audit, token),
                    [.. writes.SelectMany(t => (string[])[t.Source, t.Target]).Distinct()]), new GraphEdit.UpsertTies(writes))]
                : null, cancellationToken);
        switch (refusal)
        {
            case NotFoundProblem notFound: return notFound;
            case ForbiddenProblem forbidden: return forbidden;
        }
        http.AuditTargets([.. result!.Pairs.SelectMany(p => new[] { p.Citizen, p.Coach }), .. result.Unassigned.Select(u => u.Citizen)]);
        EndpointHelpers.Stamp(http, snapshot);
        var written = outcomes.Count > 0 ? outcomes[0] : (WriteOutcome?)null;
        var view = new CoachAssignmentView(written?.ToResult(), written is not null, since, result.Citizens,
            [.. result.Pairs.Select(p => new CoachPairView(p.Citizen, p.Coach, since, p.Continuity, snapshot.Redacted(caller, p.Reasons)))],
            result.ContinuityPairs, [.. result.Unassigned.Select(u => u with { Reason = string.Join("", snapshot.Redacted(caller, [u.Reason])) })],
            [.. ended.Select(TieBody.From)]);
        if (written is { } w)
            log.LogInformation("Coach assignment published: {Pairs} pairs, {Ended} ties ended at version {Version}", view.Pairs.Count, ended.Length, w.Version);
        return written is { Changed: true } ? TypedResults.Created((string?)null, view) : TypedResults.Ok(view);
    }

    private static Results<Ok<CaseloadView>, ValidationProblem, NotFoundProblem, ForbiddenProblem> Caseload(HttpContext http,
        SnapshotHost host, string id, int? notMetDays)
    {
        var caller = Caller.Of(http);
        if (!caller.IsAdmin && caller.Subject != id)
            return new ForbiddenProblem($"A coach sees only their own caseload: the path names '{id}', your token is '{caller.Subject}'.");
        var options = new CoachingOptions { NotMetDays = notMetDays ?? CoachingOptions.Default.NotMetDays };
        var errors = new FieldErrors();
        errors.AddOptions(options.Validate());
        if (errors.Any) return errors.ToProblem();
        var snapshot = http.Read(host);
        if (snapshot.MissingPerson(caller, id, NodeKind.Coach) is { } missing) return missing;
        var caseload = CoachingMetrics.Caseload(snapshot.Graph, snapshot.Live.Coaching, id, options);
        CitizenCoaching[] shown = [.. caseload.Citizens.Where(c => snapshot.Visible(caller, c.Citizen) is not null)];
        http.AuditTargets([id, .. shown.Select(c => c.Citizen)]);
        var hidden = caseload.Citizens.Count - shown.Length;
        // Citizens outside the caller's areas are a count only: the not-met count and the mix would tell them apart.
        if (hidden > 0) caseload = caseload with { NotMet = shown.Count(c => c.NotMet), ByWorkStatus = [], ByAgeBand = [], ByNeed = [] };
        return TypedResults.Ok(new CaseloadView(snapshot.Graph.AsOf, caseload with { Citizens = shown }, hidden));
    }

    private static Ok<HubReportView> HubReport(HttpContext http, SnapshotHost host)
    {
        var snapshot = http.Read(host);
        var caller = Caller.Of(http);
        // As the programme report: complete months only, so polling it cannot catch one citizen's meeting or move.
        var today = snapshot.Graph.AsOf;
        var lastComplete = new DateOnly(today.Year, today.Month, 1).AddDays(-1);
        var live = snapshot.Live;
        var report = CoachingMetrics.Of(live.Graph, live.Coaching, live.Employment,
            new CoachingOptions { AsOf = lastComplete, MinCellSize = snapshot.AreaOptions.MinCellSize });
        if (caller.Areas.IsAll)
            return TypedResults.Ok(new HubReportView(report.AsOf, report.Areas, report.Hubs, report.Suppressed, report.Caveat));
        // A hub is the caller's when every person it serves lives in their areas.
        var foreign = live.Nodes.Where(n => n.Hub is not null && !caller.Sees(n.Area)).Select(n => n.Hub!).ToHashSet(StringComparer.Ordinal);
        CoachingGroup[] areas = [.. report.Areas.Where(a => caller.Sees(a.Name))];
        CoachingGroup[] hubs = [.. report.Hubs.Where(h => !foreign.Contains(h.Name))];
        return TypedResults.Ok(new HubReportView(report.AsOf, areas, hubs, areas.Any(a => a.Suppressed) || hubs.Any(h => h.Suppressed),
            report.Caveat));
    }

    private static Results<Ok<HubCaseloadsView>, ValidationProblem> HubCaseloads(HttpContext http, SnapshotHost host, int? notMetDays)
    {
        var options = new CoachingOptions { NotMetDays = notMetDays ?? CoachingOptions.Default.NotMetDays };
        var errors = new FieldErrors();
        errors.AddOptions(options.Validate());
        if (errors.Any) return errors.ToProblem();
        var snapshot = http.Read(host);
        var caller = Caller.Of(http);
        var today = snapshot.Graph.AsOf;
        var history = snapshot.Live.Coaching;
        var coaches = new List<HubCoachView>();
        var pending = new List<PendingHandoverView>();
        var listed = new List<string>();
        foreach (var coach in snapshot.Nodes.Where(n => n.Kind == NodeKind.Coach && caller.Sees(n.Area))
            .OrderBy(n => n.Hub, StringComparer.Ordinal).ThenBy(n => n.Id, StringComparer.Ordinal))
        {
            var caseload = CoachingMetrics.Caseload(snapshot.Graph, history, coach.Id, options);
            bool Shown(string citizen) => snapshot.Visible(caller, citizen) is not null;
            (DateOnly Day, string[] Citizens, string Reason)[] handovers = coach.Capacity == 0 && caseload.ActiveCaseload > 0
                ? [(Day: today, Citizens: caseload.Citizens.Select(c => c.Citizen).ToArray(),
                    Reason: $"capacity 0 (no longer taking citizens) but still coaching {Count(caseload.ActiveCaseload)}: hand the caseload over")]
                : caseload.Citizens.Select(c => (c.Citizen, Ends: EndsWithoutSuccessor(snapshot, history, coach.Id, c.Citizen, today)))
                    .Where(c => c.Ends is not null).GroupBy(c => c.Ends!.Value).OrderBy(g => g.Key)
                    .Select(g => (Day: g.Key, Citizens: g.Select(c => c.Citizen).ToArray(),
                        Reason: $"coaching of {Count(g.Count())} ends on {g.Key:yyyy-MM-dd} and no other coach takes them on from that day"))
                    .ToArray();
            foreach (var (day, citizens, reason) in handovers)
            {
                string[] visible = [.. citizens.Where(Shown)];
                listed.AddRange(visible);
                pending.Add(new PendingHandoverView(coach.Id, coach.Hub, day, reason, visible, citizens.Length - visible.Length));
            }
            CitizenCoaching[] shown = [.. caseload.Citizens.Where(c => Shown(c.Citizen))];
            coaches.Add(new HubCoachView(coach.Id, coach.Area, coach.Hub, caseload.ActiveCaseload, caseload.Capacity, caseload.OverCapacity,
                shown.Count(c => c.NotMet), caseload.Citizens.Count - shown.Length, handovers.Length > 0 ? handovers[0].Day : null));
        }
        http.AuditTargets([.. coaches.Select(c => c.Coach), .. listed]);
        return TypedResults.Ok(new HubCaseloadsView(today, coaches, pending));
    }

    private static string Count(int citizens) => citizens == 1 ? "1 citizen" : $"{citizens} citizens";

    /// <summary>The day a citizen's running coaching spell with <paramref name="coach"/> ends when no other coach's spell
    /// runs on that day (a handover still to be made); null when the spell runs on without an end, or another coach takes
    /// the citizen on.</summary>
    private static DateOnly? EndsWithoutSuccessor(ApiSnapshot snapshot, CoachingHistory history, string coach, string citizen, DateOnly today)
    {
        var spells = history.SpellsOf(citizen);
        DateOnly? ends = null;
        foreach (var spell in spells)
        {
            if (spell.Coach != coach || !spell.IsActiveOn(today)) continue;
            if (spell.Until is not { } until) return null; // runs on
            if (ends is null || until > ends) ends = until;
        }
        if (ends is not { } day) return null;
        foreach (var spell in spells)
            if (spell.Coach != coach && spell.IsActiveOn(day) && snapshot.Node(spell.Coach)?.Kind == NodeKind.Coach) return null;
        return day;
    }

    /// <summary>The citizens of the caller's areas without a coach today; null for a caller of every area (the engine's
    /// default is the same, over every citizen).</summary>
    private static IReadOnlyList<string>? UncoachedCitizensOf(ApiSnapshot snapshot, Caller caller, CoachingHistory history) =>
        snapshot.CitizensOf(caller) is { } citizens
            ? [.. citizens.Where(c => history.CurrentSpell(c, snapshot.Graph.AsOf) is null)]
            : null;

    /// <summary>How many citizens of an assignment lie outside the caller's areas; null when none.</summary>
    private static int? OutsideAreas(ApiSnapshot snapshot, Caller caller, CoachAssignmentResult result)
    {
        if (caller.Areas.IsAll) return null;
        var outside = result.Pairs.Select(p => p.Citizen).Concat(result.Unassigned.Select(u => u.Citizen))
            .Count(c => snapshot.Visible(caller, c) is null);
        return outside > 0 ? outside : null;
    }
}
