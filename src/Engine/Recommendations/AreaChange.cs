namespace SocialCapital.Recommendations;

/// <summary>What a proposed change does to one area. When <see cref="Suppressed"/> (fewer residents than the
/// minimum cell size), every other value is empty.</summary>
public readonly record struct AreaChange
{
    /// <summary>The area code.</summary>
    public string Area { get; init; }

    /// <summary>Economic connectedness before the change.</summary>
    public double EcBefore { get; init; }

    /// <summary>Economic connectedness after the change.</summary>
    public double EcAfter { get; init; }

    /// <summary>Work connectedness before the change.</summary>
    public double WcBefore { get; init; }

    /// <summary>Work connectedness after the change.</summary>
    public double WcAfter { get; init; }

    /// <summary>Bridging share of the area's ties before the change.</summary>
    public double BridgingShareBefore { get; init; }

    /// <summary>Bridging share of the area's ties after the change.</summary>
    public double BridgingShareAfter { get; init; }

    /// <summary>Out-of-work residents with more in-work contacts after the change than before; null when suppressed.</summary>
    public int? GainingInWorkContact { get; init; }

    /// <summary>Indicative extra moves into work: Σ over out-of-work residents of p₀·((1 + effect)^Δ − 1), Δ their
    /// added in-work contacts, p₀ the baseline rate. NaN when suppressed.</summary>
    public double ExtraMovesIntoWork { get; init; }

    /// <summary>Whether the area is suppressed.</summary>
    public bool Suppressed { get; init; }
}
