using SocialCapital.Ties;

namespace SocialCapital.Graph;

/// <summary>The person–person contacts in CSR form: node u's contacts are slots Offsets[u]..Offsets[u+1]-1,
/// sorted by neighbour index, each contact once per direction with the exact summed strength of all its active
/// ties (<see cref="StrengthColumn"/>), the kinds of those ties and the contact's class under the policy. 7–8 bytes
/// per slot when the snapshot has at most 65,536 distinct strengths.</summary>
internal sealed class Adjacency(int[] offsets, int[] neighbors, StrengthColumn strengths, ContactKinds[] kinds, TieClass[] classes)
{
    public readonly int[] Offsets = offsets;
    public readonly int[] Neighbors = neighbors;
    public readonly StrengthColumn Strengths = strengths;
    public readonly ContactKinds[] Kinds = kinds;
    public readonly TieClass[] Classes = classes;

    public int Degree(int u) => Offsets[u + 1] - Offsets[u];

    /// <summary>The slot of v in u's list, or -1: binary search in the sorted neighbour list.</summary>
    public int Slot(int u, int v)
    {
        var start = Offsets[u];
        var i = Neighbors.AsSpan(start, Offsets[u + 1] - start).BinarySearch(v);
        return i >= 0 ? start + i : -1;
    }

    public Adjacency WithClasses(TieClass[] classes) => new(Offsets, Neighbors, Strengths, Kinds, classes);

    public long Bytes => 4L * Offsets.Length + (4L + 1 + 1) * Neighbors.Length + Strengths.Bytes;
}
