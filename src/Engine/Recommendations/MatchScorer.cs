using System.Globalization;
using SocialCapital.Graph;
using SocialCapital.Metrics;
using SocialCapital.Model;

namespace SocialCapital.Recommendations;

/// <summary>The hard rules and the soft score of a (citizen, mentor) pair, shared by single-citizen
/// matching and cohort assignment so that "the score of a pair equals its match score".</summary>
internal sealed class MatchScorer
{
    private readonly SocialGraph _graph;
    private readonly MatchOptions _options;
    private readonly HashSet<long> _excluded = [];
    private readonly MentorIndex _mentors;

    public MatchScorer(SocialGraph graph, MatchOptions options)
    {
        _graph = graph;
        _options = options;
        foreach (var (citizen, mentor) in options.ExcludedPairs)
            if (graph.TryGetIndex(citizen, out var c) && graph.TryGetIndex(mentor, out var m)) _excluded.Add(Key(c, m));
        _mentors = MentorIndex.Of(graph);
    }

    public SocialGraph Graph => _graph;

    /// <summary>capacity − current mentees − pending proposals; 0 when the capacity is unknown (a mentor must state one).</summary>
    public int FreePlaces(int mentor) => MentorIndex.FreePlaces(_graph, mentor);

    /// <summary>Every eligible mentor of a citizen with the pair's score; counts the mentors each rule ruled out.</summary>
    public List<ScoredPair> Candidates(int citizen, IneligibleCounts? ineligible = null)
    {
        var sink = new PairList(new List<ScoredPair>(Pool(citizen).Length));
        Collect(citizen, ineligible, ref sink);
        return sink.Pairs;
    }

    /// <summary>How many mentors <see cref="Collect"/> looks at for a citizen: an upper bound of the eligible ones.</summary>
    public int PoolSize(int citizen) => Pool(citizen).Length;

    /// <summary>The positions in the mentor index of the mentors a citizen may be matched with before the per-pair
    /// rules: those with a free place in the citizen's area (none when it is unknown), or in any area; increasing.</summary>
    private int[] Pool(int citizen)
    {
        if (_options.AnyArea) return _mentors.All;
        var area = _graph.Nodes.AreaCodes[citizen];
        return area == 0 ? [] : _mentors.InArea(area); // the mentors for whom InReach holds, grouped by area once
    }

    /// <summary>The area rule: a mentor is in reach when any area is allowed or both live in the same known area.</summary>
    private bool InReach(int citizenArea, int mentorArea) => _options.AnyArea || (citizenArea != 0 && citizenArea == mentorArea);

    /// <summary>The first hard rule a (citizen, mentor) pair breaks, or <see cref="MentorRule.None"/>: the pool rules
    /// (free place, area) as the mentor index and <see cref="Pool"/> apply them to every mentor at once, then
    /// <see cref="PairRule"/>, the checks <see cref="Collect"/> makes per mentor.</summary>
    public MentorRule Rule(int citizen, int mentor)
    {
        if (!MentorIndex.HasFreePlace(_graph, mentor)) return MentorRule.NoFreePlace;
        var nodes = _graph.Nodes;
        if (!InReach(nodes.AreaCodes[citizen], nodes.AreaCodes[mentor])) return MentorRule.OtherArea;
        var history = _graph.Mentoring;
        return PairRule(citizen, mentor, history.HasDeclined(citizen), history.HasPendingProposal(citizen),
            nodes.Languages.Of(citizen), nodes.Languages.Of(mentor));
    }

    /// <summary>The per-pair hard rules, in order, for a mentor with a free place in reach: the first broken, or
    /// <see cref="MentorRule.None"/>. <paramref name="declinedAny"/> and <paramref name="pendingAny"/> say whether the
    /// citizen has any declined or pending pair at all (few do: the pair is looked up only then).</summary>
    private MentorRule PairRule(int citizen, int mentor, bool declinedAny, bool pendingAny, ReadOnlySpan<int> languages,
        ReadOnlySpan<int> mentorLanguages)
    {
        var history = _graph.Mentoring;
        if (history.Ever(mentor, citizen)) return MentorRule.PastOrCurrentMentor;
        if (declinedAny && history.Declined(mentor, citizen)) return MentorRule.DeclinedBefore;
        if (pendingAny && history.Pending(mentor, citizen)) return MentorRule.AlreadyProposed;
        if (_excluded.Count > 0 && _excluded.Contains(Key(citizen, mentor))) return MentorRule.ExcludedByCaller;
        if (languages.Length > 0 && !Shares(languages, mentorLanguages)) return MentorRule.NoSharedLanguage;
        return MentorRule.None;
    }

    /// <summary>Hands every eligible mentor of a citizen, scored, to <paramref name="sink"/> in increasing mentor
    /// index; counts the mentors each rule ruled out. Reads the snapshot's mentor index, not every node.</summary>
    public void Collect<TSink>(int citizen, IneligibleCounts? ineligible, ref TSink sink) where TSink : struct, IPairSink
    {
        var index = _mentors;
        var pool = Pool(citizen);
        if (ineligible is not null)
        {
            ineligible.Add(MentorRule.NoFreePlace, index.MentorCount - index.Count);
            ineligible.Add(MentorRule.OtherArea, index.Count - pool.Length);
        }
        if (pool.Length == 0) return;
        var nodes = _graph.Nodes;
        // Mutual contacts with every mentor (and Adamic–Adar sums) by one 2-hop walk from the citizen that keeps only
        // mentors, contacts of the citizen included: a mentor may be a contact (a friend, say) and still be eligible.
        // Each sum adds its terms in the order of the citizen's contacts; a mentor not found has none.
        var mutual = TwoHop.Rent(_graph.NodeCount);
        mutual.Collect(_graph.Contacts, citizen, scores: true, contactsToo: true, new TwoHop.OfKind(nodes.Kinds, NodeKind.Mentor));
        mutual.SortFound();
        var near = mutual.Found;
        var next = 0;
        var languages = nodes.Languages.Of(citizen);
        // A citizen's needs (goals naming a coach specialism) are for their coach, not a mentor: the fit counts the rest.
        var allGoals = nodes.Goals.Of(citizen);
        var needTerms = CoachNeeds.SpecialismTerms(_graph);
        Span<int> careerGoals = allGoals.Length <= 64 ? stackalloc int[allGoals.Length] : new int[allGoals.Length];
        var kept = 0;
        foreach (var goal in allGoals) if (!CoachNeeds.IsNeed(needTerms, goal)) careerGoals[kept++] = goal;
        ReadOnlySpan<int> goals = careerGoals[..kept];
        Span<int> goalSectors = goals.Length <= 64 ? stackalloc int[goals.Length] : new int[goals.Length];
        for (var i = 0; i < goals.Length; i++) goalSectors[i] = index.SectorOfTerm(goals[i]);
        var citizenArea = nodes.AreaCodes[citizen];
        // Declined and pending pairs are looked up only for a citizen who has any (few do).
        var history = _graph.Mentoring;
        var declinedAny = history.HasDeclined(citizen);
        var pendingAny = history.HasPendingProposal(citizen);
        var mentors = index.Mentors;
        foreach (var p in pool)
        {
            var m = mentors[p];
            if (m == citizen) continue;
            var rule = PairRule(citizen, m, declinedAny, pendingAny, languages, index.Languages.Of(p));
            if (rule != MentorRule.None) { ineligible?.Add(rule); continue; }
            var goalFit = GoalFit(goals, goalSectors, p);
            var locality = citizenArea != 0 && citizenArea == index.Areas[p] ? 1.0 : 0.0;
            // The pool and the mentors found are both in increasing index: merge them, rather than look every mentor
            // of the pool up in the node-sized scratch (a cache miss each, on a big snapshot).
            while (next < near.Length && near[next] < m) next++;
            var found = next < near.Length && near[next] == m;
            sink.Add(Score(citizen, m, goalFit, locality, index.Shares[p], found ? mutual.Common(m) : 0, found ? mutual.AdamicAdar(m) : 0));
        }
        // Not in a finally: after a throw the scratch may not be clean, so it is left to the collector.
        mutual.Clear();
        TwoHop.Return(mutual);
    }

    /// <summary>The weighted mean of the components; the bridging score and the proximity are computed here.</summary>
    private ScoredPair Score(int citizen, int mentor, double goalFit, double locality, double capacity, int mutual, double adamicAdar)
    {
        var w = _options.Weights;
        var bridging = _graph.BridgingScore(citizen, mentor);
        var x = mutual / 2.0;
        var proximity = x * Math.Exp(1 - x);
        var score = (w.GoalFit * goalFit + w.Bridging * bridging + w.Proximity * proximity + w.Locality * locality + w.Capacity * capacity) / w.Sum;
        return new ScoredPair(citizen, mentor, score, goalFit, bridging, proximity, locality, capacity, mutual, adamicAdar);
    }

    /// <summary>Share of the citizen's goals met by the sector or one of the skills of the mentor at position
    /// <paramref name="p"/>; <paramref name="goalSectors"/> holds the sector named like each goal.</summary>
    private double GoalFit(ReadOnlySpan<int> goals, ReadOnlySpan<int> goalSectors, int p)
    {
        if (goals.Length == 0) return 0;
        var skills = _mentors.Skills.Of(p);
        var sector = _mentors.Sectors[p];
        var met = 0;
        for (var i = 0; i < goals.Length; i++)
            if (skills.Contains(goals[i]) || goalSectors[i] == sector) met++;
        return (double)met / goals.Length;
    }

    /// <summary>The reasons of a scored pair, in plain words, each naming evidence that matched.</summary>
    public List<string> Reasons(ScoredPair pair)
    {
        var (c, m) = (pair.Citizen, pair.Mentor);
        var reasons = new List<string>();
        var sector = _graph.Sector(m);
        var goals = _graph.Goals(c);
        if (sector is not null && goals.Contains(sector)) reasons.Add($"works in {sector} — your goal");
        var skills = _graph.Skills(m).Where(goals.Contains).ToArray();
        if (skills.Length > 0) reasons.Add($"{(skills.Length == 1 ? "skill" : "skills")} {string.Join(", ", skills)} — your {(skills.Length == 1 ? "goal" : "goals")}");
        foreach (var dimension in _graph.Classifier.DifferingDimensions(c, m))
            reasons.Add(dimension switch
            {
                "work_status" => $"{WorkWords(_graph.WorkStatus(m))} — a bridge across work status",
                "ses_band" => $"{(_graph.Ses(m) >= 0.5 ? "higher" : "lower")} socio-economic background — a bridge across class",
                "age_band" => $"aged {_graph.AgeBand(m).Name()} — a bridge across age",
                "area" => $"lives in {_graph.Area(m)} — a bridge across areas",
                "sector" => $"works in {sector} — a bridge across sectors",
                _ => $"different {dimension} — a bridge across {dimension}",
            });
        if (pair.MutualContacts > 0)
        {
            var ids = Mutual(c, m).Take(3).ToArray();
            reasons.Add(string.Create(CultureInfo.InvariantCulture,
                $"{pair.MutualContacts} mutual contact{(pair.MutualContacts == 1 ? "" : "s")}: {string.Join(", ", ids)}{(pair.MutualContacts > 3 ? ", …" : "")}"));
        }
        if (pair.Locality > 0) reasons.Add($"same area ({_graph.Area(c)})");
        var languages = _graph.Languages(c);
        if (languages.Count > 0)
        {
            var shared = _graph.Languages(m).Where(languages.Contains).ToArray();
            reasons.Add($"speaks {string.Join(", ", shared)}");
        }
        var free = FreePlaces(m);
        reasons.Add(string.Create(CultureInfo.InvariantCulture, $"{free} of {_graph.Capacity(m)} mentee places free"));
        return reasons;
    }

    private IEnumerable<string> Mutual(int c, int m) =>
        SortedLists.Common(_graph.Neighbors(c), _graph.Neighbors(m)).Select(_graph.Id);

    private static string WorkWords(WorkStatus status) => status switch
    {
        WorkStatus.InWork => "in work",
        WorkStatus.OutOfWork => "out of work",
        WorkStatus.Student => "a student",
        WorkStatus.Retired => "retired",
        _ => "work status unknown",
    };

    private static bool Shares(ReadOnlySpan<int> a, ReadOnlySpan<int> b)
    {
        foreach (var x in a) if (b.Contains(x)) return true;
        return false;
    }

    private static long Key(int citizen, int mentor) => ((long)citizen << 32) | (uint)mentor;
}

/// <summary>A scored eligible pair.</summary>
internal readonly record struct ScoredPair(int Citizen, int Mentor, double Score, double GoalFit, double Bridging,
    double Proximity, double Locality, double Capacity, int MutualContacts, double AdamicAdar);
