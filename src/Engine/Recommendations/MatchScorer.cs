using System.Globalization;
using SocialCapital.Graph;
using SocialCapital.Model;

namespace SocialCapital.Recommendations;

/// <summary>The hard rules and the soft score of a (citizen, mentor) pair, shared by single-citizen
/// matching and cohort assignment so that "the score of a pair equals its match score".</summary>
internal sealed class MatchScorer
{
    private readonly SocialGraph _graph;
    private readonly MatchOptions _options;
    private readonly HashSet<long> _excluded = [];
    private readonly int[] _freeMentors;
    private readonly Dictionary<int, int[]> _freeMentorsByArea;

    public MatchScorer(SocialGraph graph, MatchOptions options)
    {
        _graph = graph;
        _options = options;
        foreach (var (citizen, mentor) in options.ExcludedPairs)
            if (graph.TryGetIndex(citizen, out var c) && graph.TryGetIndex(mentor, out var m)) _excluded.Add(Key(c, m));
        var free = new List<int>();
        for (var m = 0; m < graph.NodeCount; m++)
            if (graph.Kind(m) == NodeKind.Mentor && FreePlaces(m) > 0) free.Add(m);
        _freeMentors = [.. free];
        _freeMentorsByArea = _freeMentors.GroupBy(m => graph.Nodes.AreaCodes[m]).ToDictionary(g => g.Key, g => g.ToArray());
    }

    public SocialGraph Graph => _graph;

    /// <summary>capacity − current mentees; 0 when the capacity is unknown (a mentor must state one).</summary>
    public int FreePlaces(int mentor) =>
        _graph.Capacity(mentor) is { } capacity ? Math.Max(0, capacity - _graph.Mentoring.CurrentMentees(mentor)) : 0;

    /// <summary>Every eligible mentor of a citizen with the pair's score; counts the mentors each rule ruled out.</summary>
    public List<ScoredPair> Candidates(int citizen, IneligibleCounts? ineligible = null)
    {
        var nodes = _graph.Nodes;
        var area = nodes.AreaCodes[citizen];
        var pool = _options.AnyArea ? _freeMentors : area == 0 ? [] : _freeMentorsByArea.GetValueOrDefault(area, []);
        if (ineligible is not null)
        {
            ineligible.NoFreePlace += CountMentors() - _freeMentors.Length;
            if (!_options.AnyArea) ineligible.OtherArea += _freeMentors.Length - pool.Length;
        }
        var mutual = MutualContacts(citizen);
        var languages = nodes.Languages.Of(citizen);
        var goals = nodes.Goals.Of(citizen);
        var result = new List<ScoredPair>(pool.Length);
        foreach (var m in pool)
        {
            if (m == citizen) continue;
            if (_graph.Mentoring.Ever(m, citizen)) { if (ineligible is not null) ineligible.PastOrCurrentMentor++; continue; }
            if (_excluded.Contains(Key(citizen, m))) { if (ineligible is not null) ineligible.ExcludedByCaller++; continue; }
            if (languages.Length > 0 && !Shares(languages, nodes.Languages.Of(m))) { if (ineligible is not null) ineligible.NoSharedLanguage++; continue; }
            mutual.TryGetValue(m, out var near);
            result.Add(Score(citizen, m, goals, near.Count, near.AdamicAdar));
        }
        return result;
    }

    private int CountMentors()
    {
        var count = 0;
        foreach (var k in _graph.Nodes.Kinds) if (k == NodeKind.Mentor) count++;
        return count;
    }

    private ScoredPair Score(int citizen, int mentor, ReadOnlySpan<int> goals, int mutual, double adamicAdar)
    {
        var w = _options.Weights;
        var goalFit = GoalFit(goals, mentor);
        var bridging = _graph.BridgingScore(citizen, mentor);
        var x = mutual / 2.0;
        var proximity = x * Math.Exp(1 - x);
        var areaCitizen = _graph.Nodes.AreaCodes[citizen];
        var locality = areaCitizen != 0 && areaCitizen == _graph.Nodes.AreaCodes[mentor] ? 1.0 : 0.0;
        var capacity = (double)FreePlaces(mentor) / _graph.Capacity(mentor)!.Value;
        var score = (w.GoalFit * goalFit + w.Bridging * bridging + w.Proximity * proximity + w.Locality * locality + w.Capacity * capacity) / w.Sum;
        return new ScoredPair(citizen, mentor, score, goalFit, bridging, proximity, locality, capacity, mutual, adamicAdar);
    }

    /// <summary>Share of the citizen's goals met by the mentor's sector or one of their skills.</summary>
    private double GoalFit(ReadOnlySpan<int> goals, int mentor)
    {
        if (goals.Length == 0) return 0;
        var nodes = _graph.Nodes;
        var sector = nodes.SectorNames[nodes.SectorCodes[mentor]];
        var skills = nodes.Skills.Of(mentor);
        var met = 0;
        foreach (var g in goals)
            if (skills.Contains(g) || (sector is not null && nodes.Terms[g] == sector)) met++;
        return (double)met / goals.Length;
    }

    /// <summary>Mutual contacts with every mentor two steps away, and their Adamic–Adar sums, by one 2-hop walk.</summary>
    private Dictionary<int, (int Count, double AdamicAdar)> MutualContacts(int citizen)
    {
        var found = new Dictionary<int, (int, double)>();
        var kinds = _graph.Nodes.Kinds;
        foreach (var w in _graph.Neighbors(citizen))
        {
            var inverseLog = 1 / Math.Log(_graph.Degree(w)); // degree ≥ 2: w knows the citizen and the mentor
            foreach (var m in _graph.Neighbors(w))
                if (kinds[m] == NodeKind.Mentor && m != citizen)
                {
                    var (count, aa) = found.GetValueOrDefault(m);
                    found[m] = (count + 1, aa + inverseLog);
                }
        }
        return found;
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
        Metrics.TieMetrics.CommonList(_graph.Neighbors(c), _graph.Neighbors(m)).Select(_graph.Id);

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
