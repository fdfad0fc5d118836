using BenchmarkDotNet.Attributes;
using Google.OrTools.Graph;
using SocialCapital.Recommendations;

namespace SocialCapital.Benchmarks;

/// <summary>Why the cohort assignment has its own min-cost-flow solver: <see cref="AssignmentSolver"/> against
/// Google OR-Tools' <c>SimpleMinCostFlow</c> (<see cref="MinCostFlow"/>, <c>SolveMaxFlowWithMinCost</c>: a maximum flow
/// of minimum cost, the same objective) on the problem <see cref="CohortAssignmentBenchmarks"/> solves: 10,000
/// out-of-work citizens of the generated 160k-people city and its ≈2,000 mentors, any area or the same area. One
/// operation builds the solver's network from the candidate pairs and solves it. OR-Tools takes integer costs, so each
/// pair's cost is its weighted score × 10⁹, rounded. Setup checks that both find the same number of pairs and the same
/// optimal total (within that rounding), and throws if not. Only this project references OR-Tools.</summary>
[MemoryDiagnoser]
public class MinCostFlowBenchmarks
{
    private const double Scale = 1e9;

    private AssignmentProblem _problem = null!;

    /// <summary>Any area (every mentor with a free place and a shared language is a candidate) or the same area only.</summary>
    [Params(true, false)]
    public bool AnyArea { get; set; }

    /// <summary>Builds the problem as <see cref="CohortAssignment.Assign"/> does and checks that both solvers agree.</summary>
    [GlobalSetup]
    public void Setup()
    {
        // 160k people, or the first people count of SC_BENCH_SIZES, with a cohort to match (as CohortAssignmentBenchmarks).
        var people = BenchSizes.PeopleOr(160_000).First();
        var graph = BenchCity.Load(people);
        var cohort = BenchCity.OutOfWorkCitizens(graph, Math.Min(10_000, people / 16));
        var options = new CohortOptions { Citizens = cohort, Match = new MatchOptions { AnyArea = AnyArea } };
        _problem = CohortAssignment.Problem(graph, options).Problem;

        var ours = AssignmentSolver.Solve(_problem);
        var (flow, cost) = OrTools(_problem);
        var pairs = _problem.Candidates.Count;
        var tolerance = 1e-6 + ours.Pairs.Count * 0.5 / Scale;
        Console.WriteLine($"// {_problem.Citizens} citizens, {_problem.MentorCapacity.Length} mentors, {pairs} candidate pairs; "
            + $"hand-written: {ours.Pairs.Count} pairs, weighted total {ours.TotalWeightedScore:F9}; OR-Tools: {flow} pairs, {cost:F9}");
        if (flow != ours.Pairs.Count || Math.Abs(cost - ours.TotalWeightedScore) > tolerance)
            throw new InvalidOperationException($"The solvers disagree: {ours.Pairs.Count} pairs, {ours.TotalWeightedScore} against {flow} pairs, {cost}.");
    }

    /// <summary>OR-Tools' min-cost flow.</summary>
    /// <returns>The optimal total weighted score.</returns>
    [Benchmark(Baseline = true)]
    public double OrToolsMinCostFlow() => OrTools(_problem).Total;

    /// <summary>The engine's solver.</summary>
    /// <returns>The optimal total weighted score.</returns>
    [Benchmark]
    public double HandWritten() => AssignmentSolver.Solve(_problem).TotalWeightedScore;

    /// <summary>Source → citizen (capacity MaxPerCitizen) → mentor (capacity 1, cost −w·s) → sink (the mentor's places).</summary>
    private static (long Flow, double Total) OrTools(AssignmentProblem problem)
    {
        var citizens = problem.Citizens;
        var mentors = problem.MentorCapacity.Length;
        int source = 0, sink = citizens + mentors + 1;
        using var flow = new MinCostFlow(sink + 1, citizens + problem.Candidates.Count + mentors);
        for (var c = 0; c < citizens; c++) flow.AddArcWithCapacityAndUnitCost(source, 1 + c, problem.MaxPerCitizen, 0);
        foreach (var (c, m, score) in problem.Candidates)
            flow.AddArcWithCapacityAndUnitCost(1 + c, 1 + citizens + m, 1, -(long)Math.Round((problem.CitizenWeight?[c] ?? 1) * score * Scale));
        for (var m = 0; m < mentors; m++) flow.AddArcWithCapacityAndUnitCost(1 + citizens + m, sink, problem.MentorCapacity[m], 0);
        var supply = (long)citizens * problem.MaxPerCitizen;
        flow.SetNodeSupply(source, supply);
        flow.SetNodeSupply(sink, -supply);
        var status = flow.SolveMaxFlowWithMinCost();
        if (status != MinCostFlowBase.Status.OPTIMAL) throw new InvalidOperationException($"OR-Tools: {status}");
        return (flow.MaximumFlow(), -flow.OptimalCost() / Scale);
    }
}
