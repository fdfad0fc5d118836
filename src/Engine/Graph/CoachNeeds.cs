using System.Runtime.CompilerServices;
using SocialCapital.Model;

namespace SocialCapital.Graph;

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


    /// <summary>Whether a term code (of a goal) is a need, given <see cref="SpecialismTerms"/>.</summary>
    public static bool IsNeed(bool[] specialismTerms, int term) => (uint)term < (uint)specialismTerms.Length && specialismTerms[term];

    /// <summary>A citizen's needs: their goals that are some coach's specialism, each once, in goal order.</summary>
    public static string[] Of(SocialGraph graph, int citizen)
    {
        var specialisms = SpecialismTerms(graph);
        var goals = graph.Nodes.Goals.Of(citizen);
        var needs = new List<string>();
        for (var g = 0; g < goals.Length; g++)
            if (IsNeed(specialisms, goals[g]) && !goals[..g].Contains(goals[g])) needs.Add(graph.Nodes.Terms[goals[g]]!);
        return [.. needs];
    }
}
