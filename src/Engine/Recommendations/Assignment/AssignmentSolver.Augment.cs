namespace SocialCapital.Recommendations;

// Pushing one unit of flow along the path a search found.
internal static partial class AssignmentSolver
{
    private sealed partial class Network
    {
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
    }
}
