using SocialCapital.Ties;

namespace SocialCapital.Graph;

/// <summary>The person–person contacts: node u's contacts are slots <see cref="Start"/>[u]..<see cref="End"/>[u]-1 of
/// the slot columns, sorted by neighbour index, each contact once per direction with the exact summed strength of all
/// its active ties (<see cref="StrengthColumn"/>), the kinds of those ties and the contact's class under the policy.
/// A full build lays the lists out one after another (CSR); a live graph's edit writes a changed list after the last
/// used slot and points the node at it, so the snapshots before and after share every unchanged list and the slot
/// columns themselves (slots a snapshot points at are never written again). 7–8 bytes per slot when the snapshot has
/// at most 65,536 distinct strengths, plus the stale lists a compaction drops.</summary>
internal sealed class Adjacency(
    Paged<int> start, Paged<int> end, int[] neighbors, StrengthColumn strengths, ContactKinds[] kinds, TieClass[] classes, int slotsUsed, long liveSlots)
{
    /// <summary>Where each node's list starts.</summary>
    public readonly Paged<int> Start = start;

    /// <summary>Where each node's list ends (exclusive).</summary>
    public readonly Paged<int> End = end;

    public readonly int[] Neighbors = neighbors;
    public readonly StrengthColumn Strengths = strengths;
    public readonly ContactKinds[] Kinds = kinds;
    public readonly TieClass[] Classes = classes;

    /// <summary>Slots up to here are written (some may be stale); a live edit appends after them.</summary>
    public readonly int SlotsUsed = slotsUsed;

    /// <summary>The slots the lists point at: twice the number of contacts.</summary>
    public readonly long LiveSlots = liveSlots;

    /// <summary>A CSR adjacency from a full build.</summary>
    public static Adjacency FromCsr(int[] offsets, int[] neighbors, StrengthColumn strengths, ContactKinds[] kinds, TieClass[] classes) =>
        new(Paged<int>.From(offsets.AsSpan(0, offsets.Length - 1)), Paged<int>.From(offsets.AsSpan(1)),
            neighbors, strengths, kinds, classes, neighbors.Length, neighbors.Length);

    public int NodeCount => Start.Length;

    public int Degree(int u) => End[u] - Start[u];

    /// <summary>The slot of v in u's list, or -1: binary search in the sorted neighbour list.</summary>
    public int Slot(int u, int v)
    {
        var start = Start[u];
        var i = Neighbors.AsSpan(start, End[u] - start).BinarySearch(v);
        return i >= 0 ? start + i : -1;
    }

    public Adjacency WithClasses(TieClass[] classes) => new(Start, End, Neighbors, Strengths, Kinds, classes, SlotsUsed, LiveSlots);

    public long Bytes => 8L * Start.Length + (4L + 1 + 1) * Neighbors.Length + Strengths.Bytes;
}
