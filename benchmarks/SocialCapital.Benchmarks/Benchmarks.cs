using BenchmarkDotNet.Attributes;
using SocialCapital.Graph;
using SocialCapital.Interchange;
using SocialCapital.Metrics;
using SocialCapital.Model;

namespace SocialCapital.Benchmarks;

// The job is BigInputJob.Job (set in Program.cs, so that --job dry can replace it): one process, one warm-up
// iteration and three measured iterations of one invocation each. The sizes are "people/ties"; see
// BenchSizes and README.md.

/// <summary>Building the snapshot from records already in memory.</summary>
[MemoryDiagnoser]
[Config(typeof(TiesPerSecondConfig))]
public class SnapshotBuildBenchmarks
{
    private NodeRecord[] _nodes = [];
    private TieRecord[] _ties = [];
    private Dataset? _dataset;

    /// <summary>people/ties.</summary>
    [ParamsSource(nameof(Sizes))]
    public string Size { get; set; } = BenchSizes.Small;

    /// <summary>The sizes.</summary>
    public static IEnumerable<string> Sizes => BenchSizes.SmallAndLarge;

    /// <summary>Makes the city and a validated dataset of it.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var (people, ties) = BenchSizes.Parse(Size);
        var city = BenchCity.Generate(people, ties);
        _nodes = [.. city.Nodes];
        _ties = [.. city.Ties];
        _dataset = Dataset.Create(_nodes, _ties);
    }

    /// <summary>The public path: add the records to a builder, validate them and build.</summary>
    /// <returns>The snapshot.</returns>
    [Benchmark(Baseline = true)]
    public SocialGraph BuilderBuild() =>
        new SocialGraphBuilder().AddNodes(_nodes).AddTies(_ties).Build(BenchCity.GraphOptions);

    /// <summary>The same snapshot from a dataset validated beforehand (no validation, no copy into a builder).</summary>
    /// <returns>The snapshot.</returns>
    [Benchmark]
    public SocialGraph DatasetToGraph() => _dataset!.ToGraph(BenchCity.GraphOptions);
}

/// <summary>Every person measure of every person (<see cref="PersonMetrics.Compute"/>).</summary>
[MemoryDiagnoser]
[Config(typeof(TiesPerSecondConfig))]
public class PersonMetricsBenchmarks
{
    private SocialGraph? _graph;

    /// <summary>people/ties.</summary>
    [ParamsSource(nameof(Sizes))]
    public string Size { get; set; } = BenchSizes.Small;

    /// <summary>The sizes.</summary>
    public static IEnumerable<string> Sizes => BenchSizes.SmallAndLarge;

    /// <summary>Makes the city and its snapshot; the records are dropped.</summary>
    [GlobalSetup]
    public void Setup() => _graph = Snapshot(Size);

    /// <summary>All person measures with the default options (strengths, every core).</summary>
    /// <returns>The measures.</returns>
    [Benchmark]
    public PersonMetricsResult AllPersonMeasures() => PersonMetrics.Compute(_graph!);

    /// <summary>Local clustering alone (<see cref="LocalClustering"/>: the forward algorithm), every core.</summary>
    /// <returns>The coefficients.</returns>
    [Benchmark]
    public double[] ClusteringOnly() => LocalClustering.Compute(_graph!);

    /// <summary>Weighted constraint alone (<see cref="BurtConstraint"/>), every core.</summary>
    /// <returns>The constraints.</returns>
    [Benchmark]
    public double[] ConstraintOnly() => BurtConstraint.Compute(_graph!);

    /// <summary>Gould &amp; Fernandez brokerage roles by area (<see cref="Brokerage"/>: O(Σ k²)), every core.</summary>
    /// <returns>The roles.</returns>
    [Benchmark]
    public BrokerageResult BrokerageByArea() => Brokerage.Compute(_graph!, "area");

    /// <summary>Leiden communities (<see cref="Communities"/>), seed 0, the default 2 iterations, one thread.</summary>
    /// <returns>The communities.</returns>
    [Benchmark]
    public CommunitiesResult Communities() => SocialCapital.Metrics.Communities.Detect(_graph!);

    internal static SocialGraph Snapshot(string size)
    {
        var (people, ties) = BenchSizes.Parse(size);
        var city = BenchCity.Generate(people, ties);
        return new SocialGraphBuilder().AddNodes(city.Nodes).AddTies(city.Ties).Build(BenchCity.GraphOptions);
    }
}

/// <summary>Every tie measure of every contact (<see cref="TieMetrics.Compute"/>), with and without local-bridge spans.</summary>
[MemoryDiagnoser]
[Config(typeof(TiesPerSecondConfig))]
public class TieMetricsBenchmarks
{
    private SocialGraph? _graph;

    /// <summary>people/ties.</summary>
    [ParamsSource(nameof(Sizes))]
    public string Size { get; set; } = BenchSizes.Small;

    /// <summary>Whether the span of each local bridge is computed (a breadth-first search per local bridge).</summary>
    [Params(true, false)]
    public bool Spans { get; set; }

    /// <summary>The sizes.</summary>
    public static IEnumerable<string> Sizes => BenchSizes.SmallOnly;

    /// <summary>Makes the city and its snapshot; the records are dropped.</summary>
    [GlobalSetup]
    public void Setup() => _graph = PersonMetricsBenchmarks.Snapshot(Size);

    /// <summary>All tie measures.</summary>
    /// <returns>The measures.</returns>
    [Benchmark]
    public IReadOnlyList<TieMeasures> AllTieMeasures() =>
        TieMetrics.Compute(_graph!, new TieMetricsOptions { ComputeSpans = Spans });
}

/// <summary>Reading and validating a dataset folder (<see cref="DatasetReader.Read(string)"/>), written once to a temporary folder.</summary>
[MemoryDiagnoser]
[Config(typeof(TiesPerSecondConfig))]
public class CsvImportBenchmarks
{
    private string _folder = "";

    /// <summary>people/ties.</summary>
    [ParamsSource(nameof(Sizes))]
    public string Size { get; set; } = BenchSizes.Small;

    /// <summary>The sizes.</summary>
    public static IEnumerable<string> Sizes => BenchSizes.SmallOnly;

    /// <summary>Writes the city's nodes.csv and ties.csv to a temporary folder.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var (people, ties) = BenchSizes.Parse(Size);
        _folder = Path.Combine(Path.GetTempPath(), $"socialcapital-bench-{Environment.ProcessId}-{people}-{ties}");
        BenchCity.Generate(people, ties).ToDataset().Save(_folder);
    }

    /// <summary>Deletes the folder.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }

    /// <summary>Reads and validates both files.</summary>
    /// <returns>The dataset.</returns>
    [Benchmark]
    public Dataset ReadFolder() => DatasetReader.Read(_folder);
}

/// <summary>Every area's measures (<see cref="AreaMetrics.Compute"/>), bootstrap intervals included.</summary>
[MemoryDiagnoser]
[Config(typeof(TiesPerSecondConfig))]
public class AreaMetricsBenchmarks
{
    private SocialGraph? _graph;

    /// <summary>people/ties.</summary>
    [ParamsSource(nameof(Sizes))]
    public string Size { get; set; } = BenchSizes.Small;

    /// <summary>The sizes.</summary>
    public static IEnumerable<string> Sizes => BenchSizes.SmallOnly;

    /// <summary>Makes the city and its snapshot.</summary>
    [GlobalSetup]
    public void Setup() => _graph = PersonMetricsBenchmarks.Snapshot(Size);

    /// <summary>All area measures with the default options (200 bootstrap resamples, minimum cell 10).</summary>
    /// <returns>The areas.</returns>
    [Benchmark]
    public IReadOnlyList<AreaMeasures> AllAreaMeasures() => AreaMetrics.Compute(_graph!);
}

/// <summary>Connected components of the contacts (<see cref="ConnectedComponents.Compute"/>); an operation is one
/// computation, and each invocation computes them 20 times (an operation takes milliseconds).</summary>
[MemoryDiagnoser]
[Config(typeof(TiesPerSecondConfig))]
public class ComponentsBenchmarks
{
    private const int Repeats = 20;
    private SocialGraph? _graph;

    /// <summary>people/ties.</summary>
    [ParamsSource(nameof(Sizes))]
    public string Size { get; set; } = BenchSizes.Small;

    /// <summary>The sizes.</summary>
    public static IEnumerable<string> Sizes => BenchSizes.SmallAndLarge;

    /// <summary>Makes the city and its snapshot.</summary>
    [GlobalSetup]
    public void Setup() => _graph = PersonMetricsBenchmarks.Snapshot(Size);

    /// <summary>Every person's component and every component's size.</summary>
    /// <returns>The number of components of the last computation.</returns>
    [Benchmark(OperationsPerInvoke = Repeats)]
    public int Components()
    {
        var count = 0;
        for (var i = 0; i < Repeats; i++) count = ConnectedComponents.Compute(_graph!).Count;
        return count;
    }
}

/// <summary>Jaccard similarity of 1,000 people (seeded sample) with everyone at distance exactly two
/// (<see cref="JaccardSimilarity.AtDistanceTwo(SocialGraph, IReadOnlyList{int}, int)"/>), the comparison harness's
/// <c>jaccard_1000</c>, on one thread and on every core; an operation is the 1,000 people, and each invocation runs 20.</summary>
[MemoryDiagnoser]
public class JaccardBenchmarks
{
    private const int Repeats = 20;
    private SocialGraph? _graph;
    private int[] _people = [];

    /// <summary>people/ties.</summary>
    [ParamsSource(nameof(Sizes))]
    public string Size { get; set; } = BenchSizes.Small;

    /// <summary>Threads: 1, or -1 for one per core.</summary>
    [Params(1, -1)]
    public int Threads { get; set; }

    /// <summary>The sizes.</summary>
    public static IEnumerable<string> Sizes => BenchSizes.SmallAndLarge;

    /// <summary>Makes the city and its snapshot and draws 1,000 people (seed 1), in index order.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _graph = PersonMetricsBenchmarks.Snapshot(Size);
        var random = new Random(1);
        var people = Enumerable.Range(0, _graph.NodeCount).Where(_graph.IsPerson).ToArray();
        _people = [.. people.OrderBy(_ => random.Next()).Take(1000).Order()];
    }

    /// <summary>The 1,000 people's pairs at distance two, with their Jaccard similarity.</summary>
    /// <returns>The number of pairs of the last run.</returns>
    [Benchmark(OperationsPerInvoke = Repeats)]
    public int Jaccard1000People()
    {
        var pairs = 0;
        for (var i = 0; i < Repeats; i++) pairs = JaccardSimilarity.AtDistanceTwo(_graph!, _people, Threads).Length;
        return pairs;
    }
}
