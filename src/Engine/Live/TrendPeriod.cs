using System.Globalization;

namespace SocialCapital.Live;

/// <summary>The unit of a <see cref="TrendPeriod"/>.</summary>
public enum TrendUnit
{
    /// <summary>Days (<c>d</c>).</summary>
    Day,
    /// <summary>Weeks of 7 days (<c>w</c>).</summary>
    Week,
    /// <summary>Calendar months (<c>m</c>).</summary>
    Month,
    /// <summary>Calendar years (<c>y</c>).</summary>
    Year,
}

/// <summary>The step between the dates of a trend: a count and a unit, written <c>14d</c>, <c>2w</c>, <c>1m</c>,
/// <c>3m</c>, <c>1y</c>. Immutable; thread-safe.</summary>
/// <param name="Count">How many units, 1 or more.</param>
/// <param name="Unit">The unit.</param>
public readonly record struct TrendPeriod(int Count, TrendUnit Unit)
{
    /// <summary>What <see cref="TryParse"/> accepts, for messages.</summary>
    public const string Syntax = "a whole number of days, weeks, months or years: 14d, 2w, 1m, 3m, 6m, 1y";

    /// <summary>Reads <c>Nd</c>, <c>Nw</c>, <c>Nm</c> or <c>Ny</c> (N from 1 to 1000, no sign or spaces).</summary>
    /// <param name="text">The text.</param>
    /// <param name="period">The period, when the text is one.</param>
    /// <returns>Whether it is.</returns>
    public static bool TryParse(string? text, out TrendPeriod period)
    {
        period = default;
        if (text is not { Length: >= 2 }) return false;
        TrendUnit? unit = text[^1] switch { 'd' => TrendUnit.Day, 'w' => TrendUnit.Week, 'm' => TrendUnit.Month, 'y' => TrendUnit.Year, _ => null };
        if (unit is null || !int.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var count)
            || count is < 1 or > 1000) return false;
        period = new TrendPeriod(count, unit.Value);
        return true;
    }

    /// <summary><paramref name="start"/> moved on by <paramref name="times"/> periods, counted from the start (so
    /// monthly steps from 31 January give the last day of each shorter month, then the 31st again).</summary>
    /// <param name="start">The first date.</param>
    /// <param name="times">How many periods, 0 or more.</param>
    /// <returns>The date.</returns>
    public DateOnly After(DateOnly start, int times) => Unit switch
    {
        TrendUnit.Day => start.AddDays(Count * times),
        TrendUnit.Week => start.AddDays(7 * Count * times),
        TrendUnit.Month => start.AddMonths(Count * times),
        _ => start.AddYears(Count * times),
    };

    /// <summary>The period as <see cref="TryParse"/> reads it, e.g. <c>3m</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() =>
        Count.ToString(CultureInfo.InvariantCulture) + Unit switch { TrendUnit.Day => "d", TrendUnit.Week => "w", TrendUnit.Month => "m", _ => "y" };
}
