using SocialCapital.Model;
using SocialCapital.Ties;

namespace SocialCapital.Graph;

/// <summary>The one place a grouping of the nodes is resolved by name — a tie policy's dimensions and brokerage's
/// groups alike: a built-in dimension (<see cref="TiePolicy.BuiltInDimensions"/>) or an extra column of
/// <c>nodes.csv</c>, as an int code per node with 0 for unknown.</summary>
internal static class NodeGroupings
{
    /// <summary>The codes of <paramref name="attribute"/> per node (0 = unknown), or null for a name that is neither
    /// built in nor a column of <paramref name="nodes"/>. Columns of the table are returned as they are; the derived
    /// dimensions (work_status, ses_band, age_band) are computed once.</summary>
    public static CodeColumn? Codes(string attribute, NodeTable nodes)
    {
        if (Column(attribute, nodes) is { } own) return own;
        if (attribute is not ("work_status" or "ses_band" or "age_band")) return null;
        var codes = new int[nodes.Count];
        for (var u = 0; u < codes.Length; u++) codes[u] = Derived(attribute, nodes, u);
        return CodeColumn.From(codes);
    }

    /// <summary>A grouping that is a column of the table itself.</summary>
    public static CodeColumn? Column(string attribute, NodeTable nodes) => attribute switch
    {
        "area" => nodes.AreaCodes,
        "sector" => nodes.SectorCodes,
        "work_status" or "ses_band" or "age_band" => null,
        _ => Array.IndexOf(nodes.AttributeNames, attribute) is var i and >= 0 ? nodes.AttributeCodes[i] : null,
    };

    /// <summary>A node's code on a grouping derived from the table.</summary>
    public static int Derived(string attribute, NodeTable nodes, int u) => attribute switch
    {
        "work_status" => (int)nodes.Employment[u].ToWorkStatus(),
        "ses_band" => nodes.Ses[u] is var s && double.IsNaN(s) ? 0 : s >= 0.5 ? 2 : 1,
        _ => (int)nodes.AgeBands[u],
    };

    /// <summary>The value a code of <paramref name="attribute"/> stands for (<c>in_work</c>, <c>25-34</c>, <c>low</c>/<c>high</c>
    /// for ses_band, the area or column value); null for 0 (unknown). The name must resolve (<see cref="Codes"/>).</summary>
    public static string? Value(string attribute, NodeTable nodes, int code) => code == 0 ? null : attribute switch
    {
        "area" => nodes.AreaNames[code],
        "sector" => nodes.SectorNames[code],
        "work_status" => ((WorkStatus)code).Name(),
        "age_band" => ((AgeBand)code).Name(),
        "ses_band" => code == 2 ? "high" : "low",
        _ => nodes.AttributeValues[Array.IndexOf(nodes.AttributeNames, attribute)][code],
    };

    /// <summary>Why a name is refused, naming the valid ones: "not a built-in dimension (…) nor an extra column of
    /// nodes.csv (…)".</summary>
    public static string Refusal(NodeTable nodes) =>
        $"not a built-in dimension ({string.Join(", ", TiePolicy.BuiltInDimensions)}) nor an extra column of nodes.csv{Columns(nodes)}";

    /// <summary>What a name must be: "a built-in dimension (…) or an extra column of nodes.csv (…)".</summary>
    public static string Choices(NodeTable nodes) =>
        $"a built-in dimension ({string.Join(", ", TiePolicy.BuiltInDimensions)}) or an extra column of nodes.csv{Columns(nodes)}";

    private static string Columns(NodeTable nodes) =>
        nodes.AttributeNames.Length > 0 ? $" ({string.Join(", ", nodes.AttributeNames)})" : " (it has none)";
}
