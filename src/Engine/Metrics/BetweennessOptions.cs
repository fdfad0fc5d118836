namespace SocialCapital.Metrics;

/// <summary>Options of <see cref="Betweenness.Compute"/>. Defaults: exact for up to
/// <see cref="DefaultExactLimit"/> people, else an estimate from <see cref="DefaultPivots"/> pivots; seed 0; every
/// core; no progress; not cancellable.</summary>
public sealed record BetweennessOptions
{
    /// <summary>The defaults.</summary>
    public static BetweennessOptions Default { get; } = new();

    /// <summary>The largest number of people measured exactly by default: 100,000 (about 10¹¹ steps on a city with
    /// ten contacts each: about half an hour on 2 cores, docs/performance.md).</summary>
    public const int DefaultExactLimit = 100_000;

    /// <summary>The pivots of the default estimate above <see cref="DefaultExactLimit"/> people: 1,000, so at most a
    /// hundredth of the sources of an exact run on the same graph, with the error bound of
    /// <see cref="Betweenness.ErrorBound"/> 0.043 at δ = 0.05.</summary>
    public const int DefaultPivots = 1_000;

    /// <summary>The number of source pivots k for the sampled estimate (networkx's <c>k=</c>), or
    /// <see langword="null"/> (the default) for exact up to <see cref="ExactLimit"/> people and
    /// <see cref="DefaultPivots"/> pivots above. At least 2; a value at or above the number of people gives the exact
    /// values.</summary>
    public int? Pivots { get; init; }

    /// <summary>Up to how many people the default is exact; default <see cref="DefaultExactLimit"/>.</summary>
    public int ExactLimit { get; init; } = DefaultExactLimit;

    /// <summary>The seed that chooses the pivots; the same seed gives the same pivots and values. Default 0.</summary>
    public int Seed { get; init; }

    /// <summary>Threads to use; -1 (the default) uses every core. Results are identical for any value.</summary>
    public int MaxDegreeOfParallelism { get; init; } = -1;

    /// <summary>Receives the fraction of sources done, from 0 to 1, now and then; may be called from any thread.</summary>
    public IProgress<double>? Progress { get; init; }

    /// <summary>Cancels the computation (an <see cref="OperationCanceledException"/> is thrown).</summary>
    public CancellationToken CancellationToken { get; init; }
}
