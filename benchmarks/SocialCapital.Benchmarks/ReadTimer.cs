using System.Diagnostics;
using System.Globalization;
using SocialCapital.Interchange;

namespace SocialCapital.Benchmarks;

/// <summary>The <c>read</c> mode: <see cref="DatasetReader.Read(string)"/> of a dataset folder (for example one from
/// <c>socialcapital generate</c>), timed with a stopwatch several times in one process. The first read is the cold
/// one an analyst's command pays (JIT included); BenchmarkDotNet's <c>CsvImportBenchmarks</c> measures warm reads of
/// the synthetic city instead (see README.md).</summary>
public static class ReadTimer
{
    private const string Usage = "usage: read DIR [--reps N=3]";

    /// <summary>Runs the mode.</summary>
    /// <param name="args">The arguments after <c>read</c>.</param>
    /// <returns>The exit code.</returns>
    public static int Run(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        string? folder = null;
        var reps = 3;
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--reps" && i + 1 < args.Length && int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out reps) && reps > 0)
                i++;
            else if (folder is null && !args[i].StartsWith('-'))
                folder = args[i];
            else
                return Fail($"unexpected argument '{args[i]}'");
        }
        if (folder is null) return Fail("a dataset folder is required");
        for (var r = 1; r <= reps; r++)
        {
            GC.Collect();
            var collections = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
            var pause = GC.GetTotalPauseDuration();
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            var dataset = DatasetReader.Read(folder);
            var seconds = clock.Elapsed.TotalSeconds;
            var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"read {r} ({(r == 1 ? "cold" : "warm")})  {dataset.Nodes.Count:N0} nodes, {dataset.Ties.Count:N0} ties in {seconds:F2} s: "
                + $"{dataset.Ties.Count / seconds / 1e6:F2}M ties/s [cpu {cpuSeconds:F2} s, GCs {GC.CollectionCount(0) - collections.Item1}/"
                + $"{GC.CollectionCount(1) - collections.Item2}/{GC.CollectionCount(2) - collections.Item3}, "
                + $"GC pause {(GC.GetTotalPauseDuration() - pause).TotalSeconds:F2} s]"));
        }
        return 0;
    }

    private static int Fail(string message)
    {
        Console.Error.WriteLine(message);
        Console.Error.WriteLine(Usage);
        return 2;
    }
}
