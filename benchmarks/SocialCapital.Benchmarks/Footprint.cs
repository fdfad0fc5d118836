using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using System.Runtime.CompilerServices;
using SocialCapital.Graph;
using SocialCapital.Interchange;
using SocialCapital.Metrics;
using SocialCapital.Recommendations;
using SocialCapital.Synthetic;

namespace SocialCapital.Benchmarks;

/// <summary>The <c>footprint</c> mode: one snapshot of a synthetic city, timed with a stopwatch after a
/// warm-up at a small size, with its size in memory measured three ways, then the measures (see README.md).</summary>
public static class Footprint
{
    private const string Usage =
        "usage: footprint [people=1M] [ties=10*people (person–person, on average)] [--parallelism N] [--phases] [--csv] [--no-tie-measures] [--no-spans] [--size-only] [--seed N]";

    private static int _maxPoolThreads;

    /// <summary>Runs the mode.</summary>
    /// <param name="args">The arguments after <c>footprint</c>.</param>
    /// <returns>The exit code.</returns>
    public static int Run(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        int? people = null, ties = null;
        int seed = BenchCity.Seed, parallelism = -1;
        bool csv = false, tieMeasures = true, spans = true, phases = false, sizeOnly = false;
        try
        {
            for (var i = 0; i < args.Length; i++)
            {
                switch (args[i])
                {
                    case "--csv": csv = true; break;
                    case "--no-tie-measures": tieMeasures = false; break;
                    case "--no-spans": spans = false; break;
                    case "--size-only": sizeOnly = true; break;
                    case "--phases": phases = true; break;
                    case "--parallelism" when i + 1 < args.Length: parallelism = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                    case "--seed" when i + 1 < args.Length: seed = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                    case "-h" or "--help": Console.WriteLine(Usage); return 0;
                    default:
                        if (people is null) people = BenchSizes.Count(args[i]);
                        else if (ties is null) ties = BenchSizes.Count(args[i]);
                        else throw new FormatException($"unexpected argument '{args[i]}'");
                        break;
                }
            }
        }
        catch (FormatException e)
        {
            Console.Error.WriteLine(e.Message);
            Console.Error.WriteLine(Usage);
            return 2;
        }
        var n = people ?? 1_000_000;
        var m = ties ?? 10 * n;
        var options = new Options(
            BenchCity.GraphOptions with { MaxDegreeOfParallelism = parallelism },
            new MetricsOptions { MaxDegreeOfParallelism = parallelism },
            new TieMetricsOptions { MaxDegreeOfParallelism = parallelism, ComputeSpans = spans },
            new TieMetricsOptions { MaxDegreeOfParallelism = parallelism, ComputeSpans = false },
            new AreaMetricsOptions { MaxDegreeOfParallelism = parallelism });

        Console.WriteLine($"machine            {Environment.ProcessorCount} cores, {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1 << 20):N0} MiB for the GC, "
            + $".NET {Environment.Version}, {(GCSettings.IsServerGC ? "server" : "workstation")} GC ({GCSettings.LatencyMode}), "
            + $"engine MaxDegreeOfParallelism {parallelism}{(Debugger.IsAttached ? ", DEBUGGER ATTACHED" : "")}");
#if DEBUG
        Console.WriteLine("WARNING            Debug build: run with -c Release for real figures");
#endif
        using var sampler = new Timer(_ => Sample(), null, 0, 50);

        // Warm-up: every code path twice at a small size, so the JIT has tiered up the hot loops.
        var warm = Stopwatch.StartNew();
        for (var round = 0; round < 2; round++)
        {
            var small = BenchCity.Generate(10_000, 100_000, seed);
            var g = Build(small, options.Graph);
            PersonMetrics.Compute(g, options.Person);
            AreaMetrics.Compute(g, options.Area);
            MentorMatching.ForCitizen(g, BenchCity.OutOfWorkCitizens(g, 1)[0]);
            if (tieMeasures) TieMetrics.Compute(g, options.Tie);
            if (phases) Phases(small, options.Graph, quiet: true);
            if (csv) Csv(small, quiet: true);
        }
        Console.WriteLine($"warm-up            {warm.Elapsed.TotalSeconds:F1} s at 10k people / 100k ties (x2)");

        var meter = new Meter();
        GeneratedCity? city = BenchCity.Generate(n, m, seed);
        var (time, details) = meter.Stop();
        // Only the summary is read here: a temporary holding the tie list would keep it alive after city = null.
        var summary = city.Summary;
        Console.WriteLine($"generate           {time}  {n:N0} people, {summary.Ties:N0} ties ({summary.PersonTies:N0} person–person), "
            + $"{summary.Areas:N0} areas (CityGenerator.Create, mean contacts {2.0 * m / n:G4}, seed {seed}) {details}");
        m = (int)summary.Ties; // the rates below are per input tie actually made

        // What the snapshot retains: live heap with the graph minus live heap before, the records alive in both.
        var before = GC.GetTotalMemory(true);
        meter = new Meter();
        var graph = Build(city, options.Graph);
        (time, details) = meter.Stop();
        var after = GC.GetTotalMemory(true);
        var retained = after - before;
        Console.WriteLine($"build              {time}  GeneratedCity.ToDataset (validation, records shared) + ToGraph: "
            + $"{Rate(m, meter.Elapsed)} input ties/s {details}");
        Console.WriteLine($"snapshot           {graph.NodeCount:N0} nodes, {graph.PersonCount:N0} people, {graph.ContactCount:N0} contacts "
            + $"({2L * graph.ContactCount:N0} directed slots) from {m:N0} input ties");
        Console.WriteLine($"SizeInBytes        {graph.SizeInBytes:N0} B = {Mib(graph.SizeInBytes)}: node table {Mib(graph.Nodes.Bytes)} "
            + $"({(double)graph.Nodes.Bytes / graph.NodeCount:F1} B a node), contacts {Mib(graph.Contacts.Bytes)} "
            + $"({(double)graph.Contacts.Bytes / graph.ContactCount:F1} B a contact), places {Mib(graph.Places.Bytes)}");
        Console.WriteLine($"per input tie      node table {(double)graph.Nodes.Bytes / m:F2} B, contacts {(double)graph.Contacts.Bytes / m:F2} B, "
            + $"places {(double)graph.Places.Bytes / m:F2} B");
        Console.WriteLine("node table parts   " + string.Join(", ", graph.Nodes.Parts().Select(p =>
            $"{p.Part} {(double)p.Bytes / graph.NodeCount:F1} B a node ({(double)p.Bytes / m:F2} B a tie)")));
        Console.WriteLine($"bytes per tie      {(double)graph.SizeInBytes / m:F1} B per input tie, {(double)graph.SizeInBytes / graph.ContactCount:F1} B per contact (both directions)");
        Console.WriteLine($"heap growth        {retained:N0} B = {Mib(retained)} = {(double)retained / m:F1} B per input tie, {(double)retained / graph.ContactCount:F1} B per contact "
            + "(GC.GetTotalMemory(true) after - before, the input records alive throughout; the snapshot's UTF-8 ids are its own, so counted)");

        // A national-size run may want the snapshot's size alone: the measures take longer than the build by far.
        if (sizeOnly)
        {
            Console.WriteLine($"peak working set   {Mib(Process.GetCurrentProcess().PeakWorkingSet64)}");
            return 0;
        }
        if (phases) Phases(city, options.Graph, quiet: false);
        if (csv) Csv(city, quiet: false);

        // The records are no longer needed: measure the metrics against a heap that holds the snapshot only.
        var contacts = graph.ContactCount;
        city = null;
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        Console.WriteLine($"heap (graph only)  {Mib(GC.GetTotalMemory(true))} live after dropping the records");

        PersonMetricsResult? result = null;
        Measure("person measures", () => (result = PersonMetrics.Compute(graph, options.Person)).People.Count, "people", m);
        Shape(graph, result!);
        result = null;
        // Area measures include a person pass of their own (they do not reuse the one above) and the bootstrap intervals.
        Measure("area measures", () => AreaMetrics.Compute(graph, options.Area).Count, "areas", m);
        var citizen = BenchCity.OutOfWorkCitizens(graph, 1)[0];
        Measure("mentor match", () => MentorMatching.ForCitizen(graph, citizen).Matches.Count, $"matches for {citizen}", m);
        if (tieMeasures)
        {
            IReadOnlyList<TieMeasures>? tieResult = null;
            Measure("tie measures", () => (tieResult = TieMetrics.Compute(graph, options.Tie)).Count, "contacts", m, spans ? "" : " (no spans)");
            if (spans) Measure("tie measures", () => (tieResult = TieMetrics.Compute(graph, options.TieNoSpans)).Count, "contacts", m, " (no spans)");
            var bridges = 0;
            foreach (var t in tieResult!) if (t.LocalBridge) bridges++;
            Console.WriteLine($"local bridges      {bridges:N0} of {contacts:N0} contacts ({100.0 * bridges / contacts:F1} %): spans take one breadth-first search each");
        }
        using var process = Process.GetCurrentProcess();
        Console.WriteLine($"peak working set   {Mib(process.PeakWorkingSet64)} (whole process: records, snapshot and transients)");
        GC.KeepAlive(graph);
        return 0;
    }

    private sealed record Options(GraphOptions Graph, MetricsOptions Person, TieMetricsOptions Tie, TieMetricsOptions TieNoSpans, AreaMetricsOptions Area);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static SocialGraph Build(GeneratedCity city, GraphOptions options) =>
        city.ToDataset().ToGraph(options);

    private static void Measure(string name, Func<int> compute, string unit, int ties, string note = "")
    {
        GC.Collect();
        var meter = new Meter();
        var count = compute();
        var (time, details) = meter.Stop();
        Console.WriteLine($"{name,-18} {time}  {count:N0} {unit}{note}: {Rate(ties, meter.Elapsed)} input ties/s {details}");
    }

    /// <summary>The shape of the graph, which decides the cost of the measures: degrees, Σk², clustering, classes.</summary>
    private static void Shape(SocialGraph graph, PersonMetricsResult result)
    {
        long sumSquares = 0, bonding = 0, bridging = 0, linking = 0;
        int maxDegree = 0, withClustering = 0;
        double clustering = 0;
        foreach (var p in result.People)
        {
            sumSquares += (long)p.Degree * p.Degree;
            maxDegree = Math.Max(maxDegree, p.Degree);
            bonding += p.Bonding;
            bridging += p.Bridging;
            linking += p.Linking;
            if (p.Degree >= 2) { clustering += p.Clustering; withClustering++; }
        }
        var slots = 2.0 * graph.ContactCount;
        Console.WriteLine($"graph shape        mean degree {slots / graph.PersonCount:F1}, max {maxDegree}, Σk² {sumSquares:N0}, "
            + $"mean clustering {clustering / Math.Max(1, withClustering):F3}; contacts {100 * bonding / slots:F0} % bonding, "
            + $"{100 * bridging / slots:F0} % bridging, {100 * linking / slots:F1} % linking");
    }

    /// <summary>The build split in parts, each timed alone: validation only, validated dataset, build without validation.</summary>
    private static void Phases(GeneratedCity city, GraphOptions options, bool quiet)
    {
        var meter = new Meter();
        SocialGraphBuilder? builder = new SocialGraphBuilder().AddNodes(city.Nodes).AddTies(city.Ties);
        var add = meter.Stop();
        meter = new Meter();
        var problems = builder.Validate().Count;
        var validate = meter.Stop();
        builder = null;
        meter = new Meter();
        var dataset = city.ToDataset();
        var create = meter.Stop();
        meter = new Meter();
        var graph = dataset.ToGraph(options);
        var toGraph = meter.Stop();
        GC.KeepAlive(graph);
        if (quiet) return;
        Console.WriteLine($"  phase add        {add.Time}  AddNodes+AddTies into the builder's lists {add.Details}");
        Console.WriteLine($"  phase validate   {validate.Time}  builder.Validate() alone, {problems} problems {validate.Details}");
        Console.WriteLine($"  phase dataset    {create.Time}  Dataset.Create: copy + validation {create.Details}");
        Console.WriteLine($"  phase assemble   {toGraph.Time}  Dataset.ToGraph, no validation: sort ids, node table, CSR, classes {toGraph.Details}");
    }

    private static void Csv(GeneratedCity city, bool quiet)
    {
        var folder = Path.Combine(Path.GetTempPath(), $"socialcapital-footprint-{Environment.ProcessId}");
        try
        {
            Dataset? dataset = city.ToDataset();
            var meter = new Meter();
            dataset.Save(folder);
            var write = meter.Stop();
            var writeTime = meter.Elapsed;
            dataset = null;
            var bytes = new FileInfo(Path.Combine(folder, DatasetReader.NodesFileName)).Length
                + new FileInfo(Path.Combine(folder, DatasetReader.TiesFileName)).Length;
            GC.Collect();
            meter = new Meter();
            var read = DatasetReader.Read(folder);
            var (time, details) = meter.Stop();
            if (quiet) return;
            var ties = read.Ties.Count;
            Console.WriteLine($"CSV write          {write.Time}  {Rate(ties, writeTime)} ties/s, {Mib(bytes)} on disk {write.Details}");
            Console.WriteLine($"CSV import         {time}  DatasetReader.Read, validation included: {Rate(ties, meter.Elapsed)} ties/s, "
                + $"{bytes / meter.Elapsed.TotalSeconds / (1 << 20):F0} MiB/s {details}");
        }
        finally
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
    }

    private static void Sample()
    {
        var now = ThreadPool.ThreadCount;
        int seen;
        while (now > (seen = Volatile.Read(ref _maxPoolThreads)) && Interlocked.CompareExchange(ref _maxPoolThreads, now, seen) != seen) { }
    }

    private static void ResetThreads() => Volatile.Write(ref _maxPoolThreads, ThreadPool.ThreadCount);

    private static int Threads()
    {
        Sample();
        return Volatile.Read(ref _maxPoolThreads);
    }

    /// <summary>Wall time, CPU time (on a shared machine wall time alone says little), GC pauses and
    /// collections, allocation and pool threads of one phase.</summary>
    private sealed class Meter
    {
        private readonly TimeSpan _cpu = Cpu(), _pause = GC.GetTotalPauseDuration();
        private readonly long _allocated = GC.GetTotalAllocatedBytes(true);
        private readonly int _gen0 = GC.CollectionCount(0), _gen1 = GC.CollectionCount(1), _gen2 = GC.CollectionCount(2);
        private readonly Stopwatch _wall;

        public Meter()
        {
            ResetThreads();
            _wall = Stopwatch.StartNew();
        }

        public TimeSpan Elapsed { get; private set; }

        public long Allocated { get; private set; }

        /// <summary>Stops and describes the phase: "1.23 s" and the details after it.</summary>
        public (string Time, string Details) Stop()
        {
            Elapsed = _wall.Elapsed;
            var cpu = Cpu() - _cpu;
            Allocated = GC.GetTotalAllocatedBytes(true) - _allocated;
            return ($"{Elapsed.TotalSeconds,6:F2} s",
                $"[cpu {cpu.TotalSeconds:F2} s = {cpu / Elapsed:F2} cores, GC pause {(GC.GetTotalPauseDuration() - _pause).TotalSeconds:F2} s, "
                + $"GCs {GC.CollectionCount(0) - _gen0}/{GC.CollectionCount(1) - _gen1}/{GC.CollectionCount(2) - _gen2}, "
                + $"{Mib(Allocated)} allocated, up to {Threads()} pool threads]");
        }

        private static TimeSpan Cpu()
        {
            using var process = Process.GetCurrentProcess();
            return process.TotalProcessorTime;
        }
    }

    private static string Rate(long count, TimeSpan time) => (count / time.TotalSeconds).ToString("N0", CultureInfo.InvariantCulture);

    private static string Mib(long bytes) => $"{bytes / 1048576.0:N1} MiB";
}
