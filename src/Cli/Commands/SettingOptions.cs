using System.CommandLine;
using SocialCapital.Metrics;

namespace SocialCapital.Cli.Commands;

/// <summary>The options of the setting reports (<c>areas</c>, <c>groups</c>): suppression and bootstrap.</summary>
internal sealed class SettingOptions
{
    public Option<int> MinCellSize { get; } = new("--min-cell-size")
    {
        Description = "Suppress every value of an area or group with fewer residents/members than this (0 = none).",
        DefaultValueFactory = _ => AreaMetricsOptions.Default.MinCellSize,
    };

    public Option<int> Bootstrap { get; } = new("--bootstrap")
    {
        Description = "Bootstrap resamples for the 95% intervals of economic_connectedness and work_connectedness (0 = no intervals).",
        DefaultValueFactory = _ => AreaMetricsOptions.Default.BootstrapResamples,
    };

    public Option<int> Seed { get; } = new("--seed")
    {
        Description = "Seed of the bootstrap: the same seed gives the same intervals.",
        DefaultValueFactory = _ => AreaMetricsOptions.Default.Seed,
    };

    public SettingOptions()
    {
        EngineRules.Check(MinCellSize, nameof(AreaMetricsOptions.MinCellSize), v => new AreaMetricsOptions { MinCellSize = v }.Validate());
        EngineRules.Check(Bootstrap, nameof(AreaMetricsOptions.BootstrapResamples), v => new AreaMetricsOptions { BootstrapResamples = v }.Validate());
    }

    public AreaMetricsOptions Options(ParseResult parse, IProgress<double>? progress, CancellationToken token) => new()
    {
        MinCellSize = parse.GetValue(MinCellSize),
        BootstrapResamples = parse.GetResult(Bootstrap) is null ? AreaMetricsOptions.Default.BootstrapResamples : parse.GetValue(Bootstrap),
        Seed = parse.GetResult(Seed) is null ? AreaMetricsOptions.Default.Seed : parse.GetValue(Seed),
        Progress = progress,
        CancellationToken = token,
    };
}
