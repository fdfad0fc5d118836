namespace SocialCapital.Metrics;

/// <summary>Options for <see cref="TieMetrics"/>. Defaults: spans computed, every core.</summary>
public sealed record TieMetricsOptions
{
    /// <summary>The defaults.</summary>
    public static TieMetricsOptions Default { get; } = new();

    /// <summary>Whether to compute each local bridge's span (a bidirectional breadth-first search per local
    /// bridge); default <see langword="true"/>.</summary>
    public bool ComputeSpans { get; init; } = true;

    /// <summary>Threads to use; -1 (the default) uses every core. Results are identical for any value.</summary>
    public int MaxDegreeOfParallelism { get; init; } = -1;

    /// <summary>Receives the fraction done, from 0 to 1, now and then; may be called from any thread.</summary>
    public IProgress<double>? Progress { get; init; }

    /// <summary>Cancels the computation (an <see cref="OperationCanceledException"/> is thrown).</summary>
    public CancellationToken CancellationToken { get; init; }
}
