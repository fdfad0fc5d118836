using System.Collections.Concurrent;

namespace SocialCapital.Cli.Tests.Infrastructure;

/// <summary>Runs of the CLI on the committed samples that several tests read; each runs once per test run.</summary>
internal static class SampleRuns
{
    private static readonly ConcurrentDictionary<string, Lazy<CliResult>> Cache = new(StringComparer.Ordinal);

    /// <summary><c>socialcapital COMMAND data-samples/SAMPLE --format FORMAT</c>, asserted successful.</summary>
    public static CliResult Get(string command, string sample, string format)
    {
        var run = Cache.GetOrAdd($"{command} {sample} {format}", _ => new Lazy<CliResult>(
            () => CliProcess.Run(command, Repo.Sample(sample), "--format", format))).Value;
        Assert.True(run.ExitCode == 0, run.ToString());
        return run;
    }

    public static CsvTable Csv(string command, string sample) => CsvTable.Parse(Get(command, sample, "csv").StdOut);
}
