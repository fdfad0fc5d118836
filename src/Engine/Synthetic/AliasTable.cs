using MathNet.Numerics.Random;

namespace SocialCapital.Synthetic;

/// <summary>Walker's alias method (Vose's construction): O(1) sampling of an index in proportion to a
/// weight, used to pick contacts in proportion to their degree propensity (Chung–Lu).</summary>
internal sealed class AliasTable
{
    private readonly double[] _probability;
    private readonly int[] _alias;
    private readonly int[] _items;

    public AliasTable(int[] items, double[] weightOf)
    {
        _items = items;
        var n = items.Length;
        _probability = new double[n];
        _alias = new int[n];
        double total = 0;
        foreach (var i in items) total += weightOf[i];
        var scaled = new double[n];
        var small = new Stack<int>();
        var large = new Stack<int>();
        for (var k = 0; k < n; k++)
        {
            scaled[k] = weightOf[items[k]] * n / total;
            (scaled[k] < 1 ? small : large).Push(k);
        }
        while (small.Count > 0 && large.Count > 0)
        {
            int s = small.Pop(), l = large.Pop();
            _probability[s] = scaled[s];
            _alias[s] = l;
            scaled[l] = scaled[l] + scaled[s] - 1;
            (scaled[l] < 1 ? small : large).Push(l);
        }
        while (large.Count > 0) _probability[large.Pop()] = 1;
        while (small.Count > 0) _probability[small.Pop()] = 1;
    }

    public int Count => _items.Length;

    public int Sample(MersenneTwister random)
    {
        var k = random.Next(_items.Length);
        return _items[random.NextDouble() < _probability[k] ? k : _alias[k]];
    }
}
