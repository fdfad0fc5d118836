namespace SocialCapital.Metrics;

/// <summary>Options shared by the measures. Defaults: strengths used, every core, no progress, not cancellable.</summary>
public sealed record MetricsOptions
{
    /// <summary>The defaults.</summary>
    public static MetricsOptions Default { get; } = new();

    /// <summary>Whether constraint, effective size, efficiency and hierarchy weigh ties by strength
    /// (networkx's <c>weight=</c>); default <see langword="true"/>. When <see langword="false"/> every contact
    /// counts 1. Degree, clustering and the heterophily measures never use strengths.</summary>
    public bool UseStrengths { get; init; } = true;

    /// <summary>Threads to use; -1 (the default) uses every core. Results are identical for any value.</summary>
    public int MaxDegreeOfParallelism { get; init; } = -1;

    /// <summary>Receives the fraction done, from 0 to 1, now and then during long runs; may be called from any thread.</summary>
    public IProgress<double>? Progress { get; init; }

    /// <summary>Cancels the computation (an <see cref="OperationCanceledException"/> is thrown).</summary>
    public CancellationToken CancellationToken { get; init; }
}
