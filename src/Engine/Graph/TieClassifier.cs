using SocialCapital.Model;
using SocialCapital.Ties;

namespace SocialCapital.Graph;

/// <summary>A <see cref="TiePolicy"/> compiled against one node table: each dimension becomes an int code
/// column (0 = unknown) so that scoring a tie is a short loop over columns. Columns of the table itself (area, sector,
/// extra attributes) are used as they are; the others are derived once and follow a live edit node by node
/// (<see cref="With"/>).</summary>
internal sealed class TieClassifier
{
    private readonly CodeColumn[] _codes;
    private readonly string[] _names;
    private readonly double[] _weights;
    private readonly bool[] _linkingNode;
    private readonly ContactKinds _linkingKinds;
    private readonly double _threshold;
    private readonly Paged<NodeKind> _kinds;

    private TieClassifier(CodeColumn[] codes, string[] names, double[] weights, bool[] linkingNode, ContactKinds linkingKinds, double threshold, Paged<NodeKind> kinds)
    {
        _codes = codes;
        _names = names;
        _weights = weights;
        _linkingNode = linkingNode;
        _linkingKinds = linkingKinds;
        _threshold = threshold;
        _kinds = kinds;
    }

    /// <exception cref="DataValidationException">The policy is invalid or names an attribute the nodes do not have.</exception>
    public static TieClassifier Compile(TiePolicy policy, NodeTable nodes)
    {
        var problems = new ProblemCollector();
        policy.Validate(policy.SourceName, problems);
        problems.ThrowIfAny();
        var codes = new List<CodeColumn>();
        var names = new List<string>();
        var weights = new List<double>();
        foreach (var d in policy.Dimensions)
        {
            if (NodeGroupings.Codes(d.Attribute, nodes) is { } c) { codes.Add(c); names.Add(d.Attribute); weights.Add(d.Weight); }
            else
                problems.Add(policy.SourceName, null, "dimensions", d.Attribute, NodeGroupings.Refusal(nodes));
        }
        problems.ThrowIfAny();
        var linkingNode = new bool[byte.MaxValue + 1]; // every NodeKind value, NodeTable.Removed included
        foreach (var k in policy.LinkingNodeKinds) linkingNode[(int)k] = true;
        var linkingKinds = ContactKinds.None;
        foreach (var k in policy.LinkingTieKinds) linkingKinds |= k.ToContactKinds();
        return new TieClassifier([.. codes], [.. names], [.. weights], linkingNode, linkingKinds, policy.BridgingThreshold, nodes.Kinds);
    }

    /// <summary>b(u, v) = Σ w_d·[differs] / Σ w_d over the dimensions known on both ends; 0 when none is.</summary>
    public double Score(int u, int v) => Score(new Columns(_codes), u, v);

    /// <summary>b(u, v) as <see cref="Score(int, int)"/> gives it (to the bit), from <see cref="CodeRows"/>.</summary>
    public double Score(ushort[] rows, int u, int v) => Score(new Rows(rows, _codes.Length), u, v);

    /// <summary>The codes of nodes 0 to <paramref name="n"/> − 1 of all the dimensions side by side (node u's at u·D to
    /// u·D + D − 1), for a pass that scores every contact: a score then reads one cache line per node instead of one per
    /// dimension, which is most of its cost on a large graph. Two bytes per node and dimension; null when a code does
    /// not fit in them (or there are too many for one array).</summary>
    public ushort[]? CodeRows(int n)
    {
        var dimensions = _codes.Length;
        foreach (var column in _codes)
            if (column.Width > 2 || column.Length < n) return null;
        if ((long)n * dimensions > Array.MaxLength) return null;
        var rows = new ushort[n * dimensions];
        for (var d = 0; d < dimensions; d++)
        {
            var column = _codes[d];
            for (var u = 0; u < n; u++) rows[u * dimensions + d] = (ushort)column[u];
        }
        return rows;
    }

    /// <summary>The one place the score is computed, whichever way the codes are held.</summary>
    private double Score<TCodes>(TCodes codes, int u, int v)
        where TCodes : struct, ICodes
    {
        double differ = 0, known = 0;
        for (var d = 0; d < _codes.Length; d++)
        {
            int cu = codes.Code(d, u), cv = codes.Code(d, v);
            if (cu == 0 || cv == 0) continue;
            known += _weights[d];
            if (cu != cv) differ += _weights[d];
        }
        return known > 0 ? differ / known : 0;
    }

    /// <summary>A way to read a node's code of a dimension; a struct, so that the read is compiled into the score.</summary>
    private interface ICodes
    {
        int Code(int dimension, int node);
    }

    private readonly struct Columns(CodeColumn[] codes) : ICodes
    {
        public int Code(int dimension, int node) => codes[dimension][node];
    }

    private readonly struct Rows(ushort[] rows, int dimensions) : ICodes
    {
        public int Code(int dimension, int node) => rows[node * dimensions + dimension];
    }

    /// <summary>The policy's dimensions known on both ends on which they differ, in policy order.</summary>
    public IEnumerable<string> DifferingDimensions(int u, int v)
    {
        for (var d = 0; d < _codes.Length; d++)
        {
            int cu = _codes[d][u], cv = _codes[d][v];
            if (cu != 0 && cv != 0 && cu != cv) yield return _names[d];
        }
    }

    public TieClass Classify(int u, int v, ContactKinds kinds) => Classify(null, u, v, kinds);

    /// <summary>The class of a contact, its score read from <see cref="CodeRows"/> when given (a pass classifying
    /// every contact: one cache line per node read), else from the columns.</summary>
    public TieClass Classify(ushort[]? rows, int u, int v, ContactKinds kinds) =>
        (kinds & _linkingKinds) != 0 || _linkingNode[(int)_kinds[u]] || _linkingNode[(int)_kinds[v]] ? TieClass.Linking
        : (rows is null ? Score(u, v) : Score(rows, u, v)) >= _threshold ? TieClass.Bridging
        : TieClass.Bonding;

    /// <summary>The classifier after a live edit changed the nodes <paramref name="changed"/> (or added them) in
    /// <paramref name="nodes"/>: the table's own columns are taken as they now are, derived ones are changed at those nodes.</summary>
    public TieClassifier With(NodeTable nodes, IReadOnlyCollection<int> changed)
    {
        var codes = new CodeColumn[_codes.Length];
        for (var d = 0; d < codes.Length; d++)
        {
            if (NodeGroupings.Column(_names[d], nodes) is { } own) { codes[d] = own; continue; }
            var editor = _codes[d].Edit();
            while (editor.Length < nodes.Count) editor.Add(0);
            foreach (var u in changed) editor[u] = NodeGroupings.Derived(_names[d], nodes, u);
            codes[d] = editor.ToColumn();
        }
        return new TieClassifier(codes, _names, _weights, _linkingNode, _linkingKinds, _threshold, nodes.Kinds);
    }
}
