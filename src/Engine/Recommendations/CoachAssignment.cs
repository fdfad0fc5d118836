using SocialCapital.Graph;
using SocialCapital.Model;

namespace SocialCapital.Recommendations;

/// <summary>Assigns citizens to coaches, exactly optimally under caseload capacity: first as many citizens as possible,
/// then as many as possible to a coach who has coached or met them before (continuity, from the
/// <see cref="CoachingHistory"/>), then the most balanced load (Σ over the pairs of the coach's free share when the
/// citizen is placed, in <see cref="CoachAssignmentOptions.BalanceSteps"/> steps). Hard rules: a coach takes at most its
/// free places (capacity − active caseload, the citizens whose current coach they are; none without a stated capacity);
/// is of the citizen's hub (of the citizen's area when the citizen has no hub) unless
/// <see cref="CoachAssignmentOptions.AnyHub"/>; shares a language with a citizen who states any; covers at least one of
/// the citizen's needs when the citizen has any (a need is a goal naming a specialism some coach of the graph has); and
/// passes <see cref="CoachAssignmentOptions.Suits"/> when given. Solved as a min-cost maximum flow with the cohort
/// assignment's solver (docs/recommendations.md#coach-assignment). Pure and deterministic: the snapshot and the history
/// are only read, so any number of threads may call it.</summary>
public static partial class CoachAssignment
{
    /// <summary>Assigns the citizens without a current coach on the snapshot's date (or the listed ones) to coaches; the
    /// assignment day is <see cref="SocialGraph.AsOf"/>.</summary>
    /// <param name="graph">The snapshot: people, hubs, areas, languages, goals, specialisms, capacities.</param>
    /// <param name="history">The coaching history (spells and contacts) of the same data: who coaches whom on the
    /// assignment day, and continuity.</param>
    /// <param name="options">Options; defaults to <see cref="CoachAssignmentOptions.Default"/>.</param>
    /// <returns>The pairs with reasons and every unassigned citizen with why (a listed citizen who already has a coach
    /// among them).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="graph"/> or <paramref name="history"/> is null.</exception>
    /// <exception cref="InvalidOptionsException">An option breaks <see cref="CoachAssignmentOptions.Validate"/>.</exception>
    /// <exception cref="UnknownNodeException">A listed id names no node (the message lists every id that cannot be assigned).</exception>
    /// <exception cref="WrongNodeKindException">A listed id is not a citizen (and none is unknown).</exception>
    /// <exception cref="OperationCanceledException">The options' token was cancelled.</exception>
    public static CoachAssignmentResult Assign(SocialGraph graph, CoachingHistory history, CoachAssignmentOptions? options = null)
    {
        Guard.NotNull(graph);
        Guard.NotNull(history);
        options ??= CoachAssignmentOptions.Default;
        options.ThrowIfInvalid();
        var day = graph.AsOf;
        var citizens = new List<int>();
        var refused = new List<UnassignedCitizen>();
        if (options.Citizens is null)
        {
            for (var u = 0; u < graph.NodeCount; u++)
                if (graph.Kind(u) == NodeKind.Citizen && history.CurrentCoach(graph, graph.Id(u), day) is null) citizens.Add(u);
        }
        else
        {
            foreach (var u in CohortAssignment.Cohort(graph, options.Citizens))
            {
                if (history.CurrentCoach(graph, graph.Id(u), day) is { } spell)
                    refused.Add(new UnassignedCitizen(graph.Id(u), $"already has a coach: {spell.Coach}{Since(spell)} (a handover moves a coach's caseload)"));
                else citizens.Add(u);
            }
        }
        return Solve(new Pool(graph, history, day, -1, options), [.. citizens], refused);
    }

    /// <summary>Previews a handover: the citizens left without a coach when a coach leaves are reassigned to the other
    /// coaches on the leaving day, under the same rules and objective as <see cref="Assign"/> — so a coach the citizen
    /// has coached or met comes first, within the citizen's hub. The caseload handed over is the citizens whose current
    /// coach is the leaving coach on the day before <paramref name="leaving"/> and who have no other coach on it; the
    /// other coaches' free places are counted on <paramref name="leaving"/> without the leaving coach's spells. Nothing is
    /// written: the result is a preview for the caller to publish (end the leaving coach's spells on
    /// <paramref name="leaving"/>, start the new ones then).</summary>
    /// <param name="graph">The snapshot (people and their attributes).</param>
    /// <param name="history">The coaching history of the same data.</param>
    /// <param name="leavingCoachId">The id of the coach who leaves.</param>
    /// <param name="leaving">The first day the coach no longer works (as a tie's <c>until</c>): the handover's day.</param>
    /// <param name="options">Options (<see cref="CoachAssignmentOptions.Citizens"/> is ignored); defaults to
    /// <see cref="CoachAssignmentOptions.Default"/>.</param>
    /// <returns>The proposed pairs with reasons and every citizen who could not be placed with why.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="graph"/>, <paramref name="history"/> or
    /// <paramref name="leavingCoachId"/> is null.</exception>
    /// <exception cref="InvalidOptionsException">An option breaks <see cref="CoachAssignmentOptions.Validate"/>.</exception>
    /// <exception cref="UnknownNodeException"><paramref name="leavingCoachId"/> names no node.</exception>
    /// <exception cref="WrongNodeKindException"><paramref name="leavingCoachId"/> is not a coach.</exception>
    /// <exception cref="OperationCanceledException">The options' token was cancelled.</exception>
    public static CoachAssignmentResult Handover(SocialGraph graph, CoachingHistory history, string leavingCoachId, DateOnly leaving,
        CoachAssignmentOptions? options = null)
    {
        Guard.NotNull(graph);
        Guard.NotNull(history);
        Guard.NotNull(leavingCoachId);
        options ??= CoachAssignmentOptions.Default;
        options.ThrowIfInvalid();
        var leaver = graph.IndexOf(leavingCoachId, NodeKind.Coach);
        var caseload = new List<int>();
        if (leaving > DateOnly.MinValue)
            foreach (var id in history.CitizensOf(leavingCoachId))
                if (graph.TryGetIndex(id, out var citizen) && graph.Kind(citizen) == NodeKind.Citizen
                    && history.CurrentCoach(graph, id, leaving.AddDays(-1))?.Coach == leavingCoachId
                    && history.CurrentCoach(graph, id, leaving, leavingCoachId) is null)
                    caseload.Add(citizen);
        caseload.Sort();
        return Solve(new Pool(graph, history, leaving, leaver, options), [.. caseload], []);
    }

    /// <summary>Every node's active caseload on a day: the citizens whose current coach
    /// (<see cref="CoachingHistory.CurrentSpell(string, DateOnly, string?)"/>) it is, the spells of
    /// <paramref name="except"/> left out.</summary>
    internal static int[] Caseloads(SocialGraph graph, CoachingHistory history, DateOnly day, string? except)
    {
        var load = new int[graph.NodeCount];
        for (var u = 0; u < graph.NodeCount; u++)
            if (graph.Kind(u) == NodeKind.Citizen && history.CurrentCoach(graph, graph.Id(u), day, except) is { } spell
                && graph.TryGetIndex(spell.Coach, out var coach))
                load[coach]++;
        return load;
    }

    private static CoachAssignmentResult Solve(Pool pool, int[] citizens, List<UnassignedCitizen> refused)
    {
        var (graph, options) = (pool.Graph, pool.Options);
        var token = options.CancellationToken;
        var coaches = pool.Coaches;

        // Each coach's free places in bands (see CoachAssignmentOptions.BalanceSteps): band b of coach m is a
        // "mentor" of the solver with the band's places, scoring the free share when the band starts. The shares fall
        // from band to band, so an optimal assignment fills a coach's bands in order.
        var bandCoach = new List<int>();
        var bandPlaces = new List<int>();
        var bandBalance = new List<double>();
        var firstBand = new int[coaches.Length + 1];
        for (var m = 0; m < coaches.Length; m++)
        {
            firstBand[m] = bandCoach.Count;
            var f = pool.Free[m];
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
        firstBand[coaches.Length] = bandCoach.Count;

        // Score in [0, 1]: ½ for continuity, plus the balance scaled so that all balances together stay below ½ — so
        // the solver's "most pairs, then highest Σ score" is exactly "most pairs, then most continuity, then balance".
        var scale = 0.5 / (citizens.Length + 1);
        var candidates = new List<Candidate>();
        var continuity = new HashSet<(int, int)>();
        var reasons = new string[citizens.Length];
        for (var c = 0; c < citizens.Length; c++)
        {
            token.ThrowIfCancellationRequested();
            var citizen = pool.Citizen(citizens[c]);
            var counts = new RuleCounts();
            var eligible = 0;
            for (var m = 0; m < coaches.Length; m++)
            {
                if (!pool.Eligible(citizen, m, ref counts)) continue;
                var known = pool.History.HasCoached(graph.Id(coaches[m]), citizen.Id, pool.Day);
                if (known) continuity.Add((c, m));
                for (var b = firstBand[m]; b < firstBand[m + 1]; b++)
                    candidates.Add(new Candidate(c, b, (known ? 0.5 : 0) + (scale * bandBalance[b])));
                eligible++;
            }
            reasons[c] = eligible == 0
                ? "no eligible coach: " + (coaches.Length == 0 ? pool.Leaver >= 0 ? "there is no other coach" : "there is no coach" : counts.Describe(citizen, options.AnyHub))
                : $"all {eligible} eligible coach{(eligible == 1 ? "'s places" : "es' places")} went to other citizens";
        }
        var problem = new AssignmentProblem(citizens.Length, [.. bandPlaces], candidates);
        var solution = AssignmentSolver.Solve(problem, token);

        var served = new bool[citizens.Length];
        var pairs = new List<CoachAssignedPair>(solution.Pairs.Count);
        foreach (var pair in solution.Pairs)
        {
            served[pair.Citizen] = true;
            var m = bandCoach[pair.Mentor];
            var known = continuity.Contains((pair.Citizen, m));
            var citizen = pool.Citizen(citizens[pair.Citizen]);
            pairs.Add(new CoachAssignedPair(citizen.Id, graph.Id(coaches[m]), known, bandBalance[pair.Mentor], pool.Reasons(citizen, m, known)));
        }
        pairs.Sort((a, b) => string.CompareOrdinal(a.Citizen, b.Citizen));
        var total = citizens.Length + refused.Count;
        var unassigned = refused;
        for (var c = 0; c < citizens.Length; c++)
            if (!served[c]) unassigned.Add(new UnassignedCitizen(graph.Id(citizens[c]), reasons[c]));
        unassigned.Sort((a, b) => string.CompareOrdinal(a.Citizen, b.Citizen));
        return new CoachAssignmentResult(pairs, total, unassigned, pool.Day,
            pool.Leaver >= 0 ? graph.Id(pool.Leaver) : null);
    }

    private static string Since(CoachingSpell spell) => spell.Since is { } since ? " since " + Iso(since) : "";

    private static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
