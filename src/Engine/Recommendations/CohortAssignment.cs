using SocialCapital.Graph;
using SocialCapital.Model;
using SocialCapital.Ties;

namespace SocialCapital.Recommendations;

/// <summary>Assigns a cohort of citizens to mentors, exactly optimally: first as many (citizen, mentor) pairs as
/// possible, then the highest total match score (weighted by need when asked), within every mentor's free places
/// and under the same hard rules as <see cref="MentorMatching"/>; a pair's score is its match score. Solved as a
/// min-cost maximum flow (docs/recommendations.md#cohort-assignment). Deterministic.</summary>
public static class CohortAssignment
{
    /// <summary>Assigns the cohort.</summary>
    /// <param name="graph">The snapshot.</param>
    /// <param name="options">Options; defaults to <see cref="CohortOptions.Default"/>.</param>
    /// <returns>The pairs, totals and unassigned citizens with reasons.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="graph"/> is null.</exception>
    /// <exception cref="InvalidOptionsException">An option breaks <see cref="CohortOptions.Validate"/>.</exception>
    /// <exception cref="UnknownNodeException">A listed id names no node (the message lists every id that cannot be assigned).</exception>
    /// <exception cref="WrongNodeKindException">A listed id is not a citizen (and none is unknown).</exception>
    /// <exception cref="OperationCanceledException">The options' token was cancelled.</exception>
    public static CohortAssignmentResult Assign(SocialGraph graph, CohortOptions? options = null) => AssignCapped(graph, options, 0);

    /// <summary>As <see cref="Assign(SocialGraph, CohortOptions?)"/>, with each mentor taking at most
    /// <paramref name="maxPerMentor"/> citizens (0: only their free places limit them), for programmes.</summary>
    internal static CohortAssignmentResult AssignCapped(SocialGraph graph, CohortOptions? options, int maxPerMentor)
    {
        Guard.NotNull(graph);
        options ??= CohortOptions.Default;
        options.ThrowIfInvalid();
        var (citizens, mentors, problem, reasons) = Problem(graph, options);
        if (maxPerMentor > 0)
            for (var m = 0; m < problem.MentorCapacity.Length; m++) problem.MentorCapacity[m] = Math.Min(problem.MentorCapacity[m], maxPerMentor);
        var solution = AssignmentSolver.Solve(problem, options.CancellationToken);

        var pairs = solution.Pairs
            .Select(p => new AssignedPair(graph.Id(citizens[p.Citizen]), graph.Id(mentors[p.Mentor]), p.Score))
            .OrderBy(p => p.Citizen, StringComparer.Ordinal).ThenBy(p => p.Mentor, StringComparer.Ordinal)
            .ToArray();
        var served = new HashSet<int>(solution.Pairs.Select(p => p.Citizen));
        var unassigned = Enumerable.Range(0, citizens.Length).Where(c => !served.Contains(c))
            .Select(c => new UnassignedCitizen(graph.Id(citizens[c]), reasons[c]!))
            .OrderBy(u => u.Citizen, StringComparer.Ordinal).ToArray();
        return new CohortAssignmentResult(pairs, citizens.Length, served.Count, solution.TotalScore, solution.TotalWeightedScore, unassigned);
    }

    /// <summary>The assignment problem <see cref="Assign"/> solves: the cohort (node indices, in problem order), the
    /// mentors that are a candidate of anyone (node indices, in problem order), the problem, and per citizen the reason
    /// it would go unassigned. Also for the benchmark that compares the solver with OR-Tools on it.</summary>
    internal static (int[] Citizens, List<int> Mentors, AssignmentProblem Problem, string?[] Reasons) Problem(SocialGraph graph, CohortOptions options)
    {
        var citizens = Cohort(graph, options.Citizens);
        var scorer = new MatchScorer(graph, options.Match);
        var mentorSlot = new Dictionary<int, int>();
        var mentors = new List<int>();
        var candidates = new List<Candidate>();
        var reasons = new string?[citizens.Length];
        for (var c = 0; c < citizens.Length; c++)
        {
            options.CancellationToken.ThrowIfCancellationRequested();
            var ineligible = new IneligibleCounts();
            var eligible = scorer.Candidates(citizens[c], ineligible);
            if (eligible.Count == 0)
            {
                reasons[c] = "no eligible mentor" + (ineligible.ToString() is { Length: > 0 } why ? ": " + why : ": there are no mentors");
                continue;
            }
            if (options.CandidatesPerCitizen > 0 && eligible.Count > options.CandidatesPerCitizen)
            {
                eligible.Sort(MentorMatching.ByRank);
                eligible.RemoveRange(options.CandidatesPerCitizen, eligible.Count - options.CandidatesPerCitizen);
            }
            foreach (var pair in eligible)
            {
                if (!mentorSlot.TryGetValue(pair.Mentor, out var m)) { m = mentors.Count; mentorSlot.Add(pair.Mentor, m); mentors.Add(pair.Mentor); }
                candidates.Add(new Candidate(c, m, pair.Score));
            }
            reasons[c] = $"all {eligible.Count} eligible mentor{(eligible.Count == 1 ? "'s places" : "s' places")} went to other citizens";
        }
        var weights = options.Need == NeedWeighting.None ? null : citizens.Select(u => 1 + 1.0 / (1 + BridgingContacts(graph, u))).ToArray();
        var problem = new AssignmentProblem(citizens.Length, [.. mentors.Select(scorer.FreePlaces)], candidates, options.MaxPerCitizen, weights);
        return (citizens, mentors, problem, reasons);
    }

    /// <summary>The listed citizens (each once, in index order), or every citizen without a current mentor or a
    /// pending proposal.</summary>
    /// <exception cref="UnknownNodeException">A listed id names no node (the message lists every id that cannot be assigned).</exception>
    /// <exception cref="WrongNodeKindException">A listed id is not a citizen (and none is unknown).</exception>
    internal static int[] Cohort(SocialGraph graph, IReadOnlyList<string>? ids)
    {
        if (ids is null)
            return [.. Enumerable.Range(0, graph.NodeCount).Where(u => graph.Kind(u) == NodeKind.Citizen && IsWaiting(graph, u))];
        var problems = new List<string>();
        var cohort = new SortedSet<int>();
        string? unknown = null;
        (string Id, NodeKind Kind)? wrong = null;
        foreach (var id in ids)
        {
            if (!graph.TryGetIndex(id, out var u))
            {
                problems.Add($"no node has id '{id}'");
                unknown ??= id;
            }
            else if (graph.Kind(u) != NodeKind.Citizen)
            {
                problems.Add($"'{id}' is {Words.A(graph.Kind(u).Name())}, not a citizen");
                wrong ??= (id, graph.Kind(u));
            }
            else cohort.Add(u);
        }
        if (problems.Count == 0) return [.. cohort];
        var message = $"The cohort lists {problems.Count} id{(problems.Count == 1 ? "" : "s")} that cannot be assigned: {string.Join("; ", problems.Take(20))}{(problems.Count > 20 ? "; …" : "")}";
        if (unknown is not null) throw new UnknownNodeException(unknown, message);
        throw new WrongNodeKindException(wrong!.Value.Id, wrong.Value.Kind, "a citizen", message);
    }

    /// <summary>Whether a citizen waits for a mentor: no current mentor and no pending proposal.</summary>
    internal static bool IsWaiting(SocialGraph graph, int citizen) =>
        !graph.Mentoring.HasCurrentMentor(citizen) && !graph.Mentoring.HasPendingProposal(citizen);

    /// <summary>The bridging contacts of <paramref name="u"/>: the need measure of cohorts and programmes.</summary>
    internal static int BridgingContacts(SocialGraph graph, int u)
    {
        var count = 0;
        foreach (var c in graph.TieClasses(u)) if (c == TieClass.Bridging) count++;
        return count;
    }
}
