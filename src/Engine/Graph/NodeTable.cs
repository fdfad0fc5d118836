using SocialCapital.Model;

namespace SocialCapital.Graph;

/// <summary>Every node's id and attributes as parallel arrays indexed by node index (ids in ordinal
/// order). Strings are interned into small tables; code 0 and NaN/-1 mean unknown.</summary>
internal sealed class NodeTable
{
    public required string[] Ids;
    public required NodeKind[] Kinds;
    public required int[] AreaCodes;
    public required string?[] AreaNames;
    public required Employment[] Employment;
    public required AgeBand[] AgeBands;
    public required int[] SectorCodes;
    public required string?[] SectorNames;
    public required double[] Ses;
    public required int[] Capacity;
    public required string?[] Terms;
    public required TermLists Languages;
    public required TermLists Skills;
    public required TermLists Goals;
    public required string[] AttributeNames;
    public required int[][] AttributeCodes;
    public required string?[][] AttributeValues;

    public int Count => Ids.Length;

    /// <summary>Builds the table from records already in index (ordinal id) order.</summary>
    public static NodeTable Build(NodeRecord[] nodes, IReadOnlyList<string> attributeColumns)
    {
        var n = nodes.Length;
        var areas = new StringTable();
        var sectors = new StringTable();
        var terms = new StringTable();
        var table = new NodeTable
        {
            Ids = new string[n],
            Kinds = new NodeKind[n],
            AreaCodes = new int[n],
            AreaNames = [],
            Employment = new Employment[n],
            AgeBands = new AgeBand[n],
            SectorCodes = new int[n],
            SectorNames = [],
            Ses = new double[n],
            Capacity = new int[n],
            Terms = [],
            Languages = TermLists.Build(n, i => nodes[i].Languages, terms),
            Skills = TermLists.Build(n, i => nodes[i].Skills, terms),
            Goals = TermLists.Build(n, i => nodes[i].Goals, terms),
            AttributeNames = [.. attributeColumns],
            AttributeCodes = new int[attributeColumns.Count][],
            AttributeValues = new string?[attributeColumns.Count][],
        };
        for (var i = 0; i < n; i++)
        {
            var node = nodes[i];
            table.Ids[i] = node.Id;
            table.Kinds[i] = node.Kind;
            table.AreaCodes[i] = areas.Code(node.Area);
            table.Employment[i] = node.Employment;
            table.AgeBands[i] = node.AgeBand;
            table.SectorCodes[i] = sectors.Code(node.Sector);
            table.Ses[i] = node.Ses ?? double.NaN;
            table.Capacity[i] = node.Capacity ?? -1;
        }
        for (var a = 0; a < attributeColumns.Count; a++)
        {
            var values = new StringTable();
            var codes = new int[n];
            var name = attributeColumns[a];
            for (var i = 0; i < n; i++) codes[i] = values.Code(nodes[i].Attributes.GetValueOrDefault(name));
            table.AttributeCodes[a] = codes;
            table.AttributeValues[a] = values.ToArray();
        }
        table.AreaNames = areas.ToArray();
        table.SectorNames = sectors.ToArray();
        table.Terms = terms.ToArray();
        return table;
    }

    /// <summary>Binary search over the ordinal-sorted ids: no dictionary to keep in memory.</summary>
    public int IndexOf(string id)
    {
        int lo = 0, hi = Ids.Length - 1;
        while (lo <= hi)
        {
            var mid = lo + ((hi - lo) >> 1);
            var c = string.CompareOrdinal(Ids[mid], id);
            if (c == 0) return mid;
            if (c < 0) lo = mid + 1;
            else hi = mid - 1;
        }
        return -1;
    }

    public long Bytes
    {
        get
        {
            long n = Count;
            long strings = 0;
            foreach (var id in Ids) strings += 24 + 2L * id.Length;
            long codes = 0;
            foreach (var c in AttributeCodes) codes += 4L * c.Length;
            return 8 * n + strings + n * (1 + 4 + 1 + 1 + 4 + 8 + 4) + Languages.Bytes + Skills.Bytes + Goals.Bytes + codes;
        }
    }
}
