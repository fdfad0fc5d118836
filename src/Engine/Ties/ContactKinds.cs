using SocialCapital.Model;

namespace SocialCapital.Ties;

/// <summary>The person–person tie kinds that make up one contact (two people may have several ties).</summary>
[Flags]
public enum ContactKinds : byte
{
    /// <summary>No kind.</summary>
    None = 0,
    /// <summary>Includes a <see cref="TieKind.Friend"/> tie.</summary>
    Friend = 1 << TieKind.Friend,
    /// <summary>Includes a <see cref="TieKind.Family"/> tie.</summary>
    Family = 1 << TieKind.Family,
    /// <summary>Includes a <see cref="TieKind.Acquaintance"/> tie.</summary>
    Acquaintance = 1 << TieKind.Acquaintance,
    /// <summary>Includes a <see cref="TieKind.Colleague"/> tie.</summary>
    Colleague = 1 << TieKind.Colleague,
    /// <summary>Includes a <see cref="TieKind.Mentoring"/> tie.</summary>
    Mentoring = 1 << TieKind.Mentoring,
    /// <summary>Includes a <see cref="TieKind.Coaching"/> tie.</summary>
    Coaching = 1 << TieKind.Coaching,
    /// <summary>Includes a <see cref="TieKind.Referral"/> tie.</summary>
    Referral = 1 << TieKind.Referral,
}

/// <summary>Conversions between <see cref="ContactKinds"/> and <see cref="TieKind"/>.</summary>
public static class ContactKindsExtensions
{
    /// <summary>The flag of one person–person tie kind.</summary>
    /// <param name="kind">A person–person tie kind.</param>
    /// <returns>Its flag.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="kind"/> joins a person to a place.</exception>
    public static ContactKinds ToContactKinds(this TieKind kind) => kind.IsPersonToPerson()
        ? (ContactKinds)(1 << (int)kind)
        : throw new ArgumentOutOfRangeException(nameof(kind), kind, "Only person–person tie kinds make up a contact.");

    /// <summary>The tie kinds in a set, in enumeration order.</summary>
    /// <param name="kinds">The set.</param>
    /// <returns>The kinds.</returns>
    public static IEnumerable<TieKind> ToTieKinds(this ContactKinds kinds)
    {
        for (var k = TieKind.Friend; k <= TieKind.Referral; k++)
            if (((int)kinds & (1 << (int)k)) != 0) yield return k;
    }

    /// <summary>The wire names of the kinds in a set joined by <c>;</c>, e.g. <c>friend;colleague</c>.</summary>
    /// <param name="kinds">The set.</param>
    /// <returns>The names.</returns>
    public static string ToWireNames(this ContactKinds kinds) => string.Join(';', kinds.ToTieKinds().Select(k => k.Name()));
}
