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
    /// <exception cref="DataValidationException">A record breaks a rule, the strengths of one contact's active ties
    /// add up to more than a double holds, or the policy names an unknown attribute; lists every problem.</exception>
    public SocialGraph Build(GraphOptions? options = null)
    {
        var problems = new ProblemCollector();
        var resolved = RecordValidator.Validate(_nodes, _ties, RecordLocator.InCode, problems);
        problems.ThrowIfAny();
        return Assemble(_nodes, _ties, [], Dataset.CollectColumns(_columns, _nodes), options ?? GraphOptions.Default, resolved, RecordLocator.InCode);
    }

    /// <summary>The snapshot of a validated dataset; a problem found only now (strengths that add up past what a double
    /// holds) names the tie by its ends and kind, as the dataset keeps no file lines.</summary>
    internal static SocialGraph BuildValidated(Dataset dataset, GraphOptions options) =>
        Assemble(dataset.Nodes, dataset.Ties, dataset.Proposals, dataset.AttributeColumns, options, dataset.Resolved, new NamedLocator(dataset.Nodes, dataset.Ties));

    /// <summary>Builds the snapshot from valid records: ids sorted ordinally become indices, active
    /// person–person ties become a CSR adjacency with duplicates merged, ties to places become affiliations.</summary>
    private static SocialGraph Assemble(IReadOnlyList<NodeRecord> inputNodes, IReadOnlyList<TieRecord> ties,
        IReadOnlyList<ProposalRecord> proposals, IReadOnlyList<string> columns,
        GraphOptions options, ResolvedTies? resolved, RecordLocator locator)
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
        var adjacency = BuildAdjacency(ties, source, target, fill, classifier, parallel, locator);
        var mentoring = MentoringHistory.Build(MentoringTies(ties, source, ids, asOf), ProposalStates(proposals, ids, asOf));
        return new SocialGraph(table, adjacency, Affiliations.Build(ids.Length, fill.Places), mentoring, classifier, options.TiePolicy, asOf,
            Census.Count(table));
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
        if (InOrder(keys, ids)) return (ids, order); // ids that come sorted (a generated city, an export) need no sort
        Array.Sort(keys, order);
        for (var i = 0; i < n; i++) ids[i] = nodes[order[i]].Id;
        for (int start = 0, end; start < n; start = end)
        {
            for (end = start + 1; end < n && keys[end] == keys[start]; end++) { }
            if (end - start > 1) Array.Sort(ids, order, start, end - start, StringComparer.Ordinal);
        }
        return (ids, order);
    }

    /// <summary>Whether the ids are in ordinal order already, by their keys (<see cref="SortIds"/>) and, where two keys
    /// are equal, by the ids themselves.</summary>
    private static bool InOrder(ulong[] keys, string[] ids)
    {
        for (var i = 1; i < keys.Length; i++)
            if (keys[i - 1] > keys[i] || (keys[i - 1] == keys[i] && string.CompareOrdinal(ids[i - 1], ids[i]) > 0)) return false;
        return true;
    }

    /// <summary>Every mentoring tie, active or not (inactive ones were not resolved above, so look them up).</summary>
    private static IEnumerable<(int, int, bool, DateOnly?)> MentoringTies(IReadOnlyList<TieRecord> ties, int[] source, string[] ids, DateOnly asOf)
    {
        for (var t = 0; t < ties.Count; t++)
        {
            var tie = ties[t];
            if (tie.Kind != TieKind.Mentoring) continue;
            var mentor = Array.BinarySearch(ids, tie.Source, StringComparer.Ordinal);
            var mentee = Array.BinarySearch(ids, tie.Target, StringComparer.Ordinal);
            yield return (mentor, mentee, source[t] >= 0 && tie.IsActiveOn(asOf), MentoringHistory.PairingEvent(tie, asOf));
        }
    }

    /// <summary>Every proposal's ends, whether it is pending on the analysis date and whether it was declined.</summary>
    private static IEnumerable<(int, int, bool, bool)> ProposalStates(IReadOnlyList<ProposalRecord> proposals, string[] ids, DateOnly asOf)
    {
        foreach (var p in proposals)
        {
            var mentor = Array.BinarySearch(ids, p.Mentor, StringComparer.Ordinal);
            var citizen = Array.BinarySearch(ids, p.Citizen, StringComparer.Ordinal);
            yield return (mentor, citizen, p.IsPendingOn(asOf), p.Status == ProposalStatus.Declined);
        }
    }

    private static Adjacency BuildAdjacency(IReadOnlyList<TieRecord> ties, int[] source, int[] target, ContactFill fill,
        TieClassifier classifier, ParallelOptions parallel, RecordLocator locator)
    {
        var n = fill.Nodes;
        var offsets = fill.Offsets;
        var slots = offsets[n];
        // Each slot holds its neighbour (high 32 bits) and its own position (low 32), so sorting a list orders it by
        // neighbour and, among repeats, in the order the ties came in; its strength and kind are written beside it.
        var keyed = new long[slots];
        var strengthAt = new double[slots];
        var kindAt = new byte[slots];
        fill.Fill(ties, source, target, (t, u, v, at, atOther) =>
        {
            var tie = ties[t];
            var kind = (byte)tie.Kind.ToContactKinds();
            keyed[at] = ((long)v << 32) | (uint)at; strengthAt[at] = tie.Strength; kindAt[at] = kind;
            keyed[atOther] = ((long)u << 32) | (uint)atOther; strengthAt[atOther] = tie.Strength; kindAt[atOther] = kind;
        });

        // Sort each list and merge repeated contacts: their strengths add as one contact's (ContactStrength), kinds unite.
        var merged = new int[n + 1];
        var neighbors = new int[slots];
        var strengthSums = new double[slots];
        var kindsMerged = new byte[slots];
        Parallel.For(0, n, parallel, u =>
        {
            var start = offsets[u];
            var count = offsets[u + 1] - start;
            var keys = keyed.AsSpan(start, count);
            keys.Sort();
            var w = start - 1;
            for (var i = 0; i < count;)
            {
                var v = (int)(keys[i] >> 32);
                var end = i + 1;
                while (end < count && (int)(keys[end] >> 32) == v) end++;
                w++;
                neighbors[w] = v;
                byte kinds = 0;
                for (var k = i; k < end; k++) kinds |= kindAt[(int)(uint)keys[k]];
                kindsMerged[w] = kinds;
                if (end - i == 1) strengthSums[w] = strengthAt[(int)(uint)keys[i]];
                else
                {
                    var run = new double[end - i]; // a repeated contact: rare
                    for (var k = i; k < end; k++) run[k - i] = strengthAt[(int)(uint)keys[k]];
                    strengthSums[w] = ContactStrength.Sum(run);
                }
                i = end;
            }
            merged[u + 1] = w + 1 - start;
        });

        var finalOffsets = new int[n + 1];
        for (var u = 0; u < n; u++) finalOffsets[u + 1] = finalOffsets[u] + merged[u + 1];
        var finalNeighbors = new int[finalOffsets[n]];
        var strengths = new double[finalOffsets[n]];
        var kinds = new ContactKinds[finalOffsets[n]];
        var overflow = 0;
        // A person's strength (the sum over their contacts, which constraint divides by) must be finite too.
        var totals = new double[n];
        Parallel.For(0, n, parallel, u =>
        {
            int from = offsets[u], to = finalOffsets[u], count = merged[u + 1];
            neighbors.AsSpan(from, count).CopyTo(finalNeighbors.AsSpan(to, count));
            strengthSums.AsSpan(from, count).CopyTo(strengths.AsSpan(to, count));
            double total = 0;
            for (var i = 0; i < count; i++)
            {
                kinds[to + i] = (ContactKinds)kindsMerged[from + i];
                total += strengthSums[from + i];
            }
            totals[u] = total;
            if (!double.IsFinite(total)) Interlocked.Increment(ref overflow);
        });
        if (overflow > 0) ThrowStrengthOverflow(ties, source, target, finalOffsets, finalNeighbors, strengths, totals, locator);
        var classes = new TieClass[finalNeighbors.Length];
        Parallel.For(0, n, parallel, u =>
        {
            for (var s = finalOffsets[u]; s < finalOffsets[u + 1]; s++) classes[s] = classifier.Classify(u, finalNeighbors[s], kinds[s]);
        });
        return Adjacency.FromCsr(finalOffsets, finalNeighbors, StrengthColumn.Build(strengths), kinds, classes);
    }

    /// <summary>Names every active tie of a contact whose strengths add up to more than a double holds, or, when no
    /// contact does, of a person whose contacts' strengths do.</summary>
    /// <summary>Why a pair's contact cannot be made: the one wording, for builds, edits and dated passes alike.</summary>
    internal static string PairOverflow(string a, string b) =>
        $"the active ties between {a} and {b} add up to a strength too large to hold (over {double.MaxValue:R})";

    /// <summary>Why a person's strength (the sum over their contacts) cannot be held: the one wording.</summary>
    internal static string PersonOverflow(string person) =>
        $"the active ties of {person} add up to a strength too large to hold (over {double.MaxValue:R})";

    /// <summary>A strength problem on tie <paramref name="named"/> (where the record came from is not known here).</summary>
    internal static DataValidationException StrengthProblem(TieRecord named, string reason) =>
        new(new DataProblem($"tie {named.Source}–{named.Target} ({named.Kind.Name()})", null, "strength",
            named.Strength.ToString("R", System.Globalization.CultureInfo.InvariantCulture), reason));

    private static void ThrowStrengthOverflow(IReadOnlyList<TieRecord> ties, int[] source, int[] target, int[] offsets,
        int[] neighbors, double[] strengths, double[] totals, RecordLocator locator)
    {
        var problems = new ProblemCollector();
        for (var t = 0; t < ties.Count; t++)
        {
            int u = source[t], v = target[t];
            if (u < 0 || !ties[t].Kind.IsPersonToPerson()) continue;
            var slot = offsets[u] + neighbors.AsSpan(offsets[u], offsets[u + 1] - offsets[u]).BinarySearch(v);
            if (double.IsFinite(strengths[slot])) continue;
            var (where, line) = locator.Tie(t);
            problems.Add(where, line, "strength", ties[t].Strength.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
                PairOverflow(ties[t].Source, ties[t].Target));
        }
        problems.ThrowIfAny();
        for (var t = 0; t < ties.Count; t++)
        {
            int u = source[t], v = target[t];
            if (u < 0 || !ties[t].Kind.IsPersonToPerson()) continue;
            var person = !double.IsFinite(totals[u]) ? ties[t].Source : !double.IsFinite(totals[v]) ? ties[t].Target : null;
            if (person is null) continue;
            var (where, line) = locator.Tie(t);
            problems.Add(where, line, "strength", ties[t].Strength.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
                PersonOverflow(person));
        }
        problems.ThrowIfAny();
    }

    /// <summary>The class of every contact slot the lists point at, under <paramref name="classifier"/>.</summary>
    internal static TieClass[] Classify(Adjacency contacts, TieClassifier classifier, int parallelism)
    {
        var classes = new TieClass[contacts.Neighbors.Length];
        Parallel.For(0, contacts.NodeCount, new ParallelOptions { MaxDegreeOfParallelism = Guard.Parallelism(parallelism) }, u =>
        {
            for (int s = contacts.Start[u], end = contacts.End[u]; s < end; s++)
                classes[s] = classifier.Classify(u, contacts.Neighbors[s], contacts.Kinds[s]);
        });
        return classes;
    }
}
