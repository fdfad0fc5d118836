using SocialCapital.Model;

namespace SocialCapital.Metrics;

/// <summary>The person measures of every person in a snapshot, ordered by id (ordinal: "p10" sorts before "p2"), with
/// lookups by id (<see cref="ForId"/>). Immutable; safe to read from any number of threads.</summary>
public sealed class PersonMetricsResult
{
    private readonly PersonMeasures[] _people;
    private readonly int[] _rowOfNode;

    internal PersonMetricsResult(PersonMeasures[] people, int nodeCount, double populationInWorkShare)
    {
        _people = people;
        _rowOfNode = new int[nodeCount];
        Array.Fill(_rowOfNode, -1);
        for (var i = 0; i < people.Length; i++) _rowOfNode[people[i].Index] = i;
        PopulationInWorkShare = Undefined.ToNullable(populationInWorkShare);
    }

    /// <summary>One entry per person, ordered by id (ordinal).</summary>
    public IReadOnlyList<PersonMeasures> People => _people;

    /// <summary>The measures of the person with an id; O(log people).</summary>
    /// <param name="id">A person's id, e.g. <c>p00001</c>.</param>
    /// <returns>The measures.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="id"/> is null.</exception>
    /// <exception cref="UnknownNodeException">No person has this id (it derives from <see cref="KeyNotFoundException"/>).</exception>
    public PersonMeasures ForId(string id) =>
        TryGetId(id, out var measures) ? measures : throw new UnknownNodeException(id, $"No person has id '{id}'.");

    /// <summary>Looks up the measures of the person with an id; O(log people).</summary>
    /// <param name="id">A person's id.</param>
    /// <param name="measures">The measures, when found.</param>
    /// <returns>Whether a person has this id.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="id"/> is null.</exception>
    public bool TryGetId(string id, out PersonMeasures measures)
    {
        Guard.NotNull(id);
        int lo = 0, hi = _people.Length - 1;
        while (lo <= hi)
        {
            var mid = (int)((uint)(lo + hi) >> 1);
            var order = string.CompareOrdinal(_people[mid].Id, id);
            if (order == 0) { measures = _people[mid]; return true; }
            if (order < 0) lo = mid + 1; else hi = mid - 1;
        }
        measures = default;
        return false;
    }

    /// <summary>The in-work share of all people in or out of work: the denominator of work connectedness;
    /// null when nobody's work status is known.</summary>
    public double? PopulationInWorkShare { get; }

    /// <summary>The measures of the person with a node index.</summary>
    /// <param name="node">A node index.</param>
    /// <returns>The measures.</returns>
    /// <exception cref="KeyNotFoundException">The node is not a person.</exception>
    public PersonMeasures ForNode(int node) =>
        (uint)node < (uint)_rowOfNode.Length && _rowOfNode[node] >= 0
            ? _people[_rowOfNode[node]]
            : throw new KeyNotFoundException($"Node {node} is not a person of this snapshot.");
}
