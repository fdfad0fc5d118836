using SocialCapital.Graph;

namespace SocialCapital.Metrics;

/// <summary>Communities of people by the Leiden algorithm (Traag, Waltman &amp; van Eck 2019) maximising modularity
/// (Newman &amp; Girvan 2004) with a resolution γ (Reichardt &amp; Bornholdt 2006) on the person–person contacts,
/// unweighted (each contact counts 1 whatever its strength, as in <see cref="Betweenness"/> and
/// <see cref="Brokerage"/>; docs/measures.md#communities). Every community is connected (Leiden's guarantee); people
/// without contacts are communities of their own.</summary>
/// <remarks>Local moving with a queue, refinement and aggregation over CSR arrays with integer weights, iterated from
/// the last partition until an iteration moves no node (<see cref="CommunitiesOptions.MaxIterations"/> at most).
/// The local moves run on one thread and the refinement in parallel with a random stream per community, so the result
/// depends on the seed only, not on the threads (<see cref="CommunitiesOptions.MaxDegreeOfParallelism"/>). The people are numbered grouped by area for the run
/// (contacts are mostly local, so the random reads along a person's contacts stay close in memory). O(m) per level and
/// iteration, O(n + m) memory.
/// Thread-safe.</remarks>
public static class Communities
{
    /// <summary>Finds the communities of the people of a snapshot.</summary>
    /// <param name="graph">The snapshot.</param>
    /// <param name="options">Resolution, seed, iterations, progress; <see cref="CommunitiesOptions.Default"/> when null.</param>
    /// <returns>The community and span of every person, the modularity and the per-area view.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="graph"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A resolution that is not positive and finite, a parallelism neither -1
    /// nor at least 1, or fewer than 1 iteration.</exception>
    /// <exception cref="OperationCanceledException">The options' token was cancelled.</exception>
    public static CommunitiesResult Detect(SocialGraph graph, CommunitiesOptions? options = null)
    {
        Guard.NotNull(graph);
        options ??= CommunitiesOptions.Default;
        CheckResolution(options.Resolution, "Resolution");
        Guard.InRange(options.MaxIterations, 1, int.MaxValue, "MaxIterations");
        var threads = Guard.Parallelism(options.MaxDegreeOfParallelism, "MaxDegreeOfParallelism");

        var (persons, offsets, targets, byId, idRank) = PersonGraph(graph, byArea: true);
        var (membership, iterations) = Leiden.Run(offsets, targets, options.Resolution, options.Seed,
            options.MaxIterations, threads, options.CancellationToken, ProgressRange.Of(options.Progress, 0, 0.95));
        var (community, sizes) = NumberBySize(membership, idRank);

        var n = persons.Length;
        var communityOfNode = new int[graph.NodeCount];
        Array.Fill(communityOfNode, -1);
        var spanOfNode = new int[graph.NodeCount];
        var seen = new int[Math.Max(sizes.Length, 1)];
        Array.Fill(seen, -1);
        for (var i = 0; i < n; i++)
        {
            communityOfNode[persons[i]] = community[i];
            var span = 0;
            for (var e = offsets[i]; e < offsets[i + 1]; e++)
            {
                ref var stamp = ref seen[community[targets[e]]];
                if (stamp == i) continue;
                stamp = i;
                span++;
            }
            spanOfNode[persons[i]] = span;
        }
        var modularity = ModularityOf(offsets, targets, community, sizes.Length, options.Resolution);
        options.Progress?.Report(1);
        return new CommunitiesResult(graph, byId, communityOfNode, spanOfNode, sizes, modularity,
            options.Resolution, options.Seed, iterations);
    }

    /// <summary>The modularity of a partition of the people (networkx's <c>modularity(G, communities, resolution)</c>):
    /// Σ_c [ L_c/m − γ (d_c/2m)² ] over the communities c, L_c the contacts inside c, d_c the sum of its members'
    /// degrees, m the number of contacts; 0 when there are no contacts.</summary>
    /// <param name="graph">The snapshot.</param>
    /// <param name="communityOfNode">A community id (0 or more) per node index; read for people only.</param>
    /// <param name="resolution">γ, positive and finite; default 1.</param>
    /// <returns>The modularity.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="graph"/> or <paramref name="communityOfNode"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="communityOfNode"/> does not have one entry per node, or gives
    /// a person a negative id.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="resolution"/> is not positive and finite.</exception>
    public static double Modularity(SocialGraph graph, IReadOnlyList<int> communityOfNode, double resolution = 1)
    {
        Guard.NotNull(graph);
        Guard.NotNull(communityOfNode);
        CheckResolution(resolution, nameof(resolution));
        if (communityOfNode.Count != graph.NodeCount)
            throw new ArgumentException($"communityOfNode has {communityOfNode.Count} entries; the snapshot has {graph.NodeCount} nodes.", nameof(communityOfNode));
        var (persons, offsets, targets, _, _) = PersonGraph(graph);
        var community = new int[persons.Length];
        var count = 0;
        for (var i = 0; i < persons.Length; i++)
        {
            var c = communityOfNode[persons[i]];
            if (c < 0) throw new ArgumentException($"communityOfNode gives person '{graph.Id(persons[i])}' the community {c}; ids must be 0 or more.", nameof(communityOfNode));
            community[i] = c;
            count = Math.Max(count, c + 1);
        }
        return ModularityOf(offsets, targets, community, count, resolution);
    }

    private static void CheckResolution(double resolution, string name)
    {
        if (!(double.IsFinite(resolution) && resolution > 0))
            throw new ArgumentOutOfRangeException(name, resolution, $"{name} must be positive and finite.");
    }

    private static double ModularityOf(int[] offsets, int[] targets, int[] community, int count, double resolution)
    {
        var twoM = (double)targets.Length;
        if (twoM == 0) return 0;
        var degrees = new long[count];
        long inside = 0; // slots inside a community: twice the contacts inside
        for (var i = 0; i < community.Length; i++)
        {
            var c = community[i];
            degrees[c] += offsets[i + 1] - offsets[i];
            for (var e = offsets[i]; e < offsets[i + 1]; e++)
                if (community[targets[e]] == c) inside++;
        }
        var expected = 0.0;
        foreach (var d in degrees) expected += (double)d * d;
        return (inside / twoM) - (resolution * expected / (twoM * twoM));
    }

    /// <summary>The people and their contacts as plain CSR arrays over their positions, each list in the id order of
    /// the contacts (so the arrays depend on the ids and areas only, not on how the snapshot was built): the people
    /// in id order, or with <paramref name="byArea"/> grouped by area (areas by name, id order within one), which
    /// keeps the contacts of a person mostly close in memory (ties are mostly local) for Leiden's random reads. With them
    /// the people in id order, and the rank in id order of the person at each position.</summary>
    private static (int[] Persons, int[] Offsets, int[] Targets, int[] ById, int[] IdRankAt) PersonGraph(SocialGraph graph, bool byArea = false)
    {
        var order = graph.Nodes.InIdOrder();
        var count = 0;
        foreach (var u in order) if (graph.IsPerson(u)) count++;
        var byId = new int[count]; // the people in id order
        count = 0;
        foreach (var u in order) if (graph.IsPerson(u)) byId[count++] = u;
        var persons = byArea ? GroupByArea(graph, byId) : byId;
        var localOf = new int[graph.NodeCount];
        for (var i = 0; i < count; i++) localOf[persons[i]] = i;
        var idRankAt = new int[count];
        for (var r = 0; r < count; r++) idRankAt[localOf[byId[r]]] = r;
        var contacts = graph.Contacts;
        var offsets = new int[count + 1];
        for (var i = 0; i < count; i++) offsets[i + 1] = offsets[i] + contacts.Degree(persons[i]);
        var targets = new int[offsets[count]];
        // After live edits, index order is no longer id order: sort each list by the contacts' id ranks first.
        var idRank = graph.Nodes.IsOrdinal ? null : new int[graph.NodeCount];
        if (idRank is not null) for (var i = 0; i < count; i++) idRank[byId[i]] = i;
        for (var i = 0; i < count; i++)
        {
            var u = persons[i];
            var list = targets.AsSpan(offsets[i], offsets[i + 1] - offsets[i]);
            var neighbours = contacts.Neighbors.AsSpan(contacts.Start[u], contacts.Degree(u));
            if (idRank is null)
            {
                for (var k = 0; k < list.Length; k++) list[k] = localOf[neighbours[k]];
                continue;
            }
            for (var k = 0; k < list.Length; k++) list[k] = idRank[neighbours[k]];
            list.Sort();
            for (var k = 0; k < list.Length; k++) list[k] = localOf[byId[list[k]]];
        }
        return (persons, offsets, targets, byId, idRankAt);
    }

    /// <summary>The people (given in id order) grouped by area, areas by name, a stable counting sort.</summary>
    private static int[] GroupByArea(SocialGraph graph, int[] byId)
    {
        var names = graph.Nodes.AreaNames;
        var byName = new int[names.Length];
        for (var a = 0; a < byName.Length; a++) byName[a] = a;
        Array.Sort(byName, (a, b) => string.CompareOrdinal(names[a], names[b]));
        var rankOfCode = new int[names.Length];
        for (var r = 0; r < byName.Length; r++) rankOfCode[byName[r]] = r;
        var codes = graph.Nodes.AreaCodes;
        var start = new int[names.Length + 1];
        foreach (var u in byId) start[rankOfCode[codes[u]] + 1]++;
        for (var r = 0; r < names.Length; r++) start[r + 1] += start[r];
        var grouped = new int[byId.Length];
        foreach (var u in byId) grouped[start[rankOfCode[codes[u]]]++] = u;
        return grouped;
    }

    /// <summary>Dense community ids by size, largest first, ties by the member first in id order.</summary>
    private static (int[] Community, int[] Sizes) NumberBySize(int[] membership, int[] idRank)
    {
        var n = membership.Length;
        var size = new int[n];
        var first = new int[n];
        Array.Fill(first, int.MaxValue);
        for (var i = 0; i < n; i++)
        {
            var c = membership[i];
            size[c]++;
            first[c] = Math.Min(first[c], idRank[i]);
        }
        var ids = new List<int>();
        for (var c = 0; c < n; c++) if (size[c] > 0) ids.Add(c);
        ids.Sort((a, b) => size[a] != size[b] ? size[b].CompareTo(size[a]) : first[a].CompareTo(first[b]));
        var dense = new int[n];
        var sizes = new int[ids.Count];
        for (var k = 0; k < ids.Count; k++)
        {
            dense[ids[k]] = k;
            sizes[k] = size[ids[k]];
        }
        var community = new int[n];
        for (var i = 0; i < n; i++) community[i] = dense[membership[i]];
        return (community, sizes);
    }
}
