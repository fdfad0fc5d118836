namespace SocialCapital.Live;

/// <summary>One area measure on one date of a trend (<see cref="Trends.Compute"/>), in long format, with its change since
/// the date before split by cause. <see langword="null"/> marks a value undefined or suppressed (JSON <c>null</c>, an
/// empty CSV cell). Immutable; safe to share between threads.</summary>
public readonly record struct TrendRow
{
    /// <summary>The date.</summary>
    public DateOnly Date { get; init; }

    /// <summary>The area code.</summary>
    public string Area { get; init; }

    /// <summary>The measure's name, as the <c>areas</c> column (<c>economic_connectedness</c>, <c>bridging_share</c>, …).</summary>
    public string Measure { get; init; }

    /// <summary>The measure on the date, as <c>areas --as-of DATE</c> gives it.</summary>
    public double? Value { get; init; }

    /// <summary>Lower end of the measure's bootstrap interval on the date (economic and work connectedness); null for a
    /// measure without one.</summary>
    public double? CiLow { get; init; }

    /// <summary>Upper end of the interval.</summary>
    public double? CiHigh { get; init; }

    /// <summary>The value less the value on the date before; null on the first date or when either is null.</summary>
    public double? Change { get; init; }

    /// <summary>The part of <see cref="Change"/> made by the ties that started since the date before: the value less the
    /// value with the ended ties already gone but the started ones not yet there; null when either is null.</summary>
    public double? ChangeFromTiesStarted { get; init; }

    /// <summary>The part of <see cref="Change"/> made by the ties that ended since the date before (taken away first).</summary>
    public double? ChangeFromTiesEnded { get; init; }

    /// <summary>The part made by people who moved between areas: always 0 when <see cref="Change"/> is defined, as the
    /// format holds one area per person (docs/measures.md#trends).</summary>
    public double? ChangeFromMoves { get; init; }

    /// <summary>Contacts' ties (person to person) that started since the date before with an end resident in the area;
    /// null on the first date, and suppressed (null) when from 1 to the minimum cell size − 1.</summary>
    public int? TiesStarted { get; init; }

    /// <summary>Such ties that ended since the date before; null and suppressed as <see cref="TiesStarted"/>.</summary>
    public int? TiesEnded { get; init; }

    /// <summary>Residents who moved in or out since the date before: 0 (one area per person in the format); null on the first date.</summary>
    public int? PeopleMoved { get; init; }

    /// <summary>Whether the area has fewer residents than the minimum cell size on the date, so no value is shown.</summary>
    public bool Suppressed { get; init; }
}
