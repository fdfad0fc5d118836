using System.Runtime.InteropServices;

namespace SocialCapital.Recommendations;

/// <summary>An allowed (citizen, mentor) pair — every hard rule already applied — with its match score in [0, 1].</summary>
internal readonly record struct Candidate(int Citizen, int Mentor, double Score);

/// <summary>A cohort assignment problem: citizens <c>0..Citizens−1</c>, mentors <c>0..MentorCapacity.Length−1</c>.</summary>
/// <param name="Citizens">Number of citizens.</param>
/// <param name="MentorCapacity">Places of each mentor (≥ 0).</param>
/// <param name="Candidates">The allowed pairs, in any order; of repeated pairs the highest score counts.</param>
/// <param name="MaxPerCitizen">Most mentors one citizen may get (≥ 1).</param>
/// <param name="CitizenWeight">Need weight of each citizen (finite, ≥ 0); <see langword="null"/> for all 1.</param>
internal sealed record AssignmentProblem(
    int Citizens,
    int[] MentorCapacity,
    IReadOnlyList<Candidate> Candidates,
    int MaxPerCitizen = 1,
    double[]? CitizenWeight = null);

/// <summary>The chosen pairs, ordered by citizen then mentor, with Σ score and Σ weight·score over them.</summary>
internal sealed record AssignmentSolution(IReadOnlyList<Candidate> Pairs, double TotalScore, double TotalWeightedScore);

/// <summary>
/// Exact cohort assignment (a bipartite b-matching): each citizen gets at most <c>MaxPerCitizen</c> mentors, each
/// mentor at most its capacity of citizens, and only candidate pairs are used.
/// </summary>
/// <remarks>
/// <para><b>Objective</b>, lexicographic and exactly optimal: (1) the largest possible number of pairs (a maximum
/// flow); (2) among all assignments with that many pairs, the largest Σ w_c·s_cm over the chosen pairs, where s_cm is
/// the pair's score and w_c the citizen's weight (1 when no weights are given). With unit weights this is "as many
/// pairs as possible, then the highest total match score". The weight never trades a pair away — coverage always
/// comes first — but when capacity is short it decides <i>who</i> is served: a pair of a citizen with weight 2 counts
/// twice as much as an equally scored pair of a citizen with weight 1, so the needier citizen wins the contested
/// place unless the other's score is more than twice as high. A citizen with weight 0 is still counted in (1), so
/// nobody is left out when there is room for everybody.</para>
/// <para><b>Method</b>: min-cost maximum flow on source → citizen (capacity <c>MaxPerCitizen</c>, cost 0) → mentor
/// (capacity 1, cost −w_c·s_cm) → sink (capacity <c>MentorCapacity[m]</c>, cost 0), by successive shortest paths with
/// Johnson potentials: each round, Dijkstra on reduced costs finds a shortest augmenting path, the potentials are
/// raised so that every residual reduced cost stays ≥ 0, and one unit is pushed. Successive shortest paths keep the
/// flow of minimum cost for its value at every step, so the final maximum flow has minimum cost among maximum flows,
/// which is objective (2). The initial potentials come from one pass over the three-layer DAG. What keeps it fast:
/// citizens with a spare place have potential 0 throughout and are never put on the heap (each mentor keeps a heap of
/// its incoming pairs by cost, and its cheapest pair from such a citizen stands for all of them); each round searches
/// either forwards (source → sink) or backwards (sink → source), whichever has cost less work in recent rounds —
/// depending on the problem's shape one explores 2–10 times less than the other; a search stops when the far end is
/// settled and drops labels that cannot beat its tentative distance, and the forward search reads a full citizen's
/// pairs in the order of a cached key, stopping at the first that cannot. Reduced costs that come out slightly negative
/// through rounding are clamped to 0.</para>
/// <para><b>Determinism</b>: the candidates are first put in canonical order (by citizen, then mentor; repeated
/// pairs merged, keeping the highest score), and every later choice depends only on that canonical form: equal costs
/// go to the lower citizen index, equal distances to the lower node index, and the search direction is chosen from
/// counts of work, not time. The same problem with its candidates in any order therefore gives the same pairs and the
/// same totals, bit for bit, on any machine. When several assignments are optimal, which one is returned is fixed but
/// not otherwise specified (it is not promised to be, say, the lexicographically smallest). Single-threaded.</para>
/// </remarks>
internal static class AssignmentSolver
{
    /// <summary>Solves <paramref name="problem"/> exactly; see the type's remarks for the objective.</summary>
    /// <exception cref="ArgumentException">A count, capacity, weight, index or score is out of range.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="token"/> was cancelled.</exception>
    public static AssignmentSolution Solve(AssignmentProblem problem, CancellationToken token = default) =>
        Solve(problem, SearchDirection.Adaptive, token);

    /// <summary>Which way the shortest-path searches run; anything but <see cref="Adaptive"/> is for tests.</summary>
    internal enum SearchDirection
    {
        /// <summary>Each round, the direction that has cost less work lately.</summary>
        Adaptive,

        /// <summary>Always from the source towards the sink.</summary>
        Forward,

        /// <summary>Always from the sink towards the source.</summary>
        Backward,
    }

    /// <summary>As <see cref="Solve(AssignmentProblem, CancellationToken)"/>, with the search direction fixed.</summary>
    internal static AssignmentSolution Solve(AssignmentProblem problem, SearchDirection direction, CancellationToken token = default)
    {
        ArgumentNullException.ThrowIfNull(problem);
        Validate(problem);
        var network = Network.Build(problem, token);
        network.Run(direction, token);
        return network.Solution();
    }

    private static void Validate(AssignmentProblem problem)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(problem.Citizens, nameof(problem.Citizens));
        ArgumentNullException.ThrowIfNull(problem.MentorCapacity, nameof(problem.MentorCapacity));
        ArgumentNullException.ThrowIfNull(problem.Candidates, nameof(problem.Candidates));
        ArgumentOutOfRangeException.ThrowIfLessThan(problem.MaxPerCitizen, 1, nameof(problem.MaxPerCitizen));
        foreach (var capacity in problem.MentorCapacity)
            if (capacity < 0) throw new ArgumentException("Every mentor capacity must be at least 0.", nameof(problem));
        if (problem.CitizenWeight is { } weights)
        {
            if (weights.Length != problem.Citizens)
                throw new ArgumentException("CitizenWeight must have one weight per citizen.", nameof(problem));
            foreach (var w in weights)
                if (!double.IsFinite(w) || w < 0) throw new ArgumentException("Every citizen weight must be finite and at least 0.", nameof(problem));
        }
    }

    /// <summary>The residual network and its flow, all in flat arrays. Edges are the candidate pairs after
    /// deduplication, numbered in (citizen, mentor) order, so a citizen's edges are a contiguous range. A citizen is
    /// "open" while it has a spare place and "full" after; full citizens never open again, because the flow out of the
    /// source never decreases.</summary>
    private sealed class Network
    {
        /// <summary>A round searches in the direction that has cost less work lately, and in the other one every
        /// this many rounds, to keep both estimates current.</summary>
        private const int ProbeEvery = 32;

        /// <summary>A citizen's keys (see <see cref="ScanCitizen"/>) are renewed when stale keys would waste more than
        /// this many entries of a scan plus 1/2^<see cref="RekeyShift"/> of its edges.</summary>
        private const int RekeyMinimum = 16;

        private const int RekeyShift = 4;

        private readonly int _citizens;
        private readonly int _mentors;
        private readonly int _maxPerCitizen;
        private readonly int[] _capacity;

        /// <summary>Slack for rounding in the pruning test of <see cref="ScanCitizen"/>, relative to the largest cost.</summary>
        private readonly double _keyMargin;

        // Edges (deduplicated pairs) in (citizen, mentor) order.
        private readonly int[] _citizenStart;   // citizen c owns edges [_citizenStart[c], _citizenStart[c + 1])
        private readonly int[] _edgeCitizen;
        private readonly int[] _edgeMentor;
        private readonly double[] _edgeScore;
        private readonly double[] _edgeCost;    // −w_c · score
        private readonly bool[] _used;          // flow on citizen → mentor (0 or 1)

        // Per mentor: a binary min-heap by (cost, edge index) of its incoming edges, in
        // [_mentorStart[m], _mentorStart[m] + _offerCount[m]); edges of full citizens leave it when they reach the top.
        private readonly int[] _mentorStart;
        private readonly int[] _mentorEdges;
        private readonly double[] _offerKey;
        private readonly int[] _offerCount;
        private readonly Stack<int> _offerSearch = new();

        // The used edges of each mentor, in [_slotStart[m], _slotStart[m] + _mentorFlow[m]), and of each citizen, in
        // [_citizenSlotStart[c], _citizenSlotStart[c] + _citizenFlow[c]).
        private readonly int[] _slotStart;
        private readonly int[] _slots;
        private readonly int[] _mentorFlow;
        private readonly int[] _citizenSlotStart;
        private readonly int[] _citizenSlots;
        private readonly int[] _citizenFlow;

        // Backward search: per mentor, the edges into it from full citizens, appended as citizens fill up.
        private readonly InEdge[][] _fullIn;
        private readonly int[] _fullInCount;

        // Forward search: per full citizen, made on its first scan, its edges ordered by a key (see ScanCitizen).
        private readonly ScanEntry[]?[] _scan;
        private readonly double[] _keyedAt;
        private readonly double[] _keyedBelow;
        private readonly double[] _keyWidth;
        private readonly int[] _sorted;

        // Potentials: p(mentor m) = _mentorPotential[m] + _offset, p(full citizen c) = _citizenPotential[c] + _offset,
        // p(sink) = _sinkPotential, and p(source) = p(open citizen) = 0. They only ever rise.
        private readonly double[] _mentorPotential;
        private readonly double[] _citizenPotential;
        private double _offset;
        private double _sinkPotential;

        // Dijkstra; node ids: mentors 0..M−1, citizens M..M+C−1, and the far end M+C (the sink when searching forward,
        // from the source; the source when searching backward, from the sink).
        private readonly double[] _distance;
        private readonly int[] _via;            // the edge on the node's path (for the sink, forward: the mentor); −1: the sink
        private readonly int[] _stamp;          // _distance and _via are valid when _stamp is the current round
        private readonly List<int> _touched = [];
        private readonly Heap _heap;
        private readonly List<int> _path = [];  // source → sink: e0, undo1, e1, …, undo_k, e_k
        private double _bound;                  // the far end's tentative distance
        private int _round;

        // Direction choice: work (nodes settled, entries scanned) per round, averaged; −1 for not yet measured.
        private long _work;
        private double _forwardWork = -1;
        private double _backwardWork = -1;
        private int _sinceProbe;

        private Network(int citizens, int[] capacity, int maxPerCitizen, int[] citizenStart, int[] edgeMentor, double[] edgeScore, double[]? weights)
        {
            _citizens = citizens;
            _mentors = capacity.Length;
            _maxPerCitizen = maxPerCitizen;
            _capacity = capacity;
            _citizenStart = citizenStart;
            _edgeMentor = edgeMentor;
            _edgeScore = edgeScore;
            var edges = edgeMentor.Length;
            _edgeCitizen = new int[edges];
            _edgeCost = new double[edges];
            _used = new bool[edges];
            _citizenSlotStart = new int[citizens + 1];
            var largest = 1.0;
            for (var c = 0; c < citizens; c++)
            {
                var w = weights?[c] ?? 1.0;
                largest = Math.Max(largest, w);
                for (var e = citizenStart[c]; e < citizenStart[c + 1]; e++)
                {
                    _edgeCitizen[e] = c;
                    _edgeCost[e] = -(w * edgeScore[e]);
                }
                _citizenSlotStart[c + 1] = _citizenSlotStart[c] + Math.Min(maxPerCitizen, citizenStart[c + 1] - citizenStart[c]);
            }
            _keyMargin = 1e-9 * largest;
            _citizenSlots = new int[_citizenSlotStart[citizens]];
            _citizenFlow = new int[citizens];

            _mentorStart = new int[_mentors + 1];
            foreach (var m in edgeMentor) _mentorStart[m + 1]++;
            for (var m = 0; m < _mentors; m++) _mentorStart[m + 1] += _mentorStart[m];
            _mentorEdges = new int[edges];
            _offerKey = new double[edges];
            var fill = _mentorStart[..^1];
            for (var e = 0; e < edges; e++)
            {
                var k = fill[edgeMentor[e]]++;
                _mentorEdges[k] = e;
                _offerKey[k] = _edgeCost[e];
            }
            _offerCount = new int[_mentors];
            for (var m = 0; m < _mentors; m++)
            {
                _offerCount[m] = _mentorStart[m + 1] - _mentorStart[m];
                for (var i = (_offerCount[m] >> 1) - 1; i >= 0; i--) OfferDown(m, i);
            }

            _slotStart = new int[_mentors + 1];
            for (var m = 0; m < _mentors; m++)
                _slotStart[m + 1] = _slotStart[m] + Math.Min(capacity[m], _mentorStart[m + 1] - _mentorStart[m]);
            _slots = new int[_slotStart[_mentors]];
            _mentorFlow = new int[_mentors];

            _fullIn = new InEdge[_mentors][];
            Array.Fill(_fullIn, []);
            _fullInCount = new int[_mentors];
            _scan = new ScanEntry[citizens][];
            _keyedAt = new double[citizens];
            _keyedBelow = new double[citizens];
            _keyWidth = new double[citizens];
            _sorted = new int[citizens];

            // Initial potentials: distances from the source in the DAG source → citizen → mentor → sink, which make
            // every reduced cost ≥ 0.
            _citizenPotential = new double[citizens];
            _mentorPotential = new double[_mentors];
            var sink = double.PositiveInfinity;
            for (var m = 0; m < _mentors; m++)
            {
                if (_offerCount[m] == 0) continue;
                _mentorPotential[m] = _offerKey[_mentorStart[m]];   // the cheapest incoming edge
                if (capacity[m] > 0) sink = Math.Min(sink, _mentorPotential[m]);
            }
            _sinkPotential = double.IsFinite(sink) ? sink : 0;

            var nodes = _mentors + citizens + 1;
            _distance = new double[nodes];
            _via = new int[nodes];
            _stamp = new int[nodes];
            _heap = new Heap(nodes, _distance, FarEnd);
        }

        private int FarEnd => _mentors + _citizens;

        private double MentorPotential(int m) => _mentorPotential[m] + _offset;

        private bool IsOpen(int c) => _citizenFlow[c] < _maxPerCitizen;

        /// <summary>Puts the candidates in canonical order — bucketed by citizen (a counting sort), each bucket sorted
        /// by mentor — and merges repeated pairs, keeping the highest score.</summary>
        public static Network Build(AssignmentProblem problem, CancellationToken token)
        {
            var citizens = problem.Citizens;
            var capacity = problem.MentorCapacity;
            var mentors = capacity.Length;
            ReadOnlySpan<Candidate> candidates = problem.Candidates switch
            {
                Candidate[] array => array,
                List<Candidate> list => CollectionsMarshal.AsSpan(list),
                var other => [.. other],
            };
            var n = candidates.Length;

            var citizenStart = new int[citizens + 1];
            for (var i = 0; i < n; i++)
            {
                var (c, m, score) = candidates[i];
                if ((uint)c >= (uint)citizens || (uint)m >= (uint)mentors)
                    throw new ArgumentException($"Candidate {i} ({c}, {m}) names a citizen or mentor out of range.", nameof(problem));
                if (!(score >= 0 && score <= 1))
                    throw new ArgumentException($"Candidate {i} ({c}, {m}) has a score {score} outside [0, 1].", nameof(problem));
                citizenStart[c + 1]++;
            }
            token.ThrowIfCancellationRequested();
            for (var c = 0; c < citizens; c++) citizenStart[c + 1] += citizenStart[c];

            var mentorOf = new int[n];
            var scoreOf = new double[n];
            var fill = citizenStart[..^1];
            foreach (var (c, m, score) in candidates)
            {
                var k = fill[c]++;
                mentorOf[k] = m;
                scoreOf[k] = score;
            }
            token.ThrowIfCancellationRequested();

            // Sort each citizen's run by mentor (the order among repeats does not matter: the highest score is kept),
            // then merge repeats, compacting in place.
            var edges = 0;
            for (var c = 0; c < citizens; c++)
            {
                var start = citizenStart[c];
                var end = citizenStart[c + 1];
                for (var k = start + 1; k < end; k++)
                {
                    if (mentorOf[k - 1] <= mentorOf[k]) continue;
                    Array.Sort(mentorOf, scoreOf, start, end - start);
                    break;
                }
                var first = edges;
                for (var k = start; k < end; k++)
                {
                    if (edges > first && mentorOf[edges - 1] == mentorOf[k])
                    {
                        scoreOf[edges - 1] = Math.Max(scoreOf[edges - 1], scoreOf[k]);
                        continue;
                    }
                    mentorOf[edges] = mentorOf[k];
                    scoreOf[edges] = scoreOf[k];
                    edges++;
                }
                citizenStart[c] = first;
            }
            citizenStart[citizens] = edges;
            if (edges < n)
            {
                Array.Resize(ref mentorOf, edges);
                Array.Resize(ref scoreOf, edges);
            }
            token.ThrowIfCancellationRequested();
            return new Network(citizens, capacity, problem.MaxPerCitizen, citizenStart, mentorOf, scoreOf, problem.CitizenWeight);
        }

        /// <summary>Augments along shortest paths, one unit each, until the source can no longer reach the sink.</summary>
        public void Run(SearchDirection direction, CancellationToken token)
        {
            while (true)
            {
                token.ThrowIfCancellationRequested();
                var forward = _forwardWork < 0 || (_backwardWork >= 0 && _forwardWork <= _backwardWork);
                if (_forwardWork >= 0 && _backwardWork >= 0 && ++_sinceProbe == ProbeEvery)
                {
                    forward = !forward;
                    _sinceProbe = 0;
                }
                if (direction != SearchDirection.Adaptive) forward = direction == SearchDirection.Forward;
                var work = _work;
                if (!(forward ? SearchForward(out var length) : SearchBackward(out length))) return;
                ref var average = ref forward ? ref _forwardWork : ref _backwardWork;
                average = average < 0 ? _work - work : (0.75 * average) + (0.25 * (_work - work));

                if (forward) ForwardPotentials(length);
                else BackwardPotentials(length);
                Augment(forward);
            }
        }

        /// <summary>Dijkstra on reduced costs from the source towards the sink; stops when the sink is settled and
        /// returns the reduced length of the shortest path. Open citizens sit at distance 0 and are never labelled:
        /// each mentor instead starts from its best offer from one. Reduced costs are ≥ 0, so a settled node is never
        /// improved again; labels no shorter than the sink's are dropped.</summary>
        private bool SearchForward(out double length)
        {
            Start();
            var sink = FarEnd;
            _work += _mentors;
            for (var m = 0; m < _mentors; m++)
            {
                if (_capacity[m] == 0) continue;   // no flow can pass through it
                var e = Offer(m);
                if (e < 0) continue;
                var pm = MentorPotential(m);
                var d = Math.Max(0, _edgeCost[e] - pm);
                Relax(m, d, e);
                if (_mentorFlow[m] < _capacity[m]) Relax(sink, d + Math.Max(0, pm - _sinkPotential), m);   // an early bound
            }

            while (_heap.Count > 0)
            {
                var u = _heap.Pop();
                _work++;
                var du = _distance[u];
                if (u == sink)
                {
                    length = du;
                    return true;
                }
                if (u < _mentors)
                {
                    // Out of mentor m: to the sink if it has room, or back to a full citizen it is paired with.
                    var m = u;
                    if (_mentorFlow[m] < _capacity[m]) Relax(sink, du + Math.Max(0, MentorPotential(m) - _sinkPotential), m);
                    var pm = _mentorPotential[m];
                    for (var s = _slotStart[m]; s < _slotStart[m] + _mentorFlow[m]; s++)
                    {
                        var e = _slots[s];
                        var c = _edgeCitizen[e];
                        if (IsOpen(c)) continue;   // already at distance 0
                        Relax(_mentors + c, du + Math.Max(0, pm - _edgeCost[e] - _citizenPotential[c]), e);
                    }
                }
                else
                {
                    ScanCitizen(u - _mentors, du);
                }
            }
            length = 0;
            return false;
        }

        /// <summary>Relaxes the unused edges of full citizen <paramref name="c"/> at distance <paramref name="du"/>:
        /// the forward search's hot loop. Only edges with reduced cost below <c>bound − du</c> can matter. So the
        /// citizen keeps its edges ordered by the key <c>cost − p(mentor)</c> as of when the sink's potential was
        /// <c>_keyedAt[c]</c>: sorted for the keys below <c>_keyedBelow[c]</c>, the rest after them unsorted. A
        /// mentor's potential rises each round by at most what the sink's does (the drift), so scanning the sorted
        /// part while key &lt; bound − du − p(c) + drift visits every edge that can matter. The keys are renewed when
        /// that passes the sorted part (which then doubles), or when the drift would make the scan long and mostly
        /// wasted.</summary>
        private void ScanCitizen(int c, double du)
        {
            var band = _bound - du;   // useful reduced costs are < band
            if (!(band > 0)) return;
            var pc = _citizenPotential[c] + _offset;
            var limit = band - pc;    // useful keys, fresh, are < limit
            var entries = _scan[c];
            int stop;
            if (entries is null)
            {
                var start = _citizenStart[c];
                entries = _scan[c] = new ScanEntry[_citizenStart[c + 1] - start];
                for (var k = 0; k < entries.Length; k++)
                {
                    var m = _edgeMentor[start + k];
                    entries[k] = new ScanEntry(_capacity[m] == 0 ? double.PositiveInfinity : _edgeCost[start + k], m, start + k);
                }
                _keyWidth[c] = band;
                stop = Rekey(c, entries, limit);
            }
            else
            {
                var stale = limit + (_sinkPotential - _keyedAt[c]) + _keyMargin;
                if (!(stale <= _keyedBelow[c]))
                {
                    _keyWidth[c] = Math.Max(2 * _keyWidth[c], band);
                    stop = Rekey(c, entries, limit);
                }
                else
                {
                    stop = Bound(entries, _sorted[c], stale);
                    var wasted = stop - Bound(entries, stop, limit + _keyMargin);
                    if (wasted > RekeyMinimum + (entries.Length >> RekeyShift)) stop = Rekey(c, entries, limit);
                }
            }
            _work += stop;

            // Entries carry their mentor and cost, so this loop reads memory in order.
            var used = _maxPerCitizen > 1 ? _used : null;   // with one place, the only used edge leads back to the settled mentor c came from
            var potential = _mentorPotential;
            var bare = _citizenPotential[c];                // offsets cancel in cost + p(c) − p(m)
            for (var k = 0; k < stop; k++)
            {
                ref readonly var entry = ref entries[k];
                var d = du + Math.Max(0, entry.Cost + bare - potential[entry.Mentor]);
                if (d < _bound && (used is null || !used[entry.Edge])) Relax(entry.Mentor, d, entry.Edge);
            }
        }

        /// <summary>Renews a citizen's keys with the current potentials; moves the keys below <c>limit + _keyWidth[c]</c>
        /// to the front and sorts them. Returns how many keys are below <paramref name="limit"/>.</summary>
        private int Rekey(int c, ScanEntry[] entries, double limit)
        {
            _work += entries.Length;
            var below = limit + _keyWidth[c] + _keyMargin;
            var front = 0;
            for (var k = 0; k < entries.Length; k++)
            {
                entries[k].Key = entries[k].Cost - MentorPotential(entries[k].Mentor);   // +∞ for a mentor without places
                if (!(entries[k].Key < below)) continue;
                if (k != front) (entries[front], entries[k]) = (entries[k], entries[front]);
                front++;
            }
            entries.AsSpan(0, front).Sort(default(ScanEntry.Order));
            _sorted[c] = front;
            _keyedBelow[c] = below;
            _keyedAt[c] = _sinkPotential;
            return Bound(entries, front, limit + _keyMargin);
        }

        /// <summary>The first index below <paramref name="length"/> whose key is ≥ <paramref name="limit"/> (the first
        /// <paramref name="length"/> entries sorted by key).</summary>
        private static int Bound(ScanEntry[] entries, int length, double limit)
        {
            var start = 0;
            var end = length;
            while (start < end)
            {
                var mid = start + ((end - start) >> 1);
                if (entries[mid].Key < limit) start = mid + 1;
                else end = mid;
            }
            return start;
        }

        /// <summary>Dijkstra on reduced costs backwards, from the sink towards the source; stops when the source is
        /// settled and returns the reduced length of the shortest path. Open citizens are never labelled: a mentor
        /// reaches the source through its best offer. Labels no shorter than the source's are dropped.</summary>
        private bool SearchBackward(out double length)
        {
            Start();
            var source = FarEnd;
            _work += _mentors;
            for (var m = 0; m < _mentors; m++)
                if (_mentorFlow[m] < _capacity[m]) Relax(m, Math.Max(0, MentorPotential(m) - _sinkPotential), -1);

            while (_heap.Count > 0)
            {
                var u = _heap.Pop();
                _work++;
                var du = _distance[u];
                if (u == source)
                {
                    length = du;
                    return true;
                }
                if (u < _mentors)
                {
                    // Into mentor m: from an open citizen (and so from the source), or from a full citizen.
                    var m = u;
                    var offer = Offer(m);
                    if (offer >= 0) Relax(source, du + Math.Max(0, _edgeCost[offer] - MentorPotential(m)), offer);
                    var pm = _mentorPotential[m];
                    var entries = _fullIn[m];
                    var potential = _citizenPotential;
                    var used = _used;
                    _work += _fullInCount[m];
                    for (var k = 0; k < _fullInCount[m]; k++)
                    {
                        ref readonly var entry = ref entries[k];
                        var d = du + Math.Max(0, entry.Cost + potential[entry.Citizen] - pm);
                        if (d < _bound && !used[entry.Edge]) Relax(_mentors + entry.Citizen, d, entry.Edge);
                    }
                }
                else
                {
                    // Into full citizen c: only from the mentors it is paired with (undoing that pair).
                    var c = u - _mentors;
                    var pc = _citizenPotential[c];
                    for (var s = _citizenSlotStart[c]; s < _citizenSlotStart[c] + _citizenFlow[c]; s++)
                    {
                        var e = _citizenSlots[s];
                        var m = _edgeMentor[e];
                        Relax(m, du + Math.Max(0, _mentorPotential[m] - _edgeCost[e] - pc), e);
                    }
                }
            }
            length = 0;
            return false;
        }

        private void Start()
        {
            _round++;
            _heap.Clear();
            _touched.Clear();
            _bound = double.PositiveInfinity;
        }

        private void Relax(int node, double distance, int via)
        {
            if (!(distance < _bound)) return;   // cannot be on a path shorter than one already found
            if (_stamp[node] != _round)
            {
                _stamp[node] = _round;
                _touched.Add(node);
                _distance[node] = distance;
                _via[node] = via;
                _heap.Push(node);
            }
            else if (distance < _distance[node])
            {
                _distance[node] = distance;
                _via[node] = via;
                _heap.Decrease(node);
            }
            else
            {
                return;
            }
            if (node == FarEnd) _bound = distance;
        }

        /// <summary>After a forward search: p ← p + min(d, D), d the distance from the source and D the path's (so every
        /// unlabelled node rises by D, through the offset). Keeps every residual reduced cost ≥ 0 and makes the path's
        /// 0; open citizens stay at 0.</summary>
        private void ForwardPotentials(double length)
        {
            _offset += length;
            foreach (var v in _touched)
            {
                if (v == FarEnd || !(_distance[v] < length)) continue;
                if (v < _mentors) _mentorPotential[v] -= length - _distance[v];
                else _citizenPotential[v - _mentors] -= length - _distance[v];
            }
            _sinkPotential += length;
        }

        /// <summary>After a backward search: p ← p + max(0, D − d), d the distance to the sink and D the path's. Keeps
        /// every residual reduced cost ≥ 0 and makes the path's 0; unlabelled nodes (d ≥ D), open citizens among them,
        /// keep their potential.</summary>
        private void BackwardPotentials(double length)
        {
            foreach (var v in _touched)
            {
                if (v == FarEnd || !(_distance[v] < length)) continue;
                if (v < _mentors) _mentorPotential[v] += length - _distance[v];
                else _citizenPotential[v - _mentors] += length - _distance[v];
            }
            _sinkPotential += length;
        }

        /// <summary>Pushes one unit along the path found: source → open citizen → mentor (→ full citizen, undoing a
        /// pair, → mentor)* → sink.</summary>
        private void Augment(bool forward)
        {
            _path.Clear();
            if (forward)
            {
                var m = _via[FarEnd];
                while (true)
                {
                    var e = _via[m];
                    _path.Add(e);
                    var c = _edgeCitizen[e];
                    if (IsOpen(c)) break;
                    var undo = _via[_mentors + c];
                    _path.Add(undo);
                    m = _edgeMentor[undo];
                }
                _path.Reverse();
            }
            else
            {
                var e = _via[FarEnd];
                _path.Add(e);
                while (_via[_edgeMentor[e]] is var undo and >= 0)
                {
                    _path.Add(undo);
                    e = _via[_mentors + _edgeCitizen[undo]];
                    _path.Add(e);
                }
            }

            var first = _path[0];
            var open = _edgeCitizen[first];
            _used[first] = true;
            _citizenSlots[_citizenSlotStart[open] + _citizenFlow[open]] = first;
            if (++_citizenFlow[open] == _maxPerCitizen) Fill(open);
            for (var i = 1; i < _path.Count; i += 2)
            {
                // The mentor hands its pair (c, m) over to the edge that came in; c moves on along its next edge.
                var undo = _path[i];
                var next = _path[i + 1];
                Replace(_slots, _slotStart[_edgeMentor[undo]], undo, _path[i - 1]);
                Replace(_citizenSlots, _citizenSlotStart[_edgeCitizen[undo]], undo, next);
                _used[undo] = false;
                _used[next] = true;
            }
            var last = _path[^1];
            var mentor = _edgeMentor[last];
            _slots[_slotStart[mentor] + _mentorFlow[mentor]++] = last;
        }

        private static void Replace(int[] slots, int start, int old, int replacement)
        {
            while (slots[start] != old) start++;
            slots[start] = replacement;
        }

        /// <summary>Citizen <paramref name="c"/> has just become full: its potential, 0 so far, is now stored, and its
        /// edges join its mentors' lists for the backward search.</summary>
        private void Fill(int c)
        {
            _citizenPotential[c] = -_offset;
            for (var e = _citizenStart[c]; e < _citizenStart[c + 1]; e++)
            {
                var m = _edgeMentor[e];
                if (_capacity[m] == 0) continue;
                ref var entries = ref _fullIn[m];
                if (_fullInCount[m] == entries.Length) Array.Resize(ref entries, Math.Max(4, 2 * entries.Length));
                entries[_fullInCount[m]++] = new InEdge(_edgeCost[e], c, e);
            }
        }

        /// <summary>The cheapest unused edge into <paramref name="mentor"/> from a citizen with a spare place (equal
        /// costs: the lower edge index, i.e. the lower citizen), or −1.</summary>
        private int Offer(int mentor)
        {
            var start = _mentorStart[mentor];
            // Full citizens stay full (the flow out of the source never decreases), so their edges can go for good.
            while (_offerCount[mentor] > 0 && _citizenFlow[_edgeCitizen[_mentorEdges[start]]] == _maxPerCitizen)
            {
                var last = start + --_offerCount[mentor];
                _mentorEdges[start] = _mentorEdges[last];
                _offerKey[start] = _offerKey[last];
                OfferDown(mentor, 0);
            }
            if (_offerCount[mentor] == 0) return -1;
            var top = _mentorEdges[start];
            if (!_used[top]) return top;   // always so when MaxPerCitizen is 1: a citizen with a spare place has no pair

            // The top pair is already in use by a citizen who has room for more: search the heap, pruning below
            // every eligible node (its subtree is no cheaper) and below anything no cheaper than the best so far.
            var best = -1;
            var bestKey = double.PositiveInfinity;
            _offerSearch.Push(0);
            while (_offerSearch.TryPop(out var i))
            {
                var e = _mentorEdges[start + i];
                var key = _offerKey[start + i];
                if (best >= 0 && !OfferLess(key, e, bestKey, best)) continue;
                if (!_used[e] && _citizenFlow[_edgeCitizen[e]] < _maxPerCitizen)
                {
                    best = e;
                    bestKey = key;
                    continue;
                }
                var child = (2 * i) + 1;
                if (child < _offerCount[mentor]) _offerSearch.Push(child);
                if (child + 1 < _offerCount[mentor]) _offerSearch.Push(child + 1);
            }
            return best;
        }

        private static bool OfferLess(double keyA, int edgeA, double keyB, int edgeB) =>
            keyA < keyB || (keyA == keyB && edgeA < edgeB);

        private void OfferDown(int mentor, int i)
        {
            var start = _mentorStart[mentor];
            var count = _offerCount[mentor];
            var edge = _mentorEdges[start + i];
            var key = _offerKey[start + i];
            while (true)
            {
                var child = (2 * i) + 1;
                if (child >= count) break;
                if (child + 1 < count && OfferLess(_offerKey[start + child + 1], _mentorEdges[start + child + 1], _offerKey[start + child], _mentorEdges[start + child])) child++;
                if (!OfferLess(_offerKey[start + child], _mentorEdges[start + child], key, edge)) break;
                _mentorEdges[start + i] = _mentorEdges[start + child];
                _offerKey[start + i] = _offerKey[start + child];
                i = child;
            }
            _mentorEdges[start + i] = edge;
            _offerKey[start + i] = key;
        }

        public AssignmentSolution Solution()
        {
            var pairs = new List<Candidate>(_slots.Length);
            double total = 0, weighted = 0;
            for (var c = 0; c < _citizens; c++)
            {
                for (var e = _citizenStart[c]; e < _citizenStart[c + 1]; e++)
                {
                    if (!_used[e]) continue;
                    pairs.Add(new Candidate(c, _edgeMentor[e], _edgeScore[e]));
                    total += _edgeScore[e];
                    weighted -= _edgeCost[e];
                }
            }
            return new AssignmentSolution(pairs.ToArray(), total, weighted);
        }
    }

    /// <summary>An edge into a mentor from a full citizen: its cost, citizen and index.</summary>
    private readonly record struct InEdge(double Cost, int Citizen, int Edge);

    /// <summary>An edge of a full citizen, as the forward search scans it: its key, cost, mentor and index.</summary>
    private struct ScanEntry(double cost, int mentor, int edge)
    {
        public double Key;
        public readonly double Cost = cost;
        public readonly int Mentor = mentor;
        public readonly int Edge = edge;

        /// <summary>By key, then edge index: a total order, so the sort's result does not depend on its algorithm.</summary>
        public readonly struct Order : IComparer<ScanEntry>
        {
            public int Compare(ScanEntry x, ScanEntry y) =>
                x.Key < y.Key ? -1 : x.Key > y.Key ? 1 : x.Edge.CompareTo(y.Edge);
        }
    }

    /// <summary>A 4-ary min-heap of node ids with decrease-key; each slot holds the node's distance, so sifting reads
    /// one array. Equal distances are ordered by node id, <paramref name="first"/> (the sink) before all, so the order
    /// of pops is a function of the distances alone.</summary>
    private sealed class Heap(int nodes, double[] key, int first)
    {
        private readonly Slot[] _slots = new Slot[nodes];
        private readonly int[] _position = new int[nodes];

        public int Count { get; private set; }

        public void Clear() => Count = 0;

        /// <summary>Adds <paramref name="node"/> at its current distance.</summary>
        public void Push(int node) => Up(Count++, new Slot(key[node], node == first ? -1 : node));

        /// <summary>Moves <paramref name="node"/>, which is on the heap, up to its lowered distance.</summary>
        public void Decrease(int node) => Up(_position[node], new Slot(key[node], node == first ? -1 : node));

        public int Pop()
        {
            var top = _slots[0].Node;
            if (--Count > 0) Down(_slots[Count]);
            return top < 0 ? first : top;
        }

        private void Up(int i, Slot slot)
        {
            while (i > 0)
            {
                var parent = (i - 1) >> 2;
                if (!slot.Before(_slots[parent])) break;
                Place(i, _slots[parent]);
                i = parent;
            }
            Place(i, slot);
        }

        private void Down(Slot slot)
        {
            var i = 0;
            while (true)
            {
                var child = (4 * i) + 1;
                if (child >= Count) break;
                var best = child;
                var end = Math.Min(child + 4, Count);
                for (var c = child + 1; c < end; c++)
                    if (_slots[c].Before(_slots[best])) best = c;
                if (!_slots[best].Before(slot)) break;
                Place(i, _slots[best]);
                i = best;
            }
            Place(i, slot);
        }

        private void Place(int i, Slot slot)
        {
            _slots[i] = slot;
            _position[slot.Node < 0 ? first : slot.Node] = i;
        }

        /// <summary>A distance and a rank: the node id, or −1 for the node that goes first among equals.</summary>
        private readonly record struct Slot(double Key, int Node)
        {
            public bool Before(Slot other) => Key < other.Key || (Key == other.Key && Node < other.Node);
        }
    }
}
