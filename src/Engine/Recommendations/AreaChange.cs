using SocialCapital.Metrics;

namespace SocialCapital.Recommendations;

/// <summary>What a proposed change does to one area. When <see cref="Suppressed"/> (fewer residents than the
/// minimum cell size), every other value is <see langword="null"/>; <see langword="null"/> also marks a value undefined
/// for the area (JSON <c>null</c>, an empty CSV cell). Immutable; safe to share between threads.</summary>
public readonly record struct AreaChange
{
    /// <summary>The area code.</summary>
    public string Area { get; init; }

    /// <summary>Economic connectedness before the change.</summary>
    public double? EconomicConnectednessBefore { get; init => field = Undefined.Normalize(value); }

    /// <summary>Economic connectedness after the change.</summary>
    public double? EconomicConnectednessAfter { get; init => field = Undefined.Normalize(value); }

    /// <summary>After − before; null when either is undefined.</summary>
    public double? EconomicConnectednessChange => EconomicConnectednessAfter - EconomicConnectednessBefore;

    /// <summary>Work connectedness before the change.</summary>
    public double? WorkConnectednessBefore { get; init => field = Undefined.Normalize(value); }

    /// <summary>Work connectedness after the change.</summary>
    public double? WorkConnectednessAfter { get; init => field = Undefined.Normalize(value); }

    /// <summary>After − before; null when either is undefined.</summary>
    public double? WorkConnectednessChange => WorkConnectednessAfter - WorkConnectednessBefore;

    /// <summary>Bridging share of the area's ties before the change.</summary>
    public double? BridgingShareBefore { get; init => field = Undefined.Normalize(value); }

    /// <summary>Bridging share of the area's ties after the change.</summary>
    public double? BridgingShareAfter { get; init => field = Undefined.Normalize(value); }

    /// <summary>After − before; null when either is undefined.</summary>
    public double? BridgingShareChange => BridgingShareAfter - BridgingShareBefore;

    /// <summary>Out-of-work residents with more in-work contacts after the change than before; null when suppressed.</summary>
    public int? GainingInWorkContact { get; init; }

    /// <summary>Indicative extra moves into work: Σ over out-of-work residents of p₀·((1 + effect)^Δ − 1), Δ their
    /// added in-work contacts, p₀ the baseline rate. Null when suppressed.</summary>
    public double? ExtraMovesIntoWork { get; init => field = Undefined.Normalize(value); }

    /// <summary>Whether the area is suppressed.</summary>
    public bool Suppressed { get; init; }
}
