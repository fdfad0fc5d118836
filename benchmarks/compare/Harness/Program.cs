using System.Diagnostics;
using System.Globalization;
using System.Text;
using QuikGraph.Algorithms;
using SocialCapital.Graph;
using SocialCapital.Interchange;
using SocialCapital.Metrics;

// In-process side of benchmarks/compare (see benchmarks/compare/README.md).
//
//   Harness DATASET MEASURE OUTDIR [--reps R] [--threads T] [--as-of yyyy-MM-dd] [--sample K] [--seed S]
//
// MEASURE:
//   export               writes OUTDIR/contacts.tsv (the snapshot's contacts: dense person indices and summed
//                        strength, the graph igraph and networkx load), OUTDIR/sample.txt (K sampled people) and
//                        OUTDIR/pairs.tsv (each sampled person with each person at distance exactly 2).
//   person_measures      PersonMetrics.Compute(graph): ALL person measures; writes clustering and constraint.
//   clustering           LocalClustering.Compute(graph): the clustering-only kernel; writes clustering.
//   constraint           BurtConstraint.Compute(graph): the constraint-only kernel (weighted); writes constraint.
//   jaccard_1000         JaccardSimilarity.AtDistanceTwo(graph, sample): every sampled person with everyone at
//                        distance exactly 2, in parallel across the people; the pairs it returns must be exactly
//                        those of pairs.tsv, in the same order (checked after timing); writes their Jaccard values.
//   components           ConnectedComponents.Compute(graph); writes the component sizes.
//   components_quikgraph connected components by QuikGraph's algorithm on graph.AsQuikGraph().
//
// After loading, a full blocking GC settles the heap; then one warm-up and R measured repetitions. Prints one JSON
// line: median and all times of the measured repetitions, the snapshot build time, and the process's peak working set.
var args2 = args.ToList();
if (args2.Count < 3)
{
    Console.Error.WriteLine("usage: Harness DATASET MEASURE OUTDIR [--reps R] [--threads T] [--as-of DATE] [--sample K] [--seed S]");
    return 1;
}
var dataset = args2[0];
var measure = args2[1];
var outDir = args2[2];
var reps = int.Parse(Option("--reps", "5"), CultureInfo.InvariantCulture);
var threads = int.Parse(Option("--threads", "-1"), CultureInfo.InvariantCulture);
var asOf = DateOnly.ParseExact(Option("--as-of", "2026-01-01"), "yyyy-MM-dd", CultureInfo.InvariantCulture);
var sampleSize = int.Parse(Option("--sample", "1000"), CultureInfo.InvariantCulture);
var seed = int.Parse(Option("--seed", "1"), CultureInfo.InvariantCulture);
Directory.CreateDirectory(outDir);

var readWatch = Stopwatch.StartNew();
var data = DatasetReader.Read(dataset);
var readSeconds = readWatch.Elapsed.TotalSeconds;
var buildWatch = Stopwatch.StartNew();
var graph = data.ToGraph(new GraphOptions { AsOf = asOf });
var buildSeconds = buildWatch.Elapsed.TotalSeconds;
data = null;

// Dense person indices 0..P-1 in node order (node order = ordinal id order), the indices igraph/networkx use.
var n = graph.NodeCount;
var dense = new int[n];
var persons = new List<int>(graph.PersonCount);
for (var u = 0; u < n; u++)
{
    dense[u] = graph.IsPerson(u) ? persons.Count : -1;
    if (graph.IsPerson(u)) persons.Add(u);
}

Func<object> run;
Action<object> write;
switch (measure)
{
    case "export":
        Export();
        Console.WriteLine(Json([], 0));
        return 0;
    case "person_measures":
        {
            var options = new MetricsOptions { MaxDegreeOfParallelism = threads };
            run = () => PersonMetrics.Compute(graph, options);
            write = result =>
            {
                var people = ((PersonMetricsResult)result).People;
                var clustering = new double[persons.Count];
                var constraint = new double[persons.Count];
                foreach (var p in people)
                {
                    var node = graph.IndexOf(p.Id);
                    clustering[dense[node]] = p.Clustering;
                    constraint[dense[node]] = p.Constraint ?? double.NaN;
                }
                WriteValues(Path.Combine(outDir, "socialcapital.clustering.txt"), clustering);
                WriteValues(Path.Combine(outDir, "socialcapital.constraint.txt"), constraint);
            };
            break;
        }
    case "clustering":
        run = () => LocalClustering.Compute(graph, threads);
        write = result =>
        {
            var all = (double[])result;
            var clustering = new double[persons.Count];
            foreach (var u in persons) clustering[dense[u]] = all[u];
            WriteValues(Path.Combine(outDir, "socialcapital.clustering.txt"), clustering);
        };
        break;
    case "constraint":
        run = () => BurtConstraint.Compute(graph, useStrengths: true, threads);
        write = result =>
        {
            var all = (double[])result;
            var constraint = new double[persons.Count];
            foreach (var u in persons) constraint[dense[u]] = all[u];
            WriteValues(Path.Combine(outDir, "socialcapital.constraint.txt"), constraint);
        };
        break;
    case "jaccard_1000":
        {
            var sample = File.ReadLines(Path.Combine(outDir, "sample.txt")).Select(line => persons[int.Parse(line, CultureInfo.InvariantCulture)]).ToArray();
            var pairs = ReadPairs(Path.Combine(outDir, "pairs.tsv"));
            run = () => JaccardSimilarity.AtDistanceTwo(graph, sample, threads);
            write = result =>
            {
                var found = (JaccardPair[])result;
                if (found.Length != pairs.Length)
                    throw new InvalidOperationException($"the engine found {found.Length} pairs at distance 2, pairs.tsv has {pairs.Length}");
                for (var i = 0; i < found.Length; i++)
                    if (found[i].Person != pairs[i].Item1 || found[i].Other != pairs[i].Item2)
                        throw new InvalidOperationException($"pair #{i}: the engine has ({found[i].Person}, {found[i].Other}), pairs.tsv ({pairs[i].Item1}, {pairs[i].Item2}) (node indices)");
                WriteValues(Path.Combine(outDir, "socialcapital.jaccard_1000.txt"), [.. found.Select(p => p.Jaccard)]);
            };
            break;
        }
    case "components":
        run = () => ConnectedComponents.Compute(graph);
        write = result => WriteSizes(Path.Combine(outDir, "socialcapital.components.txt"), ((ConnectedComponentsResult)result).Sizes.ToArray());
        break;
    case "components_quikgraph":
        run = ComponentsQuikGraph;
        write = result => WriteSizes(Path.Combine(outDir, "socialcapital-quikgraph.components.txt"), (int[])result);
        break;
    default:
        Console.Error.WriteLine($"unknown measure {measure}");
        return 1;
}

// Settle the heap: loading leaves a lot of garbage, and a background collection of it would still be running during
// the first repetitions (tools.py does the same with gc.collect()).
GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
GC.WaitForPendingFinalizers();
GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);

var last = run(); // warm-up: JIT, first-touch of the arrays
var times = new List<double>();
for (var r = 0; r < reps; r++)
{
    last = null;
    var watch = Stopwatch.StartNew();
    last = run();
    times.Add(watch.Elapsed.TotalSeconds);
}
write(last!);
Console.WriteLine(Json(times, Median(times)));
return 0;

string Option(string name, string fallback)
{
    var i = args2.IndexOf(name);
    return i >= 0 && i + 1 < args2.Count ? args2[i + 1] : fallback;
}

string Json(List<double> t, double median)
{
    using var self = Process.GetCurrentProcess();
    self.Refresh();
    var inv = CultureInfo.InvariantCulture;
    return string.Create(inv,
        $"{{\"measure\": \"{measure}\", \"median_s\": {median:R}, \"times_s\": [{string.Join(", ", t.Select(x => x.ToString("R", inv)))}], " +
        $"\"read_s\": {readSeconds:R}, \"build_s\": {buildSeconds:R}, \"peak_mb\": {self.PeakWorkingSet64 / 1048576.0:F1}, " +
        $"\"people\": {persons.Count}, \"contacts\": {graph.ContactCount}, \"threads\": {threads}}}");
}

static double Median(List<double> values)
{
    var s = values.Order().ToList();
    return s.Count % 2 == 1 ? s[s.Count / 2] : (s[(s.Count / 2) - 1] + s[s.Count / 2]) / 2;
}

void Export()
{
    var inv = CultureInfo.InvariantCulture;
    using (var w = new StreamWriter(Path.Combine(outDir, "contacts.tsv"), false, new UTF8Encoding(false)))
    {
        // header: people count; then one line per contact u < v (dense indices) with its summed strength as
        // the engine stores it (the exact double sum of its ties, written in round-trip form).
        w.WriteLine(persons.Count.ToString(inv));
        foreach (var u in persons)
        {
            var nb = graph.Neighbors(u);
            var st = graph.Strengths(u);
            for (var i = 0; i < nb.Length; i++)
            {
                if (dense[nb[i]] <= dense[u]) continue;
                w.Write(dense[u].ToString(inv));
                w.Write('\t');
                w.Write(dense[nb[i]].ToString(inv));
                w.Write('\t');
                w.WriteLine(((double)st[i]).ToString("R", inv));
            }
        }
    }
    using (var w = new StreamWriter(Path.Combine(outDir, "ids.txt"), false, new UTF8Encoding(false)))
    {
        foreach (var u in persons) w.WriteLine(graph.Id(u));
    }
    // The sample: K distinct people, seeded, sorted.
    var rng = new Random(seed);
    var sample = Enumerable.Range(0, persons.Count).OrderBy(_ => rng.Next()).Take(Math.Min(sampleSize, persons.Count)).Order().ToArray();
    File.WriteAllLines(Path.Combine(outDir, "sample.txt"), sample.Select(x => x.ToString(inv)));
    // Pairs: each sampled person a with every person b at distance exactly 2 (b not a, not a contact of a), b sorted.
    using (var w = new StreamWriter(Path.Combine(outDir, "pairs.tsv"), false, new UTF8Encoding(false)))
    {
        var mark = new int[n];
        var stamp = 0;
        foreach (var a in sample)
        {
            stamp += 2;
            var u = persons[a];
            mark[u] = stamp + 1;
            foreach (var v in graph.Neighbors(u)) mark[v] = stamp + 1;
            var found = new List<int>();
            foreach (var v in graph.Neighbors(u))
            {
                foreach (var x in graph.Neighbors(v))
                {
                    if (mark[x] >= stamp) continue;
                    mark[x] = stamp;
                    found.Add(dense[x]);
                }
            }
            found.Sort();
            foreach (var b in found) w.WriteLine(string.Create(inv, $"{a}\t{b}"));
        }
    }
}

(int, int)[] ReadPairs(string path) =>
    [.. File.ReadLines(path).Select(line =>
    {
        var tab = line.IndexOf('\t', StringComparison.Ordinal);
        return (persons[int.Parse(line.AsSpan(0, tab), CultureInfo.InvariantCulture)],
                persons[int.Parse(line.AsSpan(tab + 1), CultureInfo.InvariantCulture)]);
    })];

int[] ComponentsQuikGraph()
{
    var components = new Dictionary<int, int>(persons.Count);
    var count = graph.AsQuikGraph().ConnectedComponents(components);
    var sizes = new int[count];
    foreach (var c in components.Values) sizes[c]++;
    return sizes;
}

static void WriteValues(string path, double[] values) =>
    File.WriteAllLines(path, values.Select(v => double.IsNaN(v) ? "nan" : v.ToString("R", CultureInfo.InvariantCulture)));

static void WriteSizes(string path, int[] sizes) =>
    File.WriteAllLines(path, sizes.OrderDescending().Select(s => s.ToString(CultureInfo.InvariantCulture)));
