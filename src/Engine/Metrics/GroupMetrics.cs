using SocialCapital.Graph;
using SocialCapital.Model;

namespace SocialCapital.Metrics;

/// <summary>Computes the measures of every peer group as a setting: exposure, friending bias, work-status
/// diversity and free places (docs/measures.md#peer-groups), with the same small-cell suppression as areas.</summary>
public static class GroupMetrics
{
    /// <summary>Computes every peer group's measures.</summary>
    /// <param name="graph">The snapshot.</param>
    /// <param name="options">Options (only <see cref="AreaMetricsOptions.MinCellSize"/> and the token are used);
    /// defaults to <see cref="AreaMetricsOptions.Default"/>.</param>
    /// <returns>One entry per peer group, ordered by id.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="graph"/> is null.</exception>
    /// <exception cref="Model.InvalidOptionsException">An option breaks <see cref="AreaMetricsOptions.Validate"/>.</exception>
    /// <exception cref="OperationCanceledException">The options' token was cancelled.</exception>
    public static IReadOnlyList<GroupMeasures> Compute(SocialGraph graph, AreaMetricsOptions? options = null)
    {
        Guard.NotNull(graph);
        options ??= AreaMetricsOptions.Default;
        options.ThrowIfInvalid();
        var rows = new List<GroupMeasures>();
        var isMember = new int[graph.NodeCount]; // stamp = group index + 1
        foreach (var g in graph.Nodes.InIdOrder())
        {
            if (graph.Kind(g) != NodeKind.PeerGroup) continue;
            options.CancellationToken.ThrowIfCancellationRequested();
            foreach (var m in graph.MembersOf(g)) isMember[m] = g + 1;
            var stamp = g + 1;
            rows.Add(Measure(graph, g, options.MinCellSize, v => isMember[v] == stamp));
        }
        return rows;
    }

    /// <summary>The row of peer group <paramref name="g"/>: the one place a group's measures are put together, for
    /// <see cref="Compute"/> and <see cref="LiveMeasures"/> alike.</summary>
    /// <param name="graph">The snapshot.</param>
    /// <param name="g">The group's node index.</param>
    /// <param name="minCellSize">The suppression threshold.</param>
    /// <param name="isMember">Whether a node is a member of the group.</param>
    internal static GroupMeasures Measure(SocialGraph graph, int g, int minCellSize, Func<int, bool> isMember)
    {
        var members = new List<int>();
        foreach (var m in graph.MembersOf(g)) members.Add(m);
        if (members.Count < minCellSize)
            return new GroupMeasures
            {
                Id = graph.Id(g), Area = graph.Area(g), Suppressed = true,
                Exposure = double.NaN, FriendingBias = double.NaN, BlauWork = double.NaN, InWorkShare = double.NaN,
            };
        Span<int> work = stackalloc int[4];
        foreach (var m in members)
            if (graph.WorkStatus(m) is var status and not WorkStatus.Unknown) work[(int)status - 1]++;
        var known = work[0] + work[1] + work[2] + work[3];
        return new GroupMeasures
        {
            Id = graph.Id(g),
            Area = graph.Area(g),
            Members = members.Count,
            Exposure = Settings.Exposure(members, graph.Nodes.Ses),
            FriendingBias = Settings.FriendingBias(graph, members, isMember),
            BlauWork = Heterophily.Blau(work),
            InWorkShare = known > 0 ? (double)work[(int)WorkStatus.InWork - 1] / known : double.NaN,
            FreePlaces = graph.Capacity(g) is { } capacity ? capacity - members.Count : null,
        };
    }
}
