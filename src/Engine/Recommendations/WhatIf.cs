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

    /// <summary>Evaluates proposed ties. The graph with them is made by editing the dataset's graph (as the live graph
    /// edits its snapshot), and only the people they change are measured again, so with <paramref name="graph"/> given
    /// (a snapshot file's) the work is one light pass over the graph plus the change.</summary>
    /// <param name="dataset">The current data.</param>
    /// <param name="proposed">The ties to add; validated against the dataset's nodes.</param>
    /// <param name="options">Options; defaults to <see cref="WhatIfOptions.Default"/>.</param>
    /// <param name="graph">The dataset's graph when it is made already: built with <see cref="WhatIfOptions.Graph"/>
    /// (its analysis date and tie policy) from exactly these records. Default null: it is built here.</param>
    /// <returns>One entry per area with residents, ordered by area code.</returns>
    /// <exception cref="ArgumentNullException">An argument other than <paramref name="graph"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="graph"/> has another analysis date, tie policy or number of
    /// nodes than the options and the dataset give.</exception>
    /// <exception cref="InvalidOptionsException">An option breaks <see cref="WhatIfOptions.Validate"/>.</exception>
    /// <exception cref="DataValidationException">A proposed tie breaks a rule (named <c>proposed tie #n</c>).</exception>
    public static IReadOnlyList<AreaChange> Evaluate(Dataset dataset, IEnumerable<TieRecord> proposed, WhatIfOptions? options = null,
        SocialGraph? graph = null)
    {
        Guard.NotNull(dataset);
        var added = Guard.NotNull(proposed).ToArray();
        options ??= WhatIfOptions.Default;
        options.ThrowIfInvalid();
        if (graph is not null) CheckGraph(dataset, graph, options);
        var problems = new ProblemCollector();
        RecordValidator.Validate(dataset.Nodes, added, new ProposedLocator(), problems, skipNodes: true);
        problems.ThrowIfAny();
        var comparison = Compare(dataset, graph ?? dataset.ToGraph(options.Graph), added, options);
        var changes = new List<AreaChange>(comparison.Before.Count);
        foreach (var b in comparison.Before) changes.Add(comparison.Change(b, comparison.After[b.Area]));
        return changes;
    }

    /// <summary>Throws unless <paramref name="graph"/> can be the dataset's graph under the options: the same analysis date
    /// (when the options name one), tie policy and number of nodes.</summary>
    private static void CheckGraph(Dataset dataset, SocialGraph graph, WhatIfOptions options)
    {
        var asked = options.Graph;
        if ((asked.AsOf is { } day && day != graph.AsOf) || graph.NodeCount != dataset.Nodes.Count
            || !string.Equals(asked.TiePolicy.ToJson(), graph.TiePolicy.ToJson(), StringComparison.Ordinal))
            throw new ArgumentException(
                "The graph is not the dataset's under the options: it has another analysis date, tie policy or number of nodes.", nameof(graph));
    }

    /// <summary>The area rows before and after the proposed ties, and per area the out-of-work residents who gain an
    /// in-work contact and the indicative extra moves into work: what <see cref="Evaluate"/>
    /// and <see cref="EvaluateProgramme"/> report from.</summary>
    private static Comparison Compare(Dataset dataset, SocialGraph before, TieRecord[] added, WhatIfOptions options)
    {
        // Progress (the area options' sink): the pass over the snapshot before, then the edit and the difference.
        var progress = options.Areas.Progress;
        var token = options.Areas.CancellationToken;
        var totalsBefore = WhatIfTotals.Of(before, token);
        progress?.Report(0.6);
        // Only the proposed ties' ends change (the edit adds no node, so the indices stay): the graph after is the one
        // before edited, and the measures after follow by difference, as a write's do in the live graph.
        var (after, changed) = WithTies(dataset, before, added, token);
        progress?.Report(0.9);
        var totalsAfter = totalsBefore.Apply(before, after, changed);
        var cell = options.Areas.MinCellSize;
        var rowsBefore = totalsBefore.Rows(cell, before.PopulationInWorkShare);
        var rowsAfter = totalsAfter.Rows(cell, after.PopulationInWorkShare);

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
        progress?.Report(1);
        return new Comparison(rowsBefore, rowsAfter.ToDictionary(a => a.Area), gaining, moves);
    }

    /// <summary>The graph of the dataset with <paramref name="added"/> appended to its ties, made by editing
    /// <paramref name="before"/> (<see cref="GraphEditor.ResolvePair"/>, the live graph's rule) rather than building it
    /// again: every stored tie of the added ties' ends is found (from a snapshot file's columns, or in one parallel pass
    /// over the records), in their order, followed by the added ones, as a build of the records with the ties appended
    /// sees them. Also the ends, in the order the ties name them first: the nodes whose contacts or places the ties
    /// change.</summary>
    internal static (SocialGraph After, int[] Changed) WithTies(Dataset dataset, SocialGraph before, TieRecord[] added, CancellationToken token)
    {
        var ends = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var tie in added)
        {
            ends.TryAdd(tie.Source, before.IndexOf(tie.Source));
            ends.TryAdd(tie.Target, before.IndexOf(tie.Target));
        }
        if (added.Length == 0) return (before, []);
        var stored = dataset.Ties;
        // A snapshot file's ties answer from their columns; other records are read in one parallel pass.
        var found = stored is ITieIndex columns ? columns.Touching(new HashSet<string>(ends.Keys, StringComparer.Ordinal)) : [];
        if (stored is not ITieIndex && stored.Count > 0) // a range needs at least one tie
            Parallel.ForEach(System.Collections.Concurrent.Partitioner.Create(0, stored.Count, 1 << 16),
                new ParallelOptions { CancellationToken = token },
                () => new List<int>(),
                (range, _, mine) =>
                {
                    for (var t = range.Item1; t < range.Item2; t++)
                    {
                        var tie = stored[t];
                        if (ends.ContainsKey(tie.Source) || ends.ContainsKey(tie.Target)) mine.Add(t);
                    }
                    return mine;
                },
                mine => { lock (found) found.AddRange(mine); });
        found.Sort(); // the records' order, whatever order the ranges finished in
        var tiesOf = new Dictionary<int, List<TieRecord>>();
        foreach (var index in ends.Values) tiesOf[index] = [];
        void Add(TieRecord tie)
        {
            var u = ends.GetValueOrDefault(tie.Source, -1);
            var v = ends.GetValueOrDefault(tie.Target, -1);
            if (u >= 0) tiesOf[u].Add(tie);
            if (v >= 0 && v != u) tiesOf[v].Add(tie);
        }
        foreach (var t in found) Add(stored[t]);
        foreach (var tie in added) Add(tie);

        var editor = new GraphEditor(before);
        var pairs = new HashSet<(int, int)>();
        foreach (var tie in added)
        {
            int u = ends[tie.Source], v = ends[tie.Target];
            if (!pairs.Add(u < v ? (u, v) : (v, u))) continue;
            var between = tiesOf[u].Where(t => t.Source == tie.Target || t.Target == tie.Target).ToArray();
            editor.ResolvePair(u, v, tie.Source, tie.Target, between, between, node => tiesOf[node]);
        }
        return (editor.Build(), [.. ends.Values]);
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
