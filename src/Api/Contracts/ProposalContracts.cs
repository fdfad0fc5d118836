using SocialCapital.Model;
using SocialCapital.Recommendations;

namespace SocialCapital.Api.Contracts;

/// <summary>A mentoring proposal as the API shows it, as it stands today (an undecided proposal past its expiry day
/// shows as <c>expired</c>).</summary>
/// <param name="Id">Its id.</param>
/// <param name="Citizen">The citizen's id.</param>
/// <param name="Mentor">The mentor's id.</param>
/// <param name="ProposedBy">The coach who made it, or null.</param>
/// <param name="Status"><c>proposed</c>, <c>accepted</c>, <c>declined</c>, <c>expired</c> or <c>withdrawn</c>.</param>
/// <param name="Proposed">The day it was made.</param>
/// <param name="Expires">The day it lapses if undecided.</param>
/// <param name="Decided">The day it was decided, or null while proposed.</param>
/// <param name="Reason">Why it was declined or withdrawn, or null.</param>
public sealed record ProposalView(string Id, string Citizen, string Mentor, string? ProposedBy, string Status, DateOnly Proposed,
    DateOnly Expires, DateOnly? Decided, string? Reason)
{
    internal static ProposalView Of(ProposalRecord proposal, DateOnly today)
    {
        var p = proposal.On(today);
        return new(p.Id, p.Citizen, p.Mentor, p.ProposedBy, p.Status.Name(), p.Proposed, p.Expires, p.Decided, p.Reason);
    }
}

/// <summary>The body of <c>POST /citizens/{id}/proposals</c>.</summary>
public sealed class ProposalBody
{
    /// <summary>The mentor to propose (required).</summary>
    public string? Mentor { get; set; }

    /// <summary>Days the citizen and mentor have to decide, 1 to 90; default 10.</summary>
    public int? ExpiresInDays { get; set; }
}

/// <summary>The body of <c>POST /proposals/{id}/decline</c> (reason required) and <c>/withdraw</c> (reason optional).</summary>
public sealed class DecisionBody
{
    /// <summary>Why, in words (at most 500 characters).</summary>
    public string? Reason { get; set; }
}

/// <summary>A decision on a proposal, and the mentoring tie an acceptance started.</summary>
/// <param name="Write">What the store did.</param>
/// <param name="Proposal">The proposal after the decision.</param>
/// <param name="Tie">The mentoring tie an acceptance started (mentor → citizen, since today); null otherwise.</param>
public sealed record ProposalWriteResult(WriteResult Write, ProposalView Proposal, TieBody? Tie);

/// <summary>The body of <c>POST /rounds</c>.</summary>
public sealed class RoundBody
{
    /// <summary>The citizens to propose for; default every waiting citizen of your areas (no current mentor, no pending
    /// proposal).</summary>
    public IReadOnlyList<string>? Citizens { get; set; }

    /// <summary>Whether mentors of any area may be proposed; default false (the citizen's own area).</summary>
    public bool? AnyArea { get; set; }

    /// <summary>Days each proposal stays open, 1 to 90; default 10.</summary>
    public int? ExpiresInDays { get; set; }
}

/// <summary>What a matching round did, or (<c>preview=true</c>) would do.</summary>
/// <param name="Write">What the store did (one transaction for the whole round); null for a preview or when nothing was
/// written.</param>
/// <param name="Published">Whether the proposals were written (false for a preview).</param>
/// <param name="Expires">The day the round's proposals expire if undecided.</param>
/// <param name="Proposals">The new proposals; empty for a preview.</param>
/// <param name="Matches">Who gets whom, one per proposal (made or, in a preview, planned), ordered by citizen: the match
/// score, the mentor's rank among the citizen's eligible mentors, and the reasons.</param>
/// <param name="Waiting">Citizens of the round left without a proposal (no mentor with a free place suits them).</param>
/// <param name="Unproposed">The citizens of <paramref name="Waiting"/>, each with why.</param>
/// <param name="NotWaiting">Listed citizens who were not waiting (a current mentor, a pending proposal), with why.</param>
/// <param name="Expired">Proposals found past their expiry day and recorded as expired by this round (a preview: that
/// it would record).</param>
public sealed record RoundView(WriteResult? Write, bool Published, DateOnly Expires, IReadOnlyList<ProposalView> Proposals,
    IReadOnlyList<RoundMatchView> Matches, IReadOnlyList<string> Waiting, IReadOnlyList<UnassignedCitizen> Unproposed,
    IReadOnlyList<UnassignedCitizen> NotWaiting, int Expired);

/// <summary>One pair of a matching round, explained.</summary>
/// <param name="Citizen">The citizen's id.</param>
/// <param name="Mentor">The mentor's id.</param>
/// <param name="Score">The pair's match score, in [0, 1].</param>
/// <param name="Rank">The mentor's rank among the citizen's eligible mentors (1 = their best match); a round may give a
/// lower-ranked mentor so that more citizens get one.</param>
/// <param name="Eligible">How many mentors were eligible for the citizen.</param>
/// <param name="Reasons">Why this mentor, in plain words.</param>
public sealed record RoundMatchView(string Citizen, string Mentor, double Score, int Rank, int Eligible, IReadOnlyList<string> Reasons);

/// <summary>The body of <c>POST /pairings/end</c>.</summary>
public sealed class EndPairingBody
{
    /// <summary>The mentor (required).</summary>
    public string? Mentor { get; set; }

    /// <summary>The citizen (required).</summary>
    public string? Citizen { get; set; }

    /// <summary><c>completed</c> or <c>ended_early</c> (required).</summary>
    public string? Outcome { get; set; }

    /// <summary>Why it ended, in words (at most 500 characters).</summary>
    public string? Reason { get; set; }

    /// <summary>The day it ended: after the pairing began, not after today; default today.</summary>
    public DateOnly? Date { get; set; }
}

/// <summary>The body of <c>PUT /people/{id}/status</c>.</summary>
public sealed class StatusBody
{
    /// <summary>The day the status took effect; not after today (required).</summary>
    public DateOnly? Date { get; set; }

    /// <summary>The employment from that day: <c>employed</c>, <c>self_employed</c>, <c>unemployed</c>, <c>inactive</c>,
    /// <c>student</c> or <c>retired</c> (required).</summary>
    public string? Employment { get; set; }
}

/// <summary>A recorded employment change.</summary>
/// <param name="Write">What the store did with the change.</param>
/// <param name="Person">The person.</param>
/// <param name="Date">The day it took effect.</param>
/// <param name="Employment">The employment from that day.</param>
/// <param name="Current">The person's employment now: the latest change on or before today.</param>
public sealed record StatusWriteResult(WriteResult Write, string Person, DateOnly Date, string Employment, string Current);
