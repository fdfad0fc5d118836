using SocialCapital.Interchange;
using SocialCapital.Model;
using SocialCapital.Ties;

namespace SocialCapital.Graph;

/// <summary>Collects nodes and ties, validates them by the rules of the interchange format, and builds an
/// immutable <see cref="SocialGraph"/>. Not thread-safe; build once, then share the snapshot.</summary>
public sealed class SocialGraphBuilder
{
    private readonly List<NodeRecord> _nodes = [];
    private readonly List<TieRecord> _ties = [];
    private readonly List<string> _columns = [];

    /// <summary>Number of nodes added.</summary>
    public int NodeCount => _nodes.Count;

    /// <summary>Number of ties added.</summary>
    public int TieCount => _ties.Count;

    /// <summary>Adds a node.</summary>
    /// <param name="node">The node.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="node"/> is null.</exception>
    public SocialGraphBuilder AddNode(NodeRecord node)
    {
        _nodes.Add(Guard.NotNull(node));
        return this;
    }

    /// <summary>Adds nodes.</summary>
    /// <param name="nodes">The nodes.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="nodes"/> is null.</exception>
    public SocialGraphBuilder AddNodes(IEnumerable<NodeRecord> nodes)
    {
        foreach (var n in Guard.NotNull(nodes)) AddNode(n);
        return this;
    }

    /// <summary>Adds a tie; its ends may be added before or after it.</summary>
    /// <param name="tie">The tie.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="tie"/> is null.</exception>
    public SocialGraphBuilder AddTie(TieRecord tie)
    {
        _ties.Add(Guard.NotNull(tie));
        return this;
    }

    /// <summary>Adds ties.</summary>
    /// <param name="ties">The ties.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="ties"/> is null.</exception>
    public SocialGraphBuilder AddTies(IEnumerable<TieRecord> ties)
    {
        foreach (var t in Guard.NotNull(ties)) AddTie(t);
        return this;
    }

    /// <summary>Declares an extra attribute column, so a tie policy can name it even if no node has a value.</summary>
    /// <param name="name">The column name.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentException"><paramref name="name"/> is blank or a standard column.</exception>
    public SocialGraphBuilder DeclareAttribute(string name)
    {
        Guard.NotEmpty(name);
        if (NodeColumns.IsStandard(name)) throw new ArgumentException($"'{name}' is a standard column, not an extra attribute.", nameof(name));
        if (!_columns.Contains(name)) _columns.Add(name);
        return this;
    }

    /// <summary>Every problem with the records added so far (at most <see cref="DataValidationException.MaxReported"/>).</summary>
    /// <returns>The problems; empty when the records are valid.</returns>
    public IReadOnlyList<DataProblem> Validate()
    {
        var problems = new ProblemCollector();
        RecordValidator.Validate(_nodes, _ties, RecordLocator.InCode, problems);
        return problems.Problems;
    }

    /// <summary>Validates the records and builds the snapshot.</summary>
    /// <param name="options">Analysis date and tie policy; default today and <see cref="TiePolicy.Default"/>.</param>
    /// <returns>The snapshot.</returns>
    /// <exception cref="DataValidationException">A record breaks a rule, or the policy names an unknown
    /// attribute; lists every problem.</exception>
    public SocialGraph Build(GraphOptions? options = null)
    {
        var problems = new ProblemCollector();
        var resolved = RecordValidator.Validate(_nodes, _ties, RecordLocator.InCode, problems);
        problems.ThrowIfAny();
        return Assemble(_nodes, _ties, Dataset.CollectColumns(_columns, _nodes), options ?? GraphOptions.Default, resolved);
    }

    internal static SocialGraph BuildValidated(Dataset dataset, GraphOptions options) =>
        Assemble(dataset.Nodes, dataset.Ties, dataset.AttributeColumns, options, dataset.Resolved);

    /// <summary>Builds the snapshot from valid records: ids sorted ordinally become indices, active
    /// person–person ties become a CSR adjacency with duplicates merged, ties to places become affiliations.</summary>
    private static SocialGraph Assemble(IReadOnlyList<NodeRecord> inputNodes, IReadOnlyList<TieRecord> ties, IReadOnlyList<string> columns,
        GraphOptions options, ResolvedTies? resolved)
    {
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Guard.Parallelism(options.MaxDegreeOfParallelism) };
        var asOf = options.ResolveDate();
        var n = inputNodes.Count;
        var (ids, order) = SortIds(inputNodes);
        var nodes = new NodeRecord[n];
        var rank = new int[n]; // input position → node index
        for (var i = 0; i < n; i++) { nodes[i] = inputNodes[order[i]]; rank[order[i]] = i; }
        var table = NodeTable.Build(nodes, columns);
        var classifier = TieClassifier.Compile(options.TiePolicy, table);

        // Validation usually found each end's input position already; a dataset edited one record at a time (the API's
        // writes) or extended (what-if) did not keep them, so look the ids up once.
        resolved ??= RecordValidator.Resolve(inputNodes, ties, parallel);
        var source = new int[ties.Count];
        var target = new int[ties.Count];
        Parallel.For(0, ties.Count, parallel, t =>
        {
            var active = ties[t].IsActiveOn(asOf);
            source[t] = active ? rank[resolved.Source[t]] : -1;
            target[t] = active ? rank[resolved.Target[t]] : -1;
        });

        var fill = ContactFill.Plan(ties, source, target, n, parallel.MaxDegreeOfParallelism);
        var adjacency = BuildAdjacency(ties, source, target, fill, classifier, parallel);
        var mentoring = MentoringHistory.Build(MentoringTies(ties, source, ids, asOf));
        return new SocialGraph(table, adjacency, Affiliations.Build(ids.Length, fill.Places), mentoring, classifier, options.TiePolicy, asOf);
    }

    /// <summary>The ids in ordinal order, and where each came from. Valid ids are ASCII, so their first eight characters
    /// read as one big-endian number order them as an ordinal string comparison does: the sort compares numbers, and
    /// only ids that share all eight are compared as strings (at 1M ids: 0.35–0.5 s instead of 0.9–1.1 s).</summary>
    private static (string[] Ids, int[] Order) SortIds(IReadOnlyList<NodeRecord> nodes)
    {
        var n = nodes.Count;
        var ids = new string[n];
        var order = new int[n];
        var keys = new ulong[n];
        for (var i = 0; i < n; i++)
        {
            var id = ids[i] = nodes[i].Id;
            order[i] = i;
            ulong key = 0;
            for (var c = 0; c < 8; c++)
            {
                var ch = c < id.Length ? id[c] : '\0';
                if (ch > 0x7F) // not a valid id after all: sort by comparison alone
                {
                    Array.Sort(ids, order, StringComparer.Ordinal);
                    return (ids, order);
                }
                key = (key << 8) | ch;
            }
            keys[i] = key;
        }
        Array.Sort(keys, order);
        for (var i = 0; i < n; i++) ids[i] = nodes[order[i]].Id;
        for (int start = 0, end; start < n; start = end)
        {
            for (end = start + 1; end < n && keys[end] == keys[start]; end++) { }
            if (end - start > 1) Array.Sort(ids, order, start, end - start, StringComparer.Ordinal);
        }
        return (ids, order);
    }

    /// <summary>Every mentoring tie, active or not (inactive ones were not resolved above, so look them up).</summary>
    private static IEnumerable<(int, int, bool)> MentoringTies(IReadOnlyList<TieRecord> ties, int[] source, string[] ids, DateOnly asOf)
    {
        for (var t = 0; t < ties.Count; t++)
        {
            var tie = ties[t];
            if (tie.Kind != TieKind.Mentoring) continue;
            var mentor = Array.BinarySearch(ids, tie.Source, StringComparer.Ordinal);
            var mentee = Array.BinarySearch(ids, tie.Target, StringComparer.Ordinal);
            yield return (mentor, mentee, source[t] >= 0 && tie.IsActiveOn(asOf));
        }
    }

    private static Adjacency BuildAdjacency(IReadOnlyList<TieRecord> ties, int[] source, int[] target, ContactFill fill,
        TieClassifier classifier, ParallelOptions parallel)
    {
        var n = fill.Nodes;
        var offsets = fill.Offsets;
        var slots = offsets[n];
        var neighbors = new int[slots];
        // Strength (float bits, high 32) and kind flag (low 8) travel with the neighbour through the sort.
        var payload = new long[slots];
        fill.Fill(ties, source, target, (t, u, v, at, atOther) =>
        {
            var packed = ((long)BitConverter.SingleToInt32Bits((float)ties[t].Strength) << 32) | (long)ties[t].Kind.ToContactKinds();
            neighbors[at] = v; payload[at] = packed;
            neighbors[atOther] = u; payload[atOther] = packed;
        });

        // Sort each list by neighbour and merge repeated contacts in place (strengths add, kinds unite).
        var merged = new int[n + 1];
        var strengthSums = new double[slots];
        Parallel.For(0, n, parallel, u =>
        {
            var start = offsets[u];
            var count = offsets[u + 1] - start;
            var keys = neighbors.AsSpan(start, count);
            var items = payload.AsSpan(start, count);
            keys.Sort(items);
            var w = -1;
            for (var i = 0; i < count; i++)
            {
                var strength = (double)BitConverter.Int32BitsToSingle((int)(items[i] >> 32));
                var kind = items[i] & 0xFF;
                if (w >= 0 && keys[w] == keys[i])
                {
                    strengthSums[start + w] += strength;
                    items[w] |= kind;
                }
                else
                {
                    w++;
                    keys[w] = keys[i];
                    items[w] = kind;
                    strengthSums[start + w] = strength;
                }
            }
            merged[u + 1] = w + 1;
        });

        var finalOffsets = new int[n + 1];
        for (var u = 0; u < n; u++) finalOffsets[u + 1] = finalOffsets[u] + merged[u + 1];
        var finalNeighbors = new int[finalOffsets[n]];
        var strengths = new float[finalOffsets[n]];
        var kinds = new ContactKinds[finalOffsets[n]];
        Parallel.For(0, n, parallel, u =>
        {
            int from = offsets[u], to = finalOffsets[u], count = merged[u + 1];
            neighbors.AsSpan(from, count).CopyTo(finalNeighbors.AsSpan(to, count));
            for (var i = 0; i < count; i++)
            {
                strengths[to + i] = (float)strengthSums[from + i];
                kinds[to + i] = (ContactKinds)(byte)payload[from + i];
            }
        });
        var classes = Classify(finalOffsets, finalNeighbors, kinds, classifier, parallel.MaxDegreeOfParallelism);
        return new Adjacency(finalOffsets, finalNeighbors, strengths, kinds, classes);
    }

    internal static TieClass[] Classify(int[] offsets, int[] neighbors, ContactKinds[] kinds, TieClassifier classifier, int parallelism)
    {
        var classes = new TieClass[neighbors.Length];
        Parallel.For(0, offsets.Length - 1, new ParallelOptions { MaxDegreeOfParallelism = Guard.Parallelism(parallelism) }, u =>
        {
            for (var s = offsets[u]; s < offsets[u + 1]; s++) classes[s] = classifier.Classify(u, neighbors[s], kinds[s]);
        });
        return classes;
    }
}
