using SocialCapital.Model;

namespace SocialCapital.Graph;

/// <summary>Places the two contact slots of every active person–person tie in the CSR lists, in parallel yet in
/// exactly the order a sequential pass over the ties gives: the ties are cut into one range per thread, and each
/// range first counts its contacts per node, so it knows where its own slots start in every list. Ties to places
/// are gathered the same way, in input order.</summary>
internal sealed class ContactFill
{
    internal const int MinTiesPerRange = 1 << 16;

    /// <summary>Each range keeps a count per node, so many ranges would cost memory on many cores (8 × 4 MB at 1M
    /// people) for little gain: the fill is bound by memory, not by cores.</summary>
    private const int MaxRanges = 8;

    private readonly (int Start, int End)[] _ranges;
    private readonly int[][] _cursors; // range → node → the range's next slot in that node's list
    private readonly int _threads;

    private ContactFill(int nodes, int[] offsets, List<(int, int, TieKind)> places, (int, int)[] ranges, int[][] cursors, int threads)
    {
        Nodes = nodes;
        Offsets = offsets;
        Places = places;
        _ranges = ranges;
        _cursors = cursors;
        _threads = threads;
    }

    /// <summary>The node count.</summary>
    public int Nodes { get; }

    /// <summary>Where each node's contact list starts (CSR offsets, before repeated contacts are merged).</summary>
    public int[] Offsets { get; }

    /// <summary>The active ties to places, as (person, place, kind), in input order.</summary>
    public List<(int, int, TieKind)> Places { get; }

    /// <summary>Counts every node's contacts per range, which places every slot; <paramref name="source"/> is -1 for an
    /// inactive tie.</summary>
    public static ContactFill Plan(IReadOnlyList<TieRecord> ties, int[] source, int[] target, int nodes, int threads)
    {
        var rangeCount = Math.Clamp(ties.Count / MinTiesPerRange, 1, Math.Min(threads, MaxRanges));
        var ranges = new (int Start, int End)[rangeCount];
        for (var r = 0; r < rangeCount; r++) ranges[r] = ((int)((long)ties.Count * r / rangeCount), (int)((long)ties.Count * (r + 1) / rangeCount));
        var counts = new int[rangeCount][];
        var places = new List<(int, int, TieKind)>[rangeCount];
        Parallel.For(0, rangeCount, new ParallelOptions { MaxDegreeOfParallelism = threads }, r =>
        {
            var count = counts[r] = new int[nodes];
            var own = places[r] = [];
            for (var t = ranges[r].Start; t < ranges[r].End; t++)
            {
                if (source[t] < 0) continue;
                var kind = ties[t].Kind;
                if (kind.IsPersonToPerson()) { count[source[t]]++; count[target[t]]++; }
                else own.Add((source[t], target[t], kind));
            }
        });

        // Each range's count becomes the slot where its first contact of that node goes.
        var offsets = new int[nodes + 1];
        for (var u = 0; u < nodes; u++)
        {
            var next = offsets[u];
            foreach (var count in counts)
            {
                var c = count[u];
                count[u] = next;
                next += c;
            }
            offsets[u + 1] = next;
        }
        var allPlaces = places.Length == 1 ? places[0] : [.. places.SelectMany(p => p)];
        return new ContactFill(nodes, offsets, allPlaces, ranges, counts, threads);
    }

    /// <summary>Calls <paramref name="place"/>(tie, source, target, source's slot, target's slot) for every active
    /// person–person tie; calls for different ranges run at the same time but never share a slot.</summary>
    public void Fill(IReadOnlyList<TieRecord> ties, int[] source, int[] target, Action<int, int, int, int, int> place) =>
        Parallel.For(0, _ranges.Length, new ParallelOptions { MaxDegreeOfParallelism = _threads }, r =>
        {
            var cursor = _cursors[r];
            for (var t = _ranges[r].Start; t < _ranges[r].End; t++)
            {
                int u = source[t], v = target[t];
                if (u < 0 || !ties[t].Kind.IsPersonToPerson()) continue;
                place(t, u, v, cursor[u]++, cursor[v]++);
            }
        });
}
