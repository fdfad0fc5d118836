using SocialCapital.Graph;
using SocialCapital.Interchange;
using SocialCapital.Metrics;
using SocialCapital.Model;

namespace SocialCapital.Live;

/// <summary>Area measures at a series of dates (docs/measures.md#trends), in long format, each change since the date
/// before split into what the ties that ended, the ties that started and the people who moved made of it.</summary>
/// <remarks>
/// <para>The dates are computed together, not one after another: one snapshot of the nodes is built (records, tie
/// classifier), every person–person tie gets a bit per state it is active in (each date, and between two dates the ties
/// active on both — the state without the started ties), the pairs' contacts of all the states are laid out once per
/// batch (<see cref="DatedContacts"/>), and one pass over the people (<see cref="DatedPass"/>) reads each person's
/// contacts and their contacts' lists once for every state. Each state's values are worked out with the operations, in
/// the order, of a full pass on a snapshot built for it, so every value equals <see cref="AreaMetrics.Compute"/> on that
/// date (to 1e-9; a property test), the bootstrap intervals drawn from the same values. Up to 16 dates share a pass
/// (31 states); a longer series runs in such batches, each starting on (and computing again) the last date of the one
/// before.</para>
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
        var asked = options.Measures is { Count: > 0 } names ? [.. names.Distinct().Select(m => Table.First(t => t.Name == m))] : Table;
        var progress = options.Areas.Progress;
        var token = options.Areas.CancellationToken;
        var areaOptions = options.Areas with { Progress = null };

        // The nodes' snapshot (records, indices, classifier, census): the contacts of every state are the dated pass's.
        var graph = dataset.WithoutTies().ToGraph(options.Graph with { AsOf = dates[0] });
        progress?.Report(0.1);
        var ties = new DatedTies(dataset, graph);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Guard.Parallelism(areaOptions.MaxDegreeOfParallelism), CancellationToken = token };
        var rows = new List<TrendRow>();
        IReadOnlyList<AreaMeasures>? before = null;
        // Dates in batches of states one structure holds: a batch's first date, then per later date the state
        // without the started ties and the date itself. A batch after the first starts on the last date of the one before.
        const int DatesPerBatch = (DatedContacts.MaxStates + 1) / 2;
        for (var first = 0; ; first += DatesPerBatch - 1)
        {
            token.ThrowIfCancellationRequested();
            var last = Math.Min(dates.Count - 1, first + DatesPerBatch - 1);
            List<(DateOnly From, DateOnly To)> states = [(dates[first], dates[first])];
            for (var i = first + 1; i <= last; i++) states.AddRange([(dates[i - 1], dates[i]), (dates[i], dates[i])]);
            var done = (double)first / Math.Max(1, dates.Count - 1);
            var share = (double)(last - first) / Math.Max(1, dates.Count - 1);
            var contacts = ties.Contacts(graph, states, areaOptions.UseStrengths, parallel);
            // Intervals on the dates (even states), not on the states without the started ties.
            var measures = DatedPass.Run(graph, contacts, areaOptions, s => s % 2 == 0, ProgressRange.Of(progress, 0.1 + (0.9 * done), 0.1 + (0.9 * (done + share))));
            if (first == 0)
            {
                before = Publish(measures[0].Areas, options, dates[0], "");
                Add(rows, dates[0], before, null, null, null, asked);
            }
            // The ties ended and started in each step: a pass over every tie each, the steps on every core.
            var counts = new Counts[last - first];
            Parallel.For(first + 1, last + 1, parallel, i =>
            {
                var (ended, started) = ties.Changes(dates[i - 1], dates[i]);
                counts[i - first - 1] = new Counts(ties.ByArea(graph, ended), ties.ByArea(graph, started), options.Areas.MinCellSize);
            });
            for (var i = first + 1; i <= last; i++)
            {
                var to = dates[i];
                var state = 2 * (i - first);
                var without = Publish(measures[state - 1].Areas, options, to, "\nwithout-started");
                var after = Publish(measures[state].Areas, options, to, "");
                Add(rows, to, after, before, without, counts[i - first - 1], asked);
                before = after;
            }
            if (last == dates.Count - 1) break;
        }
        progress?.Report(1);
        return rows;
    }

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
}
