using SocialCapital.Graph;
using SocialCapital.Model;
using SocialCapital.Ties;

namespace SocialCapital.Metrics;

/// <summary>Computes the social-capital measures of every area (docs/measures.md#area-measures), following
/// Chetty et al. 2022 (Social Capital Atlas), with small-cell suppression and bootstrap
/// intervals. Results are ordered by area code (ordinal) and identical for any thread count.</summary>
public static class AreaMetrics
{
    /// <summary>Computes every area's measures; person measures are computed on the way.</summary>
    /// <param name="graph">The snapshot.</param>
    /// <param name="options">Options; defaults to <see cref="AreaMetricsOptions.Default"/>.</param>
    /// <returns>One entry per area with at least one resident, ordered by area code.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="graph"/> is null.</exception>
    /// <exception cref="Model.InvalidOptionsException">An option breaks <see cref="AreaMetricsOptions.Validate"/>.</exception>
    /// <exception cref="OperationCanceledException">The options' token was cancelled.</exception>
    public static IReadOnlyList<AreaMeasures> Compute(SocialGraph graph, AreaMetricsOptions? options = null)
    {
        Guard.NotNull(graph);
        options ??= AreaMetricsOptions.Default;
        options.ThrowIfInvalid();
        var progress = options.Progress;
        var people = PersonMetrics.ComputeForAreas(graph, options.PersonOptions(
            ProgressRange.Of(progress, 0, 0.9)));
        var result = ComputeFrom(graph, people, options);
        progress?.Report(1);
        return result;
    }

    /// <summary>Computes every area's measures from person measures already computed on the same snapshot.</summary>
    /// <param name="graph">The snapshot.</param>
    /// <param name="people">Person measures of <paramref name="graph"/>.</param>
    /// <param name="options">Options (their person-measure settings are not used).</param>
    /// <returns>One entry per area with at least one resident, ordered by area code.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="Model.InvalidOptionsException">An option breaks <see cref="AreaMetricsOptions.Validate"/>.</exception>
    public static IReadOnlyList<AreaMeasures> ComputeFrom(SocialGraph graph, PersonMetricsResult people, AreaMetricsOptions options)
    {
        Guard.NotNull(graph);
        Guard.NotNull(people);
        Guard.NotNull(options);
        options.ThrowIfInvalid();
        var nodes = graph.Nodes;
        var areaOf = nodes.AreaCodes;
        var areaCount = nodes.AreaNames.Length;
        var residents = new List<int>[areaCount];
        for (var a = 0; a < areaCount; a++) residents[a] = [];
        foreach (var u in nodes.InIdOrder()) // residents in id order, as the bootstrap resamples by position
            if (areaOf[u] != 0 && graph.IsPerson(u)) residents[areaOf[u]].Add(u);

        var ties = TieTally.Count(graph, areaOf, areaCount, options);
        var areas = Enumerable.Range(1, areaCount - 1).Where(a => residents[a].Count > 0)
            .OrderBy(a => nodes.AreaNames[a], StringComparer.Ordinal).ToArray();
        var rows = new AreaMeasures[areas.Length];
        InParallel(areas.Length, options, i =>
        {
            var a = areas[i];
            var members = residents[a];
            var name = nodes.AreaNames[a]!;
            rows[i] = members.Count < options.MinCellSize
                ? Suppressed(name)
                : Measure(graph, people, new Cell(name, null, a, a, name), members, members, ties, options);
        });
        return rows;
    }

    /// <summary>Runs the independent per-area steps on the options' threads; each writes only its own slot, and the
    /// bootstrap is seeded per cell, so the rows are the same for any thread count.</summary>
    private static void InParallel(int count, AreaMetricsOptions options, Action<int> body) =>
        Parallel.For(0, count, new ParallelOptions
        {
            MaxDegreeOfParallelism = Guard.Parallelism(options.MaxDegreeOfParallelism),
            CancellationToken = options.CancellationToken,
        }, body);

    /// <summary>Computes every area's measures split by a grouping of its residents (docs/measures.md#breakdowns): one row
    /// per area and group value (a cell), with the same small-cell suppression and bootstrap intervals as
    /// <see cref="Compute"/>. Person measures (economic and work connectedness, clustering, constraint) average over the
    /// cell's residents; exposure and friending bias keep the whole area as the pool a resident's contacts come from
    /// (Chetty et al. 2022: the friends one could make are the area's); the tie shares, support and work mixing are over
    /// the ties with an end among the cell's residents. Residents whose value is unknown are in no cell; their number
    /// counts as one more part when cells are held back so that the area's total less the shown cells never reveals
    /// a small one (secondary suppression).</summary>
    /// <param name="graph">The snapshot.</param>
    /// <param name="grouping"><c>age_band</c>, <c>work_status</c>, <c>ses_band</c>, <c>sector</c>, another built-in
    /// dimension (<see cref="Brokerage.Groupings"/>) or an extra column of <c>nodes.csv</c>.</param>
    /// <param name="options">Options; defaults to <see cref="AreaMetricsOptions.Default"/>.</param>
    /// <returns>One row per area with residents and group value held by at least one of them, ordered by area code and
    /// then group value (ordinal); <see cref="AreaMeasures.Group"/> is the value.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="graph"/> or <paramref name="grouping"/> is null.</exception>
    /// <exception cref="InvalidOptionsException"><paramref name="grouping"/> names no grouping of the snapshot (the
    /// message names the valid ones), or an option breaks <see cref="AreaMetricsOptions.Validate"/>.</exception>
    /// <exception cref="OperationCanceledException">The options' token was cancelled.</exception>
    public static IReadOnlyList<AreaMeasures> ComputeBy(SocialGraph graph, string grouping, AreaMetricsOptions? options = null)
    {
        Guard.NotNull(graph);
        Guard.NotNull(grouping);
        options ??= AreaMetricsOptions.Default;
        options.ThrowIfInvalid();
        var nodes = graph.Nodes;
        if (NodeGroupings.Codes(grouping, nodes) is not { } codes)
            throw new InvalidOptionsException([new OptionProblem("grouping", grouping, $"must be {NodeGroupings.Choices(nodes)}")]);
        var progress = options.Progress;
        var people = PersonMetrics.ComputeForAreas(graph, options.PersonOptions(ProgressRange.Of(progress, 0, 0.9)));

        // Cells are numbered from 1 in the order first met; 0 is no cell (no area, not a person, or an unknown value).
        var areaOf = nodes.AreaCodes;
        var cellOf = new int[graph.NodeCount];
        var cells = new Dictionary<(int Area, int Code), int>();
        var members = new List<List<int>> { new() };
        var residents = new Dictionary<int, List<int>>();
        foreach (var u in nodes.InIdOrder()) // in id order, as the bootstrap resamples by position
        {
            int a = areaOf[u], code = codes[u];
            if (a == 0 || !graph.IsPerson(u)) continue;
            if (!residents.TryGetValue(a, out var inArea)) residents.Add(a, inArea = []);
            inArea.Add(u);
            if (code == 0) continue;
            if (!cells.TryGetValue((a, code), out var cell))
            {
                cells.Add((a, code), cell = members.Count);
                members.Add([]);
            }
            cellOf[u] = cell;
            members[cell].Add(u);
        }
        var ties = TieTally.Count(graph, CodeColumn.From(cellOf), members.Count, options);
        var byArea = cells.GroupBy(c => c.Key.Area).ToDictionary(g => g.Key,
            g => g.Select(c => (Value: NodeGroupings.Value(grouping, nodes, c.Key.Code)!, Cell: c.Value))
                .OrderBy(c => c.Value, StringComparer.Ordinal).ToArray());
        var areas = residents.Keys.Where(byArea.ContainsKey).OrderBy(a => nodes.AreaNames[a], StringComparer.Ordinal).ToArray();
        var perArea = new List<AreaMeasures>[areas.Length];
        InParallel(areas.Length, options, k =>
        {
            var a = areas[k];
            var name = nodes.AreaNames[a]!;
            var pool = residents[a];
            var inArea = byArea[a];
            var areaRows = perArea[k] = [];
            // The unknown residents are one more part: the area's total less the cells shown must not give a small one away.
            var counts = new int[inArea.Length + 1];
            for (var i = 0; i < inArea.Length; i++) counts[i] = members[inArea[i].Cell].Count;
            counts[^1] = pool.Count - counts[..^1].Sum();
            var shown = new SmallCells(options.MinCellSize).Parts(counts);
            // So are the low-SES counts, which add up to the area's too.
            var lowSes = new int[counts.Length];
            for (var i = 0; i < inArea.Length; i++) lowSes[i] = LowSesCount(members[inArea[i].Cell], nodes.Ses);
            lowSes[^1] = LowSesCount(pool, nodes.Ses) - lowSes[..^1].Sum();
            var lowShown = new SmallCells(options.MinCellSize).Parts(lowSes);
            for (var i = 0; i < inArea.Length; i++)
            {
                var (value, cell) = inArea[i];
                if (shown[i] is null || counts[i] < options.MinCellSize) { areaRows.Add(Suppressed(name) with { Group = value }); continue; }
                var row = Measure(graph, people, new Cell(name, value, a, cell, $"{name}/{grouping}={value}"), members[cell], pool, ties, options);
                areaRows.Add(lowShown[i] is null ? row with { LowSes = null } : row);
            }
        });
        var rows = perArea.SelectMany(r => r).ToList();
        progress?.Report(1);
        return rows;
    }

    /// <summary>A cell of a report: its area (name and code), group value (null for the whole area), index in the tie
    /// tally, and the name its bootstrap draws are seeded by.</summary>
    private readonly record struct Cell(string Area, string? Group, int AreaCode, int Index, string Setting);

    internal static AreaMeasures Suppressed(string area) => new()
    {
        Area = area, Suppressed = true,
    };

    /// <summary>The one rule of small sub-cells, for <see cref="AreaMetrics"/> and <see cref="LiveMeasures"/> alike: an
    /// area with enough residents may still average a measure over fewer than <paramref name="minCellSize"/> people (EC over
    /// three low-SES residents). Such a measure is suppressed (null, with its interval), as is a count of low-SES residents
    /// from 1 to <paramref name="minCellSize"/> − 1 (docs/measures.md#small-cells).</summary>
    /// <param name="row">The area's row.</param>
    /// <param name="minCellSize">The suppression threshold.</param>
    /// <param name="lowSes">Low-SES residents (behind the count and friending bias).</param>
    /// <param name="ecPeople">Low-SES residents with a contact of known SES (behind EC).</param>
    /// <param name="wcPeople">Out-of-work residents with a contact in or out of work (behind work connectedness).</param>
    /// <param name="sesKnown">Residents of known SES (behind exposure).</param>
    /// <param name="withConstraint">Residents with contacts (behind mean constraint).</param>
    internal static AreaMeasures SuppressSmallCells(AreaMeasures row, int minCellSize, int lowSes, int ecPeople, int wcPeople,
        int sesKnown, int withConstraint)
    {
        if (lowSes > 0 && lowSes < minCellSize) row = row with { LowSes = null };
        if (lowSes < minCellSize) row = row with { FriendingBias = null };
        if (ecPeople < minCellSize)
            row = row with { EconomicConnectedness = null, EconomicConnectednessCiLow = null, EconomicConnectednessCiHigh = null };
        if (wcPeople < minCellSize)
            row = row with { WorkConnectedness = null, WorkConnectednessCiLow = null, WorkConnectednessCiHigh = null };
        if (sesKnown < minCellSize) row = row with { Exposure = null };
        if (withConstraint < minCellSize) row = row with { MeanConstraint = null };
        return row;
    }

    /// <summary>The measures of a cell: person measures over <paramref name="members"/>, exposure and friending bias
    /// with <paramref name="pool"/> (the area's residents) as the setting, tie counts of the cell's tally.</summary>
    private static AreaMeasures Measure(SocialGraph graph, PersonMetricsResult people, Cell cell, List<int> members,
        List<int> pool, TieTally ties, AreaMetricsOptions options)
    {
        var ses = graph.Nodes.Ses;
        var ec = new List<double>();
        var wc = new List<double>();
        double clustering = 0, constraint = 0;
        int lowSes = 0, withConstraint = 0;
        foreach (var u in members)
        {
            var p = people.ForNode(u);
            if (ses[u] < 0.5)
            {
                lowSes++;
                if (p.EconomicConnectedness is { } e) ec.Add(e);
            }
            if (graph.WorkStatus(u) == WorkStatus.OutOfWork && p.WorkConnectedness is { } w) wc.Add(w);
            clustering += p.Clustering;
            if (p.Constraint is { } c) { constraint += c; withConstraint++; }
        }
        var (ecLow, ecHigh) = Bootstrap.MeanInterval(ec, options.BootstrapResamples, options.ConfidenceLevel, options.Seed, "ec:" + cell.Setting);
        var (wcLow, wcHigh) = Bootstrap.MeanInterval(wc, options.BootstrapResamples, options.ConfidenceLevel, options.Seed, "wc:" + cell.Setting);
        var areaOf = graph.Nodes.AreaCodes;
        var (area, index) = (cell.AreaCode, cell.Index);
        double touched = ties.Touching[index];
        var sesKnown = 0;
        foreach (var u in pool) if (!double.IsNaN(ses[u])) sesKnown++;
        return SuppressSmallCells(new AreaMeasures
        {
            Area = cell.Area,
            Group = cell.Group,
            People = members.Count,
            LowSes = lowSes,
            EconomicConnectedness = Mean(ec),
            EconomicConnectednessCiLow = ecLow,
            EconomicConnectednessCiHigh = ecHigh,
            Exposure = Settings.Exposure(pool, ses),
            FriendingBias = Settings.FriendingBias(graph, members, pool, v => areaOf[v] == area),
            WorkConnectedness = Mean(wc),
            WorkConnectednessCiLow = wcLow,
            WorkConnectednessCiHigh = wcHigh,
            Clustering = clustering / members.Count,
            SupportRatio = Share(ties.Supported[index], ties.Inside[index]),
            BondingShare = Share(ties.ByClass[index, (int)TieClass.Bonding], touched),
            BridgingShare = Share(ties.ByClass[index, (int)TieClass.Bridging], touched),
            LinkingShare = Share(ties.ByClass[index, (int)TieClass.Linking], touched),
            CrossAreaShare = Share(ties.Crossing[index], touched),
            EiWork = Heterophily.EiIndex(ties.WorkMixing[index]),
            AssortativityWork = Heterophily.Assortativity(Heterophily.Leading(ties.WorkMixing[index], 2)),
            MeanConstraint = withConstraint > 0 ? constraint / withConstraint : double.NaN,
        }, options.MinCellSize, lowSes, ec.Count, wc.Count, sesKnown, withConstraint);
    }

    private static int LowSesCount(List<int> people, Paged<double> ses)
    {
        var count = 0;
        foreach (var u in people) if (ses[u] < 0.5) count++;
        return count;
    }

    private static double Mean(List<double> values) => values.Count > 0 ? values.Average() : double.NaN;

    internal static double Share(double part, double whole) => whole > 0 ? part / whole : double.NaN;

    /// <summary>One pass over every contact, counting per cell (an area, or an area's residents of one group) what the
    /// tie shares need: each tie once for each distinct cell among its two ends. Whether a tie crosses, lies inside and
    /// is supported is decided by the areas of its ends, whatever the cells. Also the ties' part of a full pass of
    /// <see cref="LiveMeasures"/> (the area codes as cells).</summary>
    internal sealed class TieTally
    {
        public required int[] Touching;
        public required int[,] ByClass;
        public required int[] Crossing;
        public required int[] Inside;
        public required int[] Supported;
        /// <summary>Per cell, the ties inside its area between the four work-status groups (in work, out of work, student,
        /// retired: the groups of the tie policy's work_status dimension; unknown in none), each tie once per
        /// direction. Its first two groups alone are the mixing of in work and out of work.</summary>
        public required double[][,] WorkMixing;

        /// <summary>Counts every tie, in parallel over ranges of nodes: each worker counts into its own tally and the
        /// tallies are added up, exactly (whole counts), so the result is the same for any thread count.</summary>
        /// <param name="graph">The snapshot.</param>
        /// <param name="cellOf">Each node's cell, 0 for none; the area codes for the areas themselves.</param>
        /// <param name="cells">The number of cells, 0 included.</param>
        /// <param name="options">The threads to use and the token that cancels the pass.</param>
        public static TieTally Count(SocialGraph graph, CodeColumn cellOf, int cells, AreaMetricsOptions options)
        {
            var parts = PooledParallel.ForRanges(graph.NodeCount, Chunk, Guard.Parallelism(options.MaxDegreeOfParallelism),
                () => Empty(cells), (from, to, part) => part.Add(graph, cellOf, from, to), options.CancellationToken);
            var tally = Empty(cells);
            foreach (var part in parts) tally.Merge(part);
            return tally;
        }

        private const int Chunk = 4096;

        /// <summary>A tally of no ties over <paramref name="cells"/> cells.</summary>
        public static TieTally Empty(int cells)
        {
            var tally = new TieTally
            {
                Touching = new int[cells],
                ByClass = new int[cells, 3],
                Crossing = new int[cells],
                Inside = new int[cells],
                Supported = new int[cells],
                WorkMixing = new double[cells][,],
            };
            for (var a = 0; a < cells; a++) tally.WorkMixing[a] = new double[WorkGroups, WorkGroups];
            return tally;
        }

        /// <summary>Adds another tally's counts to this one's.</summary>
        public void Merge(TieTally part)
        {
            for (var cell = 0; cell < Touching.Length; cell++)
            {
                Touching[cell] += part.Touching[cell];
                Crossing[cell] += part.Crossing[cell];
                Inside[cell] += part.Inside[cell];
                Supported[cell] += part.Supported[cell];
                for (var k = 0; k < 3; k++) ByClass[cell, k] += part.ByClass[cell, k];
                for (var g = 0; g < WorkGroups; g++)
                    for (var h = 0; h < WorkGroups; h++) WorkMixing[cell][g, h] += part.WorkMixing[cell][g, h];
            }
        }

        /// <summary>Whether a tie between areas <paramref name="au"/> and <paramref name="av"/> (0 unknown) lies inside
        /// an area with a cell among its ends' — so that its support and work-status mixing count.</summary>
        public static bool IsInside(int au, int av, int cu, int cv) => au != 0 && au == av && (cu != 0 || cv != 0);

        /// <summary>Counts the tie u–v of class <paramref name="cls"/> between areas <paramref name="au"/>,
        /// <paramref name="av"/> and cells <paramref name="cu"/>, <paramref name="cv"/>; <paramref name="supported"/> read
        /// only for a tie inside (<see cref="IsInside"/>), and the ends' work groups <paramref name="gu"/>,
        /// <paramref name="gv"/> (<see cref="WorkGroup(SocialGraph, int)"/>) likewise.</summary>
        public void Add(int au, int av, int cu, int cv, int cls, bool supported, int? gu, int? gv) =>
            Count(au, av, cu, cv, cls, gu, gv, new Once(this, supported));

        /// <summary>Where a tie's counts go (<see cref="Count"/>).</summary>
        internal interface ICounts
        {
            /// <summary>A tie touching <paramref name="cell"/>, of class <paramref name="cls"/>, crossing areas or not.</summary>
            void Touch(int cell, int cls, bool crossing);

            /// <summary>A tie inside <paramref name="cell"/>'s area (support counts), between work groups
            /// <paramref name="g"/> and <paramref name="h"/> when both are known.</summary>
            void Inside(int cell, int? g, int? h);
        }

        /// <summary>The counts of the tie u–v (as <see cref="Add(int, int, int, int, int, bool, int?, int?)"/>) into <paramref name="counts"/>: each distinct cell
        /// among its ends is touched; a tie inside an area counts inside each. The one rule of a tie's counts, for this
        /// tally and for the dated pass's tallies of many states at once.</summary>
        internal static void Count<TCounts>(int au, int av, int cu, int cv, int cls, int? gu, int? gv, TCounts counts)
            where TCounts : struct, ICounts
        {
            if (cu != 0) counts.Touch(cu, cls, av != au);
            if (cv != 0 && cv != cu) counts.Touch(cv, cls, av != au);
            if (!IsInside(au, av, cu, cv)) return;
            if (cu != 0) counts.Inside(cu, gu, gv);
            if (cv != 0 && cv != cu) counts.Inside(cv, gu, gv);
        }

        /// <summary>A tie's counts into this tally, once.</summary>
        private readonly struct Once(TieTally tally, bool supported) : ICounts
        {
            public void Touch(int cell, int cls, bool crossing)
            {
                tally.Touching[cell]++;
                tally.ByClass[cell, cls]++;
                if (crossing) tally.Crossing[cell]++;
            }

            public void Inside(int cell, int? g, int? h)
            {
                tally.Inside[cell]++;
                if (supported) tally.Supported[cell]++;
                if (g is { } a && h is { } b)
                {
                    tally.WorkMixing[cell][a, b]++;
                    tally.WorkMixing[cell][b, a]++;
                }
            }
        }

        // A bit per node: the contacts of the node at hand that live in its area (SharesMarkedContact); per worker.
        private ulong[]? _marked;

        /// <summary>Counts the ties of nodes [<paramref name="from"/>, <paramref name="to"/>) to nodes of no lower index.</summary>
        private void Add(SocialGraph graph, CodeColumn cellOf, int from, int to)
        {
            var areaOf = graph.Nodes.AreaCodes;
            var c = graph.Contacts;
            var marked = _marked ??= new ulong[(graph.NodeCount + 63) >> 6];
            for (var u = from; u < to; u++)
            {
                var marking = false;
                for (var s = c.Start[u]; s < c.End[u]; s++)
                {
                    var v = c.Neighbors[s];
                    if (v < u) continue;
                    int au = areaOf[u], av = areaOf[v], cu = cellOf[u], cv = cellOf[v];
                    var inside = IsInside(au, av, cu, cv);
                    var supported = false;
                    if (inside)
                    {
                        if (!marking) { MarkContactsIn(graph, u, new AreaCodeIs(areaOf, au), marked); marking = true; }
                        supported = SharesMarkedContact(graph, v, marked);
                    }
                    Add(au, av, cu, cv, (int)c.Classes[s], supported, inside ? WorkGroup(graph, u) : null, inside ? WorkGroup(graph, v) : null);
                }
                if (marking) Unmark(graph, u, marked);
            }
        }
    }

    /// <summary>The number of work-status groups of <see cref="WorkGroup(SocialGraph, int)"/>.</summary>
    internal const int WorkGroups = 4;

    /// <summary>0 in work, 1 out of work, 2 student, 3 retired; null when unknown.</summary>
    internal static int? WorkGroup(SocialGraph graph, int u) => WorkGroup(graph.WorkStatus(u));

    /// <summary>The group of a work status, as <see cref="WorkGroup(SocialGraph, int)"/>.</summary>
    internal static int? WorkGroup(WorkStatus status) => status is not WorkStatus.Unknown ? (int)status - 1 : null;

    /// <summary>A test of a node: whether it lives in the area at hand.</summary>
    internal interface IInArea
    {
        /// <summary>Whether <paramref name="node"/> lives in the area.</summary>
        bool Holds(int node);
    }

    /// <summary>Lives in the area with this code (of the snapshot's own area table).</summary>
    private readonly struct AreaCodeIs(CodeColumn areaOf, int area) : IInArea
    {
        public bool Holds(int node) => areaOf[node] == area;
    }

    /// <summary>Whether a tie u–v is supported in an area (Jackson et al. 2012): the two share a contact who lives in
    /// it. The one rule of support, for <see cref="AreaMetrics"/> and <see cref="LiveMeasures"/> alike (the dated pass of
    /// trends, <see cref="Live.DatedPass"/>, applies it to every state at once from its constraint scan).</summary>
    internal static bool SharesContactIn<TInArea>(SocialGraph graph, int u, int v, TInArea inArea)
        where TInArea : struct, IInArea
    {
        ReadOnlySpan<int> a = graph.Neighbors(u), b = graph.Neighbors(v);
        int i = 0, j = 0;
        while (i < a.Length && j < b.Length)
        {
            if (a[i] < b[j]) i++;
            else if (a[i] > b[j]) j++;
            else if (inArea.Holds(a[i])) return true;
            else { i++; j++; }
        }
        return false;
    }

    /// <summary>The rule of <see cref="SharesContactIn{TInArea}"/> for many ties of one node u, each in O(k_v) instead of
    /// a merge of both lists: u's contacts in the area are marked once (a bit per node in <paramref name="marked"/>),
    /// then <see cref="SharesMarkedContact"/> says of each v whether a contact of v is marked; <see cref="Unmark"/>
    /// clears the bits after u. The same answers as <see cref="SharesContactIn{TInArea}"/> for every tie u–v.</summary>
    private static void MarkContactsIn<TInArea>(SocialGraph graph, int u, TInArea inArea, ulong[] marked)
        where TInArea : struct, IInArea
    {
        foreach (var w in graph.Neighbors(u))
            if (inArea.Holds(w)) marked[w >> 6] |= 1UL << w; // C# takes the shift count mod 64
    }

    /// <summary>Whether a contact of <paramref name="v"/> is marked (<see cref="MarkContactsIn{TInArea}"/>).</summary>
    private static bool SharesMarkedContact(SocialGraph graph, int v, ulong[] marked)
    {
        foreach (var w in graph.Neighbors(v))
            if ((marked[w >> 6] & (1UL << w)) != 0) return true;
        return false;
    }

    /// <summary>Clears the bits <see cref="MarkContactsIn{TInArea}"/> set for <paramref name="u"/>.</summary>
    private static void Unmark(SocialGraph graph, int u, ulong[] marked)
    {
        foreach (var w in graph.Neighbors(u)) marked[w >> 6] = 0;
    }
}
