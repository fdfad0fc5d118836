using SocialCapital.Graph;
using SocialCapital.Metrics;
using SocialCapital.Model;

namespace SocialCapital.Live;

/// <summary>Options for <see cref="Trends.Compute"/>: the dates (from <see cref="From"/> every <see cref="Every"/> up to
/// <see cref="To"/>), the measures, and the area options (suppression, bootstrap, progress, cancellation).</summary>
public sealed record TrendOptions
{
    /// <summary>The first date.</summary>
    public required DateOnly From { get; init; }

    /// <summary>The last date the series may reach (included when a step lands on it).</summary>
    public required DateOnly To { get; init; }

    /// <summary>The step; default one month.</summary>
    public TrendPeriod Every { get; init; } = new(1, TrendUnit.Month);

    /// <summary>The measures, by their <c>areas</c> column names (<see cref="Trends.Measures"/>), or for
    /// <see cref="PersonTrends"/> their <c>metrics</c> column names (<see cref="PersonTrends.Measures"/>); null or empty
    /// (the default) for every one.</summary>
    public IReadOnlyList<string>? Measures { get; init; }

    /// <summary>Suppression, bootstrap, seed, threads, progress and cancellation, as for <see cref="AreaMetrics"/>.</summary>
    public AreaMetricsOptions Areas { get; init; } = AreaMetricsOptions.Default;

    /// <summary>The tie policy and threads of the snapshots; its <see cref="GraphOptions.AsOf"/> is not used.</summary>
    public GraphOptions Graph { get; init; } = GraphOptions.Default;

    /// <summary>Noise to add to every published value (<see cref="PublishedNoise"/>), or null (the default) for none.</summary>
    public NoiseOptions? Noise { get; init; }

    /// <summary>What the data is (e.g. the store version), part of each noisy cell's identity with the date; default empty.</summary>
    public string Release { get; init; } = "";

    /// <summary>The dates of the series: <see cref="From"/> + k · <see cref="Every"/> for k = 0, 1, … while not after
    /// <see cref="To"/>. Empty when <see cref="From"/> is after <see cref="To"/>.</summary>
    /// <param name="limit">Stop after this many (so a huge series is not listed to be refused).</param>
    /// <returns>The dates, in order.</returns>
    public IReadOnlyList<DateOnly> Dates(int limit = int.MaxValue)
    {
        var dates = new List<DateOnly>();
        for (var k = 0; dates.Count < limit; k++)
        {
            var date = k == 0 ? From : AfterOrMax(k);
            if (date > To) break;
            dates.Add(date);
        }
        return dates;
    }

    private DateOnly AfterOrMax(int k)
    {
        try { return Every.After(From, k); }
        catch (ArgumentOutOfRangeException) { return DateOnly.MaxValue; } // past year 9999: the series has ended
    }

    /// <summary>Checks the options: <see cref="From"/> not after <see cref="To"/>, <see cref="Every"/> a count of 1 or
    /// more, every measure known, and <see cref="Areas"/> valid.</summary>
    /// <returns>Every problem found; empty when the options are valid.</returns>
    public IReadOnlyList<OptionProblem> Validate() => ValidateFor(Trends.Measures);

    /// <summary><see cref="Validate()"/> with the measures checked against <paramref name="known"/> (the area or the
    /// person measures).</summary>
    internal IReadOnlyList<OptionProblem> ValidateFor(IReadOnlyList<string> known)
    {
        var rules = new OptionRules()
            .Check(From <= To, nameof(To), To, $"must not be before From ({From:yyyy-MM-dd})")
            .Check(Every.Count >= 1, nameof(Every), Every, $"must be {TrendPeriod.Syntax}");
        foreach (var measure in Measures ?? [])
            rules.Check(known.Contains(measure), nameof(Measures), measure, $"must be one of {string.Join(", ", known)}");
        return [.. rules.Problems, .. Areas.Validate()];
    }
}
