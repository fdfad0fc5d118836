using System.Runtime.CompilerServices;
using Microsoft.Extensions.ObjectPool;
using SocialCapital.Model;

namespace SocialCapital.Graph;

/// <summary>The people at distance exactly two from one person — the contacts of their contacts who are neither the
/// person nor a contact — with the contacts each shares with the person, found in one pass over the contacts' contact
/// lists: a sparse accumulator (a dense slot per node and the list of nodes found). Optionally also the Adamic–Adar and
/// resource-allocation sums over those shared contacts, only the nodes a filter keeps (one kind), and the contacts who
/// share a contact with the person. The counting behind the Jaccard similarity at distance two, the link-prediction evidence of
/// peer suggestions and the mutual contacts of a mentor match.</summary>
/// <remarks>One instance serves one thread. After <see cref="Clear"/> every slot is 0 again, so an instance is reused for
/// any person of any snapshot with at most <see cref="Capacity"/> nodes, and grows for a larger one.
/// <see cref="Rent"/> and <see cref="Return"/> keep a few clean spare instances in an object pool
/// (Microsoft.Extensions.ObjectPool, as every scratch of the engine), so that one-person calls — several at once
/// included — do not allocate a node-sized array each time.</remarks>
internal sealed class TwoHop
{
    /// <summary>The spares of <see cref="Rent"/> and <see cref="Return"/>: at most one per core, and at most 8, so that
    /// the memory kept stays a few node-sized arrays (4 MB each at 1M nodes) whatever the machine.</summary>
    private static readonly DefaultObjectPool<TwoHop> Shared = new(new Spares(), Math.Clamp(Environment.ProcessorCount, 2, 8));

    /// <summary>Per node: 0 when not met, -1 for the person (and their contacts, unless collected too) during
    /// <see cref="Collect"/>, i + 1 for the i-th node found.</summary>
    private int[] _slot;
    private int[] _found = new int[64];
    private int[] _common = new int[64];
    private double[] _adamicAdar = [];
    private double[] _resource = [];

    /// <summary>A clean instance for snapshots of up to <paramref name="nodes"/> nodes, outside the spares.</summary>
    internal TwoHop(int nodes) => _slot = new int[nodes];

    /// <summary>The number of nodes the instance can serve.</summary>
    public int Capacity => _slot.Length;

    /// <summary>The number of people found by the last <see cref="Collect"/>.</summary>
    public int Count { get; private set; }

    /// <summary>The people found, in the order they were met (or in index order after <see cref="SortFound"/>).</summary>
    public ReadOnlySpan<int> Found => _found.AsSpan(0, Count);

    /// <summary>A clean instance for snapshots of up to <paramref name="nodes"/> nodes: a shared spare (grown when it
    /// is smaller), else a new one. Thread-safe.</summary>
    public static TwoHop Rent(int nodes)
    {
        var scratch = Shared.Get();
        if (scratch._slot.Length < nodes) scratch._slot = new int[nodes]; // a clean instance's slots are all 0, as new ones
        return scratch;
    }

    /// <summary>Keeps a clean instance (after <see cref="Clear"/>) among the shared spares, or drops it when they are
    /// full. Thread-safe.</summary>
    public static void Return(TwoHop scratch) => Shared.Return(scratch);

    /// <summary>Finds the people at distance exactly two from <paramref name="u"/> and counts, for each, the contacts it
    /// shares with u; with <paramref name="scores"/>, also sums 1/ln k_w (Adamic–Adar) and 1/k_w (resource allocation)
    /// over those shared contacts w, in the order of u's contacts. Call <see cref="Clear"/> before the next person.</summary>
    public void Collect(Adjacency contacts, int u, bool scores) => Collect(contacts, u, scores, contactsToo: false, default(Everyone));

    /// <summary>As <see cref="Collect(Adjacency, int, bool)"/>, finding only the nodes <paramref name="filter"/> keeps
    /// (the others are passed over at the cost of the filter alone); with <paramref name="contactsToo"/>, u's contacts
    /// who share a contact with u are found and counted too (everyone but u with a contact in common).</summary>
    // Called once per person, so thousands of times per call but few times in all: optimised from the first call
    // instead of after tiering (the comparison's jaccard_1000 measured 2.8 ms so, against 4–6 ms tiered). A struct
    // filter is compiled into the loop: Everyone costs nothing.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Collect<TFilter>(Adjacency contacts, int u, bool scores, bool contactsToo, TFilter filter)
        where TFilter : struct, IFilter
    {
        var starts = contacts.Start;
        var ends = contacts.End;
        var neighbors = contacts.Neighbors;
        var slot = _slot;
        int start = starts[u], end = ends[u];
        slot[u] = -1;
        long bound = 0;
        for (var s = start; s < end; s++)
        {
            var w = neighbors[s];
            if (!contactsToo) slot[w] = -1;
            bound += ends[w] - starts[w];
        }
        Reserve((int)Math.Min(bound, _slot.Length), scores);

        var found = _found;
        var common = _common;
        var adamicAdar = _adamicAdar;
        var resource = _resource;
        var count = 0;
        for (var s = start; s < end; s++)
        {
            var w = neighbors[s];
            int from = starts[w], to = ends[w];
            double inverseLog = 0, inverse = 0;
            if (scores)
            {
                // k_w ≥ 1, as w is a contact of u. k_w = 1 gives 1/ln 1 = +∞, never added: w's only contact is u,
                // which is skipped.
                inverseLog = 1 / Math.Log(to - from);
                inverse = 1.0 / (to - from);
            }
            for (var t = from; t < to; t++)
            {
                var x = neighbors[t];
                if (!filter.Keeps(x)) continue;
                var i = slot[x] - 1;
                if (i < 0)
                {
                    if (i < -1) continue; // the person, or a contact when they are not collected
                    i = count++;
                    slot[x] = count;
                    found[i] = x;
                    common[i] = 0;
                    if (scores) adamicAdar[i] = resource[i] = 0;
                }
                common[i]++;
                if (scores)
                {
                    adamicAdar[i] += inverseLog;
                    resource[i] += inverse;
                }
            }
        }

        slot[u] = 0;
        if (!contactsToo) // else the contacts found hold their slots until Clear, and the others are 0
            for (var s = start; s < end; s++) slot[neighbors[s]] = 0;
        Count = count;
    }

    /// <summary>Puts the people found in increasing index order.</summary>
    public void SortFound() => _found.AsSpan(0, Count).Sort();

    /// <summary>The contacts a node found shares with the person; 0 for any other node.</summary>
    public int Common(int node)
    {
        var i = _slot[node] - 1;
        return i >= 0 ? _common[i] : 0;
    }

    /// <summary>Σ 1/ln k_w over the shared contacts w (collected with scores); 0 for a node not found.</summary>
    public double AdamicAdar(int node)
    {
        var i = _slot[node] - 1;
        return i >= 0 ? _adamicAdar[i] : 0;
    }

    /// <summary>Σ 1/k_w over the shared contacts w (collected with scores); 0 for a node not found.</summary>
    public double ResourceAllocation(int node)
    {
        var i = _slot[node] - 1;
        return i >= 0 ? _resource[i] : 0;
    }

    /// <summary>Resets the slots of the people found, so the instance is clean for the next person.</summary>
    public void Clear()
    {
        var slot = _slot;
        foreach (var x in _found.AsSpan(0, Count)) slot[x] = 0;
        Count = 0;
    }

    private void Reserve(int size, bool scores)
    {
        if (_found.Length < size)
        {
            var length = Math.Max(size, Math.Min(2 * _found.Length, _slot.Length));
            _found = new int[length];
            _common = new int[length];
        }
        if (scores && _adamicAdar.Length < _found.Length)
        {
            _adamicAdar = new double[_found.Length];
            _resource = new double[_found.Length];
        }
    }

    /// <summary>Which nodes <see cref="Collect{TFilter}"/> finds; a struct, so that the check is compiled into the loop.</summary>
    public interface IFilter
    {
        /// <summary>Whether the node is found (when at the right distance).</summary>
        bool Keeps(int node);
    }

    /// <summary>Every node.</summary>
    public readonly struct Everyone : IFilter
    {
        /// <inheritdoc/>
        public bool Keeps(int node) => true;
    }

    /// <summary>The nodes of one kind.</summary>
    public readonly struct OfKind(Paged<NodeKind> kinds, NodeKind kind) : IFilter
    {
        /// <inheritdoc/>
        public bool Keeps(int node) => kinds[node] == kind;
    }

    /// <summary>New spares start empty and grow to the first snapshot they serve; every clean instance is kept.</summary>
    private sealed class Spares : IPooledObjectPolicy<TwoHop>
    {
        public TwoHop Create() => new(0);

        public bool Return(TwoHop obj) => obj.Count == 0;
    }
}
