namespace SocialCapital.Metrics;

/// <summary>The person measures of every person in a snapshot, ordered by id (ordinal).</summary>
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
        PopulationInWorkShare = populationInWorkShare;
    }

    /// <summary>One entry per person, ordered by id (ordinal).</summary>
    public IReadOnlyList<PersonMeasures> People => _people;

    /// <summary>The in-work share of all people in or out of work: the denominator of work connectedness;
    /// NaN when nobody's work status is known.</summary>
    public double PopulationInWorkShare { get; }

    /// <summary>The measures of the person with a node index.</summary>
    /// <param name="node">A node index.</param>
    /// <returns>The measures.</returns>
    /// <exception cref="KeyNotFoundException">The node is not a person.</exception>
    public PersonMeasures ForNode(int node) =>
        (uint)node < (uint)_rowOfNode.Length && _rowOfNode[node] >= 0
            ? _people[_rowOfNode[node]]
            : throw new KeyNotFoundException($"Node {node} is not a person of this snapshot.");
}
