namespace SocialCapital.Graph;

/// <summary>Kernels over sorted neighbour lists (every contact list of a snapshot is sorted), shared by the
/// tie measures and the recommendations.</summary>
internal static class SortedLists
{
    /// <summary>|A ∩ B| of two sorted lists by merging.</summary>
    public static int CommonCount(ReadOnlySpan<int> a, ReadOnlySpan<int> b)
    {
        int i = 0, j = 0, count = 0;
        while (i < a.Length && j < b.Length)
        {
            if (a[i] < b[j]) i++;
            else if (a[i] > b[j]) j++;
            else { count++; i++; j++; }
        }
        return count;
    }

    /// <summary>The elements of two sorted lists that both hold, in order (the common neighbours of two nodes).</summary>
    public static List<int> Common(ReadOnlySpan<int> a, ReadOnlySpan<int> b)
    {
        var common = new List<int>();
        int i = 0, j = 0;
        while (i < a.Length && j < b.Length)
        {
            if (a[i] < b[j]) i++;
            else if (a[i] > b[j]) j++;
            else { common.Add(a[i]); i++; j++; }
        }
        return common;
    }
}
