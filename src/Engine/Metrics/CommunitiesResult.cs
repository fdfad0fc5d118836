using SocialCapital.Graph;
using SocialCapital.Model;

namespace SocialCapital.Metrics;

/// <summary>The communities of a snapshot's people (<see cref="Communities.Detect"/>): each person's community and
/// span, the modularity of the partition, and the per-area view for analysts. Immutable; safe to read from any number
/// of threads.</summary>
public sealed class CommunitiesResult
{
    private readonly SocialGraph _graph;
    private readonly int[] _persons;
    private readonly int[] _community;
    private readonly int[] _span;
    private readonly int[] _sizes;
    private PersonCommunity[]? _people;
    private AreaSums[]? _areas;

    internal CommunitiesResult(SocialGraph graph, int[] persons, int[] communityOfNode, int[] spanOfNode, int[] sizes,
        double modularity, double resolution, int seed, int iterations)
    {
        _graph = graph;
        _persons = persons;
        _community = communityOfNode;
        _span = spanOfNode;
        _sizes = sizes;
        Modularity = modularity;
        Resolution = resolution;
        Seed = seed;
        Iterations = iterations;
    }

    /// <summary>The number of communities k (people without contacts are communities of one).</summary>
    public int Count => _sizes.Length;

    /// <summary>The number of people in each community, by community id: largest first.</summary>
    public IReadOnlyList<int> Sizes => _sizes;

    /// <summary>The modularity of the partition at <see cref="Resolution"/> (<see cref="Communities.Modularity"/>).</summary>
    public double Modularity { get; }

    /// <summary>The resolution γ the communities were found with.</summary>
    public double Resolution { get; }

    /// <summary>The seed the communities were found with.</summary>
    public int Seed { get; }

    /// <summary>The Leiden iterations run (the last moved no node, unless the cap was reached).</summary>
    public int Iterations { get; }

    /// <summary>The community of each node, indexed by node index: 0..k−1 for people, −1 for places and removed nodes.</summary>
    public IReadOnlyList<int> CommunityOfNode => _community;

    /// <summary>Each person's community and span, in ordinal id order; made on first use.</summary>
    public IReadOnlyList<PersonCommunity> People =>
        Volatile.Read(ref _people) ?? Interlocked.CompareExchange(ref _people, ByPerson(), null) ?? _people!;

    /// <summary>The community and span of the person with an id.</summary>
    /// <param name="id">A person's id.</param>
    /// <returns>The person's community.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="id"/> is null.</exception>
    /// <exception cref="UnknownNodeException">No person has this id.</exception>
    public PersonCommunity ForId(string id)
    {
        Guard.NotNull(id);
        if (!_graph.TryGetIndex(id, out var node) || !_graph.IsPerson(node))
            throw new UnknownNodeException(id, $"No person has id '{id}'.");
        return ForNode(node);
    }

    /// <summary>The community and span of the person with a node index.</summary>
    /// <param name="node">A node index.</param>
    /// <returns>The person's community.</returns>
    /// <exception cref="KeyNotFoundException">The node is not a person.</exception>
    public PersonCommunity ForNode(int node)
    {
        if ((uint)node >= (uint)_community.Length || _community[node] < 0)
            throw new KeyNotFoundException($"Node {node} is not a person of this snapshot.");
        var c = _community[node];
        return new PersonCommunity(_graph.Id(node), _graph.Area(node), c, _sizes[c], _span[node]);
    }

    private PersonCommunity[] ByPerson()
    {
        var rows = new PersonCommunity[_persons.Length];
        for (var i = 0; i < rows.Length; i++) rows[i] = ForNode(_persons[i]);
        return rows;
    }

    private sealed class AreaSums(string area)
    {
        public readonly string Area = area;
        public int People, Ties, Crossing, Communities, Largest;
    }

    /// <summary>Communities per area of residence, for analysts: the share of the area's ties (contacts with at least
    /// one end living there) that cross communities, the number of communities its residents belong to and the share
    /// of residents in the most common one. Areas of fewer than <paramref name="minCellSize"/> residents are suppressed
    /// (only their code shown), and a share is held back when its numerator or complement is a small cell. The sums
    /// are made once (O(people log people + contacts)); each call costs O(areas).</summary>
    /// <param name="minCellSize">The minimum cell size; 0 suppresses nothing.</param>
    /// <returns>One row per area with residents, ordered by code (ordinal).</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="minCellSize"/> is negative.</exception>
    public IReadOnlyList<AreaCommunities> ByArea(int minCellSize)
    {
        Guard.InRange(minCellSize, 0, int.MaxValue);
        var sums = Volatile.Read(ref _areas) ?? Interlocked.CompareExchange(ref _areas, SumByArea(), null) ?? _areas!;
        var rows = new AreaCommunities[sums.Length];
        for (var i = 0; i < sums.Length; i++)
        {
            var a = sums[i];
            if (a.People < minCellSize) { rows[i] = new AreaCommunities { Area = a.Area, Suppressed = true }; continue; }
            var cells = new SmallCells(minCellSize);
            rows[i] = new AreaCommunities
            {
                Area = a.Area,
                People = a.People,
                Ties = a.Ties,
                CrossingShare = cells.ShareWithRest(a.Crossing, a.Ties),
                Communities = a.Communities,
                LargestCommunityShare = cells.ShareWithRest(a.Largest, a.People),
                Suppressed = cells.Suppressed,
            };
        }
        return rows;
    }

    private AreaSums[] SumByArea()
    {
        var nodes = _graph.Nodes;
        var names = nodes.AreaNames;
        var sums = new AreaSums?[names.Length];
        AreaSums Of(int code) => sums[code] ??= new AreaSums(names[code]!);

        // (area, community) of every resident, sorted: runs give the communities of an area and their sizes.
        var keys = new List<long>(_persons.Length);
        foreach (var u in _persons)
        {
            var code = nodes.AreaCodes[u];
            if (code == 0) continue;
            Of(code).People++;
            keys.Add(((long)code << 32) | (uint)_community[u]);
        }
        keys.Sort();
        for (var i = 0; i < keys.Count;)
        {
            var j = i;
            while (j < keys.Count && keys[j] == keys[i]) j++;
            var s = sums[(int)(keys[i] >> 32)]!;
            s.Communities++;
            s.Largest = Math.Max(s.Largest, j - i);
            i = j;
        }

        var contacts = _graph.Contacts;
        foreach (var u in _persons)
        {
            var au = nodes.AreaCodes[u];
            foreach (var v in contacts.Neighbors.AsSpan(contacts.Start[u], contacts.Degree(u)))
            {
                if (v < u) continue; // each contact once
                var av = nodes.AreaCodes[v];
                var crossing = _community[u] != _community[v] ? 1 : 0;
                if (au != 0) { var s = Of(au); s.Ties++; s.Crossing += crossing; }
                if (av != 0 && av != au) { var s = Of(av); s.Ties++; s.Crossing += crossing; }
            }
        }
        var rows = new List<AreaSums>();
        foreach (var s in sums) if (s is { People: > 0 }) rows.Add(s);
        rows.Sort((a, b) => string.CompareOrdinal(a.Area, b.Area));
        return [.. rows];
    }
}
