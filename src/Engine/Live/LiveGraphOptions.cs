using SocialCapital.Graph;
using SocialCapital.Metrics;
using SocialCapital.Model;

namespace SocialCapital.Live;

/// <summary>How a <see cref="LiveGraph"/> builds its snapshots and when it compacts them.</summary>
public sealed record LiveGraphOptions
{
    /// <summary>Today (UTC), the default tie policy and measures, compaction in the background.</summary>
    public static LiveGraphOptions Default { get; } = new();

    /// <summary>The analysis date and tie policy of every snapshot; default <see cref="GraphOptions.Default"/>.</summary>
    public GraphOptions Graph { get; init; } = GraphOptions.Default;

    /// <summary>Options of the area and peer-group measures kept with every snapshot; default
    /// <see cref="AreaMetricsOptions.Default"/>.</summary>
    public AreaMetricsOptions Areas { get; init; } = AreaMetricsOptions.Default;

    /// <summary>Compact (rebuild the snapshot afresh in the background, then replay the edits made meanwhile) once the
    /// stale contact slots left behind by edits pass this share of the live ones, or the nodes added and removed pass this
    /// share of all nodes; default 0.25. 0 disables automatic compaction (<see cref="LiveGraph.CompactAsync"/> still works).</summary>
    public double CompactionThreshold { get; init; } = 0.25;

    /// <summary>Compact (which computes the area measures' bootstrap intervals afresh) once the measures have been
    /// updated by difference this many times since their intervals were computed; default 100,000. 0: only the
    /// stale-slot threshold starts a compaction.</summary>
    public int RefreshIntervalsAfter { get; init; } = 100_000;

    /// <summary>Every problem with the options.</summary>
    /// <returns>The problems; empty when the options are valid.</returns>
    public IReadOnlyList<OptionProblem> Validate() => new OptionRules()
        .NonNegative(nameof(CompactionThreshold), CompactionThreshold)
        .Check(RefreshIntervalsAfter >= 0, nameof(RefreshIntervalsAfter), RefreshIntervalsAfter, "must be 0 (never) or more")
        .Nested(nameof(Graph), Graph, g => new OptionRules().Parallelism(nameof(g.MaxDegreeOfParallelism), g.MaxDegreeOfParallelism).Problems)
        .Nested(nameof(Areas), Areas, a => a.Validate())
        .Problems;
}
