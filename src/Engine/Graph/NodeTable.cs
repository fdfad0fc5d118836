using System.Buffers;
using System.Collections.Immutable;
using System.Text.Unicode;
using SocialCapital.Model;

namespace SocialCapital.Graph;

/// <summary>Every node's id and attributes as paged columns indexed by node index (<see cref="Paged{T}"/>, so a live
/// edit copies only the pages it changes). Ids are held as UTF-8 (<see cref="Utf8Column"/>); other strings are interned
/// into small tables, each node holding a code (<see cref="CodeColumn"/>); code 0 and NaN/-1 mean unknown.
/// A full build numbers nodes in ordinal order of their ids; a live graph adds a node at the next index and leaves a
/// removed node's index vacant (<see cref="Removed"/>) until it is compacted.</summary>
internal sealed class NodeTable
{
    /// <summary>The kind of a vacant index: no kind, not a person, not a place.</summary>
    public const NodeKind Removed = (NodeKind)byte.MaxValue;

    public required Utf8Column Ids;
    public required Paged<NodeKind> Kinds;
    public required CodeColumn AreaCodes;
    public required string?[] AreaNames;
    public required Paged<Employment> Employment;
    public required Paged<AgeBand> AgeBands;
    public required CodeColumn SectorCodes;
    public required string?[] SectorNames;
    public required CodeColumn HubCodes;
    public required string?[] HubNames;
    public required Paged<double> Ses;
    public required Paged<int> Capacity;
    public required string?[] Terms;
    public required NodeLists<int> Languages;
    public required NodeLists<int> Skills;
    public required NodeLists<int> Goals;
    public required NodeLists<int> Specialisms;
    public required string[] AttributeNames;
    public required CodeColumn[] AttributeCodes;
    public required string?[][] AttributeValues;

    /// <summary>Nodes 0..OrdinalCount-1 are in ordinal order of their ids (the nodes of the last full build).</summary>
    public required int OrdinalCount;

    /// <summary>Ids whose index differs from what a binary search of the ordinal part finds: nodes added since the
    /// build (their index) and nodes removed (-1).</summary>
    public required ImmutableDictionary<string, int> Moved;

    /// <summary>The interning tables, kept for a live graph's writer (the only one to use them): a new value gets the
    /// next code; snapshots hold their own copies of the names.</summary>
    public required StringTable AreaTable, SectorTable, HubTable, TermTable;
    public required StringTable[] AttributeTables;

    public int Count => Ids.Length;

    /// <summary>Builds the table from records already in index (ordinal id) order.</summary>
    public static NodeTable Build(NodeRecord[] nodes, IReadOnlyList<string> attributeColumns)
    {
        var n = nodes.Length;
        var areas = new StringTable();
        var sectors = new StringTable();
        var hubs = new StringTable();
        var terms = new StringTable();
        var kinds = new NodeKind[n];
        var areaCodes = new int[n];
        var employment = new Employment[n];
        var ageBands = new AgeBand[n];
        var sectorCodes = new int[n];
        var hubCodes = new int[n];
        var ses = new double[n];
        var capacity = new int[n];
        for (var i = 0; i < n; i++)
        {
            var node = nodes[i];
            kinds[i] = node.Kind;
            areaCodes[i] = areas.Code(node.Area);
            employment[i] = node.Employment;
            ageBands[i] = node.AgeBand;
            sectorCodes[i] = sectors.Code(node.Sector);
            hubCodes[i] = hubs.Code(node.Hub);
            ses[i] = node.Ses ?? double.NaN;
            capacity[i] = node.Capacity ?? -1;
        }
        var attributeCodes = new CodeColumn[attributeColumns.Count];
        var attributeTables = new StringTable[attributeColumns.Count];
        for (var a = 0; a < attributeColumns.Count; a++)
        {
            var values = attributeTables[a] = new StringTable();
            var codes = new int[n];
            var name = attributeColumns[a];
            for (var i = 0; i < n; i++) codes[i] = values.Code(nodes[i].Attributes.GetValueOrDefault(name));
            attributeCodes[a] = CodeColumn.From(codes);
        }
        var ids = new string[n];
        for (var i = 0; i < n; i++) ids[i] = nodes[i].Id;
        return new NodeTable
        {
            Ids = Utf8Column.From(ids),
            Kinds = Paged<NodeKind>.From(kinds),
            AreaCodes = CodeColumn.From(areaCodes),
            AreaNames = areas.ToArray(),
            Employment = Paged<Employment>.From(employment),
            AgeBands = Paged<AgeBand>.From(ageBands),
            SectorCodes = CodeColumn.From(sectorCodes),
            SectorNames = sectors.ToArray(),
            HubCodes = CodeColumn.From(hubCodes),
            HubNames = hubs.ToArray(),
            Ses = Paged<double>.From(ses),
            Capacity = Paged<int>.From(capacity),
            Languages = Lists(nodes, n => n.Languages, terms),
            Skills = Lists(nodes, n => n.Skills, terms),
            Goals = Lists(nodes, n => n.Goals, terms),
            Specialisms = Lists(nodes, n => n.Specialisms, terms),
            Terms = terms.ToArray(),
            AttributeNames = [.. attributeColumns],
            AttributeCodes = attributeCodes,
            AttributeValues = [.. attributeTables.Select(t => t.ToArray())],
            OrdinalCount = n,
            Moved = ImmutableDictionary.Create<string, int>(StringComparer.Ordinal),
            AreaTable = areas,
            SectorTable = sectors,
            HubTable = hubs,
            TermTable = terms,
            AttributeTables = attributeTables,
        };
    }

    private static NodeLists<int> Lists(NodeRecord[] nodes, Func<NodeRecord, IReadOnlyList<string>> listOf, StringTable table)
    {
        var offsets = new int[nodes.Length + 1];
        var codes = new List<int>();
        for (var i = 0; i < nodes.Length; i++)
        {
            foreach (var term in listOf(nodes[i])) codes.Add(table.Code(term));
            offsets[i + 1] = codes.Count;
        }
        return NodeLists<int>.FromCsr(offsets, [.. codes]);
    }

    /// <summary>A node's id.</summary>
    public string Id(int node) => Ids.GetString(node);

    /// <summary>A node's index, or -1: the moved ids first, then a binary search over the ordinal part (no
    /// dictionary of every id to keep in memory) with the id as UTF-8 on the stack, no string made.</summary>
    public int IndexOf(string id) => IndexOf(id, -1);

    /// <summary>The index of every node of <paramref name="nodes"/> (or -1), as <see cref="IndexOf(string)"/> gives it.
    /// Records that come in runs in id order (a dataset written kind by kind in id order) cost one comparison each
    /// instead of a binary search: the node after the one found last is tried first. O(n) then, O(n log n) at worst.</summary>
    public int[] IndicesOf(IReadOnlyList<NodeRecord> nodes, ParallelOptions parallel)
    {
        var index = new int[nodes.Count];
        if (index.Length == 0) return index; // a range partitioner takes no empty range
        Parallel.ForEach(System.Collections.Concurrent.Partitioner.Create(0, index.Length, 1 << 14), parallel, range =>
        {
            var last = -1;
            for (var i = range.Item1; i < range.Item2; i++)
            {
                var found = IndexOf(nodes[i].Id, last + 1);
                index[i] = found;
                if (found >= 0) last = found;
            }
        });
        return index;
    }

    /// <summary><see cref="IndexOf(string)"/>, trying the ordinal index <paramref name="guess"/> before the search.</summary>
    private int IndexOf(string id, int guess)
    {
        if (Moved.Count > 0 && Moved.TryGetValue(id, out var moved)) return moved;
        Span<byte> utf8 = id.Length <= 128 ? stackalloc byte[3 * 128] : new byte[3 * id.Length];
        // A string that is not well-formed UTF-16 (a lone surrogate) is no node's id: ids are validated text.
        if (Utf8.FromUtf16(id, utf8, out _, out var length, replaceInvalidSequences: false) != OperationStatus.Done) return -1;
        // The ordinal part holds each id once, so an equal id there is the one the search would find.
        if ((uint)guess < (uint)OrdinalCount && Ids[guess].SequenceEqual(utf8[..length])) return guess;
        return Ids.Search(utf8[..length], OrdinalCount);
    }

    /// <summary>Whether nodes are numbered in ordinal order of their ids (nothing added or removed since the build).</summary>
    public bool IsOrdinal => Moved.Count == 0;

    /// <summary>The live nodes in ordinal order of their ids: 0..n-1 after a full build; with the added merged in and
    /// the removed left out after live edits (O(n)).</summary>
    public int[] InIdOrder()
    {
        if (IsOrdinal) return [.. Enumerable.Range(0, Count)];
        var added = Moved.Where(m => m.Value >= OrdinalCount).OrderBy(m => m.Key, StringComparer.Ordinal).Select(m => m.Value).ToArray();
        var order = new List<int>(Count);
        var next = 0;
        for (var u = 0; u < OrdinalCount; u++)
        {
            if (Kinds[u] == Removed) continue;
            while (next < added.Length && Utf8Column.CompareOrdinal(Ids[added[next]], Ids[u]) < 0) order.Add(added[next++]);
            order.Add(u);
        }
        while (next < added.Length) order.Add(added[next++]);
        return [.. order];
    }

    /// <summary>The bytes the table takes: the sum of <see cref="Parts"/>.</summary>
    public long Bytes => Parts().Sum(p => p.Bytes);

    /// <summary>The bytes each part of the table takes (the footprint benchmark prints them).</summary>
    public (string Part, long Bytes)[] Parts()
    {
        long n = Count;
        long attributes = 0;
        foreach (var c in AttributeCodes) attributes += c.Bytes;
        return
        [
            ("ids", Ids.Bytes),
            ("kinds, employment, age bands", 3 * n),
            ("area, sector, hub codes", n * (AreaCodes.Width + SectorCodes.Width + HubCodes.Width)),
            ("ses", 8 * n),
            ("capacity", 4 * n),
            ("term lists", Languages.Bytes(4) + Skills.Bytes(4) + Goals.Bytes(4) + Specialisms.Bytes(4)),
            ("attribute codes", attributes),
        ];
    }
}
