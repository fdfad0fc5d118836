namespace SocialCapital.Ties;

/// <summary>The social-capital class of a tie (Putnam 2000; Szreter &amp; Woolcock 2004). See docs/measures.md.</summary>
public enum TieClass : byte
{
    /// <summary>Between people alike on the policy's dimensions (bridging score below the threshold).</summary>
    Bonding,
    /// <summary>Across a social cleavage (bridging score at or above the threshold).</summary>
    Bridging,
    /// <summary>Across an institutional gradient of power: a linking tie kind or a linking node kind (a coach).</summary>
    Linking,
}
