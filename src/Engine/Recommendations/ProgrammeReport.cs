using SocialCapital.Graph;
using SocialCapital.Interchange;
using SocialCapital.Metrics;
using SocialCapital.Model;

namespace SocialCapital.Recommendations;

/// <summary>The mentoring programme's report (docs/recommendations.md#programme-report): proposals made and how they
/// were decided, median days to acceptance, pairings active and ended by outcome, the share of new pairings that bridge
/// work status or class, and the employment outcomes at 3 and 6 months of mentored and of waiting citizens —
/// descriptive, not causal, small cells suppressed. Pure; safe to call from any number of threads.</summary>
public static class ProgrammeReport
{
    /// <summary>The follow-up horizons of the employment outcomes, in months.</summary>
    public static IReadOnlyList<int> Horizons { get; } = [3, 6];

    /// <summary>The report of a dataset (its graph built as of the report's date with the default tie policy).</summary>
    /// <param name="dataset">The dataset: nodes, mentoring ties, proposals, employment history.</param>
    /// <param name="options">Options; null for <see cref="ProgrammeReportOptions.Default"/>.</param>
    /// <returns>The report.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="dataset"/> is null.</exception>
    /// <exception cref="InvalidOptionsException">An option breaks <see cref="ProgrammeReportOptions.Validate"/>.</exception>
    public static ProgrammeReportResult Compute(Dataset dataset, ProgrammeReportOptions? options = null)
    {
        Guard.NotNull(dataset);
        options ??= ProgrammeReportOptions.Default;
        InvalidOptionsException.ThrowIfAny(options.Validate());
        var graph = dataset.ToGraph(new GraphOptions { AsOf = options.AsOf });
        return Of(graph, dataset.Ties, dataset.Proposals, EmploymentHistory.Of(dataset.StatusHistory), options);
    }

    /// <summary>The report of a graph and the records it was built from (a live snapshot's, without rebuilding a dataset;
    /// its <c>Employment</c> is indexed once, so a report of a large city does not group the whole history each time).</summary>
    /// <param name="graph">The graph: the people's areas, employment (for those without history), SES and tie policy.</param>
    /// <param name="ties">Ties; only mentoring ties are read, and only those between nodes of the graph.</param>
    /// <param name="proposals">The proposals.</param>
    /// <param name="history">The employment changes, indexed.</param>
    /// <param name="options">Options; null for <see cref="ProgrammeReportOptions.Default"/> (the graph's analysis date).</param>
    /// <returns>The report.</returns>
    /// <exception cref="ArgumentNullException">An argument other than <paramref name="options"/>, or a record in a list, is null.</exception>
    /// <exception cref="InvalidOptionsException">An option breaks <see cref="ProgrammeReportOptions.Validate"/>.</exception>
    public static ProgrammeReportResult Of(SocialGraph graph, IEnumerable<TieRecord> ties, IReadOnlyList<ProposalRecord> proposals,
        EmploymentHistory history, ProgrammeReportOptions? options = null)
    {
        Guard.NotNull(graph);
        Guard.NotNull(ties);
        Guard.NotNull(proposals);
        Guard.NotNull(history);
        options ??= ProgrammeReportOptions.Default;
        InvalidOptionsException.ThrowIfAny(options.Validate());
        var asOf = options.AsOf ?? graph.AsOf;
        var from = options.From ?? DateOnly.MinValue;
        var to = options.To ?? asOf;
        var cells = new SmallCells(options.MinCellSize);
        foreach (var p in proposals) Guard.NotNull(p);
        var status = new StatusTimeline(graph, history, asOf);
        bool InArea(string citizen) => graph.TryGetIndex(citizen, out var u) && (options.Area is null || graph.Area(u) == options.Area);
        bool InWindow(DateOnly day) => from <= day && day <= to;

        // Proposals made in the window, by where they stand on the report's day.
        var made = proposals.Where(p => InWindow(p.Proposed) && InArea(p.Citizen)).ToArray();
        int accepted = 0, declined = 0, expired = 0, withdrawn = 0, pending = 0;
        var declineReasons = new Dictionary<string, int>(StringComparer.Ordinal);
        var days = new List<int>();
        foreach (var p in made.Select(p => AsOn(p, asOf)))
            switch (p.Status)
            {
                case ProposalStatus.Accepted:
                    accepted++;
                    if (p.Decided is { } decided) days.Add(decided.DayNumber - p.Proposed.DayNumber);
                    break;
                case ProposalStatus.Declined:
                    declined++;
                    Add(declineReasons, p.Reason);
                    break;
                case ProposalStatus.Expired: expired++; break;
                case ProposalStatus.Withdrawn: withdrawn++; break;
                default: pending++; break;
            }

        // Pairings: mentoring ties whose mentee lives in the area.
        var pairings = ties.Where(t => Guard.NotNull(t).Kind == TieKind.Mentoring && graph.TryGetIndex(t.Source, out _) && InArea(t.Target)).ToArray();
        var started = pairings.Where(t => t.Since is { } s && InWindow(s)).ToArray();
        var active = pairings.Count(t => t.IsActiveOn(asOf));
        var ended = pairings.Where(t => t.Until is { } u && InWindow(u) && u <= asOf).ToArray();
        var endReasons = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var t in ended)
            if (t.Outcome == PairingOutcome.EndedEarly) Add(endReasons, t.EndReason); // completed ones need no reason

        var dimensions = graph.TiePolicy.Dimensions.Select(d => d.Attribute).ToHashSet(StringComparer.Ordinal);
        double? workShare = null, classShare = null;
        if (dimensions.Contains("work_status"))
            workShare = cells.Share(started.Count(t =>
                status.On(t.Source, t.Since!.Value)?.ToWorkStatus() == WorkStatus.InWork
                && status.On(t.Target, t.Since!.Value)?.ToWorkStatus() == WorkStatus.OutOfWork), started.Length);
        if (dimensions.Contains("ses_band"))
            classShare = cells.Share(started.Count(t =>
                graph.Classifier.DifferingDimensions(graph.IndexOf(t.Source), graph.IndexOf(t.Target)).Contains("ses_band")), started.Length);

        var pairingsOf = pairings.ToLookup(t => t.Target, StringComparer.Ordinal);
        var outcomes = new List<EmploymentOutcome>();
        foreach (var months in Horizons)
        {
            outcomes.Add(Outcome("mentored", months, Mentored(started), status, cells));
            outcomes.Add(Outcome("waiting", months, Waiting(made, pairingsOf, months), status, cells));
        }

        // Parts of a shown total are protected together: one suppressed part is never the total less the others.
        var decisions = cells.Parts(accepted, declined, expired, withdrawn, pending);
        var pairingStates = cells.Parts(active, ended.Count(t => t.Outcome == PairingOutcome.Completed),
            ended.Count(t => t.Outcome == PairingOutcome.EndedEarly), ended.Count(t => t.Outcome is null));
        return new ProgrammeReportResult
        {
            From = options.From,
            To = to,
            Area = options.Area,
            AsOf = asOf,
            MinCellSize = options.MinCellSize,
            ProposalsMade = cells.Count(made.Length),
            Accepted = decisions[0],
            Declined = decisions[1],
            DeclinedByReason = Reasons(declineReasons, cells),
            Expired = decisions[2],
            Withdrawn = decisions[3],
            Pending = decisions[4],
            MedianDaysToAcceptance = cells.Median(days),
            PairingsStarted = cells.Count(started.Length),
            PairingsActive = pairingStates[0],
            PairingsCompleted = pairingStates[1],
            PairingsEndedEarly = pairingStates[2],
            PairingsEndedUnrecorded = pairingStates[3],
            EndedEarlyByReason = Reasons(endReasons, cells),
            BridgingWorkStatusShare = workShare,
            BridgingClassShare = classShare,
            Outcomes = outcomes,
            Suppressed = cells.Suppressed,
        };
    }

    /// <summary>Each mentee's first pairing that started in the window: (citizen, start).</summary>
    private static IEnumerable<(string Citizen, DateOnly Start)> Mentored(TieRecord[] started) =>
        started.GroupBy(t => t.Target, StringComparer.Ordinal)
            .Select(g => (Citizen: g.Key, Start: g.Min(t => t.Since!.Value)));

    /// <summary>Citizens proposed in the window, from their first proposal there, who were not mentored on that day nor
    /// from it to the end of the follow-up.</summary>
    private static IEnumerable<(string Citizen, DateOnly Start)> Waiting(ProposalRecord[] made, ILookup<string, TieRecord> pairingsOf, int months)
    {
        foreach (var g in made.GroupBy(p => p.Citizen, StringComparer.Ordinal))
        {
            var start = g.Min(p => p.Proposed);
            var end = start.AddMonths(months);
            var mentored = pairingsOf[g.Key].Any(t => t.IsActiveOn(start) || (t.Since is { } s && start <= s && s <= end));
            if (!mentored) yield return (g.Key, start);
        }
    }

    /// <summary>Of the citizens out of work at their start whose follow-up has elapsed by the report's day, how
    /// many changed into work within it.</summary>
    private static EmploymentOutcome Outcome(string group, int months, IEnumerable<(string Citizen, DateOnly Start)> citizens, StatusTimeline status,
        SmallCells cells)
    {
        int followed = 0, inWork = 0, unseen = 0;
        foreach (var (citizen, start) in citizens)
        {
            var end = start.AddMonths(months);
            if (end > status.AsOf) continue;
            // Without any history a move cannot be seen, and the record's employment is today's, not the start's: such a
            // citizen is counted apart, never as "not in work".
            if (!status.HasHistory(citizen)) { unseen++; continue; }
            if (status.On(citizen, start)?.ToWorkStatus() != WorkStatus.OutOfWork) continue;
            followed++;
            if (status.MovesIntoWork(citizen, start, end)) inWork++;
        }
        return new EmploymentOutcome(group, months, cells.Count(followed), cells.Count(inWork), cells.Share(inWork, followed), cells.Count(unseen));
    }

    private static void Add(Dictionary<string, int> counts, string? reason)
    {
        var key = string.IsNullOrWhiteSpace(reason) ? "(none)" : reason.Trim();
        counts[key] = counts.GetValueOrDefault(key) + 1;
    }

    /// <summary>The reasons given at least k times, most frequent first, then one row for all the others together: a
    /// reason is free text, so one given fewer than k times is never shown, not even with its count suppressed.</summary>
    private static ReasonCount[] Reasons(Dictionary<string, int> counts, SmallCells cells)
    {
        var rows = new List<ReasonCount>();
        var others = 0;
        foreach (var (reason, count) in counts.OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal))
            if (cells.IsSmall(count)) others += count; else rows.Add(new ReasonCount(reason, count));
        if (others > 0) rows.Add(new ReasonCount(OtherReasons, cells.Count(others)));
        return [.. rows];
    }

    /// <summary>The row of the reasons each given fewer than k times.</summary>
    public const string OtherReasons = "(other reasons, each given fewer times than the smallest cell shown)";

    /// <summary>A proposal as it stood on <paramref name="asOf"/>: a decision made later is not yet made; an undecided
    /// proposal past its expiry day is expired (<see cref="ProposalRecord.On"/>).</summary>
    private static ProposalRecord AsOn(ProposalRecord p, DateOnly asOf) =>
        (p.Decided is { } decided && decided > asOf ? p with { Status = ProposalStatus.Proposed, Decided = null, Reason = null } : p).On(asOf);
}
