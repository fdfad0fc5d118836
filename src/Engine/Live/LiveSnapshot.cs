using SocialCapital.Graph;
using SocialCapital.Interchange;
using SocialCapital.Metrics;
using SocialCapital.Model;

namespace SocialCapital.Live;

/// <summary>One state of a <see cref="LiveGraph"/>: the analysis snapshot, the records it was made of, and the area
/// and peer-group measures kept up to date with it. Immutable: later edits make new snapshots and never change this
/// one, so any number of threads may read it while edits go on.</summary>
public sealed class LiveSnapshot
{
    internal readonly Paged<NodeRecord?> Records; // by node index; null for a removed node
    internal readonly Paged<TieRecord[]> Ties; // by node index: every tie touching the node, in the order they came

    internal LiveSnapshot(SocialGraph graph, Paged<NodeRecord?> records, Paged<TieRecord[]> ties, IReadOnlyList<string> attributeColumns,
        int nodeCount, int tieCount, long edits, LiveMeasures measures)
    {
        Graph = graph;
        Records = records;
        Ties = ties;
        AttributeColumns = attributeColumns;
        NodeCount = nodeCount;
        TieCount = tieCount;
        Edits = edits;
        Measures = measures;
    }

    /// <summary>The analysis snapshot.</summary>
    public SocialGraph Graph { get; }

    /// <summary>The area and peer-group measures of <see cref="Graph"/>.</summary>
    public LiveMeasures Measures { get; }

    /// <summary>How many edits the live graph had applied when this snapshot was made (0 for the first).</summary>
    public long Edits { get; }

    /// <summary>The extra attribute columns of the nodes.</summary>
    public IReadOnlyList<string> AttributeColumns { get; }

    /// <summary>The number of ties (of every kind and date).</summary>
    public int TieCount { get; }

    /// <summary>The number of nodes.</summary>
    public int NodeCount { get; }

    /// <summary>Every node, in ordinal order of their ids (O(n)).</summary>
    public IEnumerable<NodeRecord> Nodes
    {
        get
        {
            foreach (var u in Graph.Nodes.InIdOrder())
                if (Records[u] is { } record) yield return record;
        }
    }

    /// <summary>The node with an id, or <see langword="null"/>; O(log n).</summary>
    /// <param name="id">The id.</param>
    /// <returns>The record.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="id"/> is null.</exception>
    public NodeRecord? Node(string id) => Graph.TryGetIndex(Guard.NotNull(id), out var node) ? Records[node] : null;

    /// <summary>The ties touching a node, in the order they came.</summary>
    /// <param name="id">The node's id.</param>
    /// <returns>The ties; empty for an unknown id.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="id"/> is null.</exception>
    public IReadOnlyList<TieRecord> TiesOf(string id) => Graph.TryGetIndex(Guard.NotNull(id), out var node) ? Ties[node] : [];

    /// <summary>The person measures of one person, computed from the snapshot on the spot (O(the person's contacts'
    /// degrees)), equal to those of a whole-graph <see cref="PersonMetrics.Compute"/>.</summary>
    /// <param name="id">The person's id.</param>
    /// <returns>The measures.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="id"/> is null.</exception>
    /// <exception cref="UnknownNodeException">No node has this id.</exception>
    /// <exception cref="WrongNodeKindException">The node is a place.</exception>
    public PersonMeasures Person(string id)
    {
        var node = Graph.IndexOf(Guard.NotNull(id));
        if (!Graph.IsPerson(node)) throw new WrongNodeKindException(id, Graph.Kind(node), "person");
        return PersonMetrics.Of(Graph, node);
    }

    /// <summary>The records as a dataset (O(nodes + ties)): nodes in index order, each tie once, the ties of each pair of
    /// nodes in the order they came (so a snapshot built from it sums every contact's strengths in the same order).</summary>
    /// <returns>The dataset.</returns>
    public Dataset ToDataset()
    {
        var nodes = new List<NodeRecord>(Graph.NodeCount);
        var ties = new List<TieRecord>(TieCount);
        for (var u = 0; u < Graph.NodeCount; u++)
        {
            if (Records[u] is not { } record) continue;
            nodes.Add(record);
            foreach (var tie in Ties[u])
                if (Graph.IndexOf(tie.Source == record.Id ? tie.Target : tie.Source) > u) ties.Add(tie); // from its lower end
        }
        return new Dataset(nodes, ties, AttributeColumns);
    }
}
