using SocialCapital.Metrics;
using SocialCapital.Model;
using SocialCapital.Recommendations;

namespace SocialCapital.Api.Contracts;

/// <summary>A coach's meeting with a citizen (one row of <c>contacts.csv</c>).</summary>
/// <param name="Coach">The coach's id.</param>
/// <param name="Citizen">The citizen's id.</param>
/// <param name="Date">The day they met.</param>
/// <param name="Channel"><c>in_person</c>, <c>phone</c>, <c>video</c> or <c>message</c>.</param>
public sealed record MeetingView(string Coach, string Citizen, DateOnly Date, string Channel)
{
    internal static MeetingView From(ContactRecord contact) => new(contact.Coach, contact.Citizen, contact.Date, contact.Channel.Name());
}

/// <summary>The body of <c>POST /coaches/{id}/contacts</c>.</summary>
public sealed class MeetingBody
{
    /// <summary>The citizen met (required): a citizen of your areas.</summary>
    /// <example>p00001</example>
    public string? Citizen { get; set; }

    /// <summary>The day they met; default today; not after today.</summary>
    public DateOnly? Date { get; set; }

    /// <summary>How they met (required): <c>in_person</c>, <c>phone</c>, <c>video</c> or <c>message</c>.</summary>
    /// <example>in_person</example>
    public string? Channel { get; set; }
}

/// <summary>A recorded meeting and what the write did (<c>unchanged</c> when the same meeting was recorded before).</summary>
/// <param name="Write">What the store did.</param>
/// <param name="Contact">The meeting.</param>
public sealed record MeetingWriteResult(WriteResult Write, MeetingView Contact);

/// <summary>The body of <c>POST /coach-assignments</c>: whom to assign. Empty for every citizen of your areas without a
/// coach.</summary>
public sealed class CoachAssignmentBody
{
    /// <summary>The citizens to assign (a cohort); default every citizen of your areas without a coach today. Not with
    /// <see cref="Handover"/>.</summary>
    public IReadOnlyList<string>? Citizens { get; set; }

    /// <summary>A handover: the leaving coach's caseload is assigned instead.</summary>
    public HandoverBody? Handover { get; set; }

    /// <summary>Whether a coach of another hub (or, for a citizen without a hub, another area) may be chosen; default false.</summary>
    public bool? AnyHub { get; set; }
}

/// <summary>A coach leaving: whose caseload to hand over, and from when.</summary>
public sealed class HandoverBody
{
    /// <summary>The leaving coach's id (required).</summary>
    public string? Coach { get; set; }

    /// <summary>The first day the coach no longer coaches (their coaching ties end then, the new ones start); default
    /// today; not before today.</summary>
    public DateOnly? Leaving { get; set; }
}

/// <summary>A proposed (or, when published, made) coach assignment.</summary>
/// <param name="Citizen">The citizen's id.</param>
/// <param name="Coach">The coach's id.</param>
/// <param name="Since">The day the coaching tie starts.</param>
/// <param name="Continuity">Whether the coach has coached or met the citizen before.</param>
/// <param name="Reasons">Why this coach, in plain words.</param>
public sealed record CoachPairView(string Citizen, string Coach, DateOnly Since, bool Continuity, IReadOnlyList<string> Reasons);

/// <summary>The answer of <c>POST /coach-assignments</c>: a preview, or what was published.</summary>
/// <param name="Write">What the store did when published (<c>publish=true</c>); null for a preview.</param>
/// <param name="Published">Whether the coaching ties were written.</param>
/// <param name="Since">The day the new coaching ties start (today, or the leaving day of a handover).</param>
/// <param name="Citizens">Citizens to assign.</param>
/// <param name="Pairs">The assignment, one pair per placed citizen, ordered by citizen.</param>
/// <param name="ContinuityPairs">Pairs whose coach has coached or met the citizen before.</param>
/// <param name="Unassigned">Citizens left without a coach, with the reason.</param>
/// <param name="Ended">Coaching ties ended because their citizen moves to a new coach (the leaving coach's, in a
/// handover).</param>
public sealed record CoachAssignmentView(WriteResult? Write, bool Published, DateOnly Since, int Citizens, IReadOnlyList<CoachPairView> Pairs,
    int ContinuityPairs, IReadOnlyList<UnassignedCitizen> Unassigned, IReadOnlyList<TieBody> Ended);

/// <summary>A coach's caseload (<c>GET /coaches/{id}/caseload</c>): the engine's measures of it, with the citizens of the
/// caller's areas.</summary>
/// <param name="AsOf">The day measured (today).</param>
/// <param name="Caseload">The caseload: size against capacity, citizens not met lately, the mix, and one row per citizen.</param>
/// <param name="CitizensOutsideYourAreas">Citizens of the caseload outside the caller's areas: counted in the active
/// caseload only (when there are any, the mix is empty and the not-met count is of the listed citizens).</param>
public sealed record CaseloadView(DateOnly AsOf, CoachCaseload Caseload, int CitizensOutsideYourAreas);

/// <summary>The coaching report for analysts (<c>GET /hubs/report</c>): per area and per Work Hub, aggregates only.</summary>
/// <param name="AsOf">The day the report describes: the end of the last complete month.</param>
/// <param name="Areas">The areas of the caller's scope, by code.</param>
/// <param name="Hubs">The hubs whose people all live in the caller's areas, by name.</param>
/// <param name="Suppressed">Whether a value was suppressed (a count under the minimum cell size, or one that would reveal
/// it).</param>
/// <param name="Caveat">Descriptive, not causal: how to read the continuity figures.</param>
public sealed record HubReportView(DateOnly AsOf, IReadOnlyList<CoachingGroup> Areas, IReadOnlyList<CoachingGroup> Hubs, bool Suppressed,
    string Caveat);

/// <summary>The caseloads of a hub manager's coaches (<c>GET /hubs/caseloads</c>) and the handovers still to be made.</summary>
/// <param name="AsOf">The day (today).</param>
/// <param name="Coaches">The coaches of the caller's areas, by hub then id.</param>
/// <param name="PendingHandovers">Citizens whose coaching ends with no coach to take them on, per coach and day, by coach
/// then day.</param>
public sealed record HubCaseloadsView(DateOnly AsOf, IReadOnlyList<HubCoachView> Coaches, IReadOnlyList<PendingHandoverView> PendingHandovers);

/// <summary>One coach's caseload against capacity.</summary>
/// <param name="Coach">The coach's id.</param>
/// <param name="Area">The coach's area.</param>
/// <param name="Hub">The coach's Work Hub, or null.</param>
/// <param name="ActiveCaseload">Citizens whose current coach they are today (those outside your areas included).</param>
/// <param name="Capacity">The coach's capacity, or null when not stated.</param>
/// <param name="OverCapacity">Whether the caseload is larger than the capacity.</param>
/// <param name="NotMet">Citizens of your areas in the caseload not met for more than <c>notMetDays</c> (or never).</param>
/// <param name="CitizensOutsideYourAreas">Citizens of the caseload outside your areas (counted, not listed).</param>
/// <param name="Leaving">The first day of the coach's first pending handover (today for a coach with capacity 0); null
/// when none.</param>
public sealed record HubCoachView(string Coach, string? Area, string? Hub, int ActiveCaseload, int? Capacity, bool OverCapacity, int NotMet,
    int CitizensOutsideYourAreas, DateOnly? Leaving);

/// <summary>A handover still to be made: a coach's citizens whose coaching ends with no other coach from that day.</summary>
/// <param name="Coach">The coach whose citizens they are.</param>
/// <param name="Hub">The coach's Work Hub, or null.</param>
/// <param name="Day">The day the citizens are left without a coach: the spells' end (<c>until</c>), or today for a coach
/// with capacity 0.</param>
/// <param name="Reason">Why it is pending, in words.</param>
/// <param name="Citizens">The citizens of your areas concerned, by id.</param>
/// <param name="CitizensOutsideYourAreas">The citizens concerned outside your areas (counted, not listed).</param>
public sealed record PendingHandoverView(string Coach, string? Hub, DateOnly Day, string Reason, IReadOnlyList<string> Citizens,
    int CitizensOutsideYourAreas);
