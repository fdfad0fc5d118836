using SocialCapital.Model;
using SocialCapital.Ties;

namespace SocialCapital.Graph;

/// <summary>A person's ego network to one or two hops: the person, their contacts and places, and (at two hops) the
/// contacts and places of those, with every tie among the nodes kept. At most <c>maxNodes</c> nodes are kept: the
/// centre, then its places, then its contacts strongest first, then two-hop nodes touching most of the kept one-hop
/// nodes first (then by index), so a cut network keeps the closest part. Pure and thread-safe.</summary>
public sealed class EgoNetwork
{
    /// <summary>The nodes kept when the caller does not say.</summary>
    public const int DefaultMaxNodes = 150;

    /// <summary>The most nodes one extraction may keep.</summary>
    public const int MaxNodesLimit = 2000;

    private EgoNetwork(string center, int hops, IReadOnlyList<EgoNode> nodes, IReadOnlyList<EgoTie> ties, int reached)
    {
        Center = center;
        Hops = hops;
        Nodes = nodes;
        Ties = ties;
        Reached = reached;
    }

    /// <summary>The centre's id.</summary>
    public string Center { get; }

    /// <summary>How far the network reaches: 1 or 2 hops.</summary>
    public int Hops { get; }

    /// <summary>The kept nodes, the centre first, by hops.</summary>
    public IReadOnlyList<EgoNode> Nodes { get; }

    /// <summary>Every tie between two kept nodes (none between two hidden ones).</summary>
    public IReadOnlyList<EgoTie> Ties { get; }

    /// <summary>How many nodes lie within <see cref="Hops"/> (the centre included, hidden nodes beyond one hop not).</summary>
    public int Reached { get; }

    /// <summary>Whether nodes were left out to keep within the cap.</summary>
    public bool Truncated => Nodes.Count < Reached;

    /// <summary>Checks the arguments of <see cref="Of"/>: <paramref name="hops"/> 1 or 2 (beyond two hops an ego network
    /// is most of a city), <paramref name="maxNodes"/> from 1 to <see cref="MaxNodesLimit"/>.</summary>
    /// <param name="hops">How far to reach.</param>
    /// <param name="maxNodes">The most nodes to keep.</param>
    /// <returns>Every problem found; empty when the arguments are valid.</returns>
    public static IReadOnlyList<OptionProblem> Validate(int hops, int maxNodes) => new OptionRules()
        .Check(hops is 1 or 2, nameof(hops), hops, "must be 1 or 2")
        .Check(maxNodes is >= 1 and <= MaxNodesLimit, nameof(maxNodes), maxNodes, $"must be from 1 to {MaxNodesLimit}")
        .Problems;

    /// <summary>The ego network of a node.</summary>
    /// <param name="graph">The snapshot.</param>
    /// <param name="id">The centre's id.</param>
    /// <param name="hops">1 or 2; default 2.</param>
    /// <param name="maxNodes">The most nodes to keep, the centre included; default <see cref="DefaultMaxNodes"/>.</param>
    /// <param name="hidden">Nodes (by index) that may appear only as the centre's own contacts or places: the walk does not
    /// pass through them, they are left out beyond one hop, and no tie between two of them is kept (e.g. people outside a
    /// caller's areas). Default: none.</param>
    /// <returns>The network.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="UnknownNodeException">No node has that id.</exception>
    /// <exception cref="InvalidOptionsException">An argument breaks <see cref="Validate"/>.</exception>
    public static EgoNetwork Of(SocialGraph graph, string id, int hops = 2, int maxNodes = DefaultMaxNodes, Predicate<int>? hidden = null)
    {
        Guard.NotNull(graph);
        Guard.NotNull(id);
        InvalidOptionsException.ThrowIfAny(Validate(hops, maxNodes));
        var center = graph.IndexOf(id);
        var hopOf = new Dictionary<int, int> { [center] = 0 }; // the kept nodes
        var seen = new HashSet<int> { center }; // every node counted as reached, kept or not
        var kept = new List<int> { center };
        var isHidden = hidden ?? (static _ => false);

        // One hop: the centre's places, then its contacts strongest first.
        var first = new List<(int Node, double Weight)>();
        foreach (var place in graph.PlacesOf(center)) first.Add((place, double.PositiveInfinity));
        var neighbors = graph.Neighbors(center);
        var strengths = graph.Strengths(center);
        for (var i = 0; i < neighbors.Length; i++) first.Add((neighbors[i], strengths[i]));
        var reached = 1 + Keep(graph, first, 1, maxNodes, kept, hopOf, seen);

        if (hops == 2)
        {
            // Two hops: whoever the visible one-hop nodes reach, most-connected first. All one-hop nodes count, kept or
            // not, so Reached is exact; one is left out only when the cap is reached, so no kept node hangs loose.
            var touches = new Dictionary<int, int>();
            foreach (var u in seen)
            {
                if (u == center || isHidden(u)) continue;
                foreach (var v in Around(graph, u))
                    if (!seen.Contains(v) && !isHidden(v)) touches[v] = touches.GetValueOrDefault(v) + 1;
            }
            var second = new List<(int Node, double Weight)>(touches.Count);
            foreach (var (v, n) in touches) second.Add((v, n));
            reached += Keep(graph, second, 2, maxNodes, kept, hopOf, seen);
        }

        var nodes = new EgoNode[kept.Count];
        for (var i = 0; i < kept.Count; i++)
        {
            var n = kept[i];
            nodes[i] = new EgoNode(graph.Id(n), graph.Kind(n), graph.Area(n), graph.Employment(n), hopOf[n], n != center && isHidden(n));
        }
        return new EgoNetwork(graph.Id(center), hops, nodes, TiesAmong(graph, kept, hopOf, center, isHidden), reached);
    }

    /// <summary>Adds candidates to <paramref name="kept"/>, heaviest first then by index, while the cap allows; returns
    /// how many candidates there were (removed nodes never count).</summary>
    private static int Keep(SocialGraph graph, List<(int Node, double Weight)> candidates, int hops, int maxNodes, List<int> kept,
        Dictionary<int, int> hopOf, HashSet<int> seen)
    {
        candidates.Sort((a, b) => a.Weight != b.Weight ? b.Weight.CompareTo(a.Weight) : a.Node.CompareTo(b.Node));
        var count = 0;
        foreach (var (node, _) in candidates)
        {
            if (graph.IsRemoved(node) || !seen.Add(node)) continue; // a node listed twice (contact and place) counts once
            count++;
            if (kept.Count < maxNodes) { hopOf[node] = hops; kept.Add(node); }
        }
        return count;
    }

    /// <summary>A node's neighbourhood: a person's contacts and places, a place's members.</summary>
    private static List<int> Around(SocialGraph graph, int node)
    {
        var around = new List<int>();
        if (graph.IsPerson(node))
        {
            around.AddRange(graph.Neighbors(node));
            around.AddRange(graph.PlacesOf(node));
        }
        else around.AddRange(graph.MembersOf(node));
        return around;
    }

    /// <summary>Every contact and place tie between two kept nodes, in the order of <paramref name="kept"/>.</summary>
    private static List<EgoTie> TiesAmong(SocialGraph graph, List<int> kept, Dictionary<int, int> hopOf, int center, Predicate<int> hidden)
    {
        var ties = new List<EgoTie>();
        bool BothHidden(int u, int v) => u != center && v != center && hidden(u) && hidden(v);
        foreach (var u in kept)
        {
            if (!graph.IsPerson(u)) continue;
            var neighbors = graph.Neighbors(u);
            var strengths = graph.Strengths(u);
            var kinds = graph.ContactKinds(u);
            var classes = graph.TieClasses(u);
            for (var i = 0; i < neighbors.Length; i++)
            {
                var v = neighbors[i];
                if (v <= u || !hopOf.ContainsKey(v) || BothHidden(u, v)) continue;
                ties.Add(new EgoTie(graph.Id(u), graph.Id(v), [.. kinds[i].ToTieKinds()], classes[i], strengths[i]));
            }
            var places = graph.PlacesOf(u);
            var placeKinds = graph.Places.PlaceKinds.Of(u);
            for (var i = 0; i < places.Length; i++)
            {
                var p = places[i];
                if (!hopOf.ContainsKey(p) || BothHidden(u, p)) continue;
                ties.Add(new EgoTie(graph.Id(u), graph.Id(p), [placeKinds[i]], null, 1));
            }
        }
        return ties;
    }
}
