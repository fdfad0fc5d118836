using SocialCapital.Graph;
using SocialCapital.Metrics;
using SocialCapital.Model;

namespace SocialCapital.Recommendations;

/// <summary>Options of <see cref="WhatIf"/>. The estimate of extra moves into work is indicative, not causal
/// (docs/recommendations.md#what-if).</summary>
public sealed record WhatIfOptions
{
    /// <summary>The defaults.</summary>
    public static WhatIfOptions Default { get; } = new();

    /// <summary>Relative rise in an out-of-work person's chance of moving into work per additional in-work
    /// contact; default 0.15, the figure the Universal Work Service briefing cites (Cappellari &amp; Tatsiramos
    /// 2015 estimate about 0.13; docs/measures.md, References).</summary>
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

    /// <summary>Noise on the aggregates of <see cref="WhatIf.EvaluateProgramme"/> (not of <see cref="WhatIf.Evaluate"/>, whose
    /// caller names the people); default off.</summary>
    public NoiseOptions Noise { get; init; } = NoiseOptions.Off;

    /// <summary>What the dataset is, e.g. the snapshot version: part of the identity of each noisy cell, so that the
    /// "before" values of a programme equal the published area measures of the same release. Default empty.</summary>
    public string Release { get; init; } = "";

    /// <summary>Checks the options against the rules <see cref="WhatIf.Evaluate"/> applies when it starts:
    /// <see cref="EffectPerInWorkContact"/> a finite number ≥ 0, <see cref="BaselineMoveRate"/> from 0 to 1,
    /// <see cref="Graph"/> and <see cref="Release"/> not null, <see cref="Areas"/> as <see cref="AreaMetricsOptions.Validate"/>,
    /// <see cref="Noise"/> as <see cref="NoiseOptions.Validate"/>.</summary>
    /// <returns>Every problem found (nested ones named <c>Areas.MinCellSize</c> etc.); empty when the options are valid.</returns>
    public IReadOnlyList<OptionProblem> Validate() => new OptionRules()
        .NonNegative(nameof(EffectPerInWorkContact), EffectPerInWorkContact)
        .Check(BaselineMoveRate >= 0 && BaselineMoveRate <= 1, nameof(BaselineMoveRate), BaselineMoveRate, "must be from 0 to 1")
        .NotNull(nameof(Graph), Graph)
        .Nested(nameof(Areas), Areas, a => a.Validate())
        .Nested(nameof(Noise), Noise, n => n.Validate())
        .NotNull(nameof(Release), Release)
        .Problems;

    internal void ThrowIfInvalid() => InvalidOptionsException.ThrowIfAny(Validate());
}
