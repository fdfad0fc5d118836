using System.Globalization;

namespace SocialCapital.Benchmarks;

/// <summary>The benchmark sizes, written <c>people/ties</c> with <c>k</c> and <c>M</c> suffixes
/// (<c>100k/1M</c>). The environment variable <c>SC_BENCH_SIZES</c> (comma-separated, e.g.
/// <c>SC_BENCH_SIZES=100k/1M</c> or <c>10k/100k</c>) replaces the sizes of every benchmark class.</summary>
public static class BenchSizes
{
    /// <summary>100,000 people, 1,000,000 ties.</summary>
    public const string Small = "100k/1M";

    /// <summary>1,000,000 people, 10,000,000 ties.</summary>
    public const string Large = "1M/10M";

    /// <summary>The variable that overrides the sizes.</summary>
    public const string Variable = "SC_BENCH_SIZES";

    /// <summary>Both sizes (or the override).</summary>
    public static IEnumerable<string> SmallAndLarge => Override() ?? [Small, Large];

    /// <summary>The small size only (or the override).</summary>
    public static IEnumerable<string> SmallOnly => Override() ?? [Small];

    /// <summary>Parses <c>people/ties</c>.</summary>
    /// <param name="size">For example <c>100k/1M</c>.</param>
    /// <returns>People and ties.</returns>
    /// <exception cref="FormatException">Not a size.</exception>
    public static (int People, int Ties) Parse(string size)
    {
        ArgumentNullException.ThrowIfNull(size);
        var parts = size.Split('/');
        if (parts.Length != 2) throw new FormatException($"Size '{size}' is not people/ties (e.g. 100k/1M).");
        return (Count(parts[0]), Count(parts[1]));
    }

    /// <summary>Parses a count with an optional <c>k</c> (thousand) or <c>M</c> (million) suffix.</summary>
    /// <param name="text">For example <c>250k</c>, <c>10M</c> or <c>12345</c>.</param>
    /// <returns>The count.</returns>
    /// <exception cref="FormatException">Not a count.</exception>
    public static int Count(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        text = text.Trim().Replace("_", "", StringComparison.Ordinal);
        var factor = 1.0;
        if (text.EndsWith('k') || text.EndsWith('K')) { factor = 1e3; text = text[..^1]; }
        else if (text.EndsWith('M') || text.EndsWith('m')) { factor = 1e6; text = text[..^1]; }
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || value < 0 || value * factor > int.MaxValue)
            throw new FormatException($"'{text}' is not a count (e.g. 100000, 100k, 1M).");
        return (int)Math.Round(value * factor);
    }

    /// <summary>The people of the override's sizes, or <paramref name="defaults"/>: for the classes that take a city
    /// from the engine's generator, which has its own tie count.</summary>
    /// <param name="defaults">The people counts without an override.</param>
    /// <returns>The people counts.</returns>
    public static IEnumerable<int> PeopleOr(params int[] defaults) => Override()?.Select(s => Parse(s).People) ?? defaults;

    private static string[]? Override() =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value
            ? value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : null;
}
