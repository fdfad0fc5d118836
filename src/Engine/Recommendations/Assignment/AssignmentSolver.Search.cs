namespace SocialCapital.Recommendations;

// The shortest-path searches on reduced costs, forward (source → sink) and backward (sink → source), and the
// potential updates after each.
internal static partial class AssignmentSolver
{
    private sealed partial class Network
    {
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
}
