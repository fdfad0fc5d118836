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
/// which the records fix). So the snapshot is built from only the ties of the people asked for and of everyone tied to
/// them on any date, and the nodes at their ends, with the whole population's in-work share, then stepped from date to
/// date as <see cref="Trends"/> steps it; the values equal <see cref="PersonMetrics.Compute"/> on a snapshot built for
/// each date from the whole dataset. What does not depend on the people or dates (the nodes by id, each tie's ends, the
/// population's counts) is a <see cref="PersonTrendSource"/>, made once per dataset; a call on one costs O(ties) to pick
/// the ties, then proportional to the people's neighbourhoods per date.</para>
/// <para>Thread-safe: a call builds everything it changes.</para>
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
    public static IReadOnlyList<PersonTrendRow> Compute(Dataset dataset, IReadOnlyList<string> people, TrendOptions options) =>
        Compute(new PersonTrendSource(dataset), people, options);

    /// <summary>Computes the measures of each person on every date of the series, from a dataset made ready once
    /// (<see cref="PersonTrendSource"/>): what many calls on one dataset should use.</summary>
    /// <param name="source">The dataset, made ready.</param>
    /// <param name="people">The people's ids (citizens, mentors or coaches); repeats are measured once.</param>
    /// <param name="options">As for <see cref="Compute(Dataset, IReadOnlyList{string}, TrendOptions)"/>.</param>
    /// <returns>Rows ordered by date, then the people in the order given, then measure in the order asked (or of <see cref="Measures"/>).</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="InvalidOptionsException">No person is named, or an option breaks <see cref="TrendOptions.Validate"/>
    /// (with the measures checked against <see cref="Measures"/>).</exception>
    /// <exception cref="UnknownNodeException">An id is not a node of the dataset.</exception>
    /// <exception cref="WrongNodeKindException">An id is a place, not a person.</exception>
    /// <exception cref="DataValidationException">The tie policy names an unknown attribute, or a contact's strengths add
    /// up past what a double holds on some date.</exception>
    /// <exception cref="OperationCanceledException">The area options' token was cancelled.</exception>
    public static IReadOnlyList<PersonTrendRow> Compute(PersonTrendSource source, IReadOnlyList<string> people, TrendOptions options)
    {
        Guard.NotNull(source);
        Guard.NotNull(people);
        Guard.NotNull(options);
        var ids = people.Distinct(StringComparer.Ordinal).ToArray();
        var rules = new OptionRules().Check(ids.Length > 0, "People", "", "must name at least one person");
        InvalidOptionsException.ThrowIfAny([.. rules.Problems, .. options.ValidateFor(Measures)]);
        var dates = options.Dates();
        var measures = options.Measures is { Count: > 0 } asked ? [.. asked.Distinct().Select(m => Table.First(t => t.Name == m))] : Table;
        var token = options.Areas.CancellationToken;
        var metrics = new MetricsOptions { UseStrengths = options.Areas.UseStrengths };

        var local = source.Neighbourhood(ids);
        var graph = local.ToGraph(options.Graph with { AsOf = dates[0] }).WithPeople(source.People);
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
