namespace SocialCapital.Recommendations;

/// <summary>
/// Exact cohort assignment (a bipartite b-matching): each citizen gets at most <c>MaxPerCitizen</c> mentors, each
/// mentor at most its capacity of citizens, and only candidate pairs are used.
/// </summary>
/// <remarks>
/// <para><b>Objective</b>, lexicographic and exactly optimal: (1) the largest possible number of pairs (a maximum
/// flow); (2) among all assignments with that many pairs, the largest Σ w_c·s_cm over the chosen pairs, where s_cm is
/// the pair's score and w_c the citizen's weight (1 when no weights are given). With unit weights this is "as many
/// pairs as possible, then the highest total match score". The weight never trades a pair away — coverage always
/// comes first — but when capacity is short it decides <i>who</i> is served: a pair of a citizen with weight 2 counts
/// twice as much as an equally scored pair of a citizen with weight 1, so the needier citizen wins the contested
/// place unless the other's score is more than twice as high. A citizen with weight 0 is still counted in (1), so
/// nobody is left out when there is room for everybody.</para>
/// <para><b>Method</b>: min-cost maximum flow on source → citizen (capacity <c>MaxPerCitizen</c>, cost 0) → mentor
/// (capacity 1, cost −w_c·s_cm) → sink (capacity <c>MentorCapacity[m]</c>, cost 0), by successive shortest paths with
/// Johnson potentials: each round, Dijkstra on reduced costs finds a shortest augmenting path, the potentials are
/// raised so that every residual reduced cost stays ≥ 0, and one unit is pushed. Successive shortest paths keep the
/// flow of minimum cost for its value at every step, so the final maximum flow has minimum cost among maximum flows,
/// which is objective (2). The initial potentials come from one pass over the three-layer DAG. What keeps it fast:
/// citizens with a spare place have potential 0 throughout and are never put on the heap (each mentor keeps a heap of
/// its incoming pairs by cost, and its cheapest pair from such a citizen stands for all of them); each round searches
/// either forwards (source → sink) or backwards (sink → source), whichever has cost less work in recent rounds —
/// depending on the problem's shape one explores 2–10 times less than the other; a search stops when the far end is
/// settled and drops labels that cannot beat its tentative distance, and the forward search reads a full citizen's
/// pairs in the order of a cached key, stopping at the first that cannot. Reduced costs that come out slightly negative
/// through rounding are clamped to 0.</para>
/// <para><b>Determinism</b>: the candidates are first put in canonical order (by citizen, then mentor; repeated
/// pairs merged, keeping the highest score), and every later choice depends only on that canonical form: equal costs
/// go to the lower citizen index, equal distances to the lower node index, and the search direction is chosen from
/// counts of work, not time. The same problem with its candidates in any order therefore gives the same pairs and the
/// same totals, bit for bit, on any machine. When several assignments are optimal, which one is returned is fixed but
/// not otherwise specified (it is not promised to be, say, the lexicographically smallest). Single-threaded.</para>
/// </remarks>
internal static partial class AssignmentSolver
{
    /// <summary>Solves <paramref name="problem"/> exactly; see the type's remarks for the objective.</summary>
    /// <exception cref="ArgumentException">A count, capacity, weight, index or score is out of range.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="token"/> was cancelled.</exception>
    public static AssignmentSolution Solve(AssignmentProblem problem, CancellationToken token = default) =>
        Solve(problem, SearchDirection.Adaptive, token);

    /// <summary>Which way the shortest-path searches run; anything but <see cref="Adaptive"/> is for tests.</summary>
    internal enum SearchDirection
    {
        /// <summary>Each round, the direction that has cost less work lately.</summary>
        Adaptive,

        /// <summary>Always from the source towards the sink.</summary>
        Forward,

        /// <summary>Always from the sink towards the source.</summary>
        Backward,
    }

    /// <summary>As <see cref="Solve(AssignmentProblem, CancellationToken)"/>, with the search direction fixed.</summary>
    internal static AssignmentSolution Solve(AssignmentProblem problem, SearchDirection direction, CancellationToken token = default)
    {
        ArgumentNullException.ThrowIfNull(problem);
        Validate(problem);
        var network = Network.Build(problem, token);
        network.Run(direction, token);
        return network.Solution();
    }

    private static void Validate(AssignmentProblem problem)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(problem.Citizens, nameof(problem.Citizens));
        ArgumentNullException.ThrowIfNull(problem.MentorCapacity, nameof(problem.MentorCapacity));
        ArgumentNullException.ThrowIfNull(problem.Candidates, nameof(problem.Candidates));
        ArgumentOutOfRangeException.ThrowIfLessThan(problem.MaxPerCitizen, 1, nameof(problem.MaxPerCitizen));
        foreach (var capacity in problem.MentorCapacity)
            if (capacity < 0) throw new ArgumentException("Every mentor capacity must be at least 0.", nameof(problem));
        if (problem.CitizenWeight is { } weights)
        {
            if (weights.Length != problem.Citizens)
                throw new ArgumentException("CitizenWeight must have one weight per citizen.", nameof(problem));
            foreach (var w in weights)
                if (!double.IsFinite(w) || w < 0) throw new ArgumentException("Every citizen weight must be finite and at least 0.", nameof(problem));
        }
    }
}
