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
    /// among the persons tied to them on any date, and the nodes at their ends (and the people themselves). O(nodes + ties)
    /// with array reads only; validation is not repeated.</summary>
    /// <exception cref="UnknownNodeException">An id is not a node of the dataset.</exception>
    internal Dataset Neighbourhood(string[] ids)
    {
        var nodes = Dataset.Nodes;
        var ties = Dataset.Ties;
        var (source, target) = (_resolved.Source, _resolved.Target);
        // Flags by input position: a request scans every tie, so each test is an array read, and the kept nodes come out
        // in the dataset's order.
        var asked = new bool[nodes.Count];
        foreach (var id in ids)
            asked[_index.TryGetValue(id, out var at) ? at : throw new UnknownNodeException(id)] = true;
        var near = (bool[])asked.Clone();
        for (var t = 0; t < ties.Count; t++)
        {
            int s = source[t], e = target[t];
            if (asked[s] && nodes[e].IsPerson) near[e] = true;
            if (asked[e] && nodes[s].IsPerson) near[s] = true;
        }
        var keep = new List<int>();
        var kept = (bool[])asked.Clone();
        for (var t = 0; t < ties.Count; t++)
        {
            if (!near[source[t]] && !near[target[t]]) continue;
            keep.Add(t);
            kept[source[t]] = kept[target[t]] = true;
        }
        var position = new int[nodes.Count];
        var keptNodes = new List<NodeRecord>();
        for (var at = 0; at < nodes.Count; at++)
        {
            if (!kept[at]) continue;
            position[at] = keptNodes.Count;
            keptNodes.Add(nodes[at]);
        }
        return new Dataset(keptNodes, [.. keep.Select(t => ties[t])], Dataset.AttributeColumns,
            new ResolvedTies([.. keep.Select(t => position[source[t]])], [.. keep.Select(t => position[target[t]])]));
    }
}
