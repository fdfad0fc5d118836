using System.Runtime.CompilerServices;
using SocialCapital.Graph;
using SocialCapital.Model;

namespace SocialCapital.Metrics;

/// <summary>A citizen's needs (docs/format.md): their goals that name a specialism some coach of the graph has. The terms
/// that are some coach's specialism are found once per snapshot (O(nodes)) and kept with it. Thread-safe.</summary>
internal static class CoachNeeds
{
    private static readonly ConditionalWeakTable<SocialGraph, bool[]> Specialisms = [];

    /// <summary>Marks, by term code of the snapshot, the terms that are some coach's specialism.</summary>
    public static bool[] SpecialismTerms(SocialGraph graph) => Specialisms.GetValue(graph, static g =>
    {
        var nodes = g.Nodes;
        var marked = new bool[nodes.Terms.Length];
        for (var u = 0; u < g.NodeCount; u++)
        {
            if (nodes.Kinds[u] != NodeKind.Coach) continue;
            foreach (var term in nodes.Specialisms.Of(u))
                if ((uint)term < (uint)marked.Length) marked[term] = true;
        }
        return marked;
    });

    /// <summary>Whether a term code (of a goal) is a need.</summary>
    public static bool IsNeed(bool[] specialismTerms, int term) => (uint)term < (uint)specialismTerms.Length && specialismTerms[term];
}
