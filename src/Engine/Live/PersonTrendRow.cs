namespace SocialCapital.Live;

/// <summary>One person measure of one person on one date of a trend (<see cref="PersonTrends.Compute(SocialCapital.Interchange.Dataset, IReadOnlyList{string}, TrendOptions)"/>), in long format,
/// with its change since the date before split by cause. <see langword="null"/> marks a value undefined (JSON
/// <c>null</c>, an empty CSV cell). Immutable; safe to share between threads.</summary>
public readonly record struct PersonTrendRow
{
    /// <summary>The date.</summary>
    public DateOnly Date { get; init; }

    /// <summary>The person's id.</summary>
    public string Id { get; init; }

    /// <summary>The measure's name, as the <c>metrics</c> column (<c>degree</c>, <c>constraint</c>, …).</summary>
    public string Measure { get; init; }

    /// <summary>The measure on the date, as <c>metrics --as-of DATE</c> gives it.</summary>
    public double? Value { get; init; }

    /// <summary>The value less the value on the date before; null on the first date or when either is null.</summary>
    public double? Change { get; init; }

    /// <summary>The part of <see cref="Change"/> made by the ties that started since the date before: the value less the
    /// value with the ended ties already gone but the started ones not yet there; null when either is null.</summary>
    public double? ChangeFromTiesStarted { get; init; }

    /// <summary>The part of <see cref="Change"/> made by the ties that ended since the date before (taken away first).</summary>
    public double? ChangeFromTiesEnded { get; init; }

    /// <summary>The person's own person-to-person ties that started since the date before; null on the first date.</summary>
    public int? TiesStarted { get; init; }

    /// <summary>The person's own such ties that ended since the date before; null on the first date.</summary>
    public int? TiesEnded { get; init; }
}
