using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;

namespace SocialCapital.Benchmarks;

/// <summary>The job for big inputs: one launch, one warm-up iteration and three measured iterations of one
/// invocation each, without pilot or overhead stages (<see cref="RunStrategy.Monitoring"/>): an operation
/// takes from a tenth of a second to tens of seconds, so a 1M-people / 10M-ties case ends in minutes.</summary>
public static class BigInputJob
{
    /// <summary>The job.</summary>
    public static Job Job { get; } = Job.Default
        .WithStrategy(RunStrategy.Monitoring)
        .WithLaunchCount(1)
        .WithWarmupCount(1)
        .WithIterationCount(3)
        .WithInvocationCount(1)
        .WithUnrollFactor(1)
        .WithId("BigInput");

    /// <summary>The global config for a command line: <see cref="Job"/> as the default job, which command-line
    /// options such as <c>--iterationCount</c> adjust, unless the command line picks a job itself
    /// (<c>--job dry</c>, <c>--job short</c>, …), which then runs instead.</summary>
    /// <param name="args">The command line.</param>
    /// <returns>The config, or null for BenchmarkDotNet's defaults.</returns>
    public static IConfig? For(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var picksJob = args.Any(a => a is "-j" or "--job" || a.StartsWith("--job=", StringComparison.Ordinal));
        return picksJob ? null : DefaultConfig.Instance.AddJob(Job.AsDefault());
    }
}
