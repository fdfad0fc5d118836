namespace SocialCapital.Metrics;

/// <summary>Options of <see cref="Communities.Detect"/>. Defaults: resolution 1 (plain modularity), seed 0, iterations
/// until one moves no node, at most <see cref="DefaultMaxIterations"/>, no progress, not cancellable.</summary>
public sealed record CommunitiesOptions
{
    /// <summary>The defaults.</summary>
    public static CommunitiesOptions Default { get; } = new();

    /// <summary>The cap on Leiden iterations by default: 2, igraph's default. On a generated city of 100,000 people two
    /// iterations reach igraph's modularity on average over seeds (a single run varies by about 0.01 from seed to seed)
    /// at a quarter of its time; each further iteration adds little and costs about as much as the first
    /// (docs/performance.md#leiden-against-igraph). A larger cap runs until an iteration moves no node.</summary>
    public const int DefaultMaxIterations = 2;

    /// <summary>The resolution γ of modularity (Reichardt &amp; Bornholdt 2006): above 1 favours more, smaller
    /// communities, below 1 fewer, larger ones. Positive and finite; default 1 (Newman &amp; Girvan 2004).</summary>
    public double Resolution { get; init; } = 1;

    /// <summary>The seed of the random node orders and refinement draws; the same seed gives the same communities.
    /// Default 0.</summary>
    public int Seed { get; init; }

    /// <summary>The most Leiden iterations to run, each from the partition the last one found; fewer when one moves no
    /// node (igraph's <c>n_iterations=-1</c>, with a cap). At least 1; default <see cref="DefaultMaxIterations"/>.</summary>
    public int MaxIterations { get; init; } = DefaultMaxIterations;

    /// <summary>Threads to use (for the refinement; the local moves run on one); -1 (the default) uses every core.
    /// Results are identical for any value.</summary>
    public int MaxDegreeOfParallelism { get; init; } = -1;

    /// <summary>Receives the fraction done, from 0 to 1, now and then, on the calling thread.</summary>
    public IProgress<double>? Progress { get; init; }

    /// <summary>Cancels the computation (an <see cref="OperationCanceledException"/> is thrown).</summary>
    public CancellationToken CancellationToken { get; init; }
}
