using SocialCapital.Interchange;
using SocialCapital.Metrics;
using SocialCapital.Model;
using SocialCapital.Graph;

namespace SocialCapital.Recommendations;

/// <summary>What proposed ties (new contacts, or a mentor assignment) would change in each area: economic and
/// work connectedness, bridging share, out-of-work residents gaining an in-work contact, and an indicative
/// estimate of extra moves into work. Compares two snapshots built with the same options.</summary>
public static partial class WhatIf
{
    /// <summary>The ties a mentor assignment proposes: each (citizen, mentor) pair becomes a
    /// <see cref="TieKind.Mentoring"/> tie from the mentor to the citizen (strength 1, no dates), in the pairs'
    /// order. The one place this rule lives; the CLI's <c>what-if --assignment</c> and the API's <c>POST /what-if</c>
    /// with an assignment both use it. Ids are not checked here: <see cref="Evaluate"/> validates the ties.</summary>
    /// <param name="pairs">The pairs, e.g. <see cref="AssignedPair"/>s of a cohort assignment or the rows of an
    /// assignment file.</param>
    /// <returns>One tie per pair.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="pairs"/> is null.</exception>
    public static IReadOnlyList<TieRecord> MentoringTies(IEnumerable<(string Citizen, string Mentor)> pairs)
    {
        var ties = new List<TieRecord>();
        foreach (var (citizen, mentor) in Guard.NotNull(pairs)) ties.Add(new TieRecord(mentor, citizen, TieKind.Mentoring));
        return ties;
    }

    /// <summary>Evaluates proposed ties.</summary>
    /// <param name="dataset">The current data.</param>
    /// <param name="proposed">The ties to add; validated against the dataset's nodes.</param>
    /// <param name="options">Options; defaults to <see cref="WhatIfOptions.Default"/>.</param>
    /// <returns>One entry per area with residents, ordered by area code.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="InvalidOptionsException">An option breaks <see cref="WhatIfOptions.Validate"/>.</exception>
    /// <exception cref="DataValidationException">A proposed tie breaks a rule (named <c>proposed tie #n</c>).</exception>
    public static IReadOnlyList<AreaChange> Evaluate(Dataset dataset, IEnumerable<TieRecord> proposed, WhatIfOptions? options = null)
    {
        Guard.NotNull(dataset);
        var added = Guard.NotNull(proposed).ToArray();
        options ??= WhatIfOptions.Default;
        options.ThrowIfInvalid();
        var problems = new ProblemCollector();
        RecordValidator.Validate(dataset.Nodes, added, new ProposedLocator(), problems, skipNodes: true);
        problems.ThrowIfAny();
        var comparison = Compare(dataset, dataset.ToGraph(options.Graph), added, options);
        var changes = new List<AreaChange>(comparison.Before.Count);
        foreach (var b in comparison.Before) changes.Add(comparison.Change(b, comparison.After[b.Area]));
        return changes;
    }

    /// <summary>The area rows before and after the proposed ties, and per area the out-of-work residents who gain an
    /// in-work contact and the indicative extra moves into work: what <see cref="Evaluate"/> and
    /// <see cref="EvaluateProgramme"/> report from.</summary>
    private static Comparison Compare(Dataset dataset, SocialGraph before, TieRecord[] added, WhatIfOptions options)
    {
        // Progress (the area options' sink): the snapshot with the ties, then the full pass before, then the difference.
        var progress = options.Areas.Progress;
        var after = new Dataset(dataset.Nodes, [.. dataset.Ties, .. added], dataset.AttributeColumns)
        {
            Proposals = dataset.Proposals,
            StatusHistory = dataset.StatusHistory,
        }.ToGraph(options.Graph);
        progress?.Report(0.2);
        // Only the proposed ties' ends change (both snapshots have the same nodes, so the same indices): one full pass
        // before, and the measures after follow by difference, as a write's do in the live graph.
        var measuresBefore = LiveMeasures.Create(before, options.Areas with { BootstrapResamples = 0, Progress = ProgressRange.Of(progress, 0.2, 0.95) });
        var changed = new HashSet<int>();
        foreach (var tie in added)
        {
            changed.Add(before.IndexOf(tie.Source));
            changed.Add(before.IndexOf(tie.Target));
        }
        var measuresAfter = measuresBefore.Apply(before, after, changed);
        progress?.Report(1);

        // Gains per area, from each changed out-of-work resident's in-work contacts before and after.
        var gaining = new Dictionary<string, int>(StringComparer.Ordinal);
        var moves = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var u in changed)
        {
            if (!before.IsPerson(u) || before.Area(u) is not { } area || before.WorkStatus(u) != WorkStatus.OutOfWork) continue;
            var delta = PersonMetrics.Of(after, u).InWorkContacts - PersonMetrics.Of(before, u).InWorkContacts;
            if (delta <= 0) continue;
            gaining[area] = gaining.GetValueOrDefault(area) + 1;
            moves[area] = moves.GetValueOrDefault(area) + options.BaselineMoveRate * (Math.Pow(1 + options.EffectPerInWorkContact, delta) - 1);
        }
        return new Comparison(measuresBefore.Areas, measuresAfter.Areas.ToDictionary(a => a.Area), gaining, moves);
    }

    private sealed record Comparison(IReadOnlyList<AreaMeasures> Before, Dictionary<string, AreaMeasures> After,
        Dictionary<string, int> Gaining, Dictionary<string, double> Moves)
    {
        /// <summary>The change of one area from its rows before (<paramref name="b"/>) and after (<paramref name="a"/>).</summary>
        public AreaChange Change(AreaMeasures b, AreaMeasures a) => b.Suppressed
            ? new AreaChange
            {
                Area = b.Area, Suppressed = true,
            }
            : new AreaChange
            {
                Area = b.Area,
                EconomicConnectednessBefore = b.EconomicConnectedness, EconomicConnectednessAfter = a.EconomicConnectedness,
                WorkConnectednessBefore = b.WorkConnectedness, WorkConnectednessAfter = a.WorkConnectedness,
                BridgingShareBefore = b.BridgingShare, BridgingShareAfter = a.BridgingShare,
                GainingInWorkContact = Gaining.GetValueOrDefault(b.Area),
                ExtraMovesIntoWork = Moves.GetValueOrDefault(b.Area),
            };
    }

    private sealed class ProposedLocator : RecordLocator
    {
        public override (string, int?) Node(int index) => ($"node #{index + 1}", null);

        public override (string, int?) Tie(int index) => ($"proposed tie #{index + 1}", null);
    }
}
