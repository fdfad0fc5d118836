namespace SocialCapital.Model;

/// <summary>The kind of a tie, as written in <c>ties.csv</c>. The first seven join two people and are
/// undirected for every measure; <see cref="Membership"/> and <see cref="Employment"/> join a person to a
/// place.</summary>
public enum TieKind : byte
{
    /// <summary>Friends (<c>friend</c>).</summary>
    Friend,
    /// <summary>Family (<c>family</c>).</summary>
    Family,
    /// <summary>Acquaintances (<c>acquaintance</c>).</summary>
    Acquaintance,
    /// <summary>Work colleagues (<c>colleague</c>).</summary>
    Colleague,
    /// <summary>Mentoring; the source is the mentor (<c>mentoring</c>).</summary>
    Mentoring,
    /// <summary>Coaching; the source is the coach (<c>coaching</c>). Linking by default.</summary>
    Coaching,
    /// <summary>A referral from source to target (<c>referral</c>).</summary>
    Referral,
    /// <summary>A person belongs to a peer group (<c>membership</c>, person → peer_group).</summary>
    Membership,
    /// <summary>A person works for an employer (<c>employment</c>, person → employer).</summary>
    Employment,
}
