using SocialCapital.Model;
using SocialCapital.Ties;

namespace SocialCapital.Graph;

/// <summary>A <see cref="TiePolicy"/> compiled against one node table: each dimension becomes an int code
/// array (0 = unknown) so that scoring a tie is a short loop over arrays.</summary>
internal sealed class TieClassifier
{
    private readonly int[][] _codes;
    private readonly string[] _names;
    private readonly double[] _weights;
    private readonly bool[] _linkingNode;
    private readonly ContactKinds _linkingKinds;
    private readonly double _threshold;
    private readonly NodeKind[] _kinds;

    private TieClassifier(int[][] codes, string[] names, double[] weights, bool[] linkingNode, ContactKinds linkingKinds, double threshold, NodeKind[] kinds)
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
        var codes = new List<int[]>();
        var names = new List<string>();
        var weights = new List<double>();
        foreach (var d in policy.Dimensions)
        {
            if (Codes(d.Attribute, nodes) is { } c) { codes.Add(c); names.Add(d.Attribute); weights.Add(d.Weight); }
            else
                problems.Add(policy.SourceName, null, "dimensions", d.Attribute,
                    $"not a built-in dimension ({string.Join(", ", TiePolicy.BuiltInDimensions)}) nor an extra column of nodes.csv"
                    + (nodes.AttributeNames.Length > 0 ? $" ({string.Join(", ", nodes.AttributeNames)})" : " (it has none)"));
        }
        problems.ThrowIfAny();
        var linkingNode = new bool[Enum.GetValues<NodeKind>().Length];
        foreach (var k in policy.LinkingNodeKinds) linkingNode[(int)k] = true;
        var linkingKinds = ContactKinds.None;
        foreach (var k in policy.LinkingTieKinds) linkingKinds |= k.ToContactKinds();
        return new TieClassifier([.. codes], [.. names], [.. weights], linkingNode, linkingKinds, policy.BridgingThreshold, nodes.Kinds);
    }

    /// <summary>b(u, v) = Σ w_d·[differs] / Σ w_d over the dimensions known on both ends; 0 when none is.</summary>
    public double Score(int u, int v)
    {
        double differ = 0, known = 0;
        for (var d = 0; d < _codes.Length; d++)
        {
            var codes = _codes[d];
            int cu = codes[u], cv = codes[v];
            if (cu == 0 || cv == 0) continue;
            known += _weights[d];
            if (cu != cv) differ += _weights[d];
        }
        return known > 0 ? differ / known : 0;
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

    public TieClass Classify(int u, int v, ContactKinds kinds) =>
        (kinds & _linkingKinds) != 0 || _linkingNode[(int)_kinds[u]] || _linkingNode[(int)_kinds[v]] ? TieClass.Linking
        : Score(u, v) >= _threshold ? TieClass.Bridging
        : TieClass.Bonding;

    private static int[]? Codes(string attribute, NodeTable nodes) => attribute switch
    {
        "work_status" => Map(nodes.Employment, e => (int)e.ToWorkStatus()),
        "ses_band" => Map(nodes.Ses, s => double.IsNaN(s) ? 0 : s >= 0.5 ? 2 : 1),
        "age_band" => Map(nodes.AgeBands, a => (int)a),
        "area" => nodes.AreaCodes,
        "sector" => nodes.SectorCodes,
        _ => Array.IndexOf(nodes.AttributeNames, attribute) is var i and >= 0 ? nodes.AttributeCodes[i] : null,
    };

    private static int[] Map<T>(T[] values, Func<T, int> code)
    {
        var codes = new int[values.Length];
        for (var i = 0; i < values.Length; i++) codes[i] = code(values[i]);
        return codes;
    }
}
