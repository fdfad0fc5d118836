using SocialCapital.Storage;

namespace SocialCapital.Api.Contracts;

/// <summary>One audit entry: who did what to whose data, when, and how it ended. Never an attribute.</summary>
/// <param name="Time">When, in UTC.</param>
/// <param name="Actor">Who: the token's subject, <c>anonymous</c>, or an erased person's pseudonym.</param>
/// <param name="Role">The caller's roles, comma-separated.</param>
/// <param name="Action">The route and method, e.g. <c>GET /people/{id}</c>.</param>
/// <param name="Targets">The ids of the individuals read or written (pseudonyms for erased people).</param>
/// <param name="Outcome"><c>ok</c>, <c>created</c>, <c>updated</c>, <c>unchanged</c>, <c>deleted</c>, <c>imported</c>,
/// <c>erased</c>, <c>not_found</c>, <c>denied</c> or <c>unauthenticated</c>.</param>
public sealed record AuditEntryView(DateTimeOffset Time, string Actor, string Role, string Action, IReadOnlyList<string> Targets, string Outcome)
{
    internal static AuditEntryView From(AuditEntry entry) =>
        new(entry.Time, entry.Actor, entry.Role, entry.Action, entry.Targets, entry.Outcome);
}

/// <summary>Everything stored about one person (<c>GET /people/{id}/subject-access</c>).</summary>
/// <param name="Id">The id asked about.</param>
/// <param name="Person">The stored record with every attribute; null when no record has the id any more.</param>
/// <param name="Ties">Every tie that touches them, both directions and every kind (active or not), with its attributes.</param>
/// <param name="AccessLog">Every audit entry naming them as a target, newest first: who read or wrote their data, when, how.</param>
/// <param name="Proposals">Every mentoring proposal naming them (as citizen, mentor or the coach who made it), with its
/// decision and reason, as it stands today.</param>
/// <param name="StatusHistory">Their recorded employment changes, by date.</param>
/// <param name="Contacts">Every recorded meeting naming them (as the coach or the citizen), by date.</param>
public sealed record SubjectAccessView(string Id, PersonView? Person, IReadOnlyList<TieBody> Ties, IReadOnlyList<AuditEntryView> AccessLog,
    IReadOnlyList<ProposalView> Proposals, IReadOnlyList<StatusChangeView> StatusHistory, IReadOnlyList<MeetingView> Contacts);

/// <summary>One recorded employment change.</summary>
/// <param name="Date">The day it took effect.</param>
/// <param name="Employment">The employment from that day.</param>
public sealed record StatusChangeView(DateOnly Date, string Employment);
