using Microsoft.Extensions.ObjectPool;
using SocialCapital.Graph;
using SocialCapital.Model;
using SocialCapital.Ties;

namespace SocialCapital.Metrics;

/// <summary>Computes every person's measures (docs/measures.md): degree, strength, tie classes, local
/// clustering, Burt's constraint, effective size, efficiency and hierarchy, E-I on work status, economic
/// and work connectedness. Runs in parallel across people; results are identical for any thread count
/// because each person's values are computed alone, in a fixed order. O(Σ_v k_v²) time, O(n) scratch per thread.</summary>
public static class PersonMetrics
{
    private const int Chunk = 2048;

    /// <summary>Computes the measures of every person.</summary>
    /// <param name="graph">The snapshot.</param>
    /// <param name="options">Options; defaults to <see cref="MetricsOptions.Default"/>.</param>
    /// <returns>The measures, ordered by id.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="graph"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><see cref="MetricsOptions.MaxDegreeOfParallelism"/> is 0 or below -1.</exception>
    /// <exception cref="OperationCanceledException">The options' token was cancelled.</exception>
    public static PersonMetricsResult Compute(SocialGraph graph, MetricsOptions? options = null)
    {
        Guard.NotNull(graph);
        return Run(graph, options ?? MetricsOptions.Default, forAreas: false);
    }

    /// <summary>Only what an area's row reads of its residents (clustering, constraint, economic and work connectedness,
    /// in-work contacts; degree and index), to the bit as <see cref="Compute(SocialGraph, MetricsOptions?)"/> gives
    /// them, the other measures left at their defaults: for <see cref="AreaMetrics"/>, which would otherwise spend
    /// a large share of its time on measures it never shows (effective size, hierarchy, bridging score).</summary>
    internal static PersonMetricsResult ComputeForAreas(SocialGraph graph, MetricsOptions options) =>
        Run(graph, options, forAreas: true);

    private static PersonMetricsResult Run(SocialGraph graph, MetricsOptions options, bool forAreas)
    {
        var threads = Guard.Parallelism(options.MaxDegreeOfParallelism);
        var n = graph.NodeCount;
        var persons = new List<int>(graph.PersonCount);
        foreach (var u in graph.Nodes.InIdOrder()) if (graph.IsPerson(u)) persons.Add(u);
        var kernel = new Kernel(graph, options.UseStrengths, forAreas);
        var results = new PersonMeasures[persons.Count];
        var done = 0;
        if (persons.Count == 0) return new PersonMetricsResult(results, n, kernel.PopulationInWorkShare);
        PooledParallel.ForRanges(persons.Count, Chunk, threads, () => new StructuralHoles.Scratch(n), (from, to, scratch) =>
        {
            if (forAreas) for (var i = from; i < to; i++) results[i] = kernel.MeasureForAreas(persons[i], scratch);
            else for (var i = from; i < to; i++) results[i] = kernel.Measure(persons[i], scratch);
            var finished = Interlocked.Add(ref done, to - from);
            options.Progress?.Report((double)finished / persons.Count);
        }, options.CancellationToken);
        return new PersonMetricsResult(results, n, kernel.PopulationInWorkShare);
    }

    /// <summary>Computes the measures of one person, equal to the bit to <c>Compute(graph).ForNode(node)</c>, in
    /// O(Σ_{v∈N(u)} k_v): the person's triangles are counted locally and the strength totals are filled for the
    /// person and their contacts only. No work or allocation grows with the snapshot, beyond per-thread scratch that is
    /// pooled and reused across calls (grown when a snapshot has more nodes). Thread-safe.</summary>
    /// <param name="graph">The snapshot.</param>
    /// <param name="node">The person's node index.</param>
    /// <param name="options">Options; only <see cref="MetricsOptions.UseStrengths"/> is used (one thread, no progress).
    /// Defaults to <see cref="MetricsOptions.Default"/>.</param>
    /// <returns>The person's measures.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="graph"/> is null.</exception>
    /// <exception cref="KeyNotFoundException"><paramref name="node"/> is not a node index of the snapshot, or not a person.</exception>
    public static PersonMeasures Of(SocialGraph graph, int node, MetricsOptions? options = null)
    {
        Guard.NotNull(graph);
        if ((uint)node >= (uint)graph.NodeCount || !graph.IsPerson(node))
            throw new KeyNotFoundException($"Node {node} is not a person of this snapshot.");
        options ??= MetricsOptions.Default;
        var scratch = OneScratch.Pool.Get();
        try
        {
            var (weights, triangles) = scratch.Prepare(graph, node, options.UseStrengths);
            return Kernel.Measure<StructuralHoles.Everything>(graph, graph.Contacts, weights, triangles, node, scratch.Holes);
        }
        finally
        {
            scratch.Release(graph, node);
        }
    }

    /// <summary>Work connectedness: the in-work share of a person's contacts who are in or out of work, over the
    /// population's in-work share; NaN without such contacts. The one place the formula lives.</summary>
    internal static double WorkConnectedness(int inWork, int inOrOut, double populationInWorkShare) =>
        inOrOut == 0 ? double.NaN : (double)inWork / inOrOut / populationInWorkShare;

    /// <summary>Every person's clustering and constraint alone (NaN without contacts), indexed by node (0 and NaN for
    /// nodes that are not people), to the bit as <see cref="Compute"/> gives them: what area totals need, in one
    /// parallel pass without the other measures (no effective size, hierarchy or bridging score, no row per person).</summary>
    /// <param name="graph">The snapshot.</param>
    /// <param name="options">Strengths, threads, progress and cancellation.</param>
    /// <returns>Each node's clustering and constraint. The triangles are counted on the constraint's scan, which meets
    /// every closing tie, so the count costs an increment per tie met instead of a pass of its own
    /// (<see cref="StructuralHoles.ConstraintAndTriangles"/>).</returns>
    internal static (double[] Clustering, double[] Constraint) ClusteringAndConstraint(SocialGraph graph, MetricsOptions options)
    {
        var threads = Guard.Parallelism(options.MaxDegreeOfParallelism);
        var n = graph.NodeCount;
        var contacts = graph.Contacts;
        var weights = ContactWeights.Of(contacts, options.UseStrengths, withMax: false);
        var clustering = new double[n];
        var constraint = new double[n];
        var done = 0;
        PooledParallel.ForRanges(n, Chunk, threads, () => new StructuralHoles.Scratch(n), (from, to, scratch) =>
        {
            for (var u = from; u < to; u++)
            {
                if (!graph.IsPerson(u)) { constraint[u] = double.NaN; continue; }
                var terms = StructuralHoles.Measure<StructuralHoles.ConstraintAndTriangles>(contacts, weights, u, scratch);
                clustering[u] = Triangles.Clustering(terms.Triangles, contacts.End[u] - contacts.Start[u]);
                constraint[u] = terms.Constraint;
            }
            options.Progress?.Report((double)Interlocked.Add(ref done, to - from) / n);
        }, options.CancellationToken);
        return (clustering, constraint);
    }

    /// <summary>One person's clustering and constraint alone (NaN without contacts), to the bit as <see cref="Of"/>
    /// and <see cref="Compute"/> give them, without the other measures: what an area's totals need.</summary>
    internal static (double Clustering, double Constraint) ClusteringAndConstraint(SocialGraph graph, int node, bool useStrengths)
    {
        var scratch = OneScratch.Pool.Get();
        try
        {
            var (weights, triangles) = scratch.Prepare(graph, node, useStrengths);
            var holes = StructuralHoles.Measure<StructuralHoles.ConstraintOnly>(graph.Contacts, weights, node, scratch.Holes);
            return (Triangles.Clustering(triangles, graph.Degree(node)), holes.Constraint);
        }
        finally
        {
            scratch.Release(graph, node);
        }
    }

    /// <summary>Scratch of <see cref="Of"/>, pooled (about one per core kept) and grown to the largest snapshot seen.</summary>
    private sealed class OneScratch
    {
        public static readonly ObjectPool<OneScratch> Pool =
            new DefaultObjectPool<OneScratch>(new DefaultPooledObjectPolicy<OneScratch>(), Environment.ProcessorCount);

        public StructuralHoles.Scratch Holes = new(0);
        public int[] Mark = [];
        public double[] Strength = [];
        public double[] Max = [];

        /// <summary>Makes room for the snapshot's nodes (with an eighth more, so a growing live graph does not
        /// reallocate on every call), fills the strength totals of the person and their contacts and counts the
        /// person's triangles.</summary>
        public (ContactWeights Weights, long Triangles) Prepare(SocialGraph graph, int node, bool useStrengths)
        {
            var nodes = graph.NodeCount;
            if (Strength.Length < nodes)
            {
                var size = (int)Math.Min(Array.MaxLength, nodes + (long)nodes / 8 + 16);
                Holes = new StructuralHoles.Scratch(size);
                Mark = new int[size];
                Strength = new double[size];
                Max = new double[size];
            }
            var contacts = graph.Contacts;
            var weights = ContactWeights.Partial(contacts, useStrengths, Strength, Max);
            weights.Fill(contacts, node);
            foreach (var v in graph.Neighbors(node)) weights.Fill(contacts, v);
            return (weights, Triangles.Through(graph, node, Mark, stamp: -1));
        }

        /// <summary>Clears every mark set for the person, so the pooled scratch holds no trace of the snapshot, and
        /// gives the scratch back.</summary>
        public void Release(SocialGraph graph, int node)
        {
            var mark = Mark;
            if (mark.Length >= graph.NodeCount) foreach (var v in graph.Neighbors(node)) mark[v] = 0;
            Pool.Return(this);
        }
    }

    /// <summary>The precomputed parts of the whole-graph pass (strength totals); the measures of each person come from
    /// <see cref="Measure{TParts}"/>, which <see cref="Of"/> shares. The structural holes and clustering come from their
    /// own kernels (<see cref="StructuralHoles"/>, <see cref="Triangles"/>), shared with the single-measure entry points;
    /// the whole-graph pass counts each person's triangles inside the structural-hole scan, which meets every closing
    /// tie anyway, instead of in a triangle pass of its own (the same integers as <see cref="Triangles.Count"/>).</summary>
    private sealed class Kernel
    {
        private readonly SocialGraph _graph;
        private readonly Adjacency _contacts;
        private readonly ContactWeights _weights;
        private readonly ushort[]? _codeRows;
        private readonly byte[] _facts;

        public Kernel(SocialGraph graph, bool weighted, bool forAreas)
        {
            _graph = graph;
            _contacts = graph.Contacts;
            _weights = ContactWeights.Of(_contacts, weighted, withMax: true);
            _codeRows = forAreas ? null : graph.Classifier.CodeRows(graph.NodeCount); // the area pass scores no ties
            _facts = PackFacts(graph);
        }

        /// <summary>Each node's work status and SES side (<see cref="Facts"/>) in one byte: what a person's measures read
        /// of every contact, from one small array that stays in the cache instead of two large columns.</summary>
        private static byte[] PackFacts(SocialGraph graph)
        {
            var facts = new byte[graph.NodeCount];
            for (var v = 0; v < facts.Length; v++)
            {
                var ses = graph.Ses(v) is { } value ? (value >= 0.5 ? 2 : 1) : 0;
                facts[v] = (byte)((int)graph.WorkStatus(v) | (ses << 4));
            }
            return facts;
        }

        /// <summary>A contact's work status and SES side (-1 unknown, 0 below 0.5, 1 at or above): from the packed
        /// facts when given (<see cref="PackFacts"/>), else from the snapshot.</summary>
        private static (WorkStatus Work, int Ses) Facts(SocialGraph graph, byte[]? facts, int v)
        {
            if (facts is not null) return ((WorkStatus)(facts[v] & 0xF), (facts[v] >> 4) - 1);
            return (graph.WorkStatus(v), graph.Ses(v) is { } ses ? (ses >= 0.5 ? 1 : 0) : -1);
        }

        public double PopulationInWorkShare => _graph.PopulationInWorkShare;

        public PersonMeasures Measure(int u, StructuralHoles.Scratch scratch) =>
            Measure<StructuralHoles.EverythingAndTriangles>(_graph, _contacts, _weights, 0, u, scratch, _codeRows, _facts);

        /// <summary>The measures of person <paramref name="u"/> that <see cref="ComputeForAreas"/> keeps, each computed
        /// as <see cref="Measure{TParts}"/> does.</summary>
        public PersonMeasures MeasureForAreas(int u, StructuralHoles.Scratch scratch)
        {
            var (graph, c) = (_graph, _contacts);
            int start = c.Start[u], end = c.End[u], k = end - start;
            var holes = StructuralHoles.Measure<StructuralHoles.ConstraintAndTriangles>(c, _weights, u, scratch);
            int sesKnown = 0, sesHigh = 0, inWork = 0, outWork = 0;
            for (var s = start; s < end; s++)
            {
                var v = c.Neighbors[s];
                var (work, ses) = Facts(graph, _facts, v);
                if (work == WorkStatus.InWork) inWork++;
                else if (work == WorkStatus.OutOfWork) outWork++;
                if (ses >= 0) { sesKnown++; sesHigh += ses; }
            }
            return new PersonMeasures
            {
                Index = u,
                Id = graph.Id(u),
                Kind = graph.Kind(u),
                Degree = k,
                Clustering = Triangles.Clustering(holes.Triangles, k),
                Constraint = holes.Constraint,
                EconomicConnectedness = Settings.TwiceHighShare(sesKnown, sesHigh),
                WorkConnectedness = WorkConnectedness(inWork, inWork + outWork, graph.PopulationInWorkShare),
                InWorkContacts = inWork,
            };
        }

        /// <summary>The measures of person <paramref name="u"/> with <paramref name="triangles"/> triangles (or those
        /// the structural-hole scan counts, when <typeparamref name="TParts"/> counts them), given weights whose totals
        /// are filled at least for u and its contacts: the one place a person's measures are put together. Tie scores
        /// come from <paramref name="codeRows"/> (<see cref="TieClassifier.CodeRows"/>) and contacts' work status and SES from
        /// <paramref name="facts"/> (<see cref="PackFacts"/>) when given.</summary>
        public static PersonMeasures Measure<TParts>(SocialGraph graph, Adjacency c, ContactWeights weights, long triangles, int u,
            StructuralHoles.Scratch scratch, ushort[]? codeRows = null, byte[]? facts = null)
            where TParts : struct, StructuralHoles.IParts
        {
            int start = c.Start[u], end = c.End[u], k = end - start;
            var holes = StructuralHoles.Measure<TParts>(c, weights, u, scratch);
            if (TParts.Triangles) triangles = holes.Triangles;

            double bridgingSum = 0, rawStrength = 0;
            int bonding = 0, bridging = 0, linking = 0, eiKnown = 0, eiExternal = 0, sesKnown = 0, sesHigh = 0, inWork = 0, outWork = 0;
            var ownWork = graph.WorkStatus(u);
            var classes = c.Classes;
            for (var s = start; s < end; s++)
            {
                var v = c.Neighbors[s];
                rawStrength += c.Strengths[s];
                bridgingSum += codeRows is null ? graph.Classifier.Score(u, v) : graph.Classifier.Score(codeRows, u, v);
                switch (classes[s])
                {
                    case TieClass.Bonding: bonding++; break;
                    case TieClass.Bridging: bridging++; break;
                    default: linking++; break;
                }
                var (work, ses) = Facts(graph, facts, v);
                if (work != WorkStatus.Unknown)
                {
                    eiKnown++;
                    if (work != ownWork) eiExternal++;
                    if (work == WorkStatus.InWork) inWork++;
                    else if (work == WorkStatus.OutOfWork) outWork++;
                }
                if (ses >= 0) { sesKnown++; sesHigh += ses; }
            }

            var none = k == 0;
            var contactsInOrOut = inWork + outWork;
            return new PersonMeasures
            {
                Index = u,
                Id = graph.Id(u),
                Kind = graph.Kind(u),
                Area = graph.Area(u),
                Degree = k,
                Strength = rawStrength,
                Bonding = bonding,
                Bridging = bridging,
                Linking = linking,
                BridgingScore = none ? double.NaN : bridgingSum / k,
                Clustering = Triangles.Clustering(triangles, k),
                Constraint = holes.Constraint,
                EffectiveSize = holes.EffectiveSize,
                Efficiency = holes.Efficiency,
                Hierarchy = holes.Hierarchy,
                EiWork = ownWork == WorkStatus.Unknown ? double.NaN : Heterophily.EiIndex(eiExternal, eiKnown - eiExternal),
                EconomicConnectedness = Settings.TwiceHighShare(sesKnown, sesHigh),
                WorkConnectedness = WorkConnectedness(inWork, contactsInOrOut, graph.PopulationInWorkShare),
                InWorkContacts = inWork,
            };
        }
    }
}
