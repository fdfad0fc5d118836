using System.Collections.Concurrent;
using System.Numerics;
using System.Runtime.CompilerServices;
using SocialCapital.Graph;
using SocialCapital.Model;
using SocialCapital.Ties;

namespace SocialCapital.Live;

/// <summary>The contacts of several states of one dataset at once (<see cref="DatedPass"/>): every pair joined by a
/// person–person tie active in any of the states, each node's pairs sorted by neighbour as in a snapshot, each slot with
/// a mask of the states it is active in (bit s for state s) and its weight and class — one weight and class when they are
/// the same in every state the slot is active in (a pair with one tie, or ties that start and end together), else one
/// per state. The states' snapshots are these slots filtered by a bit: the same lists, in the same order, with the same
/// weights, as a build on each state would give. Built per node on every core from the node's own ties, so both
/// directions of a pair agree by construction. Immutable once built.</summary>
internal sealed class DatedContacts
{
    /// <summary>The most states one structure holds (a bit each; the top bit marks a slot whose weight or class varies).</summary>
    public const int MaxStates = 31;

    private const uint VaryingBit = 1u << 31;

    private DatedContacts(int states, Node[] nodes, int[] neighbors, uint[] active, double[] weight, TieClass[] classes,
        double[] varyingWeight, TieClass[] varyingClass)
    {
        States = states;
        Width = WidthOf(states);
        _nodes = nodes;
        Neighbors = neighbors;
        _active = active;
        Weight = weight;
        Class = classes;
        _varyingWeight = varyingWeight;
        _varyingClass = varyingClass;
    }

    private readonly Node[] _nodes;
    private readonly uint[] _active;
    private readonly double[] _varyingWeight; // per varying slot, per state
    private readonly TieClass[] _varyingClass;

    /// <summary>The number of states.</summary>
    public int States { get; }

    /// <summary>The states rounded up to whole vectors of doubles: the length of a row of per-state values.</summary>
    public int Width { get; }

    /// <summary>What the dated pass reads of a node as a contact, side by side: one cache line for all of it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ref readonly Node NodeAt(int node) => ref _nodes[node];

    /// <summary>A node's slots, area code, SES (<see cref="SesUnknown"/>, <see cref="SesLow"/> below 0.5 or
    /// <see cref="SesHigh"/>, as the terms of economic connectedness read a contact's) and work status.</summary>
    internal readonly record struct Node(int From, int To, int Area, byte Ses, WorkStatus Work);

    /// <summary>The SES of a <see cref="Node"/>.</summary>
    public const byte SesUnknown = 0, SesLow = 1, SesHigh = 2;

    /// <summary>The neighbour of each slot.</summary>
    public int[] Neighbors { get; }

    /// <summary>The weight of each slot whose weight is the same in every state it is active in; for a slot whose
    /// weight or class varies, the number of its row in the tables of such slots (<see cref="WeightRow"/>,
    /// <see cref="ClassRow"/>): found without a search.</summary>
    public double[] Weight { get; }

    /// <summary>The class of each slot whose class is the same in every state it is active in.</summary>
    public TieClass[] Class { get; }

    private static int WidthOf(int states) => (states + Vector<double>.Count - 1) / Vector<double>.Count * Vector<double>.Count;

    /// <summary>The states a slot is active in, a bit each.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public uint Active(int slot) => _active[slot] & ~VaryingBit;

    /// <summary>Whether a slot's weight or class differs between the states it is active in.</summary>
    public bool Varies(int slot) => (_active[slot] & VaryingBit) != 0;

    /// <summary>A varying slot's weights, one per state (<see cref="Width"/> of them; those of states it is not active
    /// in are 0); empty for a slot of one weight (<see cref="Weight"/>).</summary>
    public ReadOnlySpan<double> WeightRow(int slot) => !Varies(slot) ? default : _varyingWeight.AsSpan(VaryingRow(slot), Width);

    /// <summary>A varying slot's classes, one per state (<see cref="Width"/> of them); empty for a slot of one class
    /// (<see cref="Class"/>).</summary>
    public ReadOnlySpan<TieClass> ClassRow(int slot) => !Varies(slot) ? default : _varyingClass.AsSpan(VaryingRow(slot), Width);

    /// <summary>Where a varying slot's per-state values begin in the varying tables.</summary>
    private int VaryingRow(int slot) => (int)Weight[slot] * Width;

    /// <summary>The states' contacts from each node's person–person ties.</summary>
    /// <param name="graph">A snapshot of the dataset (its node indices, records and tie classifier; its contacts are not read).</param>
    /// <param name="states">The number of states, at most <see cref="MaxStates"/>.</param>
    /// <param name="tiesOf">Per node, its person–person ties' indices in dataset order (CSR: <paramref name="tieStart"/>).</param>
    /// <param name="tieStart">Where each node's ties begin in <paramref name="tiesOf"/>.</param>
    /// <param name="source">Each tie's source node.</param>
    /// <param name="target">Each tie's target node.</param>
    /// <param name="mask">Each tie's states (bit s when active in state s).</param>
    /// <param name="strength">Each tie's strength.</param>
    /// <param name="kind">Each tie's kind.</param>
    /// <param name="record">A tie's record, asked only for pairs of several ties (their contact is summed by
    /// <see cref="GraphEditor.ActiveContact"/>, the one rule of a contact).</param>
    /// <param name="useStrengths">Whether a slot weighs its contact's strength, or 1.</param>
    /// <param name="parallel">The threads to use and the token that cancels the build.</param>
    /// <returns>The states' contacts.</returns>
    /// <exception cref="DataValidationException">A pair's active strengths, or a person's, add up past what a double
    /// holds in some state, as a snapshot build reports it (the pair or person lowest in node order).</exception>
    public static DatedContacts Build(SocialGraph graph, int states, int[] tiesOf, int[] tieStart, int[] source, int[] target,
        uint[] mask, double[] strength, TieKind[] kind, Func<int, TieRecord> record, bool useStrengths, ParallelOptions parallel)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(states, MaxStates);
        var n = graph.NodeCount;
        var classifier = graph.Classifier;
        var codeRows = classifier.CodeRows(n); // a contact's score reads one cache line of its neighbour's codes
        // A node's slots go where its ties are: at most one slot per tie, so no count is needed first.
        var nodes = new Node[n];
        var neighbors = new int[tiesOf.Length];
        var active = new uint[tiesOf.Length];
        var weight = new double[tiesOf.Length];
        var classes = new TieClass[tiesOf.Length];
        var varying = new ConcurrentBag<(int Slot, double[] Weight, TieClass[] Class)>();
        var failures = new ConcurrentBag<(long Order, DataValidationException Error)>();
        var dimensions = codeRows is null ? 0 : codeRows.Length / Math.Max(1, n);
        Parallel.For(0, n, parallel, () => new Scratch(), (u, _, scratch) =>
        {
            var count = 0;
            var keys = scratch.Keys;
            // The ties' strengths and kinds and the neighbours' codes are read here too, where the misses of one tie
            // overlap with the next's (as DatedPass), not one at a time in the loop below.
            var touched = 0.0;
            for (var i = tieStart[u]; i < tieStart[u + 1]; i++)
            {
                var t = tiesOf[i];
                if (mask[t] == 0) continue;
                if (count == keys.Length) Array.Resize(ref scratch.Keys, keys.Length * 2);
                keys = scratch.Keys;
                var v = source[t] == u ? target[t] : source[t];
                keys[count++] = (long)v << 32 | (uint)t;
                touched += strength[t] + (int)kind[t] + (dimensions == 0 ? 0 : codeRows![v * dimensions]);
            }
            scratch.Touched = touched;
            var pairs = keys.AsSpan(0, count);
            pairs.Sort(); // by neighbour, then dataset order
            // The person's strength in every state must be finite too. Strengths are > 0, so the sum over every slot of
            // its largest strength in any state bounds each state's: only when that bound overflows are the states summed.
            double bound = 0;
            var slot = tieStart[u];
            for (var i = 0; i < pairs.Length;)
            {
                var v = (int)(pairs[i] >> 32);
                var first = (int)pairs[i];
                var j = i + 1;
                var union = mask[first];
                while (j < pairs.Length && (int)(pairs[j] >> 32) == v) union |= mask[(int)pairs[j++]];
                neighbors[slot] = v;
                active[slot] = union;
                if (j - i == 1)
                {
                    weight[slot] = useStrengths ? strength[first] : 1.0;
                    classes[slot] = classifier.Classify(codeRows, u, v, kind[first].ToContactKinds());
                    bound += strength[first];
                }
                else
                {
                    try
                    {
                        bound += Several(u, v, pairs[i..j], slot, union);
                    }
                    catch (DataValidationException e)
                    {
                        // The pair's, told from its lower end as a build tells it (the higher end meets the same sums).
                        if (u < v) failures.Add(((long)u << 32 | (uint)v, e));
                    }
                }
                slot++;
                i = j;
            }
            var ses = graph.Nodes.Ses[u];
            nodes[u] = new Node(tieStart[u], slot, graph.Nodes.AreaCodes[u], double.IsNaN(ses) ? SesUnknown : ses >= 0.5 ? SesHigh : SesLow, graph.WorkStatus(u));
            if (!double.IsFinite(bound) && PersonOverflow(pairs) is { } s)
            {
                var named = -1;
                foreach (var pair in pairs)
                    if ((mask[(int)pair] & (1u << s)) != 0) { named = (int)pair; break; }
                failures.Add((long.MaxValue - n + u, SocialGraphBuilder.StrengthProblem(record(named), SocialGraphBuilder.PersonOverflow(graph.Id(u))))); // after every pair's
            }
            return scratch;
        }, _ => { });
        if (!failures.IsEmpty) throw failures.MinBy(f => f.Order).Error;

        var ordered = varying.OrderBy(v => v.Slot).ToArray();
        var width = WidthOf(states);
        var varyingWeight = new double[ordered.Length * width];
        var varyingClass = new TieClass[ordered.Length * width];
        for (var i = 0; i < ordered.Length; i++)
        {
            weight[ordered[i].Slot] = i;
            ordered[i].Weight.CopyTo(varyingWeight, i * width);
            ordered[i].Class.CopyTo(varyingClass, i * width);
        }
        return new DatedContacts(states, nodes, neighbors, active, weight, classes, varyingWeight, varyingClass);

        // A pair of several ties: its contact in each state from the ties active in it; one weight and class if they
        // agree in every state, else a row of them. Returns its largest strength in any state.
        double Several(int u, int v, ReadOnlySpan<long> pairs, int slot, uint union)
        {
            double largest = 0;
            // Rows made only for a pair whose weight or class varies (few): a pair's own values on the stack.
            Span<double> weights = stackalloc double[MaxStates];
            Span<TieClass> perState = stackalloc TieClass[MaxStates];
            weights.Clear();
            perState.Clear();
            Span<double> strengths = pairs.Length <= 64 ? stackalloc double[pairs.Length] : new double[pairs.Length];
            bool agree = true, any = false;
            for (var s = 0; s < states; s++)
            {
                if ((union & (1u << s)) == 0) continue;
                var count = 0;
                var kinds = ContactKinds.None;
                var last = -1;
                foreach (var pair in pairs)
                {
                    var t = (int)pair;
                    if ((mask[t] & (1u << s)) == 0) continue;
                    strengths[count++] = strength[t];
                    kinds |= kind[t].ToContactKinds();
                    last = t;
                }
                var contact = GraphEditor.ContactOf(v, strengths[..count], kinds, (graph, record, u, v, last),
                    static p => SocialGraphBuilder.StrengthProblem(p.record(p.last), SocialGraphBuilder.PairOverflow(p.graph.Id(p.u), p.graph.Id(p.v))));
                largest = Math.Max(largest, contact.Strength);
                weights[s] = useStrengths ? contact.Strength : 1.0;
                perState[s] = classifier.Classify(codeRows, u, v, contact.Kinds);
                if (any && (BitConverter.DoubleToInt64Bits(weights[s]) != BitConverter.DoubleToInt64Bits(weight[slot]) || perState[s] != classes[slot]))
                    agree = false;
                if (!any) (weight[slot], classes[slot], any) = (weights[s], perState[s], true);
            }
            if (!agree)
            {
                active[slot] = union | VaryingBit;
                varying.Add((slot, weights[..states].ToArray(), perState[..states].ToArray()));
            }
            return largest;
        }

        // The first state in which a person's active ties' strengths (their ties: pairs) add up past a double, if any.
        int? PersonOverflow(ReadOnlySpan<long> pairs)
        {
            for (var s = 0; s < states; s++)
            {
                double sum = 0;
                foreach (var pair in pairs)
                    if ((mask[(int)pair] & (1u << s)) != 0) sum += strength[(int)pair];
                if (!double.IsFinite(sum)) return s;
            }
            return null;
        }
    }

    /// <summary>A worker's keys (neighbour, tie) of a node's ties, and the sum of what it touched, so those reads are kept.</summary>
    private sealed class Scratch
    {
        public long[] Keys = new long[16];
        public double Touched;
    }
}
