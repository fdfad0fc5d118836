namespace SocialCapital.Metrics;

/// <summary>The social-capital measures of one area (docs/measures.md#area-measures; Chetty et al. 2022).
/// Residents are the people (citizens, mentors, coaches) whose area it is. When <see cref="Suppressed"/>,
/// every other value is <see langword="null"/>. <see langword="null"/> also marks a value undefined for the area
/// (JSON <c>null</c>, an empty CSV cell). Immutable; safe to share between threads.</summary>
public readonly record struct AreaMeasures
{
    /// <summary>The area code.</summary>
    public string Area { get; init; }

    /// <summary>In a breakdown (<see cref="AreaMetrics.ComputeBy"/>), the value of the grouping the row's residents share
    /// (<c>25-34</c>, <c>in_work</c>, <c>low</c>, a sector or an attribute value); null in an area's own row.</summary>
    public string? Group { get; init; }

    /// <summary>Number of residents; null when suppressed.</summary>
    public int? People { get; init; }

    /// <summary>Residents with known SES below 0.5; null when suppressed.</summary>
    public int? LowSes { get; init; }

    /// <summary>Economic connectedness: mean individual economic connectedness over low-SES residents with a contact
    /// of known SES; null when there is none.</summary>
    public double? EconomicConnectedness { get; init => field = Undefined.Normalize(value); }

    /// <summary>Lower end of the bootstrap interval of <see cref="EconomicConnectedness"/>; null when intervals are off
    /// or the measure is undefined.</summary>
    public double? EconomicConnectednessCiLow { get; init => field = Undefined.Normalize(value); }

    /// <summary>Upper end of the bootstrap interval of <see cref="EconomicConnectedness"/>; null as for the lower end.</summary>
    public double? EconomicConnectednessCiHigh { get; init => field = Undefined.Normalize(value); }

    /// <summary>2 × the high-SES share of residents with known SES.</summary>
    public double? Exposure { get; init => field = Undefined.Normalize(value); }

    /// <summary>Mean over low-SES residents of 1 − (high-SES share of their in-area contacts of known SES) /
    /// (high-SES share of the other residents of known SES).</summary>
    public double? FriendingBias { get; init => field = Undefined.Normalize(value); }

    /// <summary>Mean work connectedness over out-of-work residents.</summary>
    public double? WorkConnectedness { get; init => field = Undefined.Normalize(value); }

    /// <summary>Lower end of the bootstrap interval of <see cref="WorkConnectedness"/>; null when intervals are off
    /// or the measure is undefined.</summary>
    public double? WorkConnectednessCiLow { get; init => field = Undefined.Normalize(value); }

    /// <summary>Upper end of the bootstrap interval of <see cref="WorkConnectedness"/>; null as for the lower end.</summary>
    public double? WorkConnectednessCiHigh { get; init => field = Undefined.Normalize(value); }

    /// <summary>Mean local clustering over residents (zeros included).</summary>
    public double? Clustering { get; init => field = Undefined.Normalize(value); }

    /// <summary>Share of ties with both ends resident whose ends share a contact who is also resident.</summary>
    public double? SupportRatio { get; init => field = Undefined.Normalize(value); }

    /// <summary>Share of bonding ties among the ties with at least one resident end (each tie once).</summary>
    public double? BondingShare { get; init => field = Undefined.Normalize(value); }

    /// <summary>Share of bridging ties among the ties with at least one resident end.</summary>
    public double? BridgingShare { get; init => field = Undefined.Normalize(value); }

    /// <summary>Share of linking ties among the ties with at least one resident end.</summary>
    public double? LinkingShare { get; init => field = Undefined.Normalize(value); }

    /// <summary>Share, among the ties with at least one resident end, of those whose other end lives elsewhere
    /// (another area or none known).</summary>
    public double? CrossAreaShare { get; init => field = Undefined.Normalize(value); }

    /// <summary>E-I index of in-work vs out-of-work on the ties with both ends resident and in or out of work.</summary>
    public double? EiWork { get; init => field = Undefined.Normalize(value); }

    /// <summary>Newman's assortativity of in-work vs out-of-work on the same ties.</summary>
    public double? AssortativityWork { get; init => field = Undefined.Normalize(value); }

    /// <summary>Mean Burt constraint over residents with contacts.</summary>
    public double? MeanConstraint { get; init => field = Undefined.Normalize(value); }

    /// <summary>Whether the area has fewer residents than the minimum cell size, so nothing else is shown.</summary>
    public bool Suppressed { get; init; }
}
