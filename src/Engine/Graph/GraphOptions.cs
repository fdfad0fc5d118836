using SocialCapital.Ties;

namespace SocialCapital.Graph;

/// <summary>How a snapshot is built: the analysis date that decides which ties are active, and the tie policy.</summary>
public sealed record GraphOptions
{
    /// <summary>Today (UTC) and the default tie policy.</summary>
    public static GraphOptions Default { get; } = new();

    /// <summary>The analysis date: a tie counts when <c>since ≤ AsOf &lt; until</c>. <see langword="null"/>
    /// (the default) means today, in UTC, when the snapshot is built.</summary>
    public DateOnly? AsOf { get; init; }

    /// <summary>How ties are classed; default <see cref="TiePolicy.Default"/>.</summary>
    public TiePolicy TiePolicy { get; init; } = TiePolicy.Default;

    /// <summary>Threads used to build; -1 (the default) uses every core. The snapshot is identical for any value.</summary>
    public int MaxDegreeOfParallelism { get; init; } = -1;

    internal DateOnly ResolveDate() => AsOf ?? DateOnly.FromDateTime(DateTime.UtcNow);
}
