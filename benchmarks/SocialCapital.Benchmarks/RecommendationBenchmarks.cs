using BenchmarkDotNet.Attributes;
using SocialCapital.Graph;
using SocialCapital.Interchange;
using SocialCapital.Model;
using SocialCapital.Recommendations;
using SocialCapital.Synthetic;

namespace SocialCapital.Benchmarks;

/// <summary>Calls for one citizen at a time on a city from the engine's generator: each invocation serves the same
/// 200 different out-of-work citizens.</summary>
public abstract class PerCitizenBenchmarks
{
    /// <summary>Citizens per invocation.</summary>
    protected const int PerInvocation = 200;

    /// <summary>The snapshot.</summary>
    protected SocialGraph Graph { get; private set; } = null!;

    /// <summary>The citizens, by id.</summary>
    protected IReadOnlyList<string> Citizens { get; private set; } = [];

    /// <summary>People in the generated city.</summary>
    [ParamsSource(nameof(PeopleCounts))]
    public int People { get; set; }

    /// <summary>100k and 1M people, or the people of <c>SC_BENCH_SIZES</c>.</summary>
    public static IEnumerable<int> PeopleCounts => BenchSizes.PeopleOr(100_000, 1_000_000);

    /// <summary>Generates (once per size, cached in the temp folder) and loads the city.</summary>
    [GlobalSetup]
    public void Setup()
    {
        Graph = BenchCity.Load(People);
        Citizens = BenchCity.OutOfWorkCitizens(Graph, PerInvocation);
    }
}

/// <summary>Explained top-10 mentor matches for one citizen (the target: p99 ≤ 5 ms at 1M people; the
/// <c>latency</c> mode gives the percentiles). One operation is one citizen.</summary>
[MemoryDiagnoser]
public class MentorMatchBenchmarks : PerCitizenBenchmarks
{
    /// <summary>Top 10 in the citizen's area.</summary>
    [Benchmark(OperationsPerInvoke = PerInvocation)]
    public int Top10SameArea()
    {
        var n = 0;
        foreach (var c in Citizens) n += MentorMatching.ForCitizen(Graph, c).Matches.Count;
        return n;
    }

    /// <summary>Top 10 among every mentor of the city.</summary>
    [Benchmark(OperationsPerInvoke = PerInvocation)]
    public int Top10AnyArea()
    {
        var n = 0;
        foreach (var c in Citizens) n += MentorMatching.ForCitizen(Graph, c, new MatchOptions { AnyArea = true }).Matches.Count;
        return n;
    }
}

/// <summary>Link-prediction candidates for one person (<see cref="PeerSuggestions.ForPerson"/>: the 2-hop sparse
/// accumulator, scores and reasons). One operation is one citizen.</summary>
[MemoryDiagnoser]
public class PeerSuggestionBenchmarks : PerCitizenBenchmarks
{
    /// <summary>Top 10 peers with reasons.</summary>
    [Benchmark(OperationsPerInvoke = PerInvocation)]
    public int Top10Peers()
    {
        var n = 0;
        foreach (var p in Citizens) n += PeerSuggestions.ForPerson(Graph, p).Count;
        return n;
    }
}

/// <summary>Exact cohort assignment of 10,000 out-of-work citizens on a generated city of 160,000 people (about
/// 2,000 mentors): the 10,000 × 2,000 case (target ≤ 30 s), without pruning.</summary>
[MemoryDiagnoser]
public class CohortAssignmentBenchmarks
{
    private SocialGraph? _graph;
    private string[] _cohort = [];

    /// <summary>Generates and loads the city.</summary>
    [GlobalSetup]
    public void Setup()
    {
        // 160k people, or the first people count of SC_BENCH_SIZES (the smoke run's small city), with a cohort to match.
        var people = BenchSizes.PeopleOr(160_000).First();
        _graph = BenchCity.Load(people);
        _cohort = BenchCity.OutOfWorkCitizens(_graph, Math.Min(10_000, people / 16));
        var mentors = Enumerable.Range(0, _graph.NodeCount).Count(u => _graph.Kind(u) == NodeKind.Mentor);
        Console.WriteLine($"// cohort {_cohort.Length} citizens, {mentors} mentors");
    }

    /// <summary>Any area: every citizen is a candidate of every mentor with a free place and a shared language.</summary>
    [Benchmark]
    public int AnyArea() => CohortAssignment.Assign(_graph!, new CohortOptions { Citizens = _cohort, Match = new MatchOptions { AnyArea = true } }).Pairs.Count;

    /// <summary>Same area only (the default).</summary>
    [Benchmark]
    public int SameArea() => CohortAssignment.Assign(_graph!, new CohortOptions { Citizens = _cohort }).Pairs.Count;
}
