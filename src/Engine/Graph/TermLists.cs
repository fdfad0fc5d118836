namespace SocialCapital.Graph;

/// <summary>One list-valued attribute (languages, skills, goals) for every node, in CSR form over
/// interned term codes.</summary>
internal sealed class TermLists(int[] offsets, int[] terms)
{
    public readonly int[] Offsets = offsets;
    public readonly int[] Terms = terms;

    public ReadOnlySpan<int> Of(int node) => Terms.AsSpan(Offsets[node], Offsets[node + 1] - Offsets[node]);

    public static TermLists Build(int count, Func<int, IReadOnlyList<string>> listOf, StringTable table)
    {
        var offsets = new int[count + 1];
        var terms = new List<int>();
        for (var i = 0; i < count; i++)
        {
            foreach (var term in listOf(i)) terms.Add(table.Code(term));
            offsets[i + 1] = terms.Count;
        }
        return new TermLists(offsets, [.. terms]);
    }

    public long Bytes => 4L * (Offsets.Length + Terms.Length);
}
