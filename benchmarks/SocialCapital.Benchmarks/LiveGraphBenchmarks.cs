using BenchmarkDotNet.Attributes;
using SocialCapital.Live;
using SocialCapital.Metrics;
using SocialCapital.Model;

namespace SocialCapital.Benchmarks;

/// <summary>A write to a live graph and the snapshot it answers with (issue 14: a write costs its change, not the
/// graph): one tie upsert, one node upsert (a citizen moving into work), each with the area and peer-group measures
/// brought up to date, and a person's measures read from the new snapshot. Each invocation makes 200 different edits
/// one after another on the same live graph, so stale lists pile up as they would in service (compaction off).</summary>
[MemoryDiagnoser]
public class LiveGraphBenchmarks
{
    private const int PerInvocation = 200;
    private LiveGraph _live = null!;
    private (string A, string B)[] _pairs = [];
    private NodeRecord[] _citizens = [];
    private int _round;

    /// <summary>People in the generated city.</summary>
    [ParamsSource(nameof(PeopleCounts))]
    public int People { get; set; }

    /// <summary>100k and 1M people, or the people of <c>SC_BENCH_SIZES</c>.</summary>
    public static IEnumerable<int> PeopleCounts => BenchSizes.PeopleOr(100_000, 1_000_000);

    /// <summary>Loads the city into a live graph and picks the pairs and citizens the edits use.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var dataset = BenchCity.LoadDataset(People);
        _live = LiveGraph.Create(dataset, new LiveGraphOptions { Graph = BenchCity.GraphOptions, CompactionThreshold = 0, RefreshIntervalsAfter = 0 });
        _ = _live.Current.Measures; // the first full pass (background after Create) done, so every edit pays for its measures
        var citizens = dataset.Nodes.Where(n => n.Kind == NodeKind.Citizen).ToArray();
        var random = new Random(BenchCity.Seed);
        _pairs = [.. Enumerable.Range(0, PerInvocation).Select(_ => (citizens[random.Next(citizens.Length)].Id, citizens[random.Next(citizens.Length)].Id))
            .Where(p => p.Item1 != p.Item2)];
        _citizens = [.. Enumerable.Range(0, PerInvocation).Select(_ => citizens[random.Next(citizens.Length)])];
    }

    /// <summary>One acquaintance tie stored (created, then updated on later rounds with a new strength).</summary>
    [Benchmark(OperationsPerInvoke = PerInvocation)]
    public double UpsertTie() => UpsertTies((after, _) => after.Graph.ContactCount);

    /// <summary>One citizen's record stored with a new employment status (their contacts' classes and the measures
    /// that depend on work status follow).</summary>
    [Benchmark(OperationsPerInvoke = PerInvocation)]
    public long UpsertNode()
    {
        var employment = ++_round % 2 == 0 ? Employment.Employed : Employment.Unemployed;
        long people = 0;
        foreach (var citizen in _citizens)
            people += _live.Apply(new GraphEdit.UpsertNode(citizen with { Employment = employment })).After.Graph.PersonCount;
        return people;
    }

    /// <summary>A tie upsert, then the capital of one of its ends read from the snapshot it answered with.</summary>
    [Benchmark(OperationsPerInvoke = PerInvocation)]
    public double UpsertTieThenReadCapital() => UpsertTies((after, source) => after.Person(source).Strength);

    /// <summary>The area measures of the snapshot after a write (kept by difference, made into rows on first read).</summary>
    [Benchmark(OperationsPerInvoke = PerInvocation)]
    public double UpsertTieThenReadAreas() => UpsertTies((after, _) => after.Measures.Areas.Count);

    /// <summary>Stores the tie of every pair, each answered by a new snapshot that <paramref name="read"/> reads.</summary>
    private double UpsertTies(Func<LiveSnapshot, string, double> read)
    {
        var strength = 1 + (++_round % 7);
        double sum = 0;
        foreach (var (a, b) in _pairs)
            sum += read(_live.Apply(new GraphEdit.UpsertTie(new TieRecord(a, b, TieKind.Acquaintance) { Strength = strength })).After, a);
        return sum;
    }
}
