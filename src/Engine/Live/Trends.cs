using SocialCapital.Graph;
using SocialCapital.Interchange;
using SocialCapital.Metrics;
using SocialCapital.Model;

namespace SocialCapital.Live;

/// <summary>Area measures at a series of dates (docs/measures.md#trends), in long format, each change since the date
/// before split into what the ties that ended, the ties that started and the people who moved made of it.</summary>
/// <remarks>
/// <para>One snapshot is built, on the first date; from each date to the next, the contacts of the pairs whose ties
/// ended are edited in (<see cref="GraphEditor"/>: the ties active on both dates), then those whose ties started (the
/// ties active on the later date), and the area measures follow each edit by difference (<see cref="LiveMeasures.Apply"/>)
/// while few people are near the ties that changed, or in one full pass on every core when most are. Stepping the
/// snapshot costs the pairs that changed, not a build. Every value equals
/// <see cref="AreaMetrics.Compute"/> on a snapshot built for that date (to 1e-9, as the means are kept by
/// difference); the bootstrap intervals are computed afresh on each date from the residents' values, so they equal
/// the full pass's exactly.</para>
/// <para>The split: <see cref="TrendRow.ChangeFromTiesEnded"/> = value with the ended ties gone − value before;
/// <see cref="TrendRow.ChangeFromTiesStarted"/> = value after − value with the ended ties gone; the moves' part is 0,
/// as the format holds one area per person. The parts add up to the change (to rounding). A person's employment and
/// area are their record's on every date, as for a snapshot built with <see cref="GraphOptions.AsOf"/>.</para>
/// <para>Thread-safe: a call builds everything it uses.</para>
/// </remarks>
public static class Trends
{
    private static readonly (string Name, Func<AreaMeasures, double?> Value, Func<AreaMeasures, (double?, double?)>? Interval)[] Table =
    [
        (Name(nameof(AreaMeasures.People)), a => a.People, null),
        (Name(nameof(AreaMeasures.LowSes)), a => a.LowSes, null),
        (Name(nameof(AreaMeasures.EconomicConnectedness)), a => a.EconomicConnectedness,
            a => (a.EconomicConnectednessCiLow, a.EconomicConnectednessCiHigh)),
        (Name(nameof(AreaMeasures.Exposure)), a => a.Exposure, null),
        (Name(nameof(AreaMeasures.FriendingBias)), a => a.FriendingBias, null),
        (Name(nameof(AreaMeasures.WorkConnectedness)), a => a.WorkConnectedness, a => (a.WorkConnectednessCiLow, a.WorkConnectednessCiHigh)),
        (Name(nameof(AreaMeasures.Clustering)), a => a.Clustering, null),
        (Name(nameof(AreaMeasures.SupportRatio)), a => a.SupportRatio, null),
        (Name(nameof(AreaMeasures.BondingShare)), a => a.BondingShare, null),
        (Name(nameof(AreaMeasures.BridgingShare)), a => a.BridgingShare, null),
        (Name(nameof(AreaMeasures.LinkingShare)), a => a.LinkingShare, null),
        (Name(nameof(AreaMeasures.CrossAreaShare)), a => a.CrossAreaShare, null),
        (Name(nameof(AreaMeasures.EiWork)), a => a.EiWork, null),
        (Name(nameof(AreaMeasures.AssortativityWork)), a => a.AssortativityWork, null),
        (Name(nameof(AreaMeasures.MeanConstraint)), a => a.MeanConstraint, null),
    ];

    private static string Name(string property) => WireNames.ColumnName(property);

    /// <summary>The measures a trend can follow: the <c>areas</c> columns that are measures, in their order.</summary>
    public static IReadOnlyList<string> Measures { get; } = [.. Table.Select(t => t.Name)];

    /// <summary>Computes the measures of every area on every date of the series.</summary>
    /// <param name="dataset">The dataset, with dated ties (<c>since</c>, <c>until</c>).</param>
    /// <param name="options">The dates, measures and area options.</param>
    /// <returns>Rows ordered by date, then area code (ordinal), then measure in the order asked (or of <see cref="Measures"/>).</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="InvalidOptionsException">An option breaks <see cref="TrendOptions.Validate"/>.</exception>
    /// <exception cref="DataValidationException">The tie policy names an unknown attribute, or a contact's strengths add
    /// up past what a double holds on some date.</exception>
    /// <exception cref="OperationCanceledException">The area options' token was cancelled.</exception>
    public static IReadOnlyList<TrendRow> Compute(Dataset dataset, TrendOptions options)
    {
        Guard.NotNull(dataset);
        Guard.NotNull(options);
        InvalidOptionsException.ThrowIfAny(options.Validate());
        var dates = options.Dates();
        var measures = options.Measures is { Count: > 0 } asked ? [.. asked.Distinct().Select(m => Table.First(t => t.Name == m))] : Table;
        var progress = options.Areas.Progress;
        var token = options.Areas.CancellationToken;
        var areaOptions = options.Areas with { Progress = null, BootstrapResamples = 0 }; // intervals are made per date below

        var graph = dataset.ToGraph(options.Graph with { AsOf = dates[0] });
        progress?.Report(0.1);
        // The triangles are counted by the first pass, then kept from date to date by the contacts that changed: a
        // full pass then need not count them again.
        var (live, triangles) = LiveMeasures.CreateAreasOnly(graph, areaOptions with { Progress = ProgressRange.Of(progress, 0.1, 0.3) });
        var ties = new DatedTies(dataset, graph);
        var rows = new List<TrendRow>();
        var before = Publish(WithIntervals(live.Areas, graph, options.Areas), options, dates[0], "");
        Add(rows, dates[0], before, null, null, null, measures);
        progress?.Report(0.3);
        for (var i = 1; i < dates.Count; i++)
        {
            token.ThrowIfCancellationRequested();
            DateOnly from = dates[i - 1], to = dates[i];
            var (ended, started) = ties.Changes(from, to);
            var (mid, midChanged, midPairs) = ties.Step(graph, ended, t => t.IsActiveOn(from) && t.IsActiveOn(to));
            var midTriangles = Triangles.Step(triangles, graph.Contacts, mid.Contacts, midPairs);
            var liveMid = Follow(live, graph, mid, midChanged, midTriangles, areaOptions);
            var (next, nextChanged, nextPairs) = ties.Step(mid, started, t => t.IsActiveOn(to));
            var nextTriangles = Triangles.Step(midTriangles, mid.Contacts, next.Contacts, nextPairs);
            var liveNext = Follow(liveMid, mid, next, nextChanged, nextTriangles, areaOptions);
            var without = Publish(liveMid.Areas, options, to, "\nwithout-started");
            var after = Publish(WithIntervals(liveNext.Areas, next, options.Areas), options, to, "");
            var counts = new Counts(ties.ByArea(graph, ended), ties.ByArea(graph, started), options.Areas.MinCellSize);
            Add(rows, to, after, before, without, counts, measures);
            (graph, live, before, triangles) = (next, liveNext, after, nextTriangles);
            progress?.Report(0.3 + (0.7 * i / (dates.Count - 1)));
        }
        progress?.Report(1);
        return rows;
    }

    /// <summary>The measures of <paramref name="after"/>: by difference from those of <paramref name="before"/> when
    /// the people near the change (the changed nodes and their contacts) are few, else in one full pass, which runs on
    /// every core: on the 1M-people city a full pass took about 3 s, an update by difference about 60 µs per person near
    /// the change (each out, then in, on one core), so 5,455 changed nodes (about 100k people near them) took 6 s by
    /// difference. On a 100k-people city stepped every 3 months most people are near a change: 9 dates took 96 s by
    /// difference alone, 57 s so (docs/measures.md#trends).</summary>
    private static LiveMeasures Follow(LiveMeasures measures, SocialGraph before, SocialGraph after, int[] changed, long[] triangles,
        AreaMetricsOptions options)
    {
        if (changed.Length == 0) return measures;
        var near = new bool[after.NodeCount];
        var count = 0;
        foreach (var c in changed)
        {
            if (!near[c]) { near[c] = true; count++; }
            foreach (var graph in (ReadOnlySpan<SocialGraph>)[before, after])
                foreach (var v in graph.Neighbors(c))
                    if (!near[v]) { near[v] = true; count++; }
        }
        return count * FullPassBelow < after.PersonCount ? measures.Apply(before, after, changed) : LiveMeasures.CreateAreasOnly(after, options, triangles).Measures;
    }

    /// <summary>By difference while fewer than 1/20 of the people are near the change (the break-even above).</summary>
    private const int FullPassBelow = 20;

    /// <summary>The ties started and ended in a step, per area code, suppressed as counts are.</summary>
    private sealed record Counts(Dictionary<string, int> Ended, Dictionary<string, int> Started, int MinCellSize)
    {
        public (int? Ended, int? Started) Of(string area)
        {
            var cells = new SmallCells(MinCellSize);
            return (cells.Count(Ended.GetValueOrDefault(area)), cells.Count(Started.GetValueOrDefault(area)));
        }
    }

    private static void Add(List<TrendRow> rows, DateOnly date, IReadOnlyList<AreaMeasures> after, IReadOnlyList<AreaMeasures>? before,
        IReadOnlyList<AreaMeasures>? without, Counts? counts, (string Name, Func<AreaMeasures, double?> Value, Func<AreaMeasures, (double?, double?)>? Interval)[] measures)
    {
        var beforeOf = before?.ToDictionary(a => a.Area, StringComparer.Ordinal);
        var withoutOf = without?.ToDictionary(a => a.Area, StringComparer.Ordinal);
        foreach (var row in after)
        {
            AreaMeasures? old = beforeOf is not null && beforeOf.TryGetValue(row.Area, out var b) ? b : null;
            AreaMeasures? mid = withoutOf is not null && withoutOf.TryGetValue(row.Area, out var w) ? w : null;
            var (tiesEnded, tiesStarted) = counts is null || row.Suppressed ? (null, null) : counts.Of(row.Area);
            foreach (var (name, value, interval) in measures)
            {
                var now = value(row);
                var (low, high) = interval is null ? ((double?)null, (double?)null) : interval(row);
                double? then = old is { } o ? value(o) : null, between = mid is { } m ? value(m) : null;
                var change = now - then;
                rows.Add(new TrendRow
                {
                    Date = date,
                    Area = row.Area,
                    Measure = name,
                    Value = now,
                    CiLow = low,
                    CiHigh = high,
                    Change = change,
                    ChangeFromTiesEnded = between - then,
                    ChangeFromTiesStarted = now - between,
                    ChangeFromMoves = change is null ? null : 0,
                    TiesEnded = tiesEnded,
                    TiesStarted = tiesStarted,
                    PeopleMoved = counts is null || row.Suppressed ? null : 0,
                    Suppressed = row.Suppressed,
                });
            }
        }
    }

    /// <summary>Noise on every value of a state, if asked: each date (and the state without the started ties) its own release.</summary>
    private static IReadOnlyList<AreaMeasures> Publish(IReadOnlyList<AreaMeasures> rows, TrendOptions options, DateOnly date, string state) =>
        options.Noise is not { Enabled: true } noise ? rows
            : PublishedNoise.Apply(rows, noise, $"{options.Release}\n{date:yyyy-MM-dd}{state}", options.Areas.MinCellSize);

    /// <summary>The rows with the bootstrap intervals of economic and work connectedness computed on
    /// <paramref name="graph"/>, as <see cref="AreaMetrics.Compute"/> computes them: the residents' values in id order,
    /// each area's stream seeded from the seed and its code. Values are O(contacts); the resampling O(resamples × people).</summary>
    private static IReadOnlyList<AreaMeasures> WithIntervals(IReadOnlyList<AreaMeasures> rows, SocialGraph graph, AreaMetricsOptions options)
    {
        if (options.BootstrapResamples == 0) return rows;
        var nodes = graph.Nodes;
        var values = new Dictionary<string, (List<double> Ec, List<double> Wc)>(StringComparer.Ordinal);
        foreach (var u in nodes.InIdOrder())
        {
            if (graph.Area(u) is not { } area || !graph.IsPerson(u)) continue;
            var lowSes = graph.Ses(u) < 0.5;
            var outOfWork = graph.WorkStatus(u) == WorkStatus.OutOfWork;
            if (!lowSes && !outOfWork) continue;
            if (!values.TryGetValue(area, out var lists)) values.Add(area, lists = ([], []));
            int known = 0, high = 0, inWork = 0, inOrOut = 0;
            foreach (var v in graph.Neighbors(u))
            {
                if (graph.Ses(v) is { } ses) { known++; if (ses >= 0.5) high++; }
                var work = graph.WorkStatus(v);
                if (work == WorkStatus.InWork) { inWork++; inOrOut++; }
                else if (work == WorkStatus.OutOfWork) inOrOut++;
            }
            // The person measures' definitions (PersonMetrics): EC over contacts of known SES, work connectedness
            // over contacts in or out of work, undefined without any.
            if (lowSes && known > 0) lists.Ec.Add(Settings.TwiceHighShare(known, high));
            if (outOfWork && PersonMetrics.WorkConnectedness(inWork, inOrOut, graph.PopulationInWorkShare) is var wc && !double.IsNaN(wc)) lists.Wc.Add(wc);
        }
        var result = new AreaMeasures[rows.Count];
        // Each area's stream is seeded by its code alone, so the areas resample in parallel with the same result.
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Guard.Parallelism(options.MaxDegreeOfParallelism), CancellationToken = options.CancellationToken };
        Parallel.For(0, rows.Count, parallel, i =>
        {
            var row = rows[i];
            result[i] = row;
            if (row.Suppressed || !values.TryGetValue(row.Area, out var lists)) return;
            var (ecLow, ecHigh) = Bootstrap.MeanInterval(lists.Ec, options.BootstrapResamples, options.ConfidenceLevel, options.Seed, "ec:" + row.Area);
            var (wcLow, wcHigh) = Bootstrap.MeanInterval(lists.Wc, options.BootstrapResamples, options.ConfidenceLevel, options.Seed, "wc:" + row.Area);
            result[i] = row with
            {
                EconomicConnectednessCiLow = row.EconomicConnectedness is null ? null : ecLow,
                EconomicConnectednessCiHigh = row.EconomicConnectedness is null ? null : ecHigh,
                WorkConnectednessCiLow = row.WorkConnectedness is null ? null : wcLow,
                WorkConnectednessCiHigh = row.WorkConnectedness is null ? null : wcHigh,
            };
        });
        return result;
    }
}
