using System.Globalization;
using SocialCapital.Graph;
using SocialCapital.Model;

namespace SocialCapital.Recommendations;

/// <summary>Suggests peer groups to a citizen (docs/recommendations.md#peer-group-suggestions): only groups
/// with a stated capacity and a free place that the citizen is not already in, scored by the exposure their
/// members offer (in work, high SES), the citizen's contacts already there, and the area.</summary>
public static class GroupSuggestions
{
    /// <summary>The best peer groups for a citizen.</summary>
    /// <param name="graph">The snapshot.</param>
    /// <param name="citizenId">The citizen's id.</param>
    /// <param name="top">How many, best first; 0 = every group with a free place. Default 10.</param>
    /// <returns>The suggestions.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="UnknownNodeException">No node has that id.</exception>
    /// <exception cref="WrongNodeKindException">The node is not a citizen.</exception>
    /// <exception cref="InvalidOptionsException"><paramref name="top"/> is negative.</exception>
    public static IReadOnlyList<GroupSuggestion> ForCitizen(SocialGraph graph, string citizenId, int top = 10)
    {
        Guard.NotNull(graph);
        Guard.NotNull(citizenId);
        OptionRules.ThrowIfBadTop(top);
        var c = graph.IndexOf(citizenId, NodeKind.Citizen);
        var joined = graph.PlacesOf(c).ToArray();
        var suggestions = new List<GroupSuggestion>();
        for (var g = 0; g < graph.NodeCount; g++)
        {
            if (graph.Kind(g) != NodeKind.PeerGroup || joined.Contains(g) || graph.Capacity(g) is not { } capacity) continue;
            var members = graph.MembersOf(g);
            var free = capacity - members.Length;
            if (free <= 0) continue;
            int inWork = 0, workKnown = 0, high = 0, sesKnown = 0;
            var known = new List<string>();
            foreach (var m in members)
            {
                if (graph.WorkStatus(m) != WorkStatus.Unknown) { workKnown++; if (graph.WorkStatus(m) == WorkStatus.InWork) inWork++; }
                if (graph.Ses(m) is { } ses) { sesKnown++; if (ses >= 0.5) high++; }
                if (graph.AreInContact(c, m)) known.Add(graph.Id(m));
            }
            double workShare = workKnown > 0 ? (double)inWork / workKnown : 0, sesShare = sesKnown > 0 ? (double)high / sesKnown : 0;
            var exposure = (workShare + sesShare) / 2;
            var contacts = 1 - Math.Exp(-known.Count);
            var locality = graph.Area(c) is { } area && area == graph.Area(g) ? 1.0 : 0.0;
            var reasons = new List<string>();
            if (workKnown > 0 && inWork > 0) reasons.Add(string.Create(CultureInfo.InvariantCulture, $"{inWork} of {members.Length} members in work"));
            if (known.Count > 0)
                reasons.Add($"{known.Count} of your contacts {(known.Count == 1 ? "is a member" : "are members")}: {string.Join(", ", known.Take(3))}{(known.Count > 3 ? ", …" : "")}");
            if (locality > 0) reasons.Add($"in your area ({graph.Area(g)})");
            reasons.Add(string.Create(CultureInfo.InvariantCulture, $"{free} of {capacity} places free"));
            suggestions.Add(new GroupSuggestion
            {
                Citizen = citizenId, Group = graph.Id(g), Score = 0.4 * exposure + 0.3 * contacts + 0.3 * locality,
                Exposure = exposure, Contacts = contacts, Locality = locality, FreePlaces = free, Reasons = reasons,
            });
        }
        suggestions.Sort((a, b) => b.Score != a.Score ? b.Score.CompareTo(a.Score) : string.CompareOrdinal(a.Group, b.Group));
        var take = top == 0 ? suggestions.Count : Math.Min(top, suggestions.Count);
        return [.. suggestions.Take(take).Select((s, i) => s with { Rank = i + 1 })];
    }
}
