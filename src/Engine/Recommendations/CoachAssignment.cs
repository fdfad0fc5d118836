using SocialCapital.Graph;
using SocialCapital.Model;
using SocialCapital.Ties;

namespace SocialCapital.Recommendations;

/// <summary>Assigns citizens to coaches, exactly optimally under caseload capacity: first as many citizens as possible,
/// then as many as possible to a coach who has coached or met them before (continuity), then the most balanced load
/// (Σ over the pairs of the coach's free share when the citizen is placed, in <see cref="CoachAssignmentOptions.BalanceSteps"/>
/// steps). Hard rules: a coach takes at most its free places
/// (capacity − active caseload; none without a stated capacity), shares a language with a citizen who states any, is in
/// the citizen's group (<see cref="CoachAssignmentOptions.SameGroup"/>, default the same area) unless
/// <see cref="CoachAssignmentOptions.AnyArea"/>, and suits the citizen (<see cref="CoachAssignmentOptions.Suits"/>).
/// Solved as a min-cost maximum flow with the cohort assignment's solver (docs/recommendations.md#coach-assignment).
/// Pure and deterministic: the snapshot is only read, so any number of threads may call it.</summary>
public static class CoachAssignment
{
    /// <summary>Assigns the citizens without a coach (or the listed ones) to coaches.</summary>
    /// <param name="graph">The snapshot.</param>
    /// <param name="options">Options; defaults to <see cref="CoachAssignmentOptions.Default"/>.</param>
    /// <returns>The pairs with reasons and every unassigned citizen with why.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="graph"/> is null.</exception>
    /// <exception cref="InvalidOptionsException">An option breaks <see cref="CoachAssignmentOptions.Validate"/>.</exception>
    /// <exception cref="UnknownNodeException">A listed id names no node (the message lists every id that cannot be assigned).</exception>
    /// <exception cref="WrongNodeKindException">A listed id is not a citizen (and none is unknown).</exception>
    /// <exception cref="OperationCanceledException">The options' token was cancelled.</exception>
    public static CoachAssignmentResult Assign(SocialGraph graph, CoachAssignmentOptions? options = null)
    {
        Guard.NotNull(graph);
        options ??= CoachAssignmentOptions.Default;
        options.ThrowIfInvalid();
        var citizens = options.Citizens is null
            ? [.. Enumerable.Range(0, graph.NodeCount).Where(u => graph.Kind(u) == NodeKind.Citizen && Caseload(graph, u) == 0)]
            : CohortAssignment.Cohort(graph, options.Citizens);
        return Solve(graph, citizens, -1, options);
    }

    /// <summary>Previews a handover: the leaving coach's active caseload reassigned to the other coaches under the same
    /// rules and objective as <see cref="Assign"/> (so a coach the citizen has coached or met before comes first, within
    /// the same group). Nothing is written.</summary>
    /// <param name="graph">The snapshot.</param>
    /// <param name="leavingCoachId">The id of the coach who leaves.</param>
    /// <param name="options">Options (<see cref="CoachAssignmentOptions.Citizens"/> is ignored); defaults to
    /// <see cref="CoachAssignmentOptions.Default"/>.</param>
    /// <returns>The proposed pairs with reasons and every citizen who could not be placed with why.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="graph"/> or <paramref name="leavingCoachId"/> is null.</exception>
    /// <exception cref="InvalidOptionsException">An option breaks <see cref="CoachAssignmentOptions.Validate"/>.</exception>
    /// <exception cref="UnknownNodeException"><paramref name="leavingCoachId"/> names no node.</exception>
    /// <exception cref="WrongNodeKindException"><paramref name="leavingCoachId"/> is not a coach.</exception>
    /// <exception cref="OperationCanceledException">The options' token was cancelled.</exception>
    public static CoachAssignmentResult Handover(SocialGraph graph, string leavingCoachId, CoachAssignmentOptions? options = null)
    {
        Guard.NotNull(graph);
        Guard.NotNull(leavingCoachId);
        options ??= CoachAssignmentOptions.Default;
        options.ThrowIfInvalid();
        var leaving = graph.IndexOf(leavingCoachId);
        if (graph.Kind(leaving) != NodeKind.Coach) throw new WrongNodeKindException(leavingCoachId, graph.Kind(leaving), "a coach");
        var caseload = new List<int>();
        var neighbours = graph.Neighbors(leaving);
        var kinds = graph.ContactKinds(leaving);
        for (var i = 0; i < neighbours.Length; i++)
            if ((kinds[i] & ContactKinds.Coaching) != 0 && graph.Kind(neighbours[i]) == NodeKind.Citizen) caseload.Add(neighbours[i]);
        return Solve(graph, [.. caseload], leaving, options);
    }

    /// <summary>The active coaching ties of <paramref name="node"/> with people of the other side: a coach's caseload,
    /// or a citizen's number of coaches.</summary>
    internal static int Caseload(SocialGraph graph, int node)
    {
        var other = graph.Kind(node) == NodeKind.Coach ? NodeKind.Citizen : NodeKind.Coach;
        var neighbours = graph.Neighbors(node);
        var kinds = graph.ContactKinds(node);
        var count = 0;
        for (var i = 0; i < neighbours.Length; i++)
            if ((kinds[i] & ContactKinds.Coaching) != 0 && graph.Kind(neighbours[i]) == other) count++;
        return count;
    }

    /// <summary>Free places of a coach: capacity − active caseload, at least 0; 0 without a stated capacity.</summary>
    internal static int FreePlaces(SocialGraph graph, int coach) =>
        graph.Capacity(coach) is { } capacity ? Math.Max(0, capacity - Caseload(graph, coach)) : 0;

    private static CoachAssignmentResult Solve(SocialGraph graph, int[] citizens, int leaving, CoachAssignmentOptions options)
    {
        var token = options.CancellationToken;
        var coaches = new List<int>();
        for (var u = 0; u < graph.NodeCount; u++)
            if (graph.Kind(u) == NodeKind.Coach && u != leaving) coaches.Add(u);
        var free = coaches.Select(m => FreePlaces(graph, m)).ToArray();

        // Each coach's free places in bands (see CoachAssignmentOptions.BalanceSteps): band b of coach m is a
        // "mentor" of the solver with the band's places, scoring the free share when the band starts. The shares fall
        // from band to band, so an optimal assignment fills a coach's bands in order.
        var bandCoach = new List<int>();
        var bandPlaces = new List<int>();
        var bandBalance = new List<double>();
        var firstBand = new int[coaches.Count + 1];
        for (var m = 0; m < coaches.Count; m++)
        {
            firstBand[m] = bandCoach.Count;
            var f = free[m];
            var steps = Math.Min(f, options.BalanceSteps);
            for (int b = 0, start = 0; b < steps; b++)
            {
                var places = (f / steps) + (b < f % steps ? 1 : 0);
                bandCoach.Add(m);
                bandPlaces.Add(places);
                bandBalance.Add((double)(f - start) / graph.Capacity(coaches[m])!.Value);
                start += places;
            }
        }
        firstBand[coaches.Count] = bandCoach.Count;

        // Score in [0, 1]: ½ for continuity, plus the balance scaled so that all balances together stay below ½ — so
        // the solver's "most pairs, then highest Σ score" is exactly "most pairs, then most continuity, then balance".
        var scale = 0.5 / (citizens.Length + 1);
        var candidates = new List<Candidate>();
        var continuity = new HashSet<(int, int)>();
        var reasons = new string[citizens.Length];
        for (var c = 0; c < citizens.Length; c++)
        {
            token.ThrowIfCancellationRequested();
            var citizen = citizens[c];
            var counts = new Counts();
            var eligible = 0;
            for (var m = 0; m < coaches.Count; m++)
            {
                if (!Eligible(graph, citizen, coaches[m], free[m], options, ref counts)) continue;
                var known = Known(graph, citizen, coaches[m], options);
                if (known) continuity.Add((c, m));
                for (var b = firstBand[m]; b < firstBand[m + 1]; b++)
                    candidates.Add(new Candidate(c, b, (known ? 0.5 : 0) + (scale * bandBalance[b])));
                eligible++;
            }
            reasons[c] = eligible == 0
                ? "no eligible coach: " + (coaches.Count == 0 ? "there are no other coaches" : counts.ToString())
                : $"all {eligible} eligible coach{(eligible == 1 ? "'s places" : "es' places")} went to other citizens";
        }
        var problem = new AssignmentProblem(citizens.Length, [.. bandPlaces], candidates);
        var solution = AssignmentSolver.Solve(problem, token);

        var served = new bool[citizens.Length];
        var pairs = new List<CoachAssignedPair>(solution.Pairs.Count);
        foreach (var pair in solution.Pairs)
        {
            served[pair.Citizen] = true;
            var citizen = citizens[pair.Citizen];
            var m = bandCoach[pair.Mentor];
            var known = continuity.Contains((pair.Citizen, m));
            pairs.Add(new CoachAssignedPair(graph.Id(citizen), graph.Id(coaches[m]), known, bandBalance[pair.Mentor],
                Reasons(graph, citizen, coaches[m], known, free[m], options)));
        }
        pairs.Sort((a, b) => string.CompareOrdinal(a.Citizen, b.Citizen));
        var unassigned = Enumerable.Range(0, citizens.Length).Where(c => !served[c])
            .Select(c => new UnassignedCitizen(graph.Id(citizens[c]), reasons[c]))
            .OrderBy(u => u.Citizen, StringComparer.Ordinal).ToArray();
        return new CoachAssignmentResult(pairs, citizens.Length, unassigned);
    }

    /// <summary>Whether the hard rules allow the pair, counting the first rule that rules it out.</summary>
    private static bool Eligible(SocialGraph graph, int citizen, int coach, int free, CoachAssignmentOptions options, ref Counts counts)
    {
        if (free == 0) { counts.NoFreePlace++; return false; }
        if (!options.AnyArea && !SameGroup(graph, citizen, coach, options)) { counts.OtherGroup++; return false; }
        var languages = graph.Languages(citizen);
        if (languages.Count > 0 && !graph.Languages(coach).Any(languages.Contains)) { counts.NoSharedLanguage++; return false; }
        if (options.Suits is { } suits && !suits(graph.Id(coach), graph.Id(citizen))) { counts.NotSuited++; return false; }
        return true;
    }

    private static bool SameGroup(SocialGraph graph, int citizen, int coach, CoachAssignmentOptions options) =>
        options.SameGroup is { } same
            ? same(graph.Id(coach), graph.Id(citizen))
            : graph.Area(citizen) is { } area && area == graph.Area(coach);

    private static bool Known(SocialGraph graph, int citizen, int coach, CoachAssignmentOptions options) =>
        options.HasCoached is { } known ? known(graph.Id(coach), graph.Id(citizen)) : graph.AreInContact(coach, citizen);

    private static string[] Reasons(SocialGraph graph, int citizen, int coach, bool known, int free, CoachAssignmentOptions options)
    {
        var reasons = new List<string>();
        if (known) reasons.Add("has coached or met this citizen before (continuity)");
        if (!options.AnyArea)
            reasons.Add(options.SameGroup is null ? $"same area ({graph.Area(citizen)})" : "same group");
        var languages = graph.Languages(citizen);
        if (languages.Count > 0)
            reasons.Add("speaks " + string.Join(", ", graph.Languages(coach).Where(languages.Contains)));
        if (options.Suits is not null) reasons.Add("suits the citizen's needs");
        reasons.Add($"{free} of {graph.Capacity(coach)} places free");
        return [.. reasons];
    }

    /// <summary>How many coaches each hard rule ruled out for one citizen (the first rule that applies).</summary>
    private struct Counts
    {
        public int NoFreePlace;
        public int OtherGroup;
        public int NoSharedLanguage;
        public int NotSuited;

        public override readonly string ToString()
        {
            var parts = new List<string>();
            void Add(int n, string what) { if (n > 0) parts.Add($"{n} {(n == 1 ? "coach" : "coaches")} {what}"); }
            Add(NoFreePlace, "with no free place");
            Add(OtherGroup, "in another area or group (allow any area to include them)");
            Add(NoSharedLanguage, "sharing none of the citizen's languages");
            Add(NotSuited, "not suited to the citizen's needs");
            return string.Join("; ", parts);
        }
    }
}
