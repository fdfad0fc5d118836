using System.Globalization;
using SocialCapital.Graph;
using SocialCapital.Metrics;
using SocialCapital.Model;

namespace SocialCapital.Recommendations;

/// <summary>Suggests new contacts for a person (docs/recommendations.md#peer-suggestions). Candidates are
/// friends of friends, members of the person's peer groups and residents of their area — never the person or
/// an existing contact. A one-way score s(u→v) = 0.4·link prediction + 0.1·shared peer group + 0.3·bridging
/// + 0.2·opportunity (what v offers u: in work to someone out of work, high SES to low SES); the suggestion's
/// score is the harmonic mean of s(u→v) and s(v→u) (RECON, Pizzato et al. 2010), so it is symmetric.</summary>
public static class PeerSuggestions
{
    /// <summary>The best new contacts for one person.</summary>
    /// <param name="graph">The snapshot.</param>
    /// <param name="personId">The person's id.</param>
    /// <param name="top">How many, best first; 0 = every candidate. Default 10.</param>
    /// <returns>The suggestions.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="UnknownNodeException">No node has that id.</exception>
    /// <exception cref="WrongNodeKindException">The node is a place, not a person.</exception>
    /// <exception cref="InvalidOptionsException"><paramref name="top"/> is negative.</exception>
    public static IReadOnlyList<PeerSuggestion> ForPerson(SocialGraph graph, string personId, int top = 10)
    {
        Guard.NotNull(graph);
        Guard.NotNull(personId);
        OptionRules.ThrowIfBadTop(top);
        var u = graph.IndexOf(personId);
        if (!graph.IsPerson(u)) throw new WrongNodeKindException(personId, graph.Kind(u), "a person");

        // Link-prediction evidence for the friends of friends: common contacts, Adamic–Adar and resource allocation,
        // counted in one pass (the counting behind JaccardSimilarity); every other candidate has none.
        var evidence = TwoHop.Rent(graph.NodeCount);
        evidence.Collect(graph.Contacts, u, scores: true);
        var groups = new HashSet<int>();
        foreach (var place in graph.PlacesOf(u)) if (graph.Kind(place) == NodeKind.PeerGroup) groups.Add(place);
        var candidates = new HashSet<int>(evidence.Count);
        foreach (var v in evidence.Found) candidates.Add(v);
        foreach (var g in groups) foreach (var m in graph.MembersOf(g)) candidates.Add(m);
        if (graph.Nodes.AreaCodes[u] != 0) // O(n): fine for one person; an area index would serve many
            for (var v = 0; v < graph.NodeCount; v++)
                if (graph.Nodes.AreaCodes[v] == graph.Nodes.AreaCodes[u] && graph.IsPerson(v)) candidates.Add(v);

        var scored = new List<(int Peer, double Score, double Lp, int Common, double Aa, double Ra, double Jaccard, bool Group)>();
        foreach (var v in candidates)
        {
            if (v == u || !graph.IsPerson(v) || graph.AreInContact(u, v)) continue;
            var common = evidence.Common(v);
            var aa = evidence.AdamicAdar(v);
            var ra = evidence.ResourceAllocation(v);
            var jaccard = common == 0 ? 0 : (double)common / (graph.Degree(u) + graph.Degree(v) - common);
            var lp = ((1 - Math.Exp(-common / 2.0)) + (1 - Math.Exp(-aa)) + (1 - Math.Exp(-4 * ra)) + jaccard) / 4;
            var shared = SharesGroup(graph, v, groups);
            var bridging = graph.BridgingScore(u, v);
            double OneWay(int from, int to) => 0.4 * lp + 0.1 * (shared ? 1 : 0) + 0.3 * bridging + 0.2 * Opportunity(graph, from, to);
            double forward = OneWay(u, v), backward = OneWay(v, u);
            var score = forward + backward > 0 ? 2 * forward * backward / (forward + backward) : 0;
            scored.Add((v, score, lp, common, aa, ra, jaccard, shared));
        }
        evidence.Clear();
        TwoHop.Return(evidence);
        scored.Sort((a, b) => b.Score != a.Score ? b.Score.CompareTo(a.Score) : a.Peer.CompareTo(b.Peer));
        var take = top == 0 ? scored.Count : Math.Min(top, scored.Count);
        var result = new PeerSuggestion[take];
        for (var i = 0; i < take; i++)
        {
            var s = scored[i];
            result[i] = new PeerSuggestion
            {
                Person = personId, Peer = graph.Id(s.Peer), Rank = i + 1, Score = s.Score, LinkPrediction = s.Lp,
                Bridging = graph.BridgingScore(u, s.Peer), CommonNeighbors = s.Common, AdamicAdar = s.Aa,
                ResourceAllocation = s.Ra, Jaccard = s.Jaccard, Reasons = Reasons(graph, u, s.Peer, s.Common, groups),
            };
        }
        return result;
    }

    /// <summary>What <paramref name="to"/> offers <paramref name="from"/>: the mean of "in work, to someone out of
    /// work or studying" and "high SES, to someone low SES", each 0 or 1.</summary>
    internal static double Opportunity(SocialGraph graph, int from, int to)
    {
        var work = graph.WorkStatus(to) == WorkStatus.InWork && graph.WorkStatus(from) is WorkStatus.OutOfWork or WorkStatus.Student ? 1 : 0;
        var ses = graph.Ses(to) >= 0.5 && graph.Ses(from) < 0.5 ? 1 : 0;
        return (work + ses) / 2.0;
    }

    private static bool SharesGroup(SocialGraph graph, int v, HashSet<int> groups)
    {
        foreach (var place in graph.PlacesOf(v)) if (groups.Contains(place)) return true;
        return false;
    }

    private static List<string> Reasons(SocialGraph graph, int u, int v, int common, HashSet<int> groups)
    {
        var reasons = new List<string>();
        if (common > 0)
        {
            var ids = SortedLists.Common(graph.Neighbors(u), graph.Neighbors(v)).Take(3).Select(graph.Id);
            reasons.Add(string.Create(CultureInfo.InvariantCulture, $"{common} mutual contact{(common == 1 ? "" : "s")}: {string.Join(", ", ids)}{(common > 3 ? ", …" : "")}"));
        }
        foreach (var place in graph.PlacesOf(v))
            if (groups.Contains(place)) reasons.Add($"both in peer group {graph.Id(place)}");
        if (graph.Area(u) is { } area && area == graph.Area(v)) reasons.Add($"same area ({area})");
        if (graph.WorkStatus(v) == WorkStatus.InWork && graph.WorkStatus(u) is WorkStatus.OutOfWork or WorkStatus.Student)
            reasons.Add("in work — a bridge into work");
        if (graph.Ses(v) >= 0.5 && graph.Ses(u) < 0.5) reasons.Add("higher socio-economic background — a bridge across class");
        return reasons;
    }
}
