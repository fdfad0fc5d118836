namespace SocialCapital.Metrics;

/// <summary>Communities in one area, for analysts (<see cref="CommunitiesResult.ByArea"/>). The ties of an area are the
/// contacts with at least one end living in it (a contact between two areas counts in both). An area with fewer
/// residents than the minimum cell size shows only its code and <see cref="Suppressed"/>. Immutable.</summary>
public sealed record AreaCommunities
{
    /// <summary>The area code.</summary>
    public required string Area { get; init; }

    /// <summary>Residents (people living in the area); null when suppressed.</summary>
    public int? People { get; init; }

    /// <summary>Contacts with at least one end in the area; null when suppressed.</summary>
    public int? Ties { get; init; }

    /// <summary>The share of <see cref="Ties"/> whose two ends are in different communities; null without ties or when
    /// it or its complement is a small cell.</summary>
    public double? CrossingShare { get; init; }

    /// <summary>The number of distinct communities the residents belong to; null when suppressed.</summary>
    public int? Communities { get; init; }

    /// <summary>The share of residents in the area's most common community; null when it or its complement is a small
    /// cell.</summary>
    public double? LargestCommunityShare { get; init; }

    /// <summary>Whether the area or one of its cells was suppressed as too small.</summary>
    public bool Suppressed { get; init; }
}
