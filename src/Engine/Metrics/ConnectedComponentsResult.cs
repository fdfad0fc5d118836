namespace SocialCapital.Metrics;

/// <summary>The connected components of a snapshot's person–person contacts (<see cref="ConnectedComponents.Compute"/>):
/// each person's component, numbered 0..<see cref="Count"/>-1 in order of each component's lowest node index, and the
/// size of each. A person without contacts is a component of one; places (peer groups, employers) are in none.
/// Immutable and safe to read from any number of threads.</summary>
public sealed class ConnectedComponentsResult
{
    private readonly int[] _labels;
    private readonly int[] _sizes;

    internal ConnectedComponentsResult(int[] labels, int[] sizes, int largest)
    {
        _labels = labels;
        _sizes = sizes;
        Largest = largest;
    }

    /// <summary>The number of components (people without contacts included, one each).</summary>
    public int Count => _sizes.Length;

    /// <summary>The component of each node, indexed by node index: 0..<see cref="Count"/>-1 for people, numbered in order
    /// of the components' lowest node index (so node 0, when a person, is in component 0); -1 for places.</summary>
    public ReadOnlySpan<int> Labels => _labels;

    /// <summary>The number of people in each component, indexed by component.</summary>
    public ReadOnlySpan<int> Sizes => _sizes;

    /// <summary>The largest component (the lowest-numbered one when several are as large); -1 when the snapshot has no people.</summary>
    public int Largest { get; }

    /// <summary>The number of people in the <see cref="Largest"/> component; 0 when the snapshot has no people.</summary>
    public int LargestSize => Largest < 0 ? 0 : _sizes[Largest];

    /// <summary>A node's component.</summary>
    /// <param name="node">A node index.</param>
    /// <returns>Its component, or -1 for a place.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="node"/> is not a node index.</exception>
    public int ComponentOf(int node) => _labels[Guard.InRange(node, 0, _labels.Length - 1)];

    /// <summary>Whether two nodes are people in the same component, that is, linked by a chain of contacts (a person is
    /// connected to themself).</summary>
    /// <param name="u">A node index.</param>
    /// <param name="v">Another node index.</param>
    /// <returns><see langword="true"/> when both are people of one component.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="u"/> or <paramref name="v"/> is not a node index.</exception>
    public bool AreConnected(int u, int v)
    {
        Guard.InRange(u, 0, _labels.Length - 1);
        Guard.InRange(v, 0, _labels.Length - 1);
        return _labels[u] >= 0 && _labels[u] == _labels[v];
    }

    /// <summary>The people of one component, in increasing node index; O(nodes).</summary>
    /// <param name="component">A component, 0..<see cref="Count"/>-1.</param>
    /// <returns>Their node indices.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="component"/> is not a component.</exception>
    public int[] MembersOf(int component)
    {
        Guard.InRange(component, 0, Count - 1);
        var members = new int[_sizes[component]];
        var at = 0;
        for (var u = 0; u < _labels.Length && at < members.Length; u++)
            if (_labels[u] == component) members[at++] = u;
        return members;
    }
}
