using System.Runtime.CompilerServices;
using SocialCapital.Graph;
using SocialCapital.Model;
using SocialCapital.Ties;

namespace SocialCapital.Metrics;

/// <summary>Gould &amp; Fernandez (1989) brokerage roles of every person for a grouping of the people
/// (docs/measures.md#brokerage), the raw counts of R's <c>sna::brokerage(g, cl)$raw.nli</c> on the symmetric adjacency
/// matrix of the contacts: for each ordered pair of a person's contacts (source, target) who are not in contact
/// themselves, one role by the three groups — coordinator, itinerant, gatekeeper, representative or liaison.</summary>
/// <remarks>A person whose group is unknown brokers no classified path (their counts are null), and a path whose
/// source or target has an unknown group is not counted: the counts equal <c>sna::brokerage</c> on the contacts among
/// the people whose group is known (sna needs a class for every node; putting all unknowns in one class of their own
/// would make two strangers "the same group").
/// <para>Per broker j: its contacts are stamped and counted per group; each contact i's own list is scanned for stamped
/// nodes (the targets i is already in contact with), and the open targets of each role are the contacts of that group
/// less those. O(Σ_i k_i²) over all people, in parallel across brokers with scratch per thread; integer counts, so the
/// result is identical for any thread count. Thread-safe.</para></remarks>
public static class Brokerage
{
    private const int Chunk = 2048;

    /// <summary>The names <see cref="Compute"/> accepts for a snapshot: the built-in dimensions
    /// (<see cref="TiePolicy.BuiltInDimensions"/>) and the extra columns of <c>nodes.csv</c>.</summary>
    /// <param name="graph">The snapshot.</param>
    /// <returns>The names.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="graph"/> is null.</exception>
    public static IReadOnlyList<string> Groupings(SocialGraph graph) =>
        [.. TiePolicy.BuiltInDimensions, .. Guard.NotNull(graph).AttributeNames];

    /// <summary>Counts every person's brokerage roles under a grouping.</summary>
    /// <param name="graph">The snapshot.</param>
    /// <param name="grouping"><c>area</c>, <c>work_status</c>, another built-in dimension
    /// (<see cref="TiePolicy.BuiltInDimensions"/>) or an extra column of <c>nodes.csv</c>.</param>
    /// <param name="maxDegreeOfParallelism">Threads to use; -1 (default) for one per core.</param>
    /// <param name="cancellationToken">Stops the count between chunks of brokers.</param>
    /// <param name="progress">Told the share of brokers counted, now and then, from any thread; null for no reports.</param>
    /// <returns>The roles of every person, ordered by id.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="graph"/> or <paramref name="grouping"/> is null.</exception>
    /// <exception cref="InvalidOptionsException"><paramref name="grouping"/> names no grouping of the snapshot; the
    /// message names the valid ones.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxDegreeOfParallelism"/> is 0 or below -1.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static BrokerageResult Compute(SocialGraph graph, string grouping, int maxDegreeOfParallelism = -1,
        CancellationToken cancellationToken = default, IProgress<double>? progress = null)
    {
        Guard.NotNull(graph);
        Guard.NotNull(grouping);
        var threads = Guard.Parallelism(maxDegreeOfParallelism);
        var nodes = graph.Nodes;
        if (NodeGroupings.Codes(grouping, nodes) is not { } paged)
            throw new InvalidOptionsException([new OptionProblem("grouping", grouping, $"must be {NodeGroupings.Choices(nodes)}")]);
        var codes = paged.ToArray(); // dense: read once per scanned slot
        var groups = 1;
        foreach (var c in codes) groups = Math.Max(groups, c + 1);

        var n = graph.NodeCount;
        var roles = new Roles[n];
        var contacts = graph.Contacts;
        var counted = 0;
        PooledParallel.ForRanges(n, Chunk, threads, () => new Scratch(n, groups), (from, to, scratch) =>
        {
            for (var j = from; j < to; j++) roles[j] = Count(contacts, codes, j, scratch);
            if (progress is not null) progress.Report((double)Interlocked.Add(ref counted, to - from) / n);
        }, cancellationToken);

        var order = nodes.InIdOrder();
        var people = new List<PersonBrokerage>(graph.PersonCount);
        foreach (var u in order)
        {
            if (!graph.IsPerson(u)) continue;
            var r = roles[u];
            var known = codes[u] != 0;
            people.Add(new PersonBrokerage
            {
                Index = u,
                Id = nodes.Id(u),
                Area = graph.Area(u),
                Group = NodeGroupings.Value(grouping, nodes, codes[u]),
                Coordinator = known ? r.Coordinator : null,
                Itinerant = known ? r.Itinerant : null,
                Gatekeeper = known ? r.Gatekeeper : null,
                Representative = known ? r.Representative : null,
                Liaison = known ? r.Liaison : null,
                Total = known ? r.Coordinator + r.Itinerant + r.Gatekeeper + r.Representative + r.Liaison : null,
            });
        }
        return new BrokerageResult(grouping, [.. people], n);
    }

    private record struct Roles(long Coordinator, long Itinerant, long Gatekeeper, long Representative, long Liaison);

    /// <summary>Per-thread scratch: a stamp per node marks the broker's contacts (stamped per broker, never cleared), and
    /// the count of the broker's contacts per group (cleared after each broker through its contacts).</summary>
    private sealed class Scratch(int nodes, int groups)
    {
        public readonly int[] Mark = new int[nodes];
        public readonly int[] InGroup = new int[groups];
    }

    // Called once per broker: optimised from the first call rather than after tiering (as StructuralHoles.Measure).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static Roles Count(Adjacency contacts, int[] codes, int j, Scratch scratch)
    {
        var g = codes[j];
        int start = contacts.Start[j], end = contacts.End[j];
        if (g == 0 || end - start < 2) return default;
        var starts = contacts.Start;
        var ends = contacts.End;
        var neighbors = contacts.Neighbors;
        var mark = scratch.Mark;
        var inGroup = scratch.InGroup;
        var stamp = j + 1;
        long known = 0;
        for (var s = start; s < end; s++)
        {
            var v = neighbors[s];
            var c = codes[v];
            if (c == 0) continue; // unknown group: neither source nor target
            mark[v] = stamp;
            inGroup[c]++;
            known++;
        }
        long own = inGroup[g];
        var roles = default(Roles);
        for (var s = start; s < end; s++)
        {
            var i = neighbors[s];
            var a = codes[i];
            if (a == 0) continue;
            // the broker's contacts that i is in contact with, by the target's group: the broker's, i's, another
            long closedOwn = 0, closedSource = 0, closedOther = 0;
            for (var t = starts[i]; t < ends[i]; t++)
            {
                var k = neighbors[t];
                if (mark[k] != stamp) continue;
                var b = codes[k];
                if (b == g) closedOwn++;
                else if (b == a) closedSource++;
                else closedOther++;
            }
            if (a == g)
            {
                roles.Coordinator += own - 1 - closedOwn; // closedSource is 0: a == g counts in closedOwn
                roles.Representative += known - own - closedOther;
            }
            else
            {
                long source = inGroup[a];
                roles.Gatekeeper += own - closedOwn;
                roles.Itinerant += source - 1 - closedSource;
                roles.Liaison += known - own - source - closedOther;
            }
        }
        for (var s = start; s < end; s++) inGroup[codes[neighbors[s]]] = 0;
        return roles;
    }
}
