using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using SocialCapital.Graph;
using SocialCapital.Interchange;
using SocialCapital.Metrics;
using SocialCapital.Model;

namespace SocialCapital.Tests.Properties;

/// <summary>Brokerage equals sna's own triple loop (brokerage_R: every broker, every ordered pair of its contacts not in
/// contact, classified by the three groups) over the people whose group is known, for any thread count.</summary>
public class BrokerageProperties
{
    private static readonly GraphOptions Today = new() { AsOf = new DateOnly(2026, 1, 1) };

    [Property(MaxTest = 200)]
    public Property Compute_EqualsTheTripleLoopOverKnownGroups() =>
        Prop.ForAll(RandomDatasets.Arbitrary(), Gen.Choose(1, 4).ToArbitrary(), Gen.Elements("area", "work_status").ToArbitrary(),
            (dataset, threads, grouping) =>
            {
                var graph = dataset.ToGraph(Today);
                Func<int, string?> group = grouping == "area"
                    ? graph.Area
                    : u => graph.WorkStatus(u) == WorkStatus.Unknown ? null : graph.WorkStatus(u).Name();
                var result = Brokerage.Compute(graph, grouping, threads);
                return result.People.All(p => p.Group == group(p.Index)
                    && (p.Total is null ? group(p.Index) is null : Same(TripleLoop(graph, group, p.Index), p)));
            });

    private static bool Same(long[] roles, PersonBrokerage p) =>
        roles[0] == p.Coordinator && roles[1] == p.Itinerant && roles[2] == p.Gatekeeper && roles[3] == p.Representative
        && roles[4] == p.Liaison && roles.Sum() == p.Total;

    /// <summary>sna's loop for broker j: coordinator, itinerant, gatekeeper, representative, liaison.</summary>
    private static long[] TripleLoop(SocialGraph graph, Func<int, string?> group, int j)
    {
        var roles = new long[5];
        var gj = group(j);
        foreach (var i in graph.Neighbors(j).ToArray())
            foreach (var k in graph.Neighbors(j).ToArray())
            {
                if (i == k || graph.AreInContact(i, k) || group(i) is not { } gi || group(k) is not { } gk) continue;
                if (gi == gj) roles[gk == gj ? 0 : 3]++;
                else if (gk == gj) roles[2]++;
                else if (gi == gk) roles[1]++;
                else roles[4]++;
            }
        return roles;
    }
}
