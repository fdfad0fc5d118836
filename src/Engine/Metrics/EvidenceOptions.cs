using SocialCapital.Model;

namespace SocialCapital.Metrics;

/// <summary>Options of <see cref="Evidence.Compute"/>. Defaults: one window of 6 months ending today.</summary>
public sealed record EvidenceOptions
{
    /// <summary>The defaults.</summary>
    public static EvidenceOptions Default { get; } = new();

    /// <summary>The follow-up window in months: a person-period's outcome is a move into work within it. From 1 to 24;
    /// default 6.</summary>
    public int WindowMonths { get; init; } = 6;

    /// <summary>How many windows, back to back, end at <see cref="AsOf"/>: the start dates are AsOf − j × window for j = 1 …
    /// Periods. From 1 to 40; default 1 (the latest complete window only).</summary>
    public int Periods { get; init; } = 1;

    /// <summary>The last day of the latest window: the day the status history runs to (for a generated city, its reference
    /// date). Null (the default) for today (UTC).</summary>
    public DateOnly? AsOf { get; init; }

    /// <summary>Cancels the computation (an <see cref="OperationCanceledException"/> is thrown).</summary>
    public CancellationToken CancellationToken { get; init; }

    /// <summary>Reads a window as the CLI and the API take it: a number of months, optionally followed by <c>m</c>
    /// (<c>6m</c>, <c>12m</c>, <c>6</c>).</summary>
    /// <param name="text">The text.</param>
    /// <returns>The months, or null when the text is not of that form (the range is <see cref="Validate"/>'s).</returns>
    public static int? ParseWindow(string? text)
    {
        var digits = text is null ? "" : text.EndsWith('m') ? text[..^1] : text;
        return digits.Length is > 0 and <= 4 && digits.All(char.IsAsciiDigit) ? int.Parse(digits, System.Globalization.CultureInfo.InvariantCulture) : null;
    }

    /// <summary>Checks the options: <see cref="WindowMonths"/> from 1 to 24, <see cref="Periods"/> from 1 to 40.</summary>
    /// <returns>Every problem found; empty when the options are valid.</returns>
    public IReadOnlyList<OptionProblem> Validate() => new OptionRules()
        .Check(WindowMonths is >= 1 and <= 24, nameof(WindowMonths), WindowMonths, "must be from 1 to 24 months")
        .Check(Periods is >= 1 and <= 40, nameof(Periods), Periods, "must be from 1 to 40")
        .Problems;
}
