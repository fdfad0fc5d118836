using System.Globalization;
using SocialCapital.Graph;
using SocialCapital.Model;

namespace SocialCapital.Recommendations;

/// <summary>Explained mentor matches for a citizen (docs/recommendations.md). Hard rules are never broken: a
/// mentor must have a free place (stated capacity − current mentees − pending proposals), must not mentor or have
/// mentored the citizen, must not have been declined by the citizen nor have a proposal to them pending, must not be a
/// pair the caller excludes, must share one of the citizen's languages when the citizen
/// lists any, and must live in the citizen's area unless any area is allowed. Eligible mentors are ranked by a
/// weighted mean of goal fit, bridging gain, network proximity, locality and free capacity, then by
/// Adamic–Adar, then by id. Safe to call from any number of threads.</summary>
public static class MentorMatching
{
    /// <summary>The best mentors for one citizen, with scores, components and reasons.</summary>
    /// <param name="graph">The snapshot.</param>
    /// <param name="citizenId">The citizen's id.</param>
    /// <param name="options">Options; defaults to <see cref="MatchOptions.Default"/>.</param>
    /// <returns>The matches and the reasons other mentors were left out.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="UnknownNodeException">No node has that id.</exception>
    /// <exception cref="WrongNodeKindException">The node is not a citizen.</exception>
    /// <exception cref="InvalidOptionsException">An option breaks <see cref="MatchOptions.Validate"/>.</exception>
    public static MentorMatchResult ForCitizen(SocialGraph graph, string citizenId, MatchOptions? options = null)
    {
        Guard.NotNull(graph);
        Guard.NotNull(citizenId);
        options ??= MatchOptions.Default;
        options.ThrowIfInvalid();
        var citizen = graph.IndexOf(citizenId, NodeKind.Citizen);
        var scorer = new MatchScorer(graph, options);
        var ineligible = new IneligibleCounts();
        ScoredPair[] best;
        int eligible;
        var pool = scorer.PoolSize(citizen);
        if (options.Top > 0 && options.Top < pool)
        {
            // The usual case: a few of many. A bounded heap keeps the best without listing and sorting them all.
            var top = new TopPairs(options.Top);
            scorer.Collect(citizen, ineligible, ref top);
            best = top.ToSortedArray();
            eligible = top.Seen;
        }
        else
        {
            var candidates = scorer.Candidates(citizen, ineligible);
            candidates.Sort(ByRank);
            best = [.. candidates];
            eligible = candidates.Count;
        }
        var matches = new MentorMatch[best.Length];
        for (var i = 0; i < best.Length; i++) matches[i] = ToMatch(scorer, best[i], i + 1);
        return new MentorMatchResult(citizenId, matches, eligible, ineligible);
    }

    /// <summary>"Why not this mentor?": the first hard rule the pair breaks, with the facts in words, or — when the
    /// mentor is eligible — the match as <see cref="ForCitizen"/> ranks it (score parts, reasons, rank). The same checks
    /// and score as the ranking, so a mentor is eligible here exactly when the ranking (with top 0) lists them.</summary>
    /// <param name="graph">The snapshot.</param>
    /// <param name="citizenId">The citizen's id.</param>
    /// <param name="mentorId">The mentor's id (any area).</param>
    /// <param name="options">Options; defaults to <see cref="MatchOptions.Default"/> (<see cref="MatchOptions.Top"/> is not used).</param>
    /// <returns>The explanation.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="UnknownNodeException">No node has one of the ids.</exception>
    /// <exception cref="WrongNodeKindException">The first node is not a citizen or the second not a mentor.</exception>
    /// <exception cref="InvalidOptionsException">An option breaks <see cref="MatchOptions.Validate"/>.</exception>
    public static MentorExplanation Explain(SocialGraph graph, string citizenId, string mentorId, MatchOptions? options = null)
    {
        Guard.NotNull(graph);
        Guard.NotNull(citizenId);
        Guard.NotNull(mentorId);
        options ??= MatchOptions.Default;
        options.ThrowIfInvalid();
        var citizen = graph.IndexOf(citizenId, NodeKind.Citizen);
        var mentor = graph.IndexOf(mentorId, NodeKind.Mentor);
        var scorer = new MatchScorer(graph, options);
        var candidates = scorer.Candidates(citizen);
        var rule = scorer.Rule(citizen, mentor);
        if (rule != MentorRule.None)
            return new MentorExplanation
            {
                Citizen = citizenId, Mentor = mentorId, Rule = rule, Why = RuleWords(graph, rule, citizen, mentor), EligibleMentors = candidates.Count,
            };
        candidates.Sort(ByRank);
        var rank = candidates.FindIndex(p => p.Mentor == mentor);
        if (rank < 0) throw new InvalidOperationException($"Mentor {mentorId} breaks no rule for citizen {citizenId} but was not ranked.");
        return new MentorExplanation
        {
            Citizen = citizenId, Mentor = mentorId, Rule = rule, EligibleMentors = candidates.Count,
            Why = string.Create(CultureInfo.InvariantCulture, $"eligible: ranked {rank + 1} of {candidates.Count} eligible mentors"),
            Match = ToMatch(scorer, candidates[rank], rank + 1),
        };
    }

    /// <summary>A broken rule in words, with the facts of this pair.</summary>
    private static string RuleWords(SocialGraph graph, MentorRule rule, int citizen, int mentor)
    {
        var m = graph.Id(mentor);
        var mentoring = graph.Mentoring;
        return rule switch
        {
            MentorRule.NoFreePlace => graph.Capacity(mentor) is { } capacity
                ? string.Create(CultureInfo.InvariantCulture,
                    $"no free place: {m} takes {capacity} mentee{(capacity == 1 ? "" : "s")}, has {mentoring.CurrentMentees(mentor)} now and {mentoring.PendingPlaces(mentor)} held by pending proposals")
                : $"no free place: {m} states no capacity",
            MentorRule.OtherArea => graph.Area(citizen) is { } area
                ? $"another area: {m} lives in {graph.Area(mentor) ?? "an unknown area"}, the citizen in {area} (allow any area to include them)"
                : "another area: the citizen's area is unknown, so only matching in any area includes mentors",
            MentorRule.PastOrCurrentMentor => $"already paired: {m} mentors or has mentored this citizen",
            MentorRule.DeclinedBefore => $"declined before: this citizen declined {m}, and a declined pair is never proposed again",
            MentorRule.AlreadyProposed => $"already proposed: a proposal of {m} to this citizen is pending",
            MentorRule.ExcludedByCaller => "excluded: the caller ruled this pair out",
            MentorRule.NoSharedLanguage =>
                $"no shared language: the citizen speaks {string.Join(", ", graph.Languages(citizen))}; {m} speaks {(graph.Languages(mentor) is { Count: > 0 } spoken ? string.Join(", ", spoken) : "no listed language")}",
            _ => "eligible",
        };
    }

    /// <summary><see cref="Compare"/> as a delegate.</summary>
    internal static readonly Comparison<ScoredPair> ByRank = static (a, b) => Compare(a, b);

    /// <summary>Best score first, then the higher Adamic–Adar, then the mentor id (ordinal, i.e. index): negative
    /// when <paramref name="a"/> ranks before <paramref name="b"/>. A strict total order over one citizen's pairs.</summary>
    internal static int Compare(in ScoredPair a, in ScoredPair b) =>
        b.Score != a.Score ? b.Score.CompareTo(a.Score)
        : b.AdamicAdar != a.AdamicAdar ? b.AdamicAdar.CompareTo(a.AdamicAdar)
        : a.Mentor.CompareTo(b.Mentor);

    internal static MentorMatch ToMatch(MatchScorer scorer, ScoredPair pair, int rank) => new()
    {
        Citizen = scorer.Graph.Id(pair.Citizen),
        Mentor = scorer.Graph.Id(pair.Mentor),
        Rank = rank,
        Score = pair.Score,
        GoalFit = pair.GoalFit,
        Bridging = pair.Bridging,
        Proximity = pair.Proximity,
        Locality = pair.Locality,
        Capacity = pair.Capacity,
        MutualContacts = pair.MutualContacts,
        AdamicAdar = pair.AdamicAdar,
        Reasons = scorer.Reasons(pair),
    };
}
