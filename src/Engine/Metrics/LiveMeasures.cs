using System.Collections.Immutable;
using SocialCapital.Graph;
using SocialCapital.Model;
using SocialCapital.Ties;

namespace SocialCapital.Metrics;

/// <summary>The area and peer-group measures of one snapshot of a live graph, kept up to date by difference: after an
/// edit, <see cref="Apply"/> gives the measures of the next snapshot with work proportional to the change, not to the
/// graph (docs/measures.md#live-updates). Immutable; every member is safe to call from any number of threads at once.</summary>
/// <remarks>
/// <para>Every area keeps running totals: residents, low-SES residents, residents of known and of high SES, the sums
/// (and counts) of the residents' clustering, constraint, economic connectedness (low-SES residents), raw in-work
/// share of contacts (out-of-work residents) and friending-bias terms, and integer tallies of the ties touching it
/// (by class, crossing, inside, supported, work-status mixing). <see cref="Apply"/> subtracts what the people and
/// ties near the change contributed on the old snapshot and adds what they contribute on the new one; peer groups are
/// small, so the rows of the groups near the change are recomputed. The rows equal a full
/// <see cref="AreaMetrics.Compute"/> and <see cref="GroupMetrics.Compute"/> to rounding (1e-9), with the same
/// undefined (null) values, row order and suppression — every undefined case is decided by integer counts.</para>
/// <para>Bootstrap intervals cannot follow by difference: the intervals are those of the last full pass
/// (<see cref="Create(SocialGraph, AreaMetricsOptions?)"/> or <see cref="WithFreshIntervals"/>), shown while the measure is defined, and
/// <see cref="UpdatesSinceIntervals"/> says how many updates they are behind; an area that appeared since has none.</para>
/// </remarks>
public sealed class LiveMeasures
{
    private readonly AreaMetricsOptions _options;
    private readonly ImmutableSortedDictionary<string, AreaTotals> _areas;
    private readonly ImmutableSortedDictionary<string, GroupMeasures> _groups;
    private readonly ImmutableDictionary<string, Intervals> _intervals;
    private readonly double _populationInWorkShare;
    private readonly bool _withGroups;
    private IReadOnlyList<AreaMeasures>? _areaRows;
    private IReadOnlyList<GroupMeasures>? _groupRows;

    private LiveMeasures(AreaMetricsOptions options, ImmutableSortedDictionary<string, AreaTotals> areas,
        ImmutableSortedDictionary<string, GroupMeasures> groups, ImmutableDictionary<string, Intervals> intervals,
        double populationInWorkShare, int updatesSinceIntervals, bool withGroups)
    {
        _withGroups = withGroups;
        _options = options;
        _areas = areas;
        _groups = groups;
        _intervals = intervals;
        _populationInWorkShare = populationInWorkShare;
        UpdatesSinceIntervals = updatesSinceIntervals;
    }

    /// <summary>The options the measures were made with (without progress or cancellation, which belong to a call).</summary>
    public AreaMetricsOptions Options => _options;

    /// <summary>How many <see cref="Apply"/> calls ago the bootstrap intervals were computed: 0 right after
    /// <see cref="Create(SocialGraph, AreaMetricsOptions?)"/> or <see cref="WithFreshIntervals"/>. Every other value is always up to date.</summary>
    public int UpdatesSinceIntervals { get; }

    /// <summary>Every area with at least one resident, ordered by area code (ordinal), as
    /// <see cref="AreaMetrics.Compute"/> gives them; the intervals are those of the last full pass. Made on first use
    /// from the running totals (O(areas)) and kept.</summary>
    public IReadOnlyList<AreaMeasures> Areas => LazyInitializer.EnsureInitialized(ref _areaRows, AreaRows);

    /// <summary>Every peer group, ordered by id (ordinal), as <see cref="GroupMetrics.Compute"/> gives them.</summary>
    public IReadOnlyList<GroupMeasures> Groups => LazyInitializer.EnsureInitialized(ref _groupRows, () => [.. _groups.Values]);

    /// <summary>The measures of a snapshot, in one full pass (person measures of everyone, every tie, bootstrap
    /// intervals): what <see cref="AreaMetrics.Compute"/> and <see cref="GroupMetrics.Compute"/> give, ready to be
    /// updated by <see cref="Apply"/>.</summary>
    /// <param name="graph">The snapshot.</param>
    /// <param name="options">Options, as for <see cref="AreaMetrics.Compute"/>; defaults to <see cref="AreaMetricsOptions.Default"/>.
    /// Its progress and token serve this call only; its other settings are kept for <see cref="Apply"/>.</param>
    /// <returns>The measures.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="graph"/> is null.</exception>
    /// <exception cref="InvalidOptionsException">An option breaks <see cref="AreaMetricsOptions.Validate"/>.</exception>
    /// <exception cref="OperationCanceledException">The options' token was cancelled.</exception>
    public static LiveMeasures Create(SocialGraph graph, AreaMetricsOptions? options = null)
    {
        Guard.NotNull(graph);
        options ??= AreaMetricsOptions.Default;
        options.ThrowIfInvalid();
        var progress = options.Progress;
        var token = options.CancellationToken;
        // Only what the totals read: clustering and constraint per person (the contacts' counts are taken below).
        var (clustering, constraint) = PersonMetrics.ClusteringAndConstraint(graph, options.PersonOptions(ProgressRange.Of(progress, 0, 0.9)));

        var n = graph.NodeCount;
        var areaOf = graph.Nodes.AreaCodes;
        var names = graph.Nodes.AreaNames;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Guard.Parallelism(options.MaxDegreeOfParallelism), CancellationToken = token };
        // A resident's terms read their contacts (O(k)): worked out on every core, then added up in order (Accumulator).
        var terms = new PersonTerms[n];
        Parallel.For(0, n, parallel, u =>
        {
            if (graph.IsPerson(u) && names[areaOf[u]] is { } area) terms[u] = Terms(graph, u, area);
        });
        // Residents in id order, the order AreaMetrics resamples by: node order on a fresh build, not after nodes were
        // added to a live graph.
        var accumulator = new Accumulator(graph);
        if (graph.Nodes.IsOrdinal) for (var u = 0; u < n; u++) accumulator.Add(u, terms[u], clustering[u], constraint[u]);
        else foreach (var u in graph.Nodes.InIdOrder()) accumulator.Add(u, terms[u], clustering[u], constraint[u]);
        var result = accumulator.Measures(options, AreaMetrics.TieTally.Count(graph, areaOf, names.Length, options), withIntervals: true,
            GroupMetrics.Compute(graph, options));
        progress?.Report(1);
        return result;
    }

    /// <summary>A state's area totals built up resident by resident in id order (the order of one serial pass, so the
    /// sums are its bits), with the residents' economic and work connectedness in that order (the bootstrap's values),
    /// then made into measures with the state's tie tally: a full pass's totals, for <see cref="Create(SocialGraph, AreaMetricsOptions?)"/>
    /// and for a pass that computes several states at once. Not thread-safe.</summary>
    internal sealed class Accumulator(SocialGraph graph)
    {
        private readonly AreaTotals?[] _byCode = new AreaTotals?[graph.Nodes.AreaNames.Length];
        private readonly (List<double> Ec, List<double> Wc)[] _values = new (List<double> Ec, List<double> Wc)[graph.Nodes.AreaNames.Length];
        private bool _published; // the totals went into measures, which must not change after

        private string?[] AreaNames => graph.Nodes.AreaNames;

        /// <summary>Adds node <paramref name="u"/> if a resident (a person with an area): their terms, clustering and
        /// constraint. An area's residents must come in id order, the order its sums add them in and its bootstrap
        /// resamples by (as <see cref="AreaMetrics.Compute"/>; node order on a fresh build); areas may interleave.</summary>
        public void Add(int u, in PersonTerms terms, double clustering, double constraint)
        {
            ThrowIfPublished();
            var code = graph.Nodes.AreaCodes[u];
            if (!graph.IsResident(u)) return;
            if (_byCode[code] is not { } totals)
            {
                _byCode[code] = totals = new AreaTotals();
                _values[code] = ([], []);
            }
            LiveMeasures.Add(terms, clustering, constraint, +1, totals);
            if (!double.IsNaN(terms.Ec)) _values[code].Ec.Add(terms.Ec);
            if (!double.IsNaN(terms.Wc)) _values[code].Wc.Add(terms.Wc);
        }

        /// <summary>The bootstrap intervals of every area's economic and work connectedness from the residents' values,
        /// for each of several states of one graph (none when the options ask for no resamples). Each area's stream is
        /// seeded by its name alone, so the areas resample in parallel with the same result, and an area's states whose
        /// samples are of one size resample with the same draws (<see cref="Bootstrap.MeanIntervals"/>).</summary>
        private static ImmutableDictionary<string, Intervals>[] Intervals(IReadOnlyList<Accumulator> states, AreaMetricsOptions options)
        {
            var names = states.Count == 0 ? [] : states[0].AreaNames;
            var found = new Intervals[states.Count, names.Length];
            var parallel = new ParallelOptions { MaxDegreeOfParallelism = Guard.Parallelism(options.MaxDegreeOfParallelism), CancellationToken = options.CancellationToken };
            Parallel.For(0, names.Length, parallel, code =>
            {
                var resident = Enumerable.Range(0, states.Count).Where(s => states[s]._byCode[code] is not null).ToArray();
                if (resident.Length == 0) return;
                var name = names[code]!;
                var ec = Bootstrap.MeanIntervals([.. resident.Select(s => states[s]._values[code].Ec)], options.BootstrapResamples,
                    options.ConfidenceLevel, options.Seed, "ec:" + name);
                var wc = Bootstrap.MeanIntervals([.. resident.Select(s => states[s]._values[code].Wc)], options.BootstrapResamples,
                    options.ConfidenceLevel, options.Seed, "wc:" + name);
                for (var i = 0; i < resident.Length; i++) found[resident[i], code] = new Intervals(ec[i].Low, ec[i].High, wc[i].Low, wc[i].High);
            });
            var intervals = new ImmutableDictionary<string, Intervals>[states.Count];
            for (var s = 0; s < states.Count; s++)
            {
                var builder = ImmutableDictionary.CreateBuilder<string, Intervals>(StringComparer.Ordinal);
                for (var code = 0; code < names.Length; code++)
                    if (states[s]._byCode[code] is not null) builder.Add(names[code]!, found[s, code]);
                intervals[s] = builder.ToImmutable();
            }
            return intervals;
        }

        /// <summary>The measures of several states of one graph, each what its <see cref="Measures(AreaMetricsOptions, AreaMetrics.TieTally, bool, IReadOnlyList{GroupMeasures}?)"/>
        /// gives (with its ties, <paramref name="ties"/>[s]), the intervals of the states <paramref name="withIntervals"/>
        /// holds for drawn together.</summary>
        public static LiveMeasures[] Measures(IReadOnlyList<Accumulator> states, AreaMetricsOptions options, IReadOnlyList<AreaMetrics.TieTally> ties,
            Func<int, bool> withIntervals)
        {
            foreach (var state in states) state.ThrowIfPublished(); // before the intervals are drawn
            var drawn = Enumerable.Range(0, states.Count).Where(withIntervals).ToArray();
            var intervals = Intervals([.. drawn.Select(s => states[s])], options);
            var measures = new LiveMeasures[states.Count];
            for (var s = 0; s < states.Count; s++)
            {
                var at = Array.IndexOf(drawn, s);
                measures[s] = states[s].Publish(options, ties[s], at < 0 ? NoIntervals : intervals[at], groups: null);
            }
            return measures;
        }

        private static readonly ImmutableDictionary<string, Intervals> NoIntervals = ImmutableDictionary<string, Intervals>.Empty.WithComparers(StringComparer.Ordinal);

        /// <summary>The measures with the state's ties, the bootstrap intervals when <paramref name="withIntervals"/>
        /// (else none), and the peer groups' rows when given (else none, nor their following by <see cref="Apply"/>).
        /// Once per accumulator: its totals are then published.</summary>
        public LiveMeasures Measures(AreaMetricsOptions options, AreaMetrics.TieTally ties, bool withIntervals,
            IReadOnlyList<GroupMeasures>? groups = null)
        {
            ThrowIfPublished(); // before the intervals are drawn
            return Publish(options, ties, withIntervals ? Intervals([this], options)[0] : NoIntervals, groups);
        }

        private void ThrowIfPublished()
        {
            if (_published) throw new InvalidOperationException("The totals are published already.");
        }

        private LiveMeasures Publish(AreaMetricsOptions options, AreaMetrics.TieTally ties, ImmutableDictionary<string, Intervals> intervals,
            IReadOnlyList<GroupMeasures>? groups)
        {
            ThrowIfPublished();
            _published = true;
            var names = graph.Nodes.AreaNames;
            var areas = ImmutableSortedDictionary.CreateBuilder<string, AreaTotals>(StringComparer.Ordinal);
            for (var code = 0; code < _byCode.Length; code++)
            {
                if (_byCode[code] is not { } totals) continue;
                totals.Touching = ties.Touching[code];
                totals.Crossing = ties.Crossing[code];
                totals.Inside = ties.Inside[code];
                totals.Supported = ties.Supported[code];
                for (var k = 0; k < totals.ByClass.Length; k++) totals.ByClass[k] = ties.ByClass[code, k];
                for (var g = 0; g < AreaMetrics.WorkGroups; g++)
                    for (var h = 0; h < AreaMetrics.WorkGroups; h++)
                        totals.WorkMixing[g * AreaMetrics.WorkGroups + h] = (int)ties.WorkMixing[code][g, h];
                areas.Add(names[code]!, totals);
            }
            var rows = ImmutableSortedDictionary.CreateBuilder<string, GroupMeasures>(StringComparer.Ordinal);
            foreach (var row in groups ?? []) rows.Add(row.Id, row);
            return new LiveMeasures(options with { Progress = null, CancellationToken = default }, areas.ToImmutable(), rows.ToImmutable(),
                intervals, graph.PopulationInWorkShare, 0, withGroups: groups is not null);
        }
    }

    /// <summary>The measures of the next snapshot of the same live graph, updated by difference: the people in
    /// <paramref name="changed"/> and their contacts on either snapshot (the affected people) have their contributions
    /// on <paramref name="before"/> taken out of their areas' totals and those on <paramref name="after"/> put in; so
    /// do the ties with an end among the affected people; the peer groups of the changed nodes (on either snapshot),
    /// and changed peer groups themselves, are recomputed. O(Σ over the affected people of Σ over their contacts of
    /// the contact's degree), independent of the size of the graph. The bootstrap intervals are kept
    /// (<see cref="UpdatesSinceIntervals"/> goes up by one). This instance is not changed.</summary>
    /// <param name="before">The snapshot these measures describe.</param>
    /// <param name="after">The next snapshot of the same live graph: node indices are stable between the two (an added
    /// node has an index past <paramref name="before"/>'s nodes, a removed one stays as a vacant index).</param>
    /// <param name="changed">Every node whose record, contacts or places differ between the two snapshots: both ends of
    /// every tie added, removed or changed, and every node added, removed or changed. A node missing from it gives
    /// wrong measures (it is not checked: that would cost O(graph)).</param>
    /// <returns>The measures of <paramref name="after"/>.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A changed node is a node index of neither snapshot.</exception>
    public LiveMeasures Apply(SocialGraph before, SocialGraph after, IReadOnlyCollection<int> changed)
    {
        Guard.NotNull(before);
        Guard.NotNull(after);
        Guard.NotNull(changed);
        var set = new HashSet<int>();
        foreach (var c in changed)
        {
            if (c < 0 || (c >= before.NodeCount && c >= after.NodeCount))
                throw new ArgumentOutOfRangeException(nameof(changed), c, "A changed node is a node index of neither snapshot.");
            set.Add(c);
            if (c < before.NodeCount) foreach (var v in before.Neighbors(c)) set.Add(v);
            if (c < after.NodeCount) foreach (var v in after.Neighbors(c)) set.Add(v);
        }
        var affected = set.ToArray();
        Array.Sort(affected); // a fixed order, so the sums do not depend on how the set was filled

        var touched = new Dictionary<string, AreaTotals>(StringComparer.Ordinal);
        AreaTotals TotalsOf(string area)
        {
            if (!touched.TryGetValue(area, out var totals))
                touched.Add(area, totals = _areas.TryGetValue(area, out var old) ? old.Clone() : new AreaTotals());
            return totals;
        }
        Update(before, -1);
        Update(after, +1);

        var areas = _areas.ToBuilder();
        foreach (var (name, totals) in touched)
        {
            totals.Tidy();
            if (totals.IsEmpty) areas.Remove(name);
            else areas[name] = totals;
        }
        return new LiveMeasures(_options, areas.ToImmutable(), _withGroups ? UpdateGroups(before, after, changed) : _groups, _intervals,
            after.PopulationInWorkShare, UpdatesSinceIntervals + 1, _withGroups);

        void Update(SocialGraph graph, int sign)
        {
            foreach (var u in affected)
            {
                if (u >= graph.NodeCount) continue;
                var areaU = graph.Area(u);
                if (graph.IsPerson(u) && areaU is not null)
                {
                    var (clustering, constraint) = PersonMetrics.ClusteringAndConstraint(graph, u, _options.UseStrengths);
                    Add(Terms(graph, u, areaU), clustering, constraint, sign, TotalsOf(areaU));
                }
                var neighbors = graph.Neighbors(u);
                if (neighbors.IsEmpty) continue;
                var classes = graph.TieClasses(u);
                var tu = areaU is null ? null : TotalsOf(areaU);
                for (var i = 0; i < neighbors.Length; i++)
                {
                    var v = neighbors[i];
                    // Only the ties with both ends affected can change: a tie's tally depends on its ends' records and
                    // on their common contacts, which stay the same unless an end is changed or a common contact is (and
                    // then both ends are its contacts, so affected). Each such tie once, from its lower end.
                    if (v < u || !set.Contains(v)) continue;
                    var tv = graph.Area(v) is { } areaV ? TotalsOf(areaV) : null;
                    AddTie(graph, u, v, classes[i], sign, tu, tv, new AreaNameIs(graph, areaU));
                }
            }
        }
    }

    /// <summary>The same measures with every total and the bootstrap intervals computed afresh in one full pass
    /// (<see cref="Create(SocialGraph, AreaMetricsOptions?)"/> with the same options): for a background refresh after updates. Also clears the rounding
    /// that updates by difference gather.</summary>
    /// <param name="graph">The snapshot these measures describe.</param>
    /// <param name="cancellationToken">Cancels the pass.</param>
    /// <returns>The refreshed measures; <see cref="UpdatesSinceIntervals"/> is 0.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="graph"/> is null.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public LiveMeasures WithFreshIntervals(SocialGraph graph, CancellationToken cancellationToken = default) =>
        Create(Guard.NotNull(graph), _options with { CancellationToken = cancellationToken });

    private ImmutableSortedDictionary<string, GroupMeasures> UpdateGroups(SocialGraph before, SocialGraph after, IReadOnlyCollection<int> changed)
    {
        var near = new HashSet<int>();
        foreach (var c in changed)
        {
            AddGroups(before, c);
            AddGroups(after, c);
        }
        if (near.Count == 0) return _groups;
        var groups = _groups.ToBuilder();
        // Removals first, so that a group removed and another added under its id end with the new one.
        foreach (var g in near)
            if (g < before.NodeCount && before.Kind(g) == NodeKind.PeerGroup) groups.Remove(before.Id(g));
        foreach (var g in near)
            if (g < after.NodeCount && after.Kind(g) == NodeKind.PeerGroup)
                groups[after.Id(g)] = GroupMetrics.Measure(after, g, _options.MinCellSize, v => after.MembersOf(g).BinarySearch(v) >= 0);
        return groups.ToImmutable();

        void AddGroups(SocialGraph graph, int c)
        {
            if (c >= graph.NodeCount) return;
            if (graph.Kind(c) == NodeKind.PeerGroup) near.Add(c);
            foreach (var place in graph.PlacesOf(c))
                if (graph.Kind(place) == NodeKind.PeerGroup) near.Add(place);
        }
    }

    /// <summary>What resident <paramref name="u"/> of <paramref name="area"/> brings to its area's totals on
    /// <paramref name="graph"/>, besides clustering and constraint (<see cref="Add"/>). O(contacts); reads only.</summary>
    private static PersonTerms Terms(SocialGraph graph, int u, string area)
    {
        var ses = graph.Ses(u);
        var outOfWork = graph.WorkStatus(u) == WorkStatus.OutOfWork;
        var (known, high, residentsKnown, residentsHigh) = ses < 0.5 ? SesOfContacts(graph, u, area) : default;
        var (inWork, inOrOut) = outOfWork ? WorkOfContacts(graph, u) : default;
        return Terms(ses, outOfWork, known, high, residentsKnown, residentsHigh, inWork, inOrOut, graph.PopulationInWorkShare);
    }

    /// <summary>A resident's terms from the counts of their contacts (<see cref="SesOfContacts"/>,
    /// <see cref="WorkOfContacts"/>; read only for a low-SES, an out-of-work resident). The one rule of the terms.</summary>
    internal static PersonTerms Terms(double? ses, bool outOfWork, int known, int high, int residentsKnown, int residentsHigh,
        int inWork, int inOrOut, double populationInWorkShare)
    {
        double ec = double.NaN, fbShare = double.NaN, wcRaw = double.NaN, wc = double.NaN;
        if (ses < 0.5)
        {
            if (known > 0) ec = Settings.TwiceHighShare(known, high);
            if (residentsKnown > 0) fbShare = (double)residentsHigh / residentsKnown;
        }
        if (outOfWork)
        {
            if (inOrOut > 0) wcRaw = (double)inWork / inOrOut;
            wc = PersonMetrics.WorkConnectedness(inWork, inOrOut, populationInWorkShare);
        }
        return new PersonTerms(ses, ec, fbShare, wcRaw, wc);
    }

    /// <summary>Adds (sign +1) or takes out (−1) a resident's terms, clustering and constraint (NaN when undefined)
    /// to or from their area's totals. The one rule of what a resident counts for.</summary>
    private static void Add(PersonTerms terms, double clustering, double constraint, int sign, AreaTotals totals)
    {
        totals.People += sign;
        totals.ClusteringSum += sign * clustering;
        if (!double.IsNaN(constraint))
        {
            totals.ConstraintSum += sign * constraint;
            totals.WithConstraint += sign;
        }
        if (terms.Ses is { } ses)
        {
            totals.SesKnown += sign;
            if (ses >= 0.5) totals.SesHigh += sign;
            else totals.LowSes += sign;
        }
        if (!double.IsNaN(terms.Ec))
        {
            totals.EcSum += sign * terms.Ec;
            totals.EcCount += sign;
        }
        if (!double.IsNaN(terms.FbShare))
        {
            totals.FbHighShareSum += sign * terms.FbShare;
            totals.FbCount += sign;
        }
        if (!double.IsNaN(terms.WcRaw))
        {
            totals.WcRawSum += sign * terms.WcRaw;
            totals.WcCount += sign;
        }
    }

    /// <summary>A resident's terms: their SES; their economic connectedness and high-SES share of resident contacts of
    /// known SES (friending bias) if low-SES; their raw in-work share of contacts in or out of work and their work
    /// connectedness (<see cref="PersonMetrics"/>) if out of work — NaN where not such a resident or undefined. The
    /// economic and work connectedness are also the bootstrap's values.</summary>
    internal readonly record struct PersonTerms(double? Ses, double Ec, double FbShare, double WcRaw, double Wc);

    /// <summary>A low-SES resident's terms of economic connectedness and friending bias: how many of their contacts have
    /// a known SES and how many of those are high, over every contact and over those who live in <paramref name="area"/>
    /// too. The one place these counts are made for running totals (<see cref="LiveMeasures"/>, the what-if's; the
    /// dated pass of trends, <see cref="Live.DatedPass"/>, counts the same over each state's contacts at once).</summary>
    internal static (int Known, int High, int ResidentsKnown, int ResidentsHigh) SesOfContacts(SocialGraph graph, int u, string area)
    {
        int known = 0, high = 0, residentsKnown = 0, residentsHigh = 0;
        foreach (var v in graph.Neighbors(u))
        {
            if (graph.Ses(v) is not { } contactSes) continue;
            var isHigh = contactSes >= 0.5;
            known++;
            if (isHigh) high++;
            if (graph.Area(v) != area) continue;
            residentsKnown++;
            if (isHigh) residentsHigh++;
        }
        return (known, high, residentsKnown, residentsHigh);
    }

    /// <summary>An out-of-work resident's term of work connectedness: how many of their contacts are in work, and how
    /// many are in or out of work. The one place these counts are made for running totals (and, over each state's
    /// contacts at once, in <see cref="Live.DatedPass"/>).</summary>
    internal static (int InWork, int InOrOut) WorkOfContacts(SocialGraph graph, int u)
    {
        int inWork = 0, inOrOut = 0;
        foreach (var v in graph.Neighbors(u))
        {
            var work = graph.WorkStatus(v);
            if (work == WorkStatus.InWork) { inWork++; inOrOut++; }
            else if (work == WorkStatus.OutOfWork) inOrOut++;
        }
        return (inWork, inOrOut);
    }

    /// <summary>What the tie u–v (class <paramref name="tieClass"/>) adds to (or takes out of) the tallies of the
    /// areas of its ends, <paramref name="tu"/> and <paramref name="tv"/> (null when unknown; one object per area), as
    /// <see cref="AreaMetrics.TieTally"/> counts them in a full pass.</summary>
    private static void AddTie<TInArea>(SocialGraph graph, int u, int v, TieClass tieClass, int sign, AreaTotals? tu,
        AreaTotals? tv, TInArea inAreaOfU)
        where TInArea : struct, AreaMetrics.IInArea
    {
        // The ends' totals as cells 1 and 2 (one cell when they are one area's, 0 for none) for the one rule of a tie's counts.
        int au = tu is null ? 0 : 1, av = tv is null ? 0 : tv == tu ? 1 : 2;
        AreaMetrics.TieTally.Count(au, av, au, av, (int)tieClass, AreaMetrics.WorkGroup(graph, u), AreaMetrics.WorkGroup(graph, v),
            new TotalsCounts<TInArea>(graph, u, v, sign, tu, tv, inAreaOfU));
    }

    /// <summary>A tie's counts into its ends' area totals, with a sign; its support tested only for a tie inside.</summary>
    private readonly struct TotalsCounts<TInArea>(SocialGraph graph, int u, int v, int sign, AreaTotals? tu, AreaTotals? tv, TInArea inAreaOfU)
        : AreaMetrics.TieTally.ICounts
        where TInArea : struct, AreaMetrics.IInArea
    {
        private AreaTotals Of(int cell) => (cell == 1 ? tu : tv)!;

        public void Touch(int cell, int cls, bool crossing)
        {
            var totals = Of(cell);
            totals.Touching += sign;
            totals.ByClass[cls] += sign;
            if (crossing) totals.Crossing += sign;
        }

        public void Inside(int cell, int? g, int? h)
        {
            var totals = Of(cell);
            totals.Inside += sign;
            if (AreaMetrics.SharesContactIn(graph, u, v, inAreaOfU)) totals.Supported += sign;
            if (g is { } a && h is { } b)
            {
                totals.WorkMixing[a * AreaMetrics.WorkGroups + b] += sign;
                totals.WorkMixing[b * AreaMetrics.WorkGroups + a] += sign;
            }
        }
    }

    private List<AreaMeasures> AreaRows()
    {
        var rows = new List<AreaMeasures>(_areas.Count);
        foreach (var (name, totals) in _areas)
        {
            if (totals.People == 0) continue;
            rows.Add(totals.People < _options.MinCellSize ? AreaMetrics.Suppressed(name) : Row(name, totals));
        }
        return rows;
    }

    private AreaMeasures Row(string name, AreaTotals t)
    {
        var ec = t.EcCount > 0 ? t.EcSum / t.EcCount : double.NaN;
        // With nobody in work the share is 0 and every resident's work connectedness is 0/0, undefined, as in a full pass.
        var wc = t.WcCount > 0 && _populationInWorkShare > 0 ? t.WcRawSum / t.WcCount / _populationInWorkShare : double.NaN;
        var ci = _intervals.TryGetValue(name, out var known) ? known : Intervals.None;
        var groups = AreaMetrics.WorkGroups;
        var mixing = new double[groups, groups];
        for (var g = 0; g < groups; g++)
            for (var h = 0; h < groups; h++) mixing[g, h] = t.WorkMixing[g * groups + h];
        double touching = t.Touching;
        return AreaMetrics.SuppressSmallCells(new AreaMeasures
        {
            Area = name,
            People = t.People,
            LowSes = t.LowSes,
            EconomicConnectedness = ec,
            EconomicConnectednessCiLow = double.IsNaN(ec) ? double.NaN : ci.EcLow,
            EconomicConnectednessCiHigh = double.IsNaN(ec) ? double.NaN : ci.EcHigh,
            Exposure = Settings.TwiceHighShare(t.SesKnown, t.SesHigh),
            FriendingBias = FriendingBias(t),
            WorkConnectedness = wc,
            WorkConnectednessCiLow = double.IsNaN(wc) ? double.NaN : ci.WcLow,
            WorkConnectednessCiHigh = double.IsNaN(wc) ? double.NaN : ci.WcHigh,
            Clustering = t.ClusteringSum / t.People,
            SupportRatio = AreaMetrics.Share(t.Supported, t.Inside),
            BondingShare = AreaMetrics.Share(t.ByClass[(int)TieClass.Bonding], touching),
            BridgingShare = AreaMetrics.Share(t.ByClass[(int)TieClass.Bridging], touching),
            LinkingShare = AreaMetrics.Share(t.ByClass[(int)TieClass.Linking], touching),
            CrossAreaShare = AreaMetrics.Share(t.Crossing, touching),
            EiWork = Heterophily.EiIndex(mixing),
            AssortativityWork = Heterophily.Assortativity(Heterophily.Leading(mixing, 2)),
            MeanConstraint = t.WithConstraint > 0 ? t.ConstraintSum / t.WithConstraint : double.NaN,
        }, _options.MinCellSize, t.LowSes, t.EcCount, t.WcCount, t.SesKnown, t.WithConstraint);
    }

    /// <summary>Friending bias from the totals: the others' high-SES share s = high/(known − 1) is the same for every
    /// low-SES resident, so the mean of 1 − h_i/s is 1 − Σh_i/(count·s) (as <see cref="Settings.FriendingBias(SocialGraph, IReadOnlyList{int}, Func{int, bool})"/>).</summary>
    private static double FriendingBias(AreaTotals t)
    {
        if (t.SesKnown < 2 || t.FbCount == 0) return double.NaN;
        var others = (double)t.SesHigh / (t.SesKnown - 1);
        return others > 0 ? 1 - t.FbHighShareSum / t.FbCount / others : double.NaN;
    }

    /// <summary>The bootstrap intervals of an area from the last full pass.</summary>
    internal readonly record struct Intervals(double EcLow, double EcHigh, double WcLow, double WcHigh)
    {
        public static Intervals None => new(double.NaN, double.NaN, double.NaN, double.NaN);
    }

    /// <summary>Lives in the area with this code.</summary>
    private readonly struct AreaNameIs(SocialGraph graph, string? area) : AreaMetrics.IInArea
    {
        public bool Holds(int node) => area is not null && graph.Area(node) == area;
    }

    /// <summary>An area's running totals. Changed only on a fresh copy inside <see cref="Apply"/> or
    /// <see cref="Create(SocialGraph, AreaMetricsOptions?)"/>; read-only once published.</summary>
    internal sealed class AreaTotals
    {
        public int People, LowSes, SesKnown, SesHigh, WithConstraint, EcCount, WcCount, FbCount;
        public double ClusteringSum, ConstraintSum, EcSum, WcRawSum, FbHighShareSum;
        public int Touching, Crossing, Inside, Supported;
        public int[] ByClass = new int[3];
        public int[] WorkMixing = new int[AreaMetrics.WorkGroups * AreaMetrics.WorkGroups];

        public bool IsEmpty => People == 0 && Touching == 0;

        public AreaTotals Clone()
        {
            var copy = (AreaTotals)MemberwiseClone();
            copy.ByClass = (int[])ByClass.Clone();
            copy.WorkMixing = (int[])WorkMixing.Clone();
            return copy;
        }

        /// <summary>Sets a sum to exactly 0 when nothing is left in it, so rounding does not outlive its terms.</summary>
        public void Tidy()
        {
            if (People == 0) ClusteringSum = 0;
            if (WithConstraint == 0) ConstraintSum = 0;
            if (EcCount == 0) EcSum = 0;
            if (WcCount == 0) WcRawSum = 0;
            if (FbCount == 0) FbHighShareSum = 0;
        }
    }
}
