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
        var people = PersonMetrics.Compute(graph, options.PersonOptions(
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

        var ties = TieTally.Count(graph, options.CancellationToken);
        var rows = new List<AreaMeasures>();
        foreach (var a in Enumerable.Range(1, areaCount - 1).OrderBy(a => nodes.AreaNames[a], StringComparer.Ordinal))
        {
            options.CancellationToken.ThrowIfCancellationRequested();
            var members = residents[a];
            if (members.Count == 0) continue;
            var name = nodes.AreaNames[a]!;
            rows.Add(members.Count < options.MinCellSize
                ? Suppressed(name)
                : Measure(graph, people, name, a, members, ties, options));
        }
        return rows;
    }

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

    private static AreaMeasures Measure(SocialGraph graph, PersonMetricsResult people, string name, int area,
        List<int> members, TieTally ties, AreaMetricsOptions options)
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
        var (ecLow, ecHigh) = Bootstrap.MeanInterval(ec, options.BootstrapResamples, options.ConfidenceLevel, options.Seed, "ec:" + name);
        var (wcLow, wcHigh) = Bootstrap.MeanInterval(wc, options.BootstrapResamples, options.ConfidenceLevel, options.Seed, "wc:" + name);
        var areaOf = graph.Nodes.AreaCodes;
        double touched = ties.Touching[area];
        var sesKnown = 0;
        foreach (var u in members) if (!double.IsNaN(ses[u])) sesKnown++;
        return SuppressSmallCells(new AreaMeasures
        {
            Area = name,
            People = members.Count,
            LowSes = lowSes,
            EconomicConnectedness = Mean(ec),
            EconomicConnectednessCiLow = ecLow,
            EconomicConnectednessCiHigh = ecHigh,
            Exposure = Settings.Exposure(members, ses),
            FriendingBias = Settings.FriendingBias(graph, members, v => areaOf[v] == area),
            WorkConnectedness = Mean(wc),
            WorkConnectednessCiLow = wcLow,
            WorkConnectednessCiHigh = wcHigh,
            Clustering = clustering / members.Count,
            SupportRatio = Share(ties.Supported[area], ties.Inside[area]),
            BondingShare = Share(ties.ByClass[area, (int)TieClass.Bonding], touched),
            BridgingShare = Share(ties.ByClass[area, (int)TieClass.Bridging], touched),
            LinkingShare = Share(ties.ByClass[area, (int)TieClass.Linking], touched),
            CrossAreaShare = Share(ties.Crossing[area], touched),
            EiWork = Heterophily.EiIndex(ties.WorkMixing[area]),
            AssortativityWork = Heterophily.Assortativity(Heterophily.Leading(ties.WorkMixing[area], 2)),
            MeanConstraint = withConstraint > 0 ? constraint / withConstraint : double.NaN,
        }, options.MinCellSize, lowSes, ec.Count, wc.Count, sesKnown, withConstraint);
    }

    private static double Mean(List<double> values) => values.Count > 0 ? values.Average() : double.NaN;

    internal static double Share(double part, double whole) => whole > 0 ? part / whole : double.NaN;

    /// <summary>One pass over every contact, counting per area what the tie shares need.</summary>
    private sealed class TieTally
    {
        public required int[] Touching;
        public required int[,] ByClass;
        public required int[] Crossing;
        public required int[] Inside;
        public required int[] Supported;
        /// <summary>Per area, the ties inside it between the four work-status groups (in work, out of work, student,
        /// retired: the groups of the tie policy's work_status dimension; unknown in none), each tie once per
        /// direction. Its first two groups alone are the mixing of in work and out of work.</summary>
        public required double[][,] WorkMixing;

        public static TieTally Count(SocialGraph graph, CancellationToken token)
        {
            var areaOf = graph.Nodes.AreaCodes;
            var areas = graph.Nodes.AreaNames.Length;
            var tally = new TieTally
            {
                Touching = new int[areas],
                ByClass = new int[areas, 3],
                Crossing = new int[areas],
                Inside = new int[areas],
                Supported = new int[areas],
                WorkMixing = new double[areas][,],
            };
            for (var a = 0; a < areas; a++) tally.WorkMixing[a] = new double[WorkGroups, WorkGroups];
            var c = graph.Contacts;
            for (var u = 0; u < graph.NodeCount; u++)
            {
                if ((u & 0xFFFF) == 0) token.ThrowIfCancellationRequested();
                for (var s = c.Start[u]; s < c.End[u]; s++)
                {
                    var v = c.Neighbors[s];
                    if (v < u) continue;
                    int au = areaOf[u], av = areaOf[v];
                    var cls = (int)c.Classes[s];
                    if (au != 0) { tally.Touching[au]++; tally.ByClass[au, cls]++; if (av != au) tally.Crossing[au]++; }
                    if (av != 0 && av != au) { tally.Touching[av]++; tally.ByClass[av, cls]++; tally.Crossing[av]++; }
                    if (au == 0 || au != av) continue;
                    tally.Inside[au]++;
                    if (SharesContactIn(graph, u, v, new AreaCodeIs(areaOf, au))) tally.Supported[au]++;
                    if (WorkGroup(graph, u) is { } gu && WorkGroup(graph, v) is { } gv)
                    {
                        tally.WorkMixing[au][gu, gv]++;
                        tally.WorkMixing[au][gv, gu]++;
                    }
                }
            }
            return tally;
        }

    }

    /// <summary>The number of work-status groups of <see cref="WorkGroup"/>.</summary>
    internal const int WorkGroups = 4;

    /// <summary>0 in work, 1 out of work, 2 student, 3 retired; null when unknown.</summary>
    internal static int? WorkGroup(SocialGraph graph, int u) =>
        graph.WorkStatus(u) is var status and not WorkStatus.Unknown ? (int)status - 1 : null;

    /// <summary>A test of a node: whether it lives in the area at hand.</summary>
    internal interface IInArea
    {
        /// <summary>Whether <paramref name="node"/> lives in the area.</summary>
        bool Holds(int node);
    }

    /// <summary>Lives in the area with this code (of the snapshot's own area table).</summary>
    private readonly struct AreaCodeIs(Paged<int> areaOf, int area) : IInArea
    {
        public bool Holds(int node) => areaOf[node] == area;
    }

    /// <summary>Whether a tie u–v is supported in an area (Jackson et al. 2012): the two share a contact who lives in
    /// it. The one rule of support, for <see cref="AreaMetrics"/> and <see cref="LiveMeasures"/> alike.</summary>
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
}
