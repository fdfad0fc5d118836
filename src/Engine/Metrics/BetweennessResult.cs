using SocialCapital.Graph;

namespace SocialCapital.Metrics;

/// <summary>One person's betweenness (<see cref="Betweenness"/>).</summary>
/// <param name="Id">The person's id.</param>
/// <param name="Betweenness">The normalised betweenness in [0, 1] (an estimate may exceed 1 slightly).</param>
public readonly record struct PersonBetweenness(string Id, double Betweenness);

/// <summary>Every person's betweenness centrality, exact or estimated from pivots (<see cref="Betweenness"/>).</summary>
public sealed record BetweennessResult
{
    private readonly SocialGraph _graph;
    private IReadOnlyList<PersonBetweenness>? _people;

    internal BetweennessResult(SocialGraph graph, double[] values, int people, int pivots, int? seed)
    {
        _graph = graph;
        Values = values;
        PersonCount = people;
        Pivots = pivots;
        Seed = seed;
    }

    /// <summary>The normalised betweenness of each node, indexed by node index (0 for places and removed nodes).</summary>
    public IReadOnlyList<double> Values { get; }

    /// <summary>Each person's value, in ordinal id order; made on first use.</summary>
    public IReadOnlyList<PersonBetweenness> People => _people ??= ByPerson();

    /// <summary>The number of people n (the normalisation's n).</summary>
    public int PersonCount { get; }

    /// <summary>The number of sources the values are summed over: n when exact, k for an estimate.</summary>
    public int Pivots { get; }

    /// <summary>Whether every person was a source, so the values are exact.</summary>
    public bool IsExact => Pivots >= PersonCount;

    /// <summary>The seed that chose the pivots of an estimate; <see langword="null"/> when exact.</summary>
    public int? Seed { get; }

    /// <summary>The half-width ε that each person's estimate is within of the exact value with probability at least
    /// 1 − <paramref name="delta"/> (<see cref="Betweenness.ErrorBound"/>); 0 when exact.</summary>
    /// <param name="delta">The probability allowed to fall outside, in (0, 1).</param>
    /// <returns>ε.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="delta"/> is not in (0, 1).</exception>
    public double ErrorBound(double delta) => Betweenness.ErrorBound(PersonCount, Pivots, delta);

    private PersonBetweenness[] ByPerson()
    {
        var rows = new List<PersonBetweenness>(PersonCount);
        foreach (var u in _graph.Nodes.InIdOrder())
            if (_graph.IsPerson(u)) rows.Add(new PersonBetweenness(_graph.Id(u), Values[u]));
        return [.. rows];
    }
}
