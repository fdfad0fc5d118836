using System.Globalization;
using SocialCapital.Graph;
using SocialCapital.Interchange;
using SocialCapital.Model;

namespace SocialCapital.Recommendations;

/// <summary>A matching round (docs/recommendations.md#matching-rounds): one proposal each for waiting citizens, at most
/// every mentor's free places on the round's date (capacity − current mentees − places held by pending proposals), so
/// no mentor is proposed to more citizens at once than they have room for. Exactly optimal by the cohort assignment's
/// min-cost flow, lexicographically: (1) as many proposals as possible; (2) the largest Σ wᵢ·sᵢₘ, sᵢₘ the pair's match
/// score and wᵢ = 1 + <see cref="RoundOptions.WaitingWeight"/> · (days citizen i has waited) / 30, so the citizens who
/// have waited longest win contested places. Hard rules are those of <see cref="MentorMatching"/>, and a pair declined
/// before, a pair with a pending proposal or a pair in <see cref="MatchOptions.ExcludedPairs"/> is never proposed.
/// Deterministic; safe to call from any number of threads.</summary>
public static class MatchingRound
{
    /// <summary>Days of waiting that add one <see cref="RoundOptions.WaitingWeight"/> to a citizen's weight.</summary>
    public const int WaitingWeightDays = 30;

    /// <summary>Proposes mentors for a round.</summary>
    /// <param name="graph">The graph; its analysis date is the round's date. Its pending proposals hold places; it
    /// must have been built from the same records as <paramref name="proposals"/> (a dataset's graph and its proposals,
    /// a live snapshot's graph and its proposals).</param>
    /// <param name="proposals">Every proposal so far (declined pairs are never proposed again; waiting time comes from
    /// them; new ids are unique against them).</param>
    /// <param name="options">The round's options; null for <see cref="RoundOptions.Default"/>.</param>
    /// <returns>The new proposals, ordered by citizen id, and who was left waiting or was not waiting.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="graph"/> or <paramref name="proposals"/> is null.</exception>
    /// <exception cref="ArgumentException">The pending proposals of <paramref name="proposals"/> are not those the graph
    /// holds (it was built from other records).</exception>
    /// <exception cref="InvalidOptionsException">An option breaks <see cref="RoundOptions.Validate"/>.</exception>
    /// <exception cref="UnknownNodeException">A listed citizen names no node (the message lists every bad id), or
    /// <see cref="RoundOptions.ProposedBy"/> names no node.</exception>
    /// <exception cref="WrongNodeKindException">A listed id is not a citizen (and none is unknown), or
    /// <see cref="RoundOptions.ProposedBy"/> is not a coach.</exception>
    /// <exception cref="OperationCanceledException">The options' token was cancelled.</exception>
    public static RoundResult Propose(SocialGraph graph, IReadOnlyList<ProposalRecord> proposals, RoundOptions? options = null)
    {
        Guard.NotNull(graph);
        Guard.NotNull(proposals);
        options ??= RoundOptions.Default;
        InvalidOptionsException.ThrowIfAny(options.Validate());
        var asOf = graph.AsOf;
        CheckPending(graph, proposals);
        if (options.ProposedBy is { } coach) graph.IndexOf(coach, NodeKind.Coach);

        var listed = CohortAssignment.Cohort(graph, options.Citizens);
        var waiting = new List<int>(listed.Length);
        var notWaiting = new List<UnassignedCitizen>();
        foreach (var c in listed)
        {
            if (graph.Mentoring.HasCurrentMentor(c)) notWaiting.Add(new UnassignedCitizen(graph.Id(c), "has a mentor"));
            else if (graph.Mentoring.HasPendingProposal(c)) notWaiting.Add(new UnassignedCitizen(graph.Id(c), "has a pending proposal"));
            else waiting.Add(c);
        }

        // Declined pairs are ruled out, and so is a pair with an undecided proposal whose period overlaps the new one's
        // (pending ones, and any made for a later day): one undecided proposal per pair at a time.
        var expires = asOf.AddDays(options.ExpiresInDays);
        var excluded = new HashSet<(string, string)>(options.Match.ExcludedPairs);
        foreach (var p in proposals)
            if (p.Status == ProposalStatus.Declined || (p.Status == ProposalStatus.Proposed && p.Proposed < expires && asOf < p.Expires))
                excluded.Add((p.Citizen, p.Mentor));
        var cohort = new CohortOptions
        {
            Citizens = [.. waiting.Select(graph.Id)],
            Match = options.Match with { ExcludedPairs = excluded },
            CancellationToken = options.CancellationToken,
        };
        var (citizens, mentors, problem, reasons) = CohortAssignment.Problem(graph, cohort);
        var waited = WaitedDays(graph, proposals, citizens);
        var weights = new double[citizens.Length];
        for (var c = 0; c < weights.Length; c++) weights[c] = Weight(options.WaitingWeight, waited[c]);
        var solution = AssignmentSolver.Solve(problem with { CitizenWeight = weights }, options.CancellationToken);

        var round = RoundNumber(proposals, asOf);
        var made = solution.Pairs
            .Select(p => (Citizen: graph.Id(citizens[p.Citizen]), Mentor: graph.Id(mentors[p.Mentor])))
            .OrderBy(p => p.Citizen, StringComparer.Ordinal)
            .Select((p, n) => new ProposalRecord(Id(asOf, round, n + 1), p.Citizen, p.Mentor, asOf, expires)
            {
                ProposedBy = options.ProposedBy,
            })
            .ToArray();
        var served = new HashSet<int>(solution.Pairs.Select(p => p.Citizen));
        var left = Enumerable.Range(0, citizens.Length).Where(c => !served.Contains(c))
            .Select(c => new UnassignedCitizen(graph.Id(citizens[c]), reasons[c]!))
            .OrderBy(u => u.Citizen, StringComparer.Ordinal).ToArray();
        var days = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var c = 0; c < citizens.Length; c++) days[graph.Id(citizens[c])] = waited[c];
        return new RoundResult(made, [.. left.Select(u => u.Citizen)])
        {
            Unproposed = left,
            NotWaiting = [.. notWaiting.OrderBy(u => u.Citizen, StringComparer.Ordinal)],
            WaitedDays = days,
            TotalScore = solution.TotalScore,
            TotalWeightedScore = solution.TotalWeightedScore,
        };
    }

    /// <summary>The proposals that expire by <paramref name="date"/>: those still proposed whose expiry day is on or
    /// before it (a proposal is pending while <c>date &lt; Expires</c>), each with status expired and decided on its
    /// expiry day. Their places are free again; the pair may be proposed again (a declined pair never is).</summary>
    /// <param name="proposals">The proposals.</param>
    /// <param name="date">The analysis date.</param>
    /// <returns>The changed proposals, in input order; empty when none expires.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="proposals"/> or one of them is null.</exception>
    public static IReadOnlyList<ProposalRecord> Expire(IReadOnlyList<ProposalRecord> proposals, DateOnly date)
    {
        Guard.NotNull(proposals);
        var expired = new List<ProposalRecord>();
        foreach (var p in proposals)
            if (Guard.NotNull(p).On(date) is var now && !ReferenceEquals(now, p)) expired.Add(now);
        return expired;
    }

    /// <summary>Why <paramref name="mentor"/> may not be proposed for <paramref name="citizen"/> on the graph's analysis
    /// date, in words, or null when they may: the rules a coach's single proposal shares with rounds and matching — never
    /// a current or past mentor, never a pair declined before, one pending proposal per citizen at a time, and a free
    /// place (capacity less current mentees less pending proposals). O(1). Thread-safe.</summary>
    /// <param name="graph">The graph, with its proposals.</param>
    /// <param name="citizen">The citizen's id.</param>
    /// <param name="mentor">The mentor's id.</param>
    /// <returns>The reason, or null.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="UnknownNodeException">An id is unknown.</exception>
    /// <exception cref="WrongNodeKindException">The citizen is not a citizen or the mentor not a mentor.</exception>
    public static string? WhyNotPropose(SocialGraph graph, string citizen, string mentor)
    {
        Guard.NotNull(graph);
        var c = graph.IndexOf(Guard.NotNull(citizen));
        var m = graph.IndexOf(Guard.NotNull(mentor));
        if (graph.Kind(c) != NodeKind.Citizen) throw new WrongNodeKindException(citizen, graph.Kind(c), "citizen");
        if (graph.Kind(m) != NodeKind.Mentor) throw new WrongNodeKindException(mentor, graph.Kind(m), "mentor");
        var history = graph.Mentoring;
        if (history.Ever(m, c)) return $"'{mentor}' mentors or has mentored '{citizen}'; a pair is matched once.";
        if (history.Declined(m, c)) return $"'{mentor}' was declined for '{citizen}' before; a declined pair is not proposed again.";
        if (history.HasPendingProposal(c)) return $"'{citizen}' already has a pending proposal; it must be decided, withdrawn or expire first.";
        return history.FreePlaces(m, graph.Capacity(m)) > 0 ? null
            : $"Mentor '{mentor}' has no free place: capacity {graph.Capacity(m) ?? 0}, {history.CurrentMentees(m)} current mentees, "
                + $"{history.PendingPlaces(m)} pending proposals.";
    }

    /// <summary>A citizen's weight in the round: 1 + <paramref name="waitingWeight"/> · days / 30.</summary>
    internal static double Weight(double waitingWeight, int days) => 1 + (waitingWeight * days / WaitingWeightDays);

    /// <summary>Days each citizen has waited on the graph's date: since their earliest proposal made after (or on the
    /// day of) their last pairing event, up to the date; 0 without one.</summary>
    internal static int[] WaitedDays(SocialGraph graph, IReadOnlyList<ProposalRecord> proposals, int[] citizens)
    {
        var asOf = graph.AsOf;
        var position = new Dictionary<string, int>(citizens.Length, StringComparer.Ordinal);
        for (var c = 0; c < citizens.Length; c++) position[graph.Id(citizens[c])] = c;
        var since = new DateOnly?[citizens.Length];
        foreach (var p in proposals)
        {
            if (!position.TryGetValue(p.Citizen, out var c) || p.Proposed > asOf) continue;
            if (graph.Mentoring.LastPairing(citizens[c]) is { } cutoff && p.Proposed < cutoff) continue;
            if (since[c] is null || p.Proposed < since[c]) since[c] = p.Proposed;
        }
        var days = new int[citizens.Length];
        for (var c = 0; c < days.Length; c++) days[c] = since[c] is { } d ? asOf.DayNumber - d.DayNumber : 0;
        return days;
    }

    /// <summary>Throws when a mentor's pending proposals in the list differ in number from those the graph holds.</summary>
    private static void CheckPending(SocialGraph graph, IReadOnlyList<ProposalRecord> proposals)
    {
        var counts = new Dictionary<int, int>();
        foreach (var p in proposals)
        {
            Guard.NotNull(p);
            if (p.IsPendingOn(graph.AsOf) && graph.TryGetIndex(p.Mentor, out var m)) counts[m] = counts.GetValueOrDefault(m) + 1;
        }
        foreach (var (m, count) in counts)
            if (graph.Mentoring.PendingPlaces(m) != count)
                throw new ArgumentException(
                    $"The proposals are not those the graph was built from: mentor '{graph.Id(m)}' has {count} pending in the list, " +
                    $"{graph.Mentoring.PendingPlaces(m)} in the graph.", nameof(proposals));
        var total = 0;
        foreach (var count in counts.Values) total += count;
        for (var m = 0; m < graph.NodeCount && total == 0; m++)
            if (graph.Kind(m) == NodeKind.Mentor && graph.Mentoring.PendingPlaces(m) > 0)
                throw new ArgumentException(
                    $"The proposals are not those the graph was built from: mentor '{graph.Id(m)}' has pending proposals in the graph, none in the list.",
                    nameof(proposals));
    }

    /// <summary>The first round number of the day whose ids no proposal uses yet.</summary>
    private static int RoundNumber(IReadOnlyList<ProposalRecord> proposals, DateOnly date)
    {
        var prefix = "r" + date.ToString("yyyyMMdd", CultureInfo.InvariantCulture) + "-";
        var used = 0;
        foreach (var p in proposals)
        {
            if (!p.Id.StartsWith(prefix, StringComparison.Ordinal)) continue;
            var rest = p.Id.AsSpan(prefix.Length);
            var dash = rest.IndexOf('-');
            if (dash > 0 && int.TryParse(rest[..dash], NumberStyles.None, CultureInfo.InvariantCulture, out var k)) used = Math.Max(used, k);
        }
        return used + 1;
    }

    /// <summary>A new proposal's id: <c>r&lt;yyyyMMdd&gt;-&lt;round&gt;-&lt;n&gt;</c>, e.g. <c>r20261203-1-7</c>.</summary>
    private static string Id(DateOnly date, int round, int n) =>
        string.Create(CultureInfo.InvariantCulture, $"r{date:yyyyMMdd}-{round}-{n}");
}

/// <summary>Options of a matching round. Defaults: every waiting citizen, proposals expire after 10 days, waiting weight
/// 1 (a month's wait doubles a citizen's weight), nobody named as proposer, same-area matching with default weights.
/// Immutable; thread-safe.</summary>
public sealed record RoundOptions
{
    /// <summary>The defaults.</summary>
    public static RoundOptions Default { get; } = new();

    /// <summary>The citizens to propose for; null for every waiting citizen (no current mentor, no pending proposal).
    /// Listed citizens who are not waiting are reported in <see cref="RoundResult.NotWaiting"/>, not proposed.</summary>
    public IReadOnlyList<string>? Citizens { get; init; }

    /// <summary>Days until a proposal expires, ≥ 1. Default 10.</summary>
    public int ExpiresInDays { get; init; } = 10;

    /// <summary>Who makes the proposals: a coach's id (a node of the graph), or null.</summary>
    public string? ProposedBy { get; init; }

    /// <summary>Priority for waiting: a citizen's weight is 1 + this × days waited / 30, so with the default 1 a citizen
    /// who has waited 30 days counts twice as much as one never proposed, and wins a contested place unless the other's
    /// match score is more than twice as high. 0 ignores waiting. A finite number ≥ 0; default 1.</summary>
    public double WaitingWeight { get; init; } = 1;

    /// <summary>Matching options (area rule, weights, excluded pairs); <see cref="MatchOptions.Top"/> is not used.</summary>
    public MatchOptions Match { get; init; } = MatchOptions.Default;

    /// <summary>Cancels the round (an <see cref="OperationCanceledException"/> is thrown).</summary>
    public CancellationToken CancellationToken { get; init; }

    /// <summary>Checks the options against the rules <see cref="MatchingRound.Propose"/> applies when it starts:
    /// <see cref="ExpiresInDays"/> at least 1, <see cref="WaitingWeight"/> a finite number ≥ 0, <see cref="ProposedBy"/>
    /// null or a valid id, no null citizen, <see cref="Match"/> as <see cref="MatchOptions.Validate"/>.</summary>
    /// <returns>Every problem found; empty when the options are valid.</returns>
    public IReadOnlyList<OptionProblem> Validate() => new OptionRules()
        .Check(ExpiresInDays >= 1, nameof(ExpiresInDays), ExpiresInDays, "must be at least 1")
        .NonNegative(nameof(WaitingWeight), WaitingWeight)
        .Check(ProposedBy is null || RecordValidator.IdProblem(ProposedBy) is null, nameof(ProposedBy), ProposedBy,
            RecordValidator.IdProblem(ProposedBy) ?? "")
        .Check(Citizens is null || Citizens.All(c => c is not null), nameof(Citizens), null, "must not hold null")
        .Nested(nameof(Match), Match, m => m.Validate())
        .Problems;
}

/// <summary>What a round proposed. Immutable; thread-safe.</summary>
/// <param name="Proposals">The new proposals (status proposed, made on the round's date), ordered by citizen id.</param>
/// <param name="Waiting">Waiting citizens of the round left without a proposal, ordered by id.</param>
public sealed record RoundResult(IReadOnlyList<ProposalRecord> Proposals, IReadOnlyList<string> Waiting)
{
    /// <summary>The citizens of <see cref="Waiting"/> with the reason each got no proposal.</summary>
    public IReadOnlyList<UnassignedCitizen> Unproposed { get; init; } = [];

    /// <summary>Listed citizens who were not waiting (a current mentor, a pending proposal), ordered by id, with why.</summary>
    public IReadOnlyList<UnassignedCitizen> NotWaiting { get; init; } = [];

    /// <summary>Days each waiting citizen of the round had waited (0: never proposed since their last pairing).</summary>
    public IReadOnlyDictionary<string, int> WaitedDays { get; init; } = new Dictionary<string, int>();

    /// <summary>Σ match score over the new proposals.</summary>
    public double TotalScore { get; init; }

    /// <summary>Σ waiting weight × match score over the new proposals: the objective the round maximises among the
    /// rounds with the most proposals.</summary>
    public double TotalWeightedScore { get; init; }
}
