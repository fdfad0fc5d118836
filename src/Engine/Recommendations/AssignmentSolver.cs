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
/// <para><b>Method</b>: min-cost maximum flow source → citizen (capacity <c>MaxPerCitizen</c>, cost 0) → mentor
/// (capacity 1, cost −w_c·s_cm) → sink (capacity <c>MentorCapacity[m]</c>, cost 0), solved by successive shortest
/// paths with Johnson potentials (Dijkstra on reduced costs, stopped when the sink is settled). Successive shortest
/// paths keep the flow of minimum cost for its value at every step, so the final maximum flow has minimum cost among
/// maximum flows, which is objective (2). Initial potentials come from one pass over the three-layer DAG. A citizen
/// with spare places always has potential 0 (the flow on source → citizen never decreases), so instead of scanning
/// every such citizen's edges each round, each mentor keeps its incoming pairs sorted by cost and a monotone pointer
/// past the citizens that are full; a round costs O(mentors) plus the part of the residual graph nearer than the
/// sink. Reduced costs that come out slightly negative through rounding are clamped to 0.</para>
/// <para><b>Determinism</b>: the candidates are first put in canonical order (by citizen, then mentor; repeated
/// pairs merged, keeping the highest score), and every later choice — ties between equal scores, equal tentative
/// distances (the sink first, then the lower mentor, then the lower citizen index) — depends only on that canonical
/// form. The same problem with its candidates in any order therefore gives the same pairs and the same totals, bit for
/// bit. When several assignments are optimal, which one is returned is fixed but not otherwise specified (it is not
/// promised to be, say, the lexicographically smallest). Single-threaded.</para>
/// </remarks>
internal static class AssignmentSolver
{
    /// <summary>Solves <paramref name="problem"/> exactly; see the type's remarks for the objective.</summary>
    /// <exception cref="ArgumentException">A count, capacity, weight, index or score is out of range.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="token"/> was cancelled.</exception>
    public static AssignmentSolution Solve(AssignmentProblem problem, CancellationToken token = default)
    {
        ArgumentNullException.ThrowIfNull(problem);
        Validate(problem);
        var network = Network.Build(problem, token);
        network.Run(token);
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
        private readonly int _citizens;
        private readonly int _mentors;
        private readonly int _maxPerCitizen;
        private readonly int[] _capacity;

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

        // Per mentor: the incoming edges of full citizens, appended as citizens fill up.
        private readonly InEdge[][] _fullIn;
        private readonly int[] _fullInCount;

        // The used edges of each mentor, in [_slotStart[m], _slotStart[m] + _mentorFlow[m]), and of each citizen, in
        // [_citizenSlotStart[c], _citizenSlotStart[c] + _citizenFlow[c]).
        private readonly int[] _slotStart;
        private readonly int[] _slots;
        private readonly int[] _mentorFlow;
        private readonly int[] _citizenSlotStart;
        private readonly int[] _citizenSlots;
        private readonly int[] _citizenFlow;

        // Potentials. The source's stays 0, as does that of every open citizen; all of them only ever rise.
        private readonly double[] _mentorPotential;
        private readonly double[] _citizenPotential;
        private double _sinkPotential;

        // Dijkstra towards the source; node ids: mentors 0..M−1, citizens M..M+C−1, the source M+C.
        private readonly double[] _distance;
        private readonly int[] _succ;           // the edge a node leaves by towards the sink; −1: straight to the sink
        private readonly int[] _stamp;          // _distance and _succ are valid when _stamp is the current round
        private readonly List<int> _touched = [];
        private readonly Heap _heap;
        private double _bound;                  // the source's tentative distance
        private int _round;

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
            for (var c = 0; c < citizens; c++)
            {
                var w = weights?[c] ?? 1.0;
                for (var e = citizenStart[c]; e < citizenStart[c + 1]; e++)
                {
                    _edgeCitizen[e] = c;
                    _edgeCost[e] = -(w * edgeScore[e]);
                }
                _citizenSlotStart[c + 1] = _citizenSlotStart[c] + Math.Min(maxPerCitizen, citizenStart[c + 1] - citizenStart[c]);
            }
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
            _fullIn = new InEdge[_mentors][];
            Array.Fill(_fullIn, []);
            _fullInCount = new int[_mentors];

            _slotStart = new int[_mentors + 1];
            for (var m = 0; m < _mentors; m++)
                _slotStart[m + 1] = _slotStart[m] + Math.Min(capacity[m], _mentorStart[m + 1] - _mentorStart[m]);
            _slots = new int[_slotStart[_mentors]];
            _mentorFlow = new int[_mentors];

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
            _succ = new int[nodes];
            _stamp = new int[nodes];
            _heap = new Heap(nodes, _distance, SourceNode);
        }

        private int SourceNode => _mentors + _citizens;

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
        public void Run(CancellationToken token)
        {
            while (true)
            {
                token.ThrowIfCancellationRequested();
                if (!ShortestPath(out var length)) return;
                UpdatePotentials(length);
                Augment();
            }
        }

        /// <summary>Dijkstra on reduced costs backwards, from the sink towards the source; stops when the source is
        /// settled and returns the reduced length of the shortest path. Open citizens are never labelled: they sit
        /// next to the source at reduced cost 0, so a mentor reaches the source through its best offer. Reduced costs
        /// are ≥ 0, so a settled node is never improved again; labels no shorter than the source's are dropped.</summary>
        private bool ShortestPath(out double length)
        {
            _round++;
            _heap.Clear();
            _touched.Clear();
            _bound = double.PositiveInfinity;
            for (var m = 0; m < _mentors; m++)
                if (_mentorFlow[m] < _capacity[m]) Relax(m, Math.Max(0, _mentorPotential[m] - _sinkPotential), -1);

            var source = SourceNode;
            while (_heap.Count > 0)
            {
                var u = _heap.Pop();
                var du = _distance[u];
                if (u == source)
                {
                    length = du;
                    return true;
                }
                if (u < _mentors)
                {
                    // Into mentor m: from an open citizen (then from the source), or from a full citizen.
                    var m = u;
                    var pm = _mentorPotential[m];
                    var offer = Offer(m);
                    if (offer >= 0) Relax(source, du + Math.Max(0, _edgeCost[offer] - pm), offer);
                    var entries = _fullIn[m];
                    var potential = _citizenPotential;
                    var used = _used;
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

        private void Relax(int node, double distance, int succ)
        {
            if (!(distance < _bound)) return;   // cannot be on a path shorter than one already found
            if (_stamp[node] != _round)
            {
                _stamp[node] = _round;
                _touched.Add(node);
                _distance[node] = distance;
                _succ[node] = succ;
                _heap.Push(node);
            }
            else if (distance < _distance[node])
            {
                _distance[node] = distance;
                _succ[node] = succ;
                _heap.Decrease(node);
            }
            else
            {
                return;
            }
            if (node == SourceNode) _bound = distance;
        }

        /// <summary>p ← p + max(0, D − d) with d the distance to the sink and D the path's: keeps every residual reduced
        /// cost ≥ 0 and makes the path's 0. Unlabelled nodes (d ≥ D) keep their potential.</summary>
        private void UpdatePotentials(double length)
        {
            var source = SourceNode;
            foreach (var v in _touched)
            {
                if (v == source) continue;
                var rise = length - Math.Min(_distance[v], length);
                if (v < _mentors) _mentorPotential[v] += rise;
                else _citizenPotential[v - _mentors] += rise;
            }
            _sinkPotential += length;
        }

        /// <summary>Pushes one unit along the path: source → open citizen → mentor (→ full citizen, undoing a pair →
        /// mentor)* → sink.</summary>
        private void Augment()
        {
            var e = _succ[SourceNode];
            var c = _edgeCitizen[e];
            _citizenSlots[_citizenSlotStart[c] + _citizenFlow[c]] = e;
            if (++_citizenFlow[c] == _maxPerCitizen) Fill(c);
            while (true)
            {
                _used[e] = true;
                var m = _edgeMentor[e];
                var undo = _succ[m];
                if (undo < 0)
                {
                    _slots[_slotStart[m] + _mentorFlow[m]++] = e;
                    return;
                }
                // m hands its pair (c', m) over to the edge that came in; c' moves on along its next edge.
                Replace(_slots, _slotStart[m], undo, e);
                _used[undo] = false;
                c = _edgeCitizen[undo];
                e = _succ[_mentors + c];
                Replace(_citizenSlots, _citizenSlotStart[c], undo, e);
            }
        }

        private static void Replace(int[] slots, int start, int old, int replacement)
        {
            while (slots[start] != old) start++;
            slots[start] = replacement;
        }

        /// <summary>Citizen <paramref name="c"/> has just become full: its edges join its mentors' lists.</summary>
        private void Fill(int c)
        {
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
