using SocialCapital.Graph;
using SocialCapital.Metrics;

namespace SocialCapital.Recommendations;

/// <summary>Options of <see cref="WhatIf"/>. The estimate of extra moves into work is indicative, not causal
/// (docs/recommendations.md#what-if).</summary>
public sealed record WhatIfOptions
{
    /// <summary>The defaults.</summary>
    public static WhatIfOptions Default { get; } = new();

    /// <summary>Relative rise in an out-of-work person's chance of moving into work per additional in-work
    /// contact; default 0.15, the figure the Universal Work Service briefing cites (Cappellari &amp; Tatsiramos
    /// 2015 estimate about 0.13; see SCIENCE.md §1).</summary>
    public double EffectPerInWorkContact { get; init; } = 0.15;

    /// <summary>The chance that an out-of-work person moves into work over the period considered, without the
    /// change; default 0.10. Set it from local data (e.g. the share of the service's out-of-work customers who
    /// moved into work last quarter): the estimate scales with it.</summary>
    public double BaselineMoveRate { get; init; } = 0.10;

    /// <summary>The analysis date and tie policy of both snapshots.</summary>
    public GraphOptions Graph { get; init; } = GraphOptions.Default;

    /// <summary>Suppression of both reports (bootstrap intervals are not computed); default
    /// <see cref="AreaMetricsOptions.Default"/>.</summary>
    public AreaMetricsOptions Areas { get; init; } = AreaMetricsOptions.Default;

    internal void Validate()
    {
        if (!(EffectPerInWorkContact >= 0) || double.IsInfinity(EffectPerInWorkContact))
            throw new ArgumentOutOfRangeException(nameof(EffectPerInWorkContact), EffectPerInWorkContact, "The effect must be a number ≥ 0.");
        if (!(BaselineMoveRate >= 0 && BaselineMoveRate <= 1))
            throw new ArgumentOutOfRangeException(nameof(BaselineMoveRate), BaselineMoveRate, "The baseline rate must be between 0 and 1.");
        Guard.NotNull(Graph, nameof(Graph));
        Guard.NotNull(Areas, nameof(Areas)).Validate();
    }
}
