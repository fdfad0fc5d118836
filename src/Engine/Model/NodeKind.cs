namespace SocialCapital.Model;

/// <summary>What a node of the social graph is. People take part in person–person ties; places
/// (employers, peer groups) are reached through <see cref="TieKind.Employment"/> and
/// <see cref="TieKind.Membership"/> ties.</summary>
public enum NodeKind : byte
{
    /// <summary>A citizen served by the work service (<c>citizen</c>).</summary>
    Citizen,
    /// <summary>A volunteer or in-work mentor (<c>mentor</c>).</summary>
    Mentor,
    /// <summary>A work coach (<c>coach</c>); ties to a coach are linking ties by default.</summary>
    Coach,
    /// <summary>An employer, a place (<c>employer</c>).</summary>
    Employer,
    /// <summary>A peer group, a place (<c>peer_group</c>).</summary>
    PeerGroup,
}
