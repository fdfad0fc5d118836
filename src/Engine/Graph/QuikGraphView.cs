using QuikGraph;

namespace SocialCapital.Graph;

/// <summary>A read-only QuikGraph view of a snapshot's person–person graph, so QuikGraph's algorithms
/// (components, shortest paths, flows, …) run on it without copying. Vertices are the people's node
/// indices; each contact is one undirected edge with Source &lt; Target. Use <see cref="Strength"/> as the
/// edge weight function. Safe for concurrent readers, like the snapshot.</summary>
public sealed class QuikGraphView : IUndirectedGraph<int, SUndirectedEdge<int>>
{
    private readonly SocialGraph _graph;

    internal QuikGraphView(SocialGraph graph) => _graph = graph;

    /// <summary>The snapshot behind the view.</summary>
    public SocialGraph Graph => _graph;

    /// <summary>The summed strength of the contact an edge stands for.</summary>
    /// <param name="edge">An edge of this view.</param>
    /// <returns>Its strength.</returns>
    /// <exception cref="KeyNotFoundException">The edge is not in the graph.</exception>
    public double Strength(SUndirectedEdge<int> edge)
    {
        var slot = _graph.Contacts.Slot(edge.Source, edge.Target);
        return slot >= 0 ? _graph.Contacts.Strengths[slot] : throw new KeyNotFoundException($"No contact {edge.Source}–{edge.Target}.");
    }

    /// <inheritdoc />
    public bool IsDirected => false;

    /// <inheritdoc />
    public bool AllowParallelEdges => false;

    /// <inheritdoc />
    public EdgeEqualityComparer<int> EdgeEqualityComparer { get; } = EdgeExtensions.GetUndirectedVertexEquality<int, SUndirectedEdge<int>>();

    /// <inheritdoc />
    public bool IsVerticesEmpty => _graph.PersonCount == 0;

    /// <inheritdoc />
    public int VertexCount => _graph.PersonCount;

    /// <inheritdoc />
    public IEnumerable<int> Vertices
    {
        get
        {
            for (var u = 0; u < _graph.NodeCount; u++) if (_graph.IsPerson(u)) yield return u;
        }
    }

    /// <inheritdoc />
    public bool IsEdgesEmpty => _graph.ContactCount == 0;

    /// <inheritdoc />
    public int EdgeCount => _graph.ContactCount;

    /// <inheritdoc />
    public IEnumerable<SUndirectedEdge<int>> Edges
    {
        get
        {
            var c = _graph.Contacts;
            for (var u = 0; u < _graph.NodeCount; u++)
                for (var s = c.Start[u]; s < c.End[u]; s++)
                    if (c.Neighbors[s] > u) yield return new SUndirectedEdge<int>(u, c.Neighbors[s]);
        }
    }

    /// <inheritdoc />
    public bool ContainsVertex(int vertex) => (uint)vertex < (uint)_graph.NodeCount && _graph.IsPerson(vertex);

    /// <inheritdoc />
    public bool ContainsEdge(SUndirectedEdge<int> edge) => ContainsEdge(edge.Source, edge.Target);

    /// <inheritdoc />
    public bool ContainsEdge(int source, int target) =>
        ContainsVertex(source) && ContainsVertex(target) && _graph.AreInContact(source, target);

    /// <inheritdoc />
    public IEnumerable<SUndirectedEdge<int>> AdjacentEdges(int vertex)
    {
        Check(vertex);
        var c = _graph.Contacts;
        for (var s = c.Start[vertex]; s < c.End[vertex]; s++) yield return Edge(vertex, c.Neighbors[s]);
    }

    /// <inheritdoc />
    public int AdjacentDegree(int vertex) => _graph.Degree(Check(vertex));

    /// <inheritdoc />
    public bool IsAdjacentEdgesEmpty(int vertex) => _graph.Degree(Check(vertex)) == 0;

    /// <inheritdoc />
    public SUndirectedEdge<int> AdjacentEdge(int vertex, int index)
    {
        var neighbors = _graph.Neighbors(Check(vertex));
        return (uint)index < (uint)neighbors.Length
            ? Edge(vertex, neighbors[index])
            : throw new ArgumentOutOfRangeException(nameof(index), index, $"Vertex {vertex} has {neighbors.Length} adjacent edges.");
    }

    /// <inheritdoc />
    public bool TryGetEdge(int source, int target, out SUndirectedEdge<int> edge)
    {
        var found = ContainsEdge(source, target);
        edge = found ? Edge(source, target) : default;
        return found;
    }

    private static SUndirectedEdge<int> Edge(int a, int b) => a < b ? new(a, b) : new(b, a);

    private int Check(int vertex) => ContainsVertex(vertex)
        ? vertex
        : throw new VertexNotFoundException($"Vertex {vertex} is not a person of this snapshot.");
}
