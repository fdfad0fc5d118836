using SocialCapital.Model;

namespace SocialCapital.Metrics;

/// <summary>The brokerage roles of every person in a snapshot under one grouping, ordered by id (ordinal), with lookups
/// by id and node. Immutable; safe to read from any number of threads.</summary>
public sealed class BrokerageResult
{
    private readonly PersonBrokerage[] _people;
    private readonly int[] _rowOfNode;

    internal BrokerageResult(string grouping, PersonBrokerage[] people, int nodeCount)
    {
        Grouping = grouping;
        _people = people;
        _rowOfNode = new int[nodeCount];
        Array.Fill(_rowOfNode, -1);
        for (var i = 0; i < people.Length; i++) _rowOfNode[people[i].Index] = i;
    }

    /// <summary>The grouping the roles are counted under: <c>area</c>, <c>work_status</c>, another built-in dimension
    /// or an extra column of <c>nodes.csv</c>.</summary>
    public string Grouping { get; }

    /// <summary>One entry per person, ordered by id (ordinal).</summary>
    public IReadOnlyList<PersonBrokerage> People => _people;

    /// <summary>Per area (ordinal order of the code): residents, those whose group is known, their summed roles and
    /// how many broker across groups. Made on first use, once; <see cref="ByArea"/> only applies the cell size.</summary>
    private AreaSums[]? _areas;

    private sealed class AreaSums(string area)
    {
        public readonly string Area = area;
        public int People, Classified, Brokers;
        public long Coordinator, Itinerant, Gatekeeper, Representative, Liaison;
    }

    /// <summary>Brokerage per area of residence, for analysts: mean roles per resident whose group is known and the
    /// share of them who broker across groups, with areas of fewer than <paramref name="minCellSize"/> residents
    /// suppressed (only their code shown) and the share held back when it or its complement is a small cell. People
    /// without an area are in no row. The per-area sums are made once (O(people)); each call costs O(areas).</summary>
    /// <param name="minCellSize">The minimum cell size; 0 suppresses nothing.</param>
    /// <returns>One row per area with residents, ordered by code (ordinal).</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="minCellSize"/> is negative.</exception>
    public IReadOnlyList<AreaBrokerage> ByArea(int minCellSize)
    {
        Guard.InRange(minCellSize, 0, int.MaxValue);
        var sums = Volatile.Read(ref _areas) ?? Interlocked.CompareExchange(ref _areas, SumByArea(), null) ?? _areas;
        var rows = new AreaBrokerage[sums.Length];
        for (var i = 0; i < sums.Length; i++)
        {
            var a = sums[i];
            if (a.People > 0 && a.People < minCellSize) { rows[i] = new AreaBrokerage { Area = a.Area, Suppressed = true }; continue; }
            var cells = new SmallCells(minCellSize);
            var classified = cells.Count(a.Classified);
            double? Mean(long sum) => classified is > 0 ? (double)sum / a.Classified : null;
            rows[i] = new AreaBrokerage
            {
                Area = a.Area,
                People = a.People,
                Classified = classified,
                MeanCoordinator = Mean(a.Coordinator),
                MeanItinerant = Mean(a.Itinerant),
                MeanGatekeeper = Mean(a.Gatekeeper),
                MeanRepresentative = Mean(a.Representative),
                MeanLiaison = Mean(a.Liaison),
                MeanTotal = Mean(a.Coordinator + a.Itinerant + a.Gatekeeper + a.Representative + a.Liaison),
                BrokerShare = cells.ShareWithRest(a.Brokers, a.Classified),
                Suppressed = cells.Suppressed,
            };
        }
        return rows;
    }

    private AreaSums[] SumByArea()
    {
        var byArea = new Dictionary<string, AreaSums>(StringComparer.Ordinal);
        foreach (var p in _people)
        {
            if (p.Area is not { } area) continue;
            if (!byArea.TryGetValue(area, out var s)) byArea[area] = s = new AreaSums(area);
            s.People++;
            if (p.Total is null) continue;
            s.Classified++;
            s.Coordinator += p.Coordinator!.Value;
            s.Itinerant += p.Itinerant!.Value;
            s.Gatekeeper += p.Gatekeeper!.Value;
            s.Representative += p.Representative!.Value;
            s.Liaison += p.Liaison!.Value;
            if (p.BrokersAcrossGroups == true) s.Brokers++;
        }
        return [.. byArea.Values.OrderBy(s => s.Area, StringComparer.Ordinal)];
    }

    /// <summary>The roles of the person with an id; O(log people).</summary>
    /// <param name="id">A person's id.</param>
    /// <returns>The roles.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="id"/> is null.</exception>
    /// <exception cref="UnknownNodeException">No person has this id.</exception>
    public PersonBrokerage ForId(string id)
    {
        Guard.NotNull(id);
        int lo = 0, hi = _people.Length - 1;
        while (lo <= hi)
        {
            var mid = (int)((uint)(lo + hi) >> 1);
            var order = string.CompareOrdinal(_people[mid].Id, id);
            if (order == 0) return _people[mid];
            if (order < 0) lo = mid + 1; else hi = mid - 1;
        }
        throw new UnknownNodeException(id, $"No person has id '{id}'.");
    }

    /// <summary>The roles of the person with a node index.</summary>
    /// <param name="node">A node index.</param>
    /// <returns>The roles.</returns>
    /// <exception cref="KeyNotFoundException">The node is not a person.</exception>
    public PersonBrokerage ForNode(int node) =>
        (uint)node < (uint)_rowOfNode.Length && _rowOfNode[node] >= 0
            ? _people[_rowOfNode[node]]
            : throw new KeyNotFoundException($"Node {node} is not a person of this snapshot.");
}
