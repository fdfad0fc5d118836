namespace SocialCapital.Metrics;

/// <summary>Measures of one peer group as a setting (docs/measures.md#peer-groups). Members are the people with
/// an active membership tie to it. When <see cref="Suppressed"/>, every other value is <see langword="null"/>;
/// <see langword="null"/> also marks a value undefined for the group (JSON <c>null</c>, an empty CSV cell). Immutable; safe to
/// share between threads.</summary>
public readonly record struct GroupMeasures
{
    /// <summary>The group's id.</summary>
    public string Id { get; init; }

    /// <summary>The group's area, or null when unknown.</summary>
    public string? Area { get; init; }

    /// <summary>Number of members; null when suppressed.</summary>
    public int? Members { get; init; }

    /// <summary>2 × the high-SES share of members with known SES.</summary>
    public double? Exposure { get; init => field = Undefined.Normalize(value); }

    /// <summary>Mean over low-SES members of 1 − (high-SES share of their contacts among the members) /
    /// (high-SES share of the other members), as for areas.</summary>
    public double? FriendingBias { get; init => field = Undefined.Normalize(value); }

    /// <summary>Blau heterogeneity 1 − Σ p_g² of the members' work-status groups (in work, out of work,
    /// student, retired), over members whose status is known.</summary>
    public double? BlauWork { get; init => field = Undefined.Normalize(value); }

    /// <summary>Share of members in work, among members whose work status is known.</summary>
    public double? InWorkShare { get; init => field = Undefined.Normalize(value); }

    /// <summary>Capacity − members (negative when over capacity); null when the capacity is unknown or the group is suppressed.</summary>
    public int? FreePlaces { get; init; }

    /// <summary>Whether the group has fewer members than the minimum cell size, so nothing else is shown.</summary>
    public bool Suppressed { get; init; }
}
