namespace SocialCapital.Recommendations;

/// <summary>Receives the scored eligible pairs of one citizen from <see cref="MatchScorer.Collect"/> (a struct,
/// so that the calls are direct).</summary>
internal interface IPairSink
{
    void Add(in ScoredPair pair);
}

/// <summary>Keeps every pair, in the order given.</summary>
internal readonly struct PairList(List<ScoredPair> pairs) : IPairSink
{
    public List<ScoredPair> Pairs { get; } = pairs;

    public void Add(in ScoredPair pair) => Pairs.Add(pair);
}

/// <summary>Keeps the best <c>k</c> pairs under <see cref="MentorMatching.Compare"/> in a bounded heap whose root is
/// the worst pair kept, and counts every pair seen. The ranking is a strict total order (the mentor index breaks
/// every tie), so the best <c>k</c> sorted equal the first <c>k</c> of every pair sorted.</summary>
internal struct TopPairs(int k) : IPairSink
{
    private readonly ScoredPair[] _heap = new ScoredPair[k];
    private int _count;

    /// <summary>Pairs added, kept or not.</summary>
    public int Seen { get; private set; }

    public void Add(in ScoredPair pair)
    {
        Seen++;
        if (_count < _heap.Length)
        {
            _heap[_count] = pair;
            SiftUp(_count++);
        }
        else if (_count > 0 && MentorMatching.Compare(pair, _heap[0]) < 0)
        {
            _heap[0] = pair;
            SiftDown(0);
        }
    }

    /// <summary>The pairs kept, best first.</summary>
    public readonly ScoredPair[] ToSortedArray()
    {
        var result = _heap[.._count];
        Array.Sort(result, MentorMatching.ByRank);
        return result;
    }

    /// <summary>Moves a pair up while it ranks after its parent.</summary>
    private readonly void SiftUp(int i)
    {
        var heap = _heap;
        while (i > 0)
        {
            var parent = (i - 1) / 2;
            if (MentorMatching.Compare(heap[i], heap[parent]) <= 0) break;
            (heap[i], heap[parent]) = (heap[parent], heap[i]);
            i = parent;
        }
    }

    /// <summary>Moves a pair down while a child ranks after it.</summary>
    private readonly void SiftDown(int i)
    {
        var heap = _heap;
        var count = _count;
        while (true)
        {
            var worst = 2 * i + 1;
            if (worst >= count) break;
            if (worst + 1 < count && MentorMatching.Compare(heap[worst + 1], heap[worst]) > 0) worst++;
            if (MentorMatching.Compare(heap[worst], heap[i]) <= 0) break;
            (heap[i], heap[worst]) = (heap[worst], heap[i]);
            i = worst;
        }
    }
}
