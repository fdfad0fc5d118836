using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using System.Security.Cryptography;
using System.Text;
using SocialCapital.Graph;
using SocialCapital.Interchange;
using SocialCapital.Model;
using SocialCapital.Recommendations;

namespace SocialCapital.Benchmarks;

/// <summary>The <c>latency</c> mode: the distribution of single mentor-match calls on one generated city, each
/// call timed alone with a stopwatch after a warm-up (percentiles, which BenchmarkDotNet's mean hides; see
/// README.md).</summary>
public static class Latency
{
    private const string Usage =
        "usage: latency [people=1M] [--folder DIR] [--citizens N] [--warmup N] [--top N] [--seed N]";

    /// <summary>Runs the mode.</summary>
    /// <param name="args">The arguments after <c>latency</c>.</param>
    /// <returns>The exit code.</returns>
    public static int Run(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        int? people = null;
        string? folder = null;
        int citizens = 5_000, warmup = 1_000, top = 10, seed = 20260101;
        try
        {
            for (var i = 0; i < args.Length; i++)
            {
                switch (args[i])
                {
                    case "--folder" when i + 1 < args.Length: folder = args[++i]; break;
                    case "--citizens" when i + 1 < args.Length: citizens = BenchSizes.Count(args[++i]); break;
                    case "--warmup" when i + 1 < args.Length: warmup = BenchSizes.Count(args[++i]); break;
                    case "--top" when i + 1 < args.Length: top = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                    case "--seed" when i + 1 < args.Length: seed = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                    case "-h" or "--help": Console.WriteLine(Usage); return 0;
                    default:
                        if (people is null && folder is null) people = BenchSizes.Count(args[i]);
                        else throw new FormatException($"unexpected argument '{args[i]}'");
                        break;
                }
            }
            if (citizens < 1) throw new FormatException("--citizens must be at least 1");
        }
        catch (FormatException e)
        {
            Console.Error.WriteLine(e.Message);
            Console.Error.WriteLine(Usage);
            return 2;
        }

        Console.WriteLine($"machine       {Environment.ProcessorCount} cores, .NET {Environment.Version}, "
            + $"{(GCSettings.IsServerGC ? "server" : "workstation")} GC ({GCSettings.LatencyMode}){(Debugger.IsAttached ? ", DEBUGGER ATTACHED" : "")}");
#if DEBUG
        Console.WriteLine("WARNING       Debug build: run with -c Release for real figures");
#endif
        var load = Stopwatch.StartNew();
        var graph = folder is null
            ? BenchCity.Load(people ?? 1_000_000)
            : DatasetReader.Read(folder).ToGraph(BenchCity.GraphOptions);
        var mentors = 0;
        for (var u = 0; u < graph.NodeCount; u++) if (graph.Kind(u) == NodeKind.Mentor) mentors++;
        Console.WriteLine($"city          {graph.NodeCount:N0} nodes, {graph.PersonCount:N0} people, {mentors:N0} mentors, {graph.ContactCount:N0} contacts, "
            + $"{graph.Areas.Count:N0} areas ({folder ?? $"generated, {Path.Combine(Path.GetTempPath(), $"sc-bench-city-{people ?? 1_000_000}")}"}), "
            + $"loaded in {load.Elapsed.TotalSeconds:F1} s");

        var sample = Sample(graph, citizens, seed);
        Console.WriteLine($"citizens      {sample.Length:N0} out-of-work citizens drawn with seed {seed} (with replacement when there are fewer)");
        if (sample.Length == 0)
        {
            Console.Error.WriteLine("the city has no out-of-work citizen");
            return 1;
        }
        var modes = new (string Name, MatchOptions Options)[]
        {
            ("same area", new MatchOptions { Top = top }),
            ("any area", new MatchOptions { Top = top, AnyArea = true }),
        };

        // The first call on the snapshot: JIT and anything the engine computes once per snapshot.
        var first = Stopwatch.StartNew();
        MentorMatching.ForCitizen(graph, sample[0], modes[0].Options);
        Console.WriteLine($"first call    {first.Elapsed.TotalMilliseconds:F1} ms (cold: JIT and any per-snapshot work)");

        // Warm-up: enough calls of every mode for the tiered JIT to compile the hot paths at tier 1.
        var warm = Stopwatch.StartNew();
        for (var round = 0; round < 2; round++)
        {
            foreach (var (_, options) in modes)
                for (var i = 0; i < Math.Min(warmup, sample.Length); i++) MentorMatching.ForCitizen(graph, sample[i], options);
            Thread.Sleep(500);
        }
        Console.WriteLine($"warm-up       {warm.Elapsed.TotalSeconds:F1} s ({Math.Min(warmup, sample.Length):N0} calls per mode, twice)");
        Console.WriteLine($"top           {top}; times in ms, each call timed alone; allocation = bytes allocated on the calling thread per call");
        Console.WriteLine();
        Console.WriteLine("mode        calls     mean      p50      p90      p99    p99.9      max   alloc mean    alloc max  GCs (0/1/2)  digest");
        foreach (var (name, options) in modes)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            var ticks = new long[sample.Length];
            var bytes = new long[sample.Length];
            using var digest = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            int gen0 = GC.CollectionCount(0), gen1 = GC.CollectionCount(1), gen2 = GC.CollectionCount(2);
            for (var i = 0; i < sample.Length; i++)
            {
                var allocated = GC.GetAllocatedBytesForCurrentThread();
                var start = Stopwatch.GetTimestamp();
                var result = MentorMatching.ForCitizen(graph, sample[i], options);
                ticks[i] = Stopwatch.GetTimestamp() - start;
                bytes[i] = GC.GetAllocatedBytesForCurrentThread() - allocated;
                Append(digest, result);
            }
            var gcs = $"{GC.CollectionCount(0) - gen0}/{GC.CollectionCount(1) - gen1}/{GC.CollectionCount(2) - gen2}";
            var ms = ticks.Select(t => t * 1000.0 / Stopwatch.Frequency).Order().ToArray();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{name,-9} {ms.Length,7:N0} {ms.Average(),8:F3} {Percentiles.Nearest(ms, 0.50),8:F3} {Percentiles.Nearest(ms, 0.90),8:F3} {Percentiles.Nearest(ms, 0.99),8:F3} "
                + $"{Percentiles.Nearest(ms, 0.999),8:F3} {ms[^1],8:F3} {Kib(bytes.Average()),12} {Kib(bytes.Max()),12}  {gcs,11}  {Convert.ToHexString(digest.GetHashAndReset())[..16]}"));
        }

        // A new snapshot of the same city (as the API makes after every write), the JIT warm: the first call pays
        // for anything the engine computes once per snapshot.
        var fresh = graph.WithTiePolicy(graph.TiePolicy);
        var cold = Stopwatch.StartNew();
        MentorMatching.ForCitizen(fresh, sample[0], modes[0].Options);
        var coldTime = cold.Elapsed.TotalMilliseconds;
        var warmAgain = Stopwatch.StartNew();
        MentorMatching.ForCitizen(fresh, sample[0], modes[0].Options);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"new snapshot  first call {coldTime:F3} ms, second {warmAgain.Elapsed.TotalMilliseconds:F3} ms (same citizen, same area; JIT warm)"));
        GC.KeepAlive(fresh);
        using (var process = Process.GetCurrentProcess())
            Console.WriteLine($"peak working set {process.PeakWorkingSet64 / 1048576.0:N0} MiB");
        Console.WriteLine();
        Console.WriteLine("digest: SHA-256 of every result (ids, ranks, scores and components to the bit, counts, reasons), to compare runs");
        GC.KeepAlive(graph);
        return 0;
    }

    /// <summary><paramref name="count"/> out-of-work citizens drawn uniformly with a fixed seed: without replacement
    /// when there are enough, otherwise with.</summary>
    private static string[] Sample(SocialGraph graph, int count, int seed)
    {
        var pool = new List<int>();
        for (var u = 0; u < graph.NodeCount; u++)
            if (graph.Kind(u) == NodeKind.Citizen && graph.WorkStatus(u) == WorkStatus.OutOfWork) pool.Add(u);
        if (pool.Count == 0) return [];
        var random = new Random(seed);
        if (pool.Count < count) return [.. Enumerable.Range(0, count).Select(_ => graph.Id(pool[random.Next(pool.Count)]))];
        var picked = pool.ToArray();
        random.Shuffle(picked);
        return [.. picked.Take(count).Select(graph.Id)];
    }

    /// <summary>Nearest-rank percentile of sorted values.</summary>
    private static string Kib(double bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024:F1} KiB");

    private static void Append(IncrementalHash digest, MentorMatchResult result)
    {
        var text = new StringBuilder();
        text.Append(result.Citizen).Append('|').Append(result.Eligible).Append('|').Append(result.Ineligible).Append('\n');
        foreach (var m in result.Matches)
        {
            text.Append(CultureInfo.InvariantCulture, $"{m.Mentor}|{m.Rank}|{Bits(m.Score)}|{Bits(m.GoalFit)}|{Bits(m.Bridging)}|{Bits(m.Proximity)}|")
                .Append(CultureInfo.InvariantCulture, $"{Bits(m.Locality)}|{Bits(m.Capacity)}|{m.MutualContacts}|{Bits(m.AdamicAdar)}|")
                .AppendJoin(';', m.Reasons).Append('\n');
        }
        digest.AppendData(Encoding.UTF8.GetBytes(text.ToString()));
    }

    private static long Bits(double value) => BitConverter.DoubleToInt64Bits(value);
}
