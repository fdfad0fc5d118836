using BenchmarkDotNet.Attributes;
using SocialCapital.Graph;
using SocialCapital.Interchange;
using SocialCapital.Metrics;
using SocialCapital.Model;
using SocialCapital.Storage;

namespace SocialCapital.Benchmarks;

/// <summary>What the measures cost per write on a live graph: the area and group measures updated for one new tie
/// (<see cref="LiveMeasures.Apply"/>), and one person's measures (<see cref="PersonMetrics.Of"/>). Both take
/// microseconds, so each invocation runs many operations.</summary>
[MemoryDiagnoser]
public class LiveMeasuresBenchmarks
{
    private const int Repeats = 200;
    private SocialGraph? _before;
    private SocialGraph? _after;
    private LiveMeasures? _measures;
    private int[] _changed = [];
    private int[] _people = [];

    /// <summary>people/ties.</summary>
    [ParamsSource(nameof(Sizes))]
    public string Size { get; set; } = BenchSizes.Small;

    /// <summary>The sizes.</summary>
    public static IEnumerable<string> Sizes => BenchSizes.SmallAndLarge;

    /// <summary>Makes the city, its snapshot, the snapshot with one more friend tie between two people drawn at random
    /// (seed 1) who were not in contact, the live measures of the first, and draws 1,000 people (seed 1).</summary>
    [GlobalSetup]
    public void Setup()
    {
        var (people, ties) = BenchSizes.Parse(Size);
        var dataset = BenchCity.Generate(people, ties).ToDataset();
        _before = dataset.ToGraph(BenchCity.GraphOptions);
        var random = new Random(1);
        var persons = Enumerable.Range(0, _before.NodeCount).Where(_before.IsPerson).ToArray();
        int u, v;
        do (u, v) = (persons[random.Next(persons.Length)], persons[random.Next(persons.Length)]);
        while (u == v || _before.AreInContact(u, v));
        var edited = DatasetEdits.UpsertTie(dataset, new TieRecord(_before.Id(u), _before.Id(v), TieKind.Friend)).Dataset;
        _after = edited.ToGraph(BenchCity.GraphOptions);
        _changed = [u, v];
        _measures = LiveMeasures.Create(_before);
        _people = [.. persons.OrderBy(_ => random.Next()).Take(1000)];
    }

    /// <summary>The area and group measures after one new tie, by difference.</summary>
    /// <returns>The updated measures of the last run.</returns>
    [Benchmark(OperationsPerInvoke = Repeats)]
    public LiveMeasures ApplyOneTie()
    {
        LiveMeasures? result = null;
        for (var i = 0; i < Repeats; i++) result = _measures!.Apply(_before!, _after!, _changed);
        return result!;
    }

    /// <summary>One person's measures; an operation is one person of the 1,000 drawn.</summary>
    /// <returns>The sum of their degrees.</returns>
    [Benchmark(OperationsPerInvoke = 1000)]
    public int OnePersonMeasures()
    {
        var sum = 0;
        foreach (var p in _people) sum += PersonMetrics.Of(_before!, p).Degree;
        return sum;
    }
}
