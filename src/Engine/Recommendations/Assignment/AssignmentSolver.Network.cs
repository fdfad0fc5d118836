using System.Runtime.InteropServices;

namespace SocialCapital.Recommendations;

// The residual network: its arrays, how the candidates become edges (canonical order, repeats merged), the
// initial potentials, the main loop (one shortest path and one augmentation per round) and the solution.
internal static partial class AssignmentSolver
{
    /// <summary>The residual network and its flow, all in flat arrays. Edges are the candidate pairs after
    /// deduplication, numbered in (citizen, mentor) order, so a citizen's edges are a contiguous range. A citizen is
    /// "open" while it has a spare place and "full" after; full citizens never open again, because the flow out of the
    /// source never decreases.</summary>
    private sealed partial class Network
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
}
