using System.Collections.Immutable;

namespace SocialCapital.Graph;

/// <summary>A short list per node (a person's places, a place's members, a node's languages): the lists of the last
/// full build in CSR form, and the lists changed since in a persistent map that a changed copy shares. Lists are few
/// per node and read far less than contacts, so a map lookup for changed nodes costs little. Immutable; thread-safe.</summary>
internal sealed class NodeLists<T>
{
    private readonly int[] _offsets;
    private readonly T[] _items;
    private readonly ImmutableDictionary<int, T[]> _changed;

    private NodeLists(int[] offsets, T[] items, ImmutableDictionary<int, T[]> changed)
    {
        _offsets = offsets;
        _items = items;
        _changed = changed;
    }

    /// <summary>Lists in CSR form: node u's are items[offsets[u]..offsets[u + 1]).</summary>
    public static NodeLists<T> FromCsr(int[] offsets, T[] items) => new(offsets, items, ImmutableDictionary<int, T[]>.Empty);

    /// <summary>Node <paramref name="node"/>'s list; empty for a node added after the build and never given one.</summary>
    public ReadOnlySpan<T> Of(int node)
    {
        if (_changed.Count > 0 && _changed.TryGetValue(node, out var list)) return list;
        return node < _offsets.Length - 1 ? _items.AsSpan(_offsets[node], _offsets[node + 1] - _offsets[node]) : [];
    }

    /// <summary>The lists with node <paramref name="node"/>'s replaced.</summary>
    public NodeLists<T> With(int node, T[] list) => new(_offsets, _items, _changed.SetItem(node, list));

    /// <summary>The CSR offsets of the build's lists (the snapshot file writes them as they are).</summary>
    public int[] Offsets => _offsets;

    /// <summary>The CSR items of the build's lists.</summary>
    public T[] Items => _items;

    /// <summary>How many nodes' lists changed since the build.</summary>
    public int Changed => _changed.Count;

    public long Bytes(int itemSize) => 4L * _offsets.Length + (long)itemSize * _items.Length + 48L * _changed.Count;
}
