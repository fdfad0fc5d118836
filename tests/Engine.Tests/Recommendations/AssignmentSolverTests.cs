using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using SocialCapital.Recommendations;

namespace SocialCapital.Tests.Recommendations;

public class AssignmentSolverTests
{
    private const double Tolerance = 1e-9;

    private static readonly AssignmentSolver.SearchDirection[] Directions =
        [AssignmentSolver.SearchDirection.Adaptive, AssignmentSolver.SearchDirection.Forward, AssignmentSolver.SearchDirection.Backward];

    // ---- hand examples -------------------------------------------------------------------------------------

    [Fact]
    public void Solve_GreedyBestScoreWouldStrandACitizen_AssignsBothCitizens()
    {
        // A likes X 0.9 and Y 0.1, B likes only X 0.5; X has one place. Greedy A–X leaves B out; the optimum is A–Y, B–X.
        var problem = new AssignmentProblem(2, [1, 1], [new(0, 0, 0.9), new(0, 1, 0.1), new(1, 0, 0.5)]);

        var solution = AssignmentSolver.Solve(problem);

        Assert.Equal([new Candidate(0, 1, 0.1), new Candidate(1, 0, 0.5)], solution.Pairs);
        Assert.Equal(0.6, solution.TotalScore, Tolerance);
        Assert.Equal(0.6, solution.TotalWeightedScore, Tolerance);
    }

    [Fact]
    public void Solve_EnoughPlaces_TakesHighestTotalScore()
    {
        // Both citizens can be served either way: A–X, B–Y (0.9 + 0.8) beats A–Y, B–X (0.6 + 0.7).
        var problem = new AssignmentProblem(2, [1, 1], [new(0, 0, 0.9), new(0, 1, 0.6), new(1, 0, 0.7), new(1, 1, 0.8)]);

        var solution = AssignmentSolver.Solve(problem);

        Assert.Equal([new Candidate(0, 0, 0.9), new Candidate(1, 1, 0.8)], solution.Pairs);
        Assert.Equal(1.7, solution.TotalScore, Tolerance);
    }

    [Fact]
    public void Solve_ZeroCapacityMentor_NeverAssigned()
    {
        var problem = new AssignmentProblem(3, [0, 1], [new(0, 0, 1.0), new(1, 0, 0.9), new(2, 0, 0.8), new(2, 1, 0.2)]);

        var solution = AssignmentSolver.Solve(problem);

        Assert.Equal([new Candidate(2, 1, 0.2)], solution.Pairs);
    }

    [Fact]
    public void Solve_AllMentorsZeroCapacity_ReturnsNoPairs()
    {
        var problem = new AssignmentProblem(2, [0, 0], [new(0, 0, 1.0), new(1, 1, 0.5)]);

        var solution = AssignmentSolver.Solve(problem);

        Assert.Empty(solution.Pairs);
        Assert.Equal(0, solution.TotalScore);
        Assert.Equal(0, solution.TotalWeightedScore);
    }

    [Fact]
    public void Solve_NoCandidates_ReturnsNoPairs()
    {
        var solution = AssignmentSolver.Solve(new AssignmentProblem(5, [3, 2], []));

        Assert.Empty(solution.Pairs);
        Assert.Equal(0, solution.TotalScore);
    }

    [Fact]
    public void Solve_NoCitizensOrMentors_ReturnsNoPairs()
    {
        Assert.Empty(AssignmentSolver.Solve(new AssignmentProblem(0, [], [])).Pairs);
        Assert.Empty(AssignmentSolver.Solve(new AssignmentProblem(3, [], [])).Pairs);
        Assert.Empty(AssignmentSolver.Solve(new AssignmentProblem(0, [2], [])).Pairs);
    }

    [Fact]
    public void Solve_ShortCapacityWithWeights_ServesTheNeedierCitizen()
    {
        // One place; A fits slightly better. Unweighted A gets it; with B weighted 2 (greater need), B gets it.
        Candidate[] candidates = [new(0, 0, 0.6), new(1, 0, 0.5)];

        var unweighted = AssignmentSolver.Solve(new AssignmentProblem(2, [1], candidates));
        var weighted = AssignmentSolver.Solve(new AssignmentProblem(2, [1], candidates, CitizenWeight: [1.0, 2.0]));

        Assert.Equal([new Candidate(0, 0, 0.6)], unweighted.Pairs);
        Assert.Equal([new Candidate(1, 0, 0.5)], weighted.Pairs);
        Assert.Equal(0.5, weighted.TotalScore, Tolerance);
        Assert.Equal(1.0, weighted.TotalWeightedScore, Tolerance);
    }

    [Fact]
    public void Solve_WeightsNeverCostAPair_KeepsMaximumCardinality()
    {
        // B (weight 10) likes X and Y; A (weight 0) likes only X. Weighted best single pair would be B–X, but the
        // maximum number of pairs is 2, so A–X and B–Y.
        var problem = new AssignmentProblem(2, [1, 1], [new(0, 0, 1.0), new(1, 0, 1.0), new(1, 1, 0.1)], CitizenWeight: [0.0, 10.0]);

        var solution = AssignmentSolver.Solve(problem);

        Assert.Equal([new Candidate(0, 0, 1.0), new Candidate(1, 1, 0.1)], solution.Pairs);
        Assert.Equal(1.0, solution.TotalWeightedScore, Tolerance);
    }

    [Fact]
    public void Solve_MaxPerCitizenTwo_GivesUpToTwoMentorsEach()
    {
        var problem = new AssignmentProblem(2, [1, 1, 1], [new(0, 0, 0.9), new(0, 1, 0.8), new(0, 2, 0.7), new(1, 2, 0.1)], MaxPerCitizen: 2);

        var solution = AssignmentSolver.Solve(problem);

        Assert.Equal([new Candidate(0, 0, 0.9), new Candidate(0, 1, 0.8), new Candidate(1, 2, 0.1)], solution.Pairs);
    }

    [Fact]
    public void Solve_MentorWithSeveralPlaces_TakesSeveralCitizens()
    {
        var problem = new AssignmentProblem(4, [3], [new(0, 0, 0.2), new(1, 0, 0.9), new(2, 0, 0.5), new(3, 0, 0.7)]);

        var solution = AssignmentSolver.Solve(problem);

        Assert.Equal([new Candidate(1, 0, 0.9), new Candidate(2, 0, 0.5), new Candidate(3, 0, 0.7)], solution.Pairs);
    }

    [Fact]
    public void Solve_HugeLimits_ServesEveryCandidatePair()
    {
        // Limits far above what the candidates can use must neither fail nor allocate per place.
        var problem = new AssignmentProblem(2, [int.MaxValue, int.MaxValue], [new(0, 0, 0.5), new(0, 1, 0.4), new(1, 1, 0.3)], MaxPerCitizen: int.MaxValue);

        var solution = AssignmentSolver.Solve(problem);

        Assert.Equal([new Candidate(0, 0, 0.5), new Candidate(0, 1, 0.4), new Candidate(1, 1, 0.3)], solution.Pairs);
    }

    [Fact]
    public void Solve_RepeatedPair_KeepsHighestScore()
    {
        var problem = new AssignmentProblem(1, [1], [new(0, 0, 0.3), new(0, 0, 0.8), new(0, 0, 0.5)]);

        var solution = AssignmentSolver.Solve(problem);

        Assert.Equal([new Candidate(0, 0, 0.8)], solution.Pairs);
    }

    [Fact]
    public void Solve_LongAlternatingPath_ReassignsAlongTheChain()
    {
        // A chain c0–m0, c1–m0/m1, c2–m1/m2, …: every citizen prefers its left mentor, but only the shift right
        // serves all of them; the last citizen can only use the last mentor.
        const int n = 30;
        var candidates = new List<Candidate>();
        for (var i = 0; i < n; i++)
        {
            candidates.Add(new Candidate(i, i, 0.1));
            if (i + 1 < n) candidates.Add(new Candidate(i + 1, i, 0.9));
        }
        var problem = new AssignmentProblem(n, Enumerable.Repeat(1, n).ToArray(), candidates);

        var solution = AssignmentSolver.Solve(problem);

        Assert.Equal(n, solution.Pairs.Count);
        Assert.All(solution.Pairs, p => Assert.Equal(p.Citizen, p.Mentor));
    }

    [Fact]
    public void Solve_InvalidInput_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => AssignmentSolver.Solve(new AssignmentProblem(-1, [], [])));
        Assert.Throws<ArgumentOutOfRangeException>(() => AssignmentSolver.Solve(new AssignmentProblem(1, [1], [], MaxPerCitizen: 0)));
        Assert.Throws<ArgumentException>(() => AssignmentSolver.Solve(new AssignmentProblem(1, [-1], [])));
        Assert.Throws<ArgumentException>(() => AssignmentSolver.Solve(new AssignmentProblem(1, [1], [new(1, 0, 0.5)])));
        Assert.Throws<ArgumentException>(() => AssignmentSolver.Solve(new AssignmentProblem(1, [1], [new(0, 1, 0.5)])));
        Assert.Throws<ArgumentException>(() => AssignmentSolver.Solve(new AssignmentProblem(1, [1], [new(0, 0, 1.5)])));
        Assert.Throws<ArgumentException>(() => AssignmentSolver.Solve(new AssignmentProblem(1, [1], [new(0, 0, double.NaN)])));
        Assert.Throws<ArgumentException>(() => AssignmentSolver.Solve(new AssignmentProblem(2, [1], [], CitizenWeight: [1.0])));
        Assert.Throws<ArgumentException>(() => AssignmentSolver.Solve(new AssignmentProblem(1, [1], [], CitizenWeight: [-1.0])));
        Assert.Throws<ArgumentException>(() => AssignmentSolver.Solve(new AssignmentProblem(1, [1], [], CitizenWeight: [double.PositiveInfinity])));
    }

    [Fact]
    public void Solve_CancelledToken_Throws()
    {
        using var source = new CancellationTokenSource();
        source.Cancel();
        var problem = new AssignmentProblem(1, [1], [new(0, 0, 0.5)]);

        Assert.ThrowsAny<OperationCanceledException>(() => AssignmentSolver.Solve(problem, source.Token));
    }

    // ---- properties ----------------------------------------------------------------------------------------

    [Property(MaxTest = 300)]
    public Property Solve_SmallRandomInstances_MatchesBruteForceOptimum() =>
        Prop.ForAll(Instances(maxCitizens: 6, maxMentors: 4, maxCapacity: 2, maxPerCitizen: 2), spec =>
        {
            var problem = spec.Build();
            var (pairs, objective) = BruteForce(problem);
            return Directions.All(direction =>
            {
                var solution = AssignmentSolver.Solve(problem, direction);
                return solution.Pairs.Count == pairs && Math.Abs(solution.TotalWeightedScore - objective) <= Tolerance;
            });
        });

    [Property(MaxTest = 300)]
    public Property Solve_SmallRandomInstances_IsFeasible() =>
        Prop.ForAll(Instances(maxCitizens: 6, maxMentors: 4, maxCapacity: 2, maxPerCitizen: 2), spec =>
            Directions.All(direction => IsFeasible(spec.Build(), direction)));

    [Property(MaxTest = 100)]
    public Property Solve_MediumRandomInstances_MatchesReferenceMinCostFlow() =>
        Prop.ForAll(Instances(maxCitizens: 40, maxMentors: 15, maxCapacity: 4, maxPerCitizen: 3), spec =>
        {
            var problem = spec.Build();
            var (pairs, objective) = ReferenceMinCostFlow(problem);
            return Directions.All(direction =>
            {
                var solution = AssignmentSolver.Solve(problem, direction);
                return solution.Pairs.Count == pairs && Math.Abs(solution.TotalWeightedScore - objective) <= 1e-7 && IsFeasible(problem, direction);
            });
        });

    [Property(MaxTest = 200)]
    public Property Solve_ShuffledCandidatesWithWorseRepeats_ReturnsIdenticalSolution() =>
        Prop.ForAll(Instances(maxCitizens: 12, maxMentors: 6, maxCapacity: 3, maxPerCitizen: 2), spec =>
        {
            var problem = spec.Build();
            var random = new Random(spec.Seed ^ 0x5eed);
            var candidates = problem.Candidates.ToList();
            foreach (var candidate in problem.Candidates)
                if (random.Next(4) == 0) candidates.Add(candidate with { Score = candidate.Score * random.NextDouble() });
            var shuffled = problem with { Candidates = candidates.OrderBy(_ => random.Next()).ToArray() };

            var a = AssignmentSolver.Solve(problem);
            var b = AssignmentSolver.Solve(shuffled);
            return a.Pairs.SequenceEqual(b.Pairs) && a.TotalScore.Equals(b.TotalScore) && a.TotalWeightedScore.Equals(b.TotalWeightedScore);
        });

    // ---- instances -----------------------------------------------------------------------------------------

    /// <summary>A reproducible random instance; FsCheck prints it on failure.</summary>
    public sealed record InstanceSpec(int Citizens, int Mentors, int MaxCapacity, int MaxPerCitizen, int Seed)
    {
        internal AssignmentProblem Build()
        {
            var random = new Random(Seed);
            var capacity = Enumerable.Range(0, Mentors).Select(_ => random.Next(MaxCapacity + 1)).ToArray();
            var density = 0.2 + (0.7 * random.NextDouble());
            var discreteScores = random.Next(2) == 0;   // many exact ties
            double[] levels = [0, 0.25, 0.5, 0.5, 0.75, 1];
            var candidates = new List<Candidate>();
            for (var c = 0; c < Citizens; c++)
            {
                for (var m = 0; m < Mentors; m++)
                {
                    if (random.NextDouble() >= density) continue;
                    var score = discreteScores ? levels[random.Next(levels.Length)] : random.NextDouble();
                    candidates.Add(new Candidate(c, m, score));
                    if (random.Next(8) == 0) candidates.Add(new Candidate(c, m, random.NextDouble()));   // a repeat
                }
            }
            double[]? weights = random.Next(3) switch
            {
                0 => null,
                1 => Enumerable.Range(0, Citizens).Select(_ => (double)random.Next(4) / 2).ToArray(),   // 0, 0.5, 1, 1.5
                _ => Enumerable.Range(0, Citizens).Select(_ => 3 * random.NextDouble()).ToArray(),
            };
            var order = candidates.OrderBy(_ => random.Next()).ToArray();
            return new AssignmentProblem(Citizens, capacity, order, MaxPerCitizen, weights);
        }
    }

    private static Arbitrary<InstanceSpec> Instances(int maxCitizens, int maxMentors, int maxCapacity, int maxPerCitizen) =>
        (from citizens in Gen.Choose(0, maxCitizens)
         from mentors in Gen.Choose(0, maxMentors)
         from perCitizen in Gen.Choose(1, maxPerCitizen)
         from seed in Gen.Choose(0, int.MaxValue - 1)
         select new InstanceSpec(citizens, mentors, maxCapacity, perCitizen, seed)).ToArbitrary();

    // ---- oracles -------------------------------------------------------------------------------------------

    /// <summary>Pair scores after merging repeats (the highest wins).</summary>
    private static Dictionary<(int Citizen, int Mentor), double> Merged(AssignmentProblem problem)
    {
        var merged = new Dictionary<(int, int), double>();
        foreach (var (c, m, s) in problem.Candidates)
            merged[(c, m)] = merged.TryGetValue((c, m), out var old) ? Math.Max(old, s) : s;
        return merged;
    }

    private static double Weight(AssignmentProblem problem, int citizen) => problem.CitizenWeight?[citizen] ?? 1.0;

    private static bool IsFeasible(AssignmentProblem problem, AssignmentSolver.SearchDirection direction)
    {
        var solution = AssignmentSolver.Solve(problem, direction);
        var merged = Merged(problem);
        var pairs = solution.Pairs;
        if (pairs.Distinct().Count() != pairs.Count) return false;
        if (pairs.Any(p => !merged.TryGetValue((p.Citizen, p.Mentor), out var s) || s != p.Score)) return false;
        if (pairs.GroupBy(p => p.Mentor).Any(g => g.Count() > problem.MentorCapacity[g.Key])) return false;
        if (pairs.GroupBy(p => p.Citizen).Any(g => g.Count() > problem.MaxPerCitizen)) return false;
        var ordered = pairs.OrderBy(p => p.Citizen).ThenBy(p => p.Mentor);
        if (!ordered.SequenceEqual(pairs)) return false;
        return Math.Abs(solution.TotalScore - pairs.Sum(p => p.Score)) <= Tolerance
            && Math.Abs(solution.TotalWeightedScore - pairs.Sum(p => Weight(problem, p.Citizen) * p.Score)) <= Tolerance;
    }

    /// <summary>Every feasible assignment, citizen by citizen (each takes any ≤ MaxPerCitizen of its mentors with a
    /// free place); the lexicographic best of (pairs, Σ weight·score).</summary>
    private static (int Pairs, double Objective) BruteForce(AssignmentProblem problem)
    {
        var byCitizen = new List<(int Mentor, double Score)>[problem.Citizens];
        for (var c = 0; c < problem.Citizens; c++) byCitizen[c] = [];
        foreach (var ((c, m), s) in Merged(problem).OrderBy(kv => kv.Key)) byCitizen[c].Add((m, s));
        var left = (int[])problem.MentorCapacity.Clone();
        var best = (Pairs: 0, Objective: 0.0);

        void Citizen(int c, int pairs, double objective)
        {
            if (c == problem.Citizens)
            {
                if (pairs > best.Pairs || (pairs == best.Pairs && objective > best.Objective)) best = (pairs, objective);
                return;
            }
            Choose(c, 0, 0, pairs, objective);
        }

        void Choose(int c, int from, int taken, int pairs, double objective)
        {
            Citizen(c + 1, pairs, objective);   // stop adding mentors for c here
            if (taken == problem.MaxPerCitizen) return;
            for (var k = from; k < byCitizen[c].Count; k++)
            {
                var (m, s) = byCitizen[c][k];
                if (left[m] == 0) continue;
                left[m]--;
                Choose(c, k + 1, taken + 1, pairs + 1, objective + (Weight(problem, c) * s));
                left[m]++;
            }
        }

        Citizen(0, 0, 0);
        return best;
    }

    /// <summary>Textbook min-cost max-flow: successive shortest paths with Bellman–Ford, on an explicit edge list.</summary>
    private static (int Pairs, double Objective) ReferenceMinCostFlow(AssignmentProblem problem)
    {
        var citizens = problem.Citizens;
        var mentors = problem.MentorCapacity.Length;
        var source = citizens + mentors;
        var sink = source + 1;
        var to = new List<int>();
        var cap = new List<int>();
        var cost = new List<double>();
        var tail = new List<int>();

        void Add(int u, int v, int capacity, double c)
        {
            to.Add(v); cap.Add(capacity); cost.Add(c); tail.Add(u);
            to.Add(u); cap.Add(0); cost.Add(-c); tail.Add(v);
        }

        for (var c = 0; c < citizens; c++) Add(source, c, problem.MaxPerCitizen, 0);
        foreach (var ((c, m), s) in Merged(problem)) Add(c, citizens + m, 1, -Weight(problem, c) * s);
        for (var m = 0; m < mentors; m++) Add(citizens + m, sink, problem.MentorCapacity[m], 0);

        var nodes = sink + 1;
        var flow = 0;
        var total = 0.0;
        while (true)
        {
            var dist = Enumerable.Repeat(double.PositiveInfinity, nodes).ToArray();
            var via = Enumerable.Repeat(-1, nodes).ToArray();
            dist[source] = 0;
            for (var round = 0; round < nodes; round++)
            {
                var changed = false;
                for (var e = 0; e < to.Count; e++)
                {
                    if (cap[e] == 0 || double.IsPositiveInfinity(dist[tail[e]])) continue;
                    var d = dist[tail[e]] + cost[e];
                    if (d < dist[to[e]] - 1e-12) { dist[to[e]] = d; via[to[e]] = e; changed = true; }
                }
                if (!changed) break;
            }
            if (via[sink] < 0) return (flow, -total);
            for (var v = sink; v != source; v = tail[via[v]])
            {
                cap[via[v]]--;
                cap[via[v] ^ 1]++;
            }
            flow++;
            total += dist[sink];
        }
    }
}
