namespace SocialCapital.Model;

/// <summary>A proposal that <paramref name="Mentor"/> mentor <paramref name="Citizen"/>: one row of <c>proposals.csv</c>.
/// Immutable; thread-safe.</summary>
/// <param name="Id">Its id, unique among proposals (the same rule as node ids).</param>
/// <param name="Citizen">The citizen's node id.</param>
/// <param name="Mentor">The mentor's node id.</param>
/// <param name="Proposed">The day it was made.</param>
/// <param name="Expires">The day it lapses if still undecided: it is pending while <c>Proposed ≤ date &lt; Expires</c>.</param>
public sealed record ProposalRecord(string Id, string Citizen, string Mentor, DateOnly Proposed, DateOnly Expires)
{
    /// <summary>The coach who made it (a coach's node id), or null when not recorded (a matching round run by the CLI).</summary>
    public string? ProposedBy { get; init; }

    /// <summary>Where it stands. Default <see cref="ProposalStatus.Proposed"/>.</summary>
    public ProposalStatus Status { get; init; }

    /// <summary>The day it was accepted, declined, withdrawn or expired; null while proposed.</summary>
    public DateOnly? Decided { get; init; }

    /// <summary>Why it was declined or withdrawn (free text), or null.</summary>
    public string? Reason { get; init; }

    /// <summary>Whether it holds one of the mentor's places on <paramref name="date"/>: still proposed, made on or before
    /// that day and not yet expired.</summary>
    /// <param name="date">The analysis date.</param>
    /// <returns>True while pending.</returns>
    public bool IsPendingOn(DateOnly date) => Status == ProposalStatus.Proposed && Proposed <= date && date < Expires;

    /// <summary>The proposal as it stands on <paramref name="date"/>: a proposal still undecided on its expiry day or
    /// later is <see cref="ProposalStatus.Expired"/>, decided on its <see cref="Expires"/> day; any other is itself.</summary>
    /// <param name="date">The analysis date.</param>
    /// <returns>The proposal on that date.</returns>
    public ProposalRecord On(DateOnly date) =>
        Status == ProposalStatus.Proposed && date >= Expires ? this with { Status = ProposalStatus.Expired, Decided = Expires } : this;
}
