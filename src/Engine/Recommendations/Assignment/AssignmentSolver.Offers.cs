namespace SocialCapital.Recommendations;

// Each mentor's heap of incoming pairs by cost ("offers"), and what happens when a citizen becomes full.
internal static partial class AssignmentSolver
{
    private sealed partial class Network
    {
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
    }
}
