using System.Runtime.Intrinsics;
using SocialCapital.Metrics;

namespace SocialCapital.Live;

/// <summary>The tie tallies (<see cref="AreaMetrics.TieTally"/>) of every state of a dated pass at once: each count is
/// a row of one lane per state, and a tie adds the lanes of the states it is active in (a vector at a time, from its
/// mask) to the counts its one rule (<see cref="AreaMetrics.TieTally.Count"/>) names — where a tally per state took a
/// call per tie and state. One per worker; not thread-safe.</summary>
internal sealed class DatedTally
{
    // The counts of a cell, in order: touching, by class (3), crossing, inside, supported, work mixing (groups²).
    private const int Touching = 0, ByClass = 1, Crossing = 4, Inside = 5, Supported = 6, Mixing = 7;
    private const int Counts = Mixing + (AreaMetrics.WorkGroups * AreaMetrics.WorkGroups);
    private static readonly int Lanes = Vector256<int>.Count;

    /// <summary>Per pattern of a vector's worth of states (bit i for lane i), 1 in the lanes set.</summary>
    private static readonly Vector256<int>[] LanesOf = [.. Enumerable.Range(0, 1 << Vector256<int>.Count)
        .Select(bits => Vector256.Create([.. Enumerable.Range(0, Vector256<int>.Count).Select(i => (bits >> i) & 1)]))];

    private readonly int _cells;
    private readonly int _width; // the states rounded up to whole vectors
    private readonly int[] _counts; // per cell, per count, per state

    /// <summary>An empty tally of <paramref name="states"/> states over <paramref name="cells"/> cells.</summary>
    public DatedTally(int cells, int states)
    {
        _cells = cells;
        _width = (states + Lanes - 1) / Lanes * Lanes;
        _counts = new int[cells * Counts * _width];
    }

    /// <summary>Counts the tie u–v of class <paramref name="cls"/> (the areas as cells) in each state of
    /// <paramref name="states"/>, as supported in those of <paramref name="supported"/>.</summary>
    public void Add(int au, int av, int cls, uint states, uint supported, int? gu, int? gv) =>
        AreaMetrics.TieTally.Count(au, av, au, av, cls, gu, gv, new InStates(this, states, supported));

    /// <summary>Adds another worker's counts to this one's.</summary>
    public void Merge(DatedTally other)
    {
        var mine = _counts.AsSpan();
        var theirs = other._counts.AsSpan();
        for (var i = 0; i < mine.Length; i += Lanes) (Vector256.Create<int>(mine[i..]) + Vector256.Create<int>(theirs[i..])).CopyTo(mine[i..]);
    }

    /// <summary>The tally of state <paramref name="state"/>.</summary>
    public AreaMetrics.TieTally State(int state)
    {
        var tally = AreaMetrics.TieTally.Empty(_cells);
        for (var cell = 0; cell < _cells; cell++)
        {
            int Of(int count) => _counts[((cell * Counts) + count) * _width + state];
            tally.Touching[cell] = Of(Touching);
            for (var k = 0; k < 3; k++) tally.ByClass[cell, k] = Of(ByClass + k);
            tally.Crossing[cell] = Of(Crossing);
            tally.Inside[cell] = Of(Inside);
            tally.Supported[cell] = Of(Supported);
            for (var g = 0; g < AreaMetrics.WorkGroups; g++)
                for (var h = 0; h < AreaMetrics.WorkGroups; h++) tally.WorkMixing[cell][g, h] = Of(Mixing + (g * AreaMetrics.WorkGroups) + h);
        }
        return tally;
    }

    /// <summary>Adds 1 to a cell's count in each state of <paramref name="states"/>.</summary>
    private void Add(int cell, int count, uint states)
    {
        var row = _counts.AsSpan(((cell * Counts) + count) * _width, _width);
        for (var c = 0; c < _width; c += Lanes)
        {
            var bits = (int)(states >> c) & ((1 << Lanes) - 1);
            if (bits != 0) (Vector256.Create<int>(row[c..]) + LanesOf[bits]).CopyTo(row[c..]);
        }
    }

    private readonly struct InStates(DatedTally tally, uint states, uint supported) : AreaMetrics.TieTally.ICounts
    {
        public void Touch(int cell, int cls, bool crossing)
        {
            tally.Add(cell, Touching, states);
            tally.Add(cell, ByClass + cls, states);
            if (crossing) tally.Add(cell, Crossing, states);
        }

        public void Inside(int cell, int? g, int? h)
        {
            tally.Add(cell, DatedTally.Inside, states);
            if (supported != 0) tally.Add(cell, Supported, supported);
            if (g is { } a && h is { } b)
            {
                tally.Add(cell, Mixing + (a * AreaMetrics.WorkGroups) + b, states);
                tally.Add(cell, Mixing + (b * AreaMetrics.WorkGroups) + a, states);
            }
        }
    }
}
