using SocialCapital.Model;

namespace SocialCapital.Metrics;

/// <summary>Options for <see cref="AreaMetrics"/> and <see cref="GroupMetrics"/>. Defaults: cells under 10
/// suppressed, 200 bootstrap resamples, 95% intervals, seed 1, strengths used, every core.</summary>
public sealed record AreaMetricsOptions
{
    /// <summary>The defaults.</summary>
    public static AreaMetricsOptions Default { get; } = new();

    /// <summary>A setting (area or peer group) with fewer residents or members than this has every value
    /// suppressed (UK official statistics commonly suppress cells under 10); default 10, 0 = none.</summary>
    public int MinCellSize { get; init; } = 10;

    /// <summary>Bootstrap resamples for the confidence intervals of EC and work connectedness; default 200,
    /// 0 = no intervals.</summary>
    public int BootstrapResamples { get; init; } = 200;

    /// <summary>Coverage of the intervals, in (0, 1); default 0.95.</summary>
    public double ConfidenceLevel { get; init; } = 0.95;

    /// <summary>Seed of the bootstrap; the same seed gives the same intervals. Default 1.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Whether mean constraint weighs ties by strength, as <see cref="MetricsOptions.UseStrengths"/>; default true.</summary>
    public bool UseStrengths { get; init; } = true;

    /// <summary>Threads to use; -1 (the default) uses every core. Results are identical for any value.</summary>
    public int MaxDegreeOfParallelism { get; init; } = -1;

    /// <summary>Receives the fraction done, from 0 to 1, now and then; may be called from any thread.</summary>
    public IProgress<double>? Progress { get; init; }

    /// <summary>Cancels the computation (an <see cref="OperationCanceledException"/> is thrown).</summary>
    public CancellationToken CancellationToken { get; init; }

    /// <summary>Checks the options against the rules <see cref="AreaMetrics"/> and <see cref="GroupMetrics"/> apply
    /// when they start: <see cref="MinCellSize"/> and <see cref="BootstrapResamples"/> 0 or more,
    /// <see cref="ConfidenceLevel"/> strictly between 0 and 1, <see cref="MaxDegreeOfParallelism"/> -1 or at least 1.</summary>
    /// <returns>Every problem found; empty when the options are valid.</returns>
    public IReadOnlyList<OptionProblem> Validate() => new OptionRules()
        .Check(MinCellSize >= 0, nameof(MinCellSize), MinCellSize, "must be 0 (no suppression) or more")
        .Check(BootstrapResamples >= 0, nameof(BootstrapResamples), BootstrapResamples, "must be 0 (no intervals) or more")
        .Check(ConfidenceLevel > 0 && ConfidenceLevel < 1, nameof(ConfidenceLevel), ConfidenceLevel, "must be between 0 and 1 (exclusive)")
        .Parallelism(nameof(MaxDegreeOfParallelism), MaxDegreeOfParallelism)
        .Problems;

    internal void ThrowIfInvalid() => InvalidOptionsException.ThrowIfAny(Validate());

    internal MetricsOptions PersonOptions(IProgress<double>? progress) => new()
    {
        UseStrengths = UseStrengths,
        MaxDegreeOfParallelism = MaxDegreeOfParallelism,
        CancellationToken = CancellationToken,
        Progress = progress,
    };
}
