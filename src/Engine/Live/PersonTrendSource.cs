using SocialCapital.Graph;
using SocialCapital.Interchange;
using SocialCapital.Model;

namespace SocialCapital.Live;

/// <summary>A dataset made ready for <see cref="PersonTrends"/>: its nodes by id, each tie's ends and the population's
/// work counts, made once in O(nodes + ties) whatever the people and dates. A call on it then costs one pass over the
/// ties and a snapshot of the people's neighbourhood alone (their ties, their contacts' ties and those nodes), not of
/// every node. Keep one per dataset (the API keeps one per snapshot). Immutable; thread-safe.</summary>
public sealed class PersonTrendSource
{
    private readonly Dictionary<string, int> _index;
    private readonly ResolvedTies _resolved;

    /// <summary>Makes the dataset ready for person trends.</summary>
    /// <param name="dataset">The dataset, with dated ties (<c>since</c>, <c>until</c>); it must not change afterwards.</param>
    /// <exception cref="ArgumentNullException"><paramref name="dataset"/> is null.</exception>
    public PersonTrendSource(Dataset dataset)
    {
        Dataset = Guard.NotNull(dataset);
        var nodes = dataset.Nodes;
        _index = new Dictionary<string, int>(nodes.Count, StringComparer.Ordinal);
        var people = default(Census);
        for (var i = 0; i < nodes.Count; i++)
        {
            _index[nodes[i].Id] = i;
            people = people.With(nodes[i].Kind, nodes[i].Employment, +1);
        }
        People = people;
        _resolved = dataset.Resolved ?? RecordValidator.Resolve(nodes, dataset.Ties, new ParallelOptions { MaxDegreeOfParallelism = Guard.Parallelism(-1) });
    }

    /// <summary>The dataset.</summary>
    public Dataset Dataset { get; }

    /// <summary>The whole population's counts: a person's work connectedness reads its in-work share, which a
    /// neighbourhood's own nodes would not give.</summary>
    internal Census People { get; }

    /// <summary>The dataset cut down to what the people's measures read: the ties with an end among the people or
    /// among the persons tied to them on any date, and the nodes at their ends (and the people themselves). O(ties),
    /// plus the neighbourhood's size; validation is not repeated.</summary>
    /// <exception cref="UnknownNodeException">An id is not a node of the dataset.</exception>
    internal Dataset Neighbourhood(string[] ids)
    {
        var nodes = Dataset.Nodes;
        var ties = Dataset.Ties;
        var (source, target) = (_resolved.Source, _resolved.Target);
        var asked = new HashSet<int>();
        foreach (var id in ids)
            asked.Add(_index.TryGetValue(id, out var at) ? at : throw new UnknownNodeException(id));
        var near = new HashSet<int>(asked);
        for (var t = 0; t < ties.Count; t++)
        {
            int s = source[t], e = target[t];
            if (asked.Contains(s) && nodes[e].IsPerson) near.Add(e);
            if (asked.Contains(e) && nodes[s].IsPerson) near.Add(s);
        }
        var keep = new List<int>();
        var kept = new SortedSet<int>(asked); // input positions, so the cut keeps the dataset's order
        for (var t = 0; t < ties.Count; t++)
        {
            if (!near.Contains(source[t]) && !near.Contains(target[t])) continue;
            keep.Add(t);
            kept.Add(source[t]);
            kept.Add(target[t]);
        }
        var position = new Dictionary<int, int>(kept.Count);
        foreach (var at in kept) position[at] = position.Count;
        return new Dataset([.. kept.Select(at => nodes[at])], [.. keep.Select(t => ties[t])], Dataset.AttributeColumns,
            new ResolvedTies([.. keep.Select(t => position[source[t]])], [.. keep.Select(t => position[target[t]])]));
    }
}
