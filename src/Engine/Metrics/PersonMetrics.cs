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
        options ??= MetricsOptions.Default;
        var threads = Guard.Parallelism(options.MaxDegreeOfParallelism);
        var n = graph.NodeCount;
        var persons = new List<int>(graph.PersonCount);
        for (var u = 0; u < n; u++) if (graph.IsPerson(u)) persons.Add(u);
        var kernel = new Kernel(graph, options.UseStrengths);
        var results = new PersonMeasures[persons.Count];
        var done = 0;
        if (persons.Count == 0) return new PersonMetricsResult(results, n, kernel.PopulationInWorkShare);
        PooledParallel.ForRanges(persons.Count, Chunk, threads, () => new Scratch(n), (from, to, scratch) =>
        {
            for (var i = from; i < to; i++) results[i] = kernel.Measure(persons[i], scratch);
            var finished = Interlocked.Add(ref done, to - from);
            options.Progress?.Report((double)finished / persons.Count);
        }, options.CancellationToken);
        return new PersonMetricsResult(results, n, kernel.PopulationInWorkShare);
    }

    /// <summary>Per-thread scratch: a stamp per node marks the current person's contacts, with p_uq beside it.</summary>
    private sealed class Scratch(int n)
    {
        public readonly int[] Mark = new int[n];
        public readonly double[] P = new double[n];
        public double[] Local = new double[16];
    }

    private sealed class Kernel
    {
        private readonly SocialGraph _graph;
        private readonly int[] _offsets;
        private readonly int[] _neighbors;
        private readonly float[] _weights;
        private readonly bool _weighted;
        private readonly double[] _strength;
        private readonly double[] _maxWeight;
        private readonly WorkStatus[] _work;
        private readonly double[] _ses;

        public Kernel(SocialGraph graph, bool weighted)
        {
            _graph = graph;
            var c = graph.Contacts;
            _offsets = c.Offsets;
            _neighbors = c.Neighbors;
            _weights = c.Strengths;
            _weighted = weighted;
            var n = graph.NodeCount;
            _strength = new double[n];
            _maxWeight = new double[n];
            _work = new WorkStatus[n];
            _ses = graph.Nodes.Ses;
            int inWork = 0, known = 0;
            for (var u = 0; u < n; u++)
            {
                double sum = 0, max = 0;
                for (var s = _offsets[u]; s < _offsets[u + 1]; s++)
                {
                    var w = Weight(s);
                    sum += w;
                    if (w > max) max = w;
                }
                _strength[u] = sum;
                _maxWeight[u] = max;
                _work[u] = graph.Nodes.Employment[u].ToWorkStatus();
                if (!graph.IsPerson(u)) continue;
                if (_work[u] == WorkStatus.InWork) { inWork++; known++; }
                else if (_work[u] == WorkStatus.OutOfWork) known++;
            }
            PopulationInWorkShare = known > 0 ? (double)inWork / known : double.NaN;
        }

        public double PopulationInWorkShare { get; }

        private double Weight(int slot) => _weighted ? _weights[slot] : 1.0;

        public PersonMeasures Measure(int u, Scratch scratch)
        {
            int start = _offsets[u], end = _offsets[u + 1], k = end - start;
            var mark = scratch.Mark;
            var p = scratch.P;
            var stamp = u + 1;
            var su = _strength[u];
            for (var s = start; s < end; s++)
            {
                var v = _neighbors[s];
                mark[v] = stamp;
                p[v] = Weight(s) / su;
            }
            if (scratch.Local.Length < k) scratch.Local = new double[Math.Max(k, scratch.Local.Length * 2)];
            var local = scratch.Local;

            // One pass over each contact's own contacts gives triangles, indirect constraint and redundancy.
            long closed = 0;
            double constraint = 0, effective = 0, bridgingSum = 0, rawStrength = 0;
            int bonding = 0, bridging = 0, linking = 0, eiKnown = 0, eiExternal = 0, sesKnown = 0, sesHigh = 0, inWork = 0, outWork = 0;
            var ownWork = _work[u];
            var classes = _graph.Contacts.Classes;
            for (var s = start; s < end; s++)
            {
                var v = _neighbors[s];
                double indirect = 0, redundancy = 0;
                for (var t = _offsets[v]; t < _offsets[v + 1]; t++)
                {
                    var q = _neighbors[t];
                    if (mark[q] != stamp) continue;
                    closed++;
                    var wvq = Weight(t);
                    indirect += p[q] * (wvq / _strength[q]);
                    redundancy += p[q] * (wvq / _maxWeight[v]);
                }
                var l = p[v] + indirect;
                local[s - start] = l * l;
                constraint += l * l;
                effective += 1 - redundancy;
                rawStrength += _weights[s];
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

            var hierarchy = double.NaN;
            if (k >= 2)
            {
                double sum = 0, mean = constraint / k;
                for (var i = 0; i < k; i++)
                {
                    var r = local[i] / mean;
                    sum += r * Math.Log(r);
                }
                hierarchy = sum / (k * Math.Log(k));
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
                Clustering = k < 2 ? 0 : (double)closed / ((long)k * (k - 1)),
                Constraint = none ? double.NaN : constraint,
                EffectiveSize = none ? double.NaN : effective,
                Efficiency = none ? double.NaN : effective / k,
                Hierarchy = hierarchy,
                EiWork = ownWork == WorkStatus.Unknown || eiKnown == 0 ? double.NaN : (2.0 * eiExternal - eiKnown) / eiKnown,
                EconomicConnectedness = sesKnown == 0 ? double.NaN : 2.0 * sesHigh / sesKnown,
                WorkConnectedness = contactsInOrOut == 0 ? double.NaN : (double)inWork / contactsInOrOut / PopulationInWorkShare,
                InWorkContacts = inWork,
            };
        }
    }
}
