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
