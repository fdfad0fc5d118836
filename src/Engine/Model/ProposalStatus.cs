namespace SocialCapital.Model;

/// <summary>Where a mentoring proposal stands, as written in <c>proposals.csv</c>.</summary>
public enum ProposalStatus : byte
{
    /// <summary>Made and not yet decided (<c>proposed</c>): it holds one of the mentor's places until it is decided or expires.</summary>
    Proposed,
    /// <summary>The citizen and mentor said yes (<c>accepted</c>): a mentoring tie joins them from the decision date.</summary>
    Accepted,
    /// <summary>Turned down (<c>declined</c>), with a reason: the pair is never proposed again.</summary>
    Declined,
    /// <summary>Not decided before it expired (<c>expired</c>): the place is free again.</summary>
    Expired,
    /// <summary>Taken back by the coach before a decision (<c>withdrawn</c>).</summary>
    Withdrawn,
}
