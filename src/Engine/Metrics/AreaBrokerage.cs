namespace SocialCapital.Metrics;

/// <summary>Brokerage in one area, for analysts (<see cref="BrokerageResult.ByArea"/>): the mean count of each
/// Gould &amp; Fernandez role per resident whose group is known, and the share of them who broker across groups. An area
/// with fewer residents than the minimum cell size shows only its code and <see cref="Suppressed"/>. Immutable.</summary>
public sealed record AreaBrokerage
{
    /// <summary>The area code.</summary>
    public required string Area { get; init; }

    /// <summary>Residents (people living in the area); null when suppressed.</summary>
    public int? People { get; init; }

    /// <summary>Residents whose group is known: the people the means and the share are over; null when suppressed.</summary>
    public int? Classified { get; init; }

    /// <summary>Mean coordinator count per classified resident.</summary>
    public double? MeanCoordinator { get; init; }

    /// <summary>Mean itinerant count per classified resident.</summary>
    public double? MeanItinerant { get; init; }

    /// <summary>Mean gatekeeper count per classified resident.</summary>
    public double? MeanGatekeeper { get; init; }

    /// <summary>Mean representative count per classified resident.</summary>
    public double? MeanRepresentative { get; init; }

    /// <summary>Mean liaison count per classified resident.</summary>
    public double? MeanLiaison { get; init; }

    /// <summary>Mean of all five roles per classified resident.</summary>
    public double? MeanTotal { get; init; }

    /// <summary>Share of the classified residents who broker across groups (a role other than coordinator at least
    /// once); null when it or its complement is a small cell.</summary>
    public double? BrokerShare { get; init; }

    /// <summary>Whether a value was held back because it rests on fewer people than the minimum cell size.</summary>
    public bool Suppressed { get; init; }
}
