namespace SocialCapital.Recommendations;

// The searches' indexed 4-ary heap.
internal static partial class AssignmentSolver
{
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
