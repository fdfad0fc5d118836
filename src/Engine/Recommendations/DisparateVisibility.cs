using SocialCapital.Graph;
using SocialCapital.Metrics;
using SocialCapital.Model;

namespace SocialCapital.Recommendations;

/// <summary>One work-status group's visibility in a batch of suggestions.</summary>
/// <param name="WorkStatus">The work-status group (<c>in_work</c>, <c>out_of_work</c>, <c>student</c>, <c>retired</c>, or empty for unknown).</param>
/// <param name="Suggested">How many suggestions name someone of the group.</param>
/// <param name="SuggestionShare">The group's share of the suggestions; null when there are none.</param>
/// <param name="PopulationShare">The group's share of all people in the snapshot; null when there are none.</param>
/// <param name="DisparateVisibility">Disparate visibility: suggestion share − population share (Fabbri et al., ICWSM 2020);
/// positive when the group is suggested more than its size would give; null when either share is.</param>
public readonly record struct GroupVisibility(string WorkStatus, int Suggested, double? SuggestionShare, double? PopulationShare, double? DisparateVisibility);

/// <summary>Disparate visibility by work status of any batch of suggestions (docs/recommendations.md#diversity).</summary>
public static class DisparateVisibility
{
    /// <summary>Computes each work-status group's share of the suggested people against its share of everyone.</summary>
    /// <param name="graph">The snapshot.</param>
    /// <param name="suggestedIds">The suggested people's ids, one per suggestion (repeats count each time).</param>
    /// <returns>One row per group (in work, out of work, student, retired, unknown), in that order.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="KeyNotFoundException">An id is unknown.</exception>
    public static IReadOnlyList<GroupVisibility> Compute(SocialGraph graph, IEnumerable<string> suggestedIds)
    {
        Guard.NotNull(graph);
        Guard.NotNull(suggestedIds);
        var groups = new[] { WorkStatus.InWork, WorkStatus.OutOfWork, WorkStatus.Student, WorkStatus.Retired, WorkStatus.Unknown };
        var population = new int[groups.Length];
        var people = 0;
        for (var u = 0; u < graph.NodeCount; u++)
            if (graph.IsPerson(u)) { population[Array.IndexOf(groups, graph.WorkStatus(u))]++; people++; }
        var suggested = new int[groups.Length];
        var total = 0;
        foreach (var id in suggestedIds)
        {
            suggested[Array.IndexOf(groups, graph.WorkStatus(graph.IndexOf(id)))]++;
            total++;
        }
        return [.. groups.Select((g, i) =>
        {
            double share = total > 0 ? (double)suggested[i] / total : double.NaN, size = people > 0 ? (double)population[i] / people : double.NaN;
            return new GroupVisibility(g.Name(), suggested[i], Undefined.ToNullable(share), Undefined.ToNullable(size), Undefined.ToNullable(share - size));
        })];
    }
}
