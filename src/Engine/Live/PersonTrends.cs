using SocialCapital.Graph;
using SocialCapital.Interchange;
using SocialCapital.Metrics;
using SocialCapital.Model;

namespace SocialCapital.Live;

/// <summary>Person measures of a few people at a series of dates (docs/measures.md#trends), in long format, each change
/// since the date before split into what the ties that ended and the ties that started made of it, as
/// <see cref="Trends"/> does for areas.</summary>
/// <remarks>
/// <para>A person's measures read only their contacts and their contacts' contacts (and the population's in-work share,
/// which the records fix). So the snapshot is built from every node but only the ties of the people asked for and of
/// everyone tied to them on any date, then stepped from date to date as <see cref="Trends"/> steps it; the values equal
/// <see cref="PersonMetrics.Compute"/> on a snapshot built for each date from the whole dataset. The work is
/// O(nodes + ties) to pick the ties and build, then proportional to the people's neighbourhoods per date.</para>
/// <para>Thread-safe: a call builds everything it uses.</para>
/// </remarks>
public static class PersonTrends
{
    private static readonly (string Name, Func<PersonMeasures, double?> Value)[] Table =
    [
        (Name(nameof(PersonMeasures.Degree)), p => p.Degree),
        (Name(nameof(PersonMeasures.Strength)), p => p.Strength),
        (Name(nameof(PersonMeasures.Bonding)), p => p.Bonding),
        (Name(nameof(PersonMeasures.Bridging)), p => p.Bridging),
        (Name(nameof(PersonMeasures.Linking)), p => p.Linking),
        (Name(nameof(PersonMeasures.BridgingScore)), p => p.BridgingScore),
        (Name(nameof(PersonMeasures.Clustering)), p => p.Clustering),
        (Name(nameof(PersonMeasures.Constraint)), p => p.Constraint),
        (Name(nameof(PersonMeasures.EffectiveSize)), p => p.EffectiveSize),
        (Name(nameof(PersonMeasures.Efficiency)), p => p.Efficiency),
        (Name(nameof(PersonMeasures.Hierarchy)), p => p.Hierarchy),
        (Name(nameof(PersonMeasures.EiWork)), p => p.EiWork),
        (Name(nameof(PersonMeasures.EconomicConnectedness)), p => p.EconomicConnectedness),
        (Name(nameof(PersonMeasures.WorkConnectedness)), p => p.WorkConnectedness),
        (Name(nameof(PersonMeasures.InWorkContacts)), p => p.InWorkContacts),
    ];

    private static string Name(string property) => WireNames.ColumnName(property);

    /// <summary>The measures a person trend can follow: the <c>metrics</c> columns that are measures, in their order.</summary>
    public static IReadOnlyList<string> Measures { get; } = [.. Table.Select(t => t.Name)];

    /// <summary>Computes the measures of each person on every date of the series.</summary>
    /// <param name="dataset">The dataset, with dated ties (<c>since</c>, <c>until</c>).</param>
    /// <param name="people">The people's ids (citizens, mentors or coaches); repeats are measured once.</param>
    /// <param name="options">The dates and the measures, named as <see cref="Measures"/> (null or empty for every one);
    /// the tie policy, the strengths setting and cancellation (<see cref="TrendOptions.Areas"/>) are used, its
    /// suppression and bootstrap settings are not (a person's values are not aggregates).</param>
    /// <returns>Rows ordered by date, then the people in the order given, then measure in the order asked (or of <see cref="Measures"/>).</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="InvalidOptionsException">No person is named, or an option breaks <see cref="TrendOptions.Validate"/>
    /// (with the measures checked against <see cref="Measures"/>).</exception>
    /// <exception cref="UnknownNodeException">An id is not a node of the dataset.</exception>
    /// <exception cref="WrongNodeKindException">An id is a place, not a person.</exception>
    /// <exception cref="DataValidationException">The tie policy names an unknown attribute, or a contact's strengths add
    /// up past what a double holds on some date.</exception>
    /// <exception cref="OperationCanceledException">The area options' token was cancelled.</exception>
    public static IReadOnlyList<PersonTrendRow> Compute(Dataset dataset, IReadOnlyList<string> people, TrendOptions options)
    {
        Guard.NotNull(dataset);
        Guard.NotNull(people);
        Guard.NotNull(options);
        var ids = people.Distinct(StringComparer.Ordinal).ToArray();
        var rules = new OptionRules().Check(ids.Length > 0, "People", "", "must name at least one person");
        InvalidOptionsException.ThrowIfAny([.. rules.Problems, .. options.ValidateFor(Measures)]);
        var dates = options.Dates();
        var measures = options.Measures is { Count: > 0 } asked ? [.. asked.Distinct().Select(m => Table.First(t => t.Name == m))] : Table;
        var token = options.Areas.CancellationToken;
        var metrics = new MetricsOptions { UseStrengths = options.Areas.UseStrengths };

        var local = Neighbourhood(dataset, ids);
        var graph = local.ToGraph(options.Graph with { AsOf = dates[0] });
        var nodes = new int[ids.Length];
        for (var i = 0; i < ids.Length; i++)
        {
            nodes[i] = graph.IndexOf(ids[i]);
            if (!graph.IsPerson(nodes[i])) throw new WrongNodeKindException(ids[i], graph.Kind(nodes[i]), "a person (citizen, mentor or coach)");
        }
        var ties = new DatedTies(local, graph);
        var rows = new List<PersonTrendRow>();
        var before = Measure(graph, nodes, metrics);
        Add(rows, dates[0], ids, before, null, null, null, measures);
        for (var d = 1; d < dates.Count; d++)
        {
            token.ThrowIfCancellationRequested();
            DateOnly from = dates[d - 1], to = dates[d];
            var (ended, started) = ties.Changes(from, to);
            var (mid, _, _) = ties.Step(graph, ended, t => t.IsActiveOn(from) && t.IsActiveOn(to));
            var (next, _, _) = ties.Step(mid, started, t => t.IsActiveOn(to));
            var without = Measure(mid, nodes, metrics);
            var after = Measure(next, nodes, metrics);
            var counts = new (int Ended, int Started)[nodes.Length];
            for (var i = 0; i < nodes.Length; i++) counts[i] = (ties.Touching(ended, nodes[i]), ties.Touching(started, nodes[i]));
            Add(rows, to, ids, after, before, without, counts, measures);
            (graph, before) = (next, after);
        }
        return rows;
    }

    private static PersonMeasures[] Measure(SocialGraph graph, int[] nodes, MetricsOptions options) =>
        [.. nodes.Select(u => PersonMetrics.Of(graph, u, options))];

    /// <summary>The dataset with every node but only the ties that can reach the people's measures: those with an end
    /// among the people or among the persons tied to them on any date. O(nodes + ties); validation is not repeated.</summary>
    private static Dataset Neighbourhood(Dataset dataset, string[] ids)
    {
        var nodes = dataset.Nodes;
        var index = new Dictionary<string, int>(nodes.Count, StringComparer.Ordinal);
        for (var i = 0; i < nodes.Count; i++) index[nodes[i].Id] = i;
        var near = new bool[nodes.Count];
        foreach (var id in ids)
        {
            if (!index.TryGetValue(id, out var at)) throw new UnknownNodeException(id);
            near[at] = true;
        }
        var resolved = dataset.Resolved ?? RecordValidator.Resolve(nodes, dataset.Ties, new ParallelOptions { MaxDegreeOfParallelism = Guard.Parallelism(-1) });
        var asked = (bool[])near.Clone();
        for (var t = 0; t < dataset.Ties.Count; t++)
        {
            int s = resolved.Source[t], e = resolved.Target[t];
            if (asked[s] && nodes[e].IsPerson) near[e] = true;
            if (asked[e] && nodes[s].IsPerson) near[s] = true;
        }
        var keep = new List<int>();
        for (var t = 0; t < dataset.Ties.Count; t++)
            if (near[resolved.Source[t]] || near[resolved.Target[t]]) keep.Add(t);
        return new Dataset(nodes, [.. keep.Select(t => dataset.Ties[t])], dataset.AttributeColumns,
            new ResolvedTies([.. keep.Select(t => resolved.Source[t])], [.. keep.Select(t => resolved.Target[t])]));
    }

    private static void Add(List<PersonTrendRow> rows, DateOnly date, string[] ids, PersonMeasures[] after, PersonMeasures[]? before,
        PersonMeasures[]? without, (int Ended, int Started)[]? counts, (string Name, Func<PersonMeasures, double?> Value)[] measures)
    {
        for (var i = 0; i < ids.Length; i++)
        {
            foreach (var (name, value) in measures)
            {
                var now = value(after[i]);
                double? then = before is null ? null : value(before[i]), between = without is null ? null : value(without[i]);
                rows.Add(new PersonTrendRow
                {
                    Date = date,
                    Id = ids[i],
                    Measure = name,
                    Value = now,
                    Change = now - then,
                    ChangeFromTiesEnded = between - then,
                    ChangeFromTiesStarted = now - between,
                    TiesEnded = counts?[i].Ended,
                    TiesStarted = counts?[i].Started,
                });
            }
        }
    }
}
