using SocialCapital.Graph;
using SocialCapital.Model;
using SocialCapital.Ties;

namespace SocialCapital.Metrics;

/// <summary>Computes every person's measures (docs/measures.md): degree, strength, tie classes, local
/// clustering, Burt's constraint, effective size, efficiency and hierarchy, E-I on work status, economic
/// and work connectedness. Runs in parallel across people; results are identical for any thread count
/// because each person's values are computed alone, in a fixed order. O(Σ_v k_v²) time, O(n) scratch per thread.</summary>
public static partial class PersonMetrics
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
        options ??= MetricsOptions.Default;
        var threads = Guard.Parallelism(options.MaxDegreeOfParallelism);
        var n = graph.NodeCount;
        var persons = new List<int>(graph.PersonCount);
        foreach (var u in graph.Nodes.InIdOrder()) if (graph.IsPerson(u)) persons.Add(u);
        var kernel = new Kernel(graph, options.UseStrengths, options.CancellationToken, threads);
        var results = new PersonMeasures[persons.Count];
        var done = 0;
        if (persons.Count == 0) return new PersonMetricsResult(results, n, kernel.PopulationInWorkShare);
        PooledParallel.ForRanges(persons.Count, Chunk, threads, () => new StructuralHoles.Scratch(n), (from, to, scratch) =>
        {
            for (var i = from; i < to; i++) results[i] = kernel.Measure(persons[i], scratch);
            var finished = Interlocked.Add(ref done, to - from);
            options.Progress?.Report((double)finished / persons.Count);
        }, options.CancellationToken);
        return new PersonMetricsResult(results, n, kernel.PopulationInWorkShare);
    }

    /// <summary>The measures of one person; the structural holes and clustering come from their own kernels
    /// (<see cref="StructuralHoles"/>, <see cref="Triangles"/>), shared with the single-measure entry points.</summary>
    private sealed class Kernel
    {
        private readonly SocialGraph _graph;
        private readonly Adjacency _contacts;
        private readonly ContactWeights _weights;
        private readonly long[] _triangles;
        private readonly WorkStatus[] _work;
        private readonly Paged<double> _ses;

        public Kernel(SocialGraph graph, bool weighted, CancellationToken cancellationToken, int threads)
        {
            _graph = graph;
            _contacts = graph.Contacts;
            _weights = ContactWeights.Of(_contacts, weighted, withMax: true);
            _triangles = Triangles.Count(_contacts, threads, cancellationToken);
            var n = graph.NodeCount;
            _work = new WorkStatus[n];
            _ses = graph.Nodes.Ses;
            int inWork = 0, known = 0;
            for (var u = 0; u < n; u++)
            {
                _work[u] = graph.Nodes.Employment[u].ToWorkStatus();
                if (!graph.IsPerson(u)) continue;
                if (_work[u] == WorkStatus.InWork) { inWork++; known++; }
                else if (_work[u] == WorkStatus.OutOfWork) known++;
            }
            PopulationInWorkShare = known > 0 ? (double)inWork / known : double.NaN;
        }

        public double PopulationInWorkShare { get; }

        public PersonMeasures Measure(int u, StructuralHoles.Scratch scratch)
        {
            var c = _contacts;
            int start = c.Start[u], end = c.End[u], k = end - start;
            var holes = StructuralHoles.Measure<StructuralHoles.Everything>(c, _weights, u, scratch);

            double bridgingSum = 0, rawStrength = 0;
            int bonding = 0, bridging = 0, linking = 0, eiKnown = 0, eiExternal = 0, sesKnown = 0, sesHigh = 0, inWork = 0, outWork = 0;
            var ownWork = _work[u];
            var classes = c.Classes;
            for (var s = start; s < end; s++)
            {
                var v = c.Neighbors[s];
                rawStrength += c.Strengths[s];
                bridgingSum += _graph.Classifier.Score(u, v);
                switch (classes[s])
                {
                    case TieClass.Bonding: bonding++; break;
                    case TieClass.Bridging: bridging++; break;
                    default: linking++; break;
                }
                var work = _work[v];
                if (work != WorkStatus.Unknown)
                {
                    eiKnown++;
                    if (work != ownWork) eiExternal++;
                    if (work == WorkStatus.InWork) inWork++;
                    else if (work == WorkStatus.OutOfWork) outWork++;
                }
                var ses = _ses[v];
                if (!double.IsNaN(ses)) { sesKnown++; if (ses >= 0.5) sesHigh++; }
            }

            var none = k == 0;
            var contactsInOrOut = inWork + outWork;
            return new PersonMeasures
            {
                Index = u,
                Id = _graph.Id(u),
                Kind = _graph.Kind(u),
                Area = _graph.Area(u),
                Degree = k,
                Strength = rawStrength,
                Bonding = bonding,
                Bridging = bridging,
                Linking = linking,
                BridgingScore = none ? double.NaN : bridgingSum / k,
                Clustering = Triangles.Clustering(_triangles[u], k),
                Constraint = holes.Constraint,
                EffectiveSize = holes.EffectiveSize,
                Efficiency = holes.Efficiency,
                Hierarchy = holes.Hierarchy,
                EiWork = ownWork == WorkStatus.Unknown ? double.NaN : Heterophily.EiIndex(eiExternal, eiKnown - eiExternal),
                EconomicConnectedness = Settings.TwiceHighShare(sesKnown, sesHigh),
                WorkConnectedness = contactsInOrOut == 0 ? double.NaN : (double)inWork / contactsInOrOut / PopulationInWorkShare,
                InWorkContacts = inWork,
            };
        }
    }
}
