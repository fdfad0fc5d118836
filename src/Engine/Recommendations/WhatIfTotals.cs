using SocialCapital.Graph;
using SocialCapital.Metrics;
using SocialCapital.Model;
using SocialCapital.Ties;

namespace SocialCapital.Recommendations;

/// <summary>The area totals a what-if reports from — economic and work connectedness, bridging share, and the counts
/// their suppression and noise read — kept as <see cref="LiveMeasures"/> keeps its own: one pass over a snapshot, then
/// updated by difference for the nodes an edit changed, with the same terms added in the same order, so the rows equal
/// <see cref="LiveMeasures.Areas"/>' to the bit in those measures. A fraction of a full pass: no clustering,
/// constraint, supported ties or peer groups, and the terms of the people are made in parallel.</summary>
internal sealed class WhatIfTotals
{
    private readonly string?[] _names; // area names by code: the snapshot's area table
    private readonly Totals[] _totals; // by area code; code 0 (no area) unused

    private WhatIfTotals(string?[] names, Totals[] totals)
    {
        _names = names;
        _totals = totals;
    }

    /// <summary>The totals of a snapshot in one pass: the people's terms in parallel, summed in index order per area
    /// (as <see cref="LiveMeasures.Create(SocialGraph, AreaMetricsOptions?)"/> sums them), and the ties' tallies per area.</summary>
    public static WhatIfTotals Of(SocialGraph graph, CancellationToken token)
    {
        var n = graph.NodeCount;
        var names = graph.Nodes.AreaNames;
        var codes = graph.Nodes.AreaCodes;
        var ec = new double[n];
        var wc = new double[n];
        var tallies = new List<(int[] Touching, int[] Bridging)>();
        if (n > 0) // a range needs at least one node
            Parallel.ForEach(System.Collections.Concurrent.Partitioner.Create(0, n, 4096),
                new ParallelOptions { CancellationToken = token },
                () => (Touching: new int[names.Length], Bridging: new int[names.Length]),
                (range, _, tally) =>
                {
                    for (var u = range.Item1; u < range.Item2; u++)
                    {
                        var resident = graph.IsPerson(u) && graph.Area(u) is not null;
                        (ec[u], wc[u]) = resident ? Terms(graph, u, graph.Area(u)!) : (double.NaN, double.NaN);
                        var neighbors = graph.Neighbors(u);
                        var classes = graph.TieClasses(u);
                        var cu = resident ? codes[u] : 0;
                        for (var i = 0; i < neighbors.Length; i++)
                        {
                            var v = neighbors[i];
                            if (v < u) continue; // each tie once, from its lower end
                            var cv = graph.IsPerson(v) ? codes[v] : 0; // a resident's area, as LiveMeasures.Create tallies
    
                            var bridging = classes[i] == TieClass.Bridging ? 1 : 0;
                            if (cu != 0)
                            {
                                tally.Touching[cu]++;
                                tally.Bridging[cu] += bridging;
                            }
                            if (cv != 0 && cv != cu)
                            {
                                tally.Touching[cv]++;
                                tally.Bridging[cv] += bridging;
                            }
                        }
                    }
                    return tally;
                },
                tally => { lock (tallies) tallies.Add(tally); });

        var totals = new Totals[names.Length];
        foreach (var (touching, bridging) in tallies)
            for (var a = 0; a < totals.Length; a++)
            {
                totals[a].Touching += touching[a];
                totals[a].Bridging += bridging[a];
            }
        for (var u = 0; u < n; u++)
        {
            if (!graph.IsPerson(u) || graph.Area(u) is null) continue;
            AddPerson(graph, u, ec[u], wc[u], +1, ref totals[codes[u]]);
        }
        return new WhatIfTotals(names, totals);
    }

    /// <summary>The totals of <paramref name="after"/>, the snapshot <paramref name="before"/> (which these totals
    /// describe) with only the contacts of <paramref name="changed"/> edited (no node added, removed or changed): as
    /// <see cref="LiveMeasures.Apply"/> updates its totals, the terms of the changed people and their contacts on either
    /// snapshot taken out in index order, then those on <paramref name="after"/> put in, and the ties among them
    /// tallied again.</summary>
    public WhatIfTotals Apply(SocialGraph before, SocialGraph after, IReadOnlyCollection<int> changed)
    {
        var set = new HashSet<int>();
        foreach (var c in changed)
        {
            set.Add(c);
            foreach (var v in before.Neighbors(c)) set.Add(v);
            foreach (var v in after.Neighbors(c)) set.Add(v);
        }
        var affected = set.ToArray();
        Array.Sort(affected);
        var totals = (Totals[])_totals.Clone();
        Update(before, -1);
        Update(after, +1);
        for (var a = 0; a < totals.Length; a++)
        {
            // As LiveMeasures tidies its totals: a sum with nothing left in it is exactly 0.
            if (totals[a].EcCount == 0) totals[a].EcSum = 0;
            if (totals[a].WcCount == 0) totals[a].WcRawSum = 0;
        }
        return new WhatIfTotals(_names, totals);

        void Update(SocialGraph graph, int sign)
        {
            var codes = graph.Nodes.AreaCodes;
            foreach (var u in affected)
            {
                var areaU = graph.Area(u);
                if (graph.IsPerson(u) && areaU is not null)
                {
                    var (ec, wc) = Terms(graph, u, areaU);
                    AddPerson(graph, u, ec, wc, sign, ref totals[codes[u]]);
                }
                var neighbors = graph.Neighbors(u);
                var classes = graph.TieClasses(u);
                for (var i = 0; i < neighbors.Length; i++)
                {
                    var v = neighbors[i];
                    if (v < u || !set.Contains(v)) continue; // the ties that can change, each once
                    int cu = areaU is null ? 0 : codes[u], cv = graph.Area(v) is null ? 0 : codes[v];
                    var bridging = classes[i] == TieClass.Bridging ? sign : 0;
                    if (cu != 0)
                    {
                        totals[cu].Touching += sign;
                        totals[cu].Bridging += bridging;
                    }
                    if (cv != 0 && cv != cu)
                    {
                        totals[cv].Touching += sign;
                        totals[cv].Bridging += bridging;
                    }
                }
            }
        }
    }

    /// <summary>Every area with at least one resident, ordered by area code (ordinal), as <see cref="LiveMeasures.Areas"/>
    /// gives them (without bootstrap intervals) in the measures a what-if reports — economic and work connectedness,
    /// bridging share, residents and low-SES residents — with the same suppression; the other measures are null.</summary>
    public List<AreaMeasures> Rows(int minCellSize, double populationInWorkShare)
    {
        var rows = new List<AreaMeasures>();
        for (var a = 0; a < _totals.Length; a++)
        {
            var t = _totals[a];
            if (t.People == 0 || _names[a] is not { } name) continue;
            if (t.People < minCellSize) { rows.Add(AreaMetrics.Suppressed(name)); continue; }
            var ec = t.EcCount > 0 ? t.EcSum / t.EcCount : double.NaN;
            var wc = t.WcCount > 0 && populationInWorkShare > 0 ? t.WcRawSum / t.WcCount / populationInWorkShare : double.NaN;
            var row = new AreaMeasures
            {
                Area = name,
                People = t.People,
                LowSes = t.LowSes,
                EconomicConnectedness = ec,
                WorkConnectedness = wc,
                BridgingShare = AreaMetrics.Share(t.Bridging, (double)t.Touching),
            };
            // Exposure and mean constraint are not made here (null): their counts do not matter.
            rows.Add(AreaMetrics.SuppressSmallCells(row, minCellSize, t.LowSes, t.EcCount, t.WcCount, sesKnown: 0, withConstraint: 0));
        }
        rows.Sort((x, y) => string.CompareOrdinal(x.Area, y.Area));
        return rows;
    }

    /// <summary>A resident's terms: economic connectedness (a low-SES resident with a contact of known SES) and the raw
    /// in-work share of contacts (an out-of-work resident with a contact in or out of work); NaN where none.</summary>
    private static (double Ec, double Wc) Terms(SocialGraph graph, int u, string area)
    {
        double ec = double.NaN, wc = double.NaN;
        if (graph.Ses(u) is < 0.5)
        {
            var (known, high, _, _) = LiveMeasures.SesOfContacts(graph, u, area);
            if (known > 0) ec = Settings.TwiceHighShare(known, high);
        }
        if (graph.WorkStatus(u) == WorkStatus.OutOfWork)
        {
            var (inWork, inOrOut) = LiveMeasures.WorkOfContacts(graph, u);
            if (inOrOut > 0) wc = (double)inWork / inOrOut;
        }
        return (ec, wc);
    }

    /// <summary>What a resident adds to (sign +1) or takes out of (−1) their area's totals, as LiveMeasures' own rule.</summary>
    private static void AddPerson(SocialGraph graph, int u, double ec, double wc, int sign, ref Totals totals)
    {
        totals.People += sign;
        if (graph.Ses(u) is < 0.5) totals.LowSes += sign;
        if (!double.IsNaN(ec))
        {
            totals.EcSum += sign * ec;
            totals.EcCount += sign;
        }
        if (!double.IsNaN(wc))
        {
            totals.WcRawSum += sign * wc;
            totals.WcCount += sign;
        }
    }

    /// <summary>One area's running totals.</summary>
    private struct Totals
    {
        public int People, LowSes, EcCount, WcCount, Touching, Bridging;
        public double EcSum, WcRawSum;
    }
}
