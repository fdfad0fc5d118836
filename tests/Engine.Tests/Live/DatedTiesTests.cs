using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using SocialCapital.Graph;
using SocialCapital.Interchange;
using SocialCapital.Live;
using SocialCapital.Model;
using SocialCapital.Storage;
using SocialCapital.Tests.Properties;
using SocialCapital.Ties;

namespace SocialCapital.Tests.Live;

/// <summary><see cref="DatedTies"/> and the batch edit it makes (<see cref="GraphEditor.SetContacts(ReadOnlySpan{ValueTuple{int, int}}, ReadOnlySpan{Contact?})"/>):
/// a stepped snapshot is the fresh build of the later date, contact for contact; a batch equals one pair after another.</summary>
public sealed class DatedTiesTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("dated-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Property(MaxTest = 60)]
    public Property Step_EndedThenStarted_EqualsAFreshBuildOnTheLaterDate() =>
        Prop.ForAll(TrendData.DatedDatasets, Gen.Choose(1, 30).ToArbitrary(), ArbMap.Default.ArbFor<bool>(), (dataset, months, fromFile) =>
        {
            DateOnly from = TrendData.Start, to = from.AddMonths(months);
            var graph = dataset.ToGraph(new GraphOptions { AsOf = from });
            if (fromFile) // a snapshot file's ties are read from its columns, not as records
            {
                var path = Path.Combine(_folder, Guid.NewGuid().ToString("N") + ".scg");
                SnapshotFile.Write(dataset, graph, path);
                dataset = SnapshotFile.Read(path).Dataset;
                graph = dataset.ToGraph(new GraphOptions { AsOf = from });
            }
            var ties = new DatedTies(dataset, graph);
            var (ended, started) = ties.Changes(from, to);
            var (mid, midChanged, _) = ties.Step(graph, ended, t => t.IsActiveOn(from) && t.IsActiveOn(to));
            var (next, nextChanged, _) = ties.Step(mid, started, t => t.IsActiveOn(to));
            var changed = midChanged.Concat(nextChanged).ToHashSet();
            return SameContacts(next, dataset.ToGraph(new GraphOptions { AsOf = to }))
                && Enumerable.Range(0, graph.NodeCount).All(u => changed.Contains(u) || graph.Contacts.Start[u] == next.Contacts.Start[u]);
        });

    [Fact]
    public void Step_BigEdit_MergedAndWrittenOnEveryCore_EqualsAFreshBuild()
    {
        // 3,000 people, each in about 50 ties: most lists change, and they are long.
        var people = RandomDatasets.Make(3000, 11).Nodes.Where(n => n.Kind.IsPerson()).ToArray();
        var random = new Random(5);
        var kinds = new[] { TieKind.Friend, TieKind.Family, TieKind.Colleague };
        var dense = Enumerable.Range(0, 80000).Select(_ => (A: random.Next(people.Length), B: random.Next(people.Length))).Where(p => p.A != p.B)
            .Select(p => new TieRecord(people[p.A].Id, people[p.B].Id, kinds[random.Next(kinds.Length)]) { Strength = random.Next(1, 5) / 2.0 });
        var dataset = TrendData.Dated(Dataset.Create(people, [.. dense]), 5);
        DateOnly from = TrendData.Start, to = from.AddMonths(12);
        var graph = dataset.ToGraph(new GraphOptions { AsOf = from });
        var ties = new DatedTies(dataset, graph);
        var (ended, started) = ties.Changes(from, to);
        var (mid, _, _) = ties.Step(graph, ended, t => t.IsActiveOn(from) && t.IsActiveOn(to));
        var (next, changed, _) = ties.Step(mid, started, t => t.IsActiveOn(to));
        // Big enough for the editor's parallel merge (4,096 pair ends) and fill (65,536 slots).
        Assert.True(started.Count > 4096 && changed.Sum(next.Contacts.Degree) > 1 << 16, $"{started.Count} ties, {changed.Sum(next.Contacts.Degree)} slots");
        Assert.True(SameContacts(next, dataset.ToGraph(new GraphOptions { AsOf = to })));
    }

    [Fact]
    public void Step_StrengthsPastADouble_TheFirstSuchPairInOrderReported()
    {
        // 5,000 pairs made on every core in ranges of 4,096: the first pair that overflows is reported, not the one met first.
        var people = Enumerable.Range(0, 10000).Select(i => new NodeRecord($"p{i:D5}", NodeKind.Citizen) { Area = "A" }).ToArray();
        var since = TrendData.Start.AddDays(10);
        var ties = new List<TieRecord>();
        for (var i = 0; i < people.Length; i += 2)
        {
            var huge = i is 10 or 9000;
            ties.Add(new TieRecord(people[i].Id, people[i + 1].Id, TieKind.Friend) { Strength = huge ? double.MaxValue : 1, Since = since });
            if (huge) ties.Add(new TieRecord(people[i + 1].Id, people[i].Id, TieKind.Family) { Strength = double.MaxValue, Since = since });
        }
        var dataset = Dataset.Create(people, ties);
        var graph = dataset.ToGraph(new GraphOptions { AsOf = TrendData.Start });
        var dated = new DatedTies(dataset, graph);
        var (_, started) = dated.Changes(TrendData.Start, since);
        var e = Assert.Throws<DataValidationException>(() => dated.Step(graph, started, t => t.IsActiveOn(since)));
        Assert.Contains("between p00010 and p00011", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("p09000", e.Message, StringComparison.Ordinal);
    }

    [Property(MaxTest = 100)]
    public Property SetContacts_ManyPairs_EqualsOnePairAfterAnother() =>
        Prop.ForAll(RandomDatasets.Arbitrary(), Gen.Choose(0, 100000).ToArbitrary(), (dataset, seed) =>
        {
            var graph = dataset.ToGraph();
            var n = graph.NodeCount;
            if (n < 2) return true;
            var random = new Random(seed);
            // Pairs with contacts and without, put in, changed and taken out: a node gains and loses contacts at once.
            var pairs = new List<(int, int)>();
            var seen = new HashSet<(int, int)>();
            for (var i = random.Next(1, 3 * n); i > 0; i--)
            {
                int u = random.Next(n), v = random.Next(n);
                if (u == v || !seen.Add((Math.Min(u, v), Math.Max(u, v)))) continue;
                pairs.Add((u, v));
            }
            var contacts = pairs.Select(p => random.Next(3) == 0 ? (Contact?)null
                : new Contact(p.Item2, random.Next(1, 4) / 2.0, random.Next(2) == 0 ? ContactKinds.Friend : ContactKinds.Family | ContactKinds.Acquaintance)).ToArray();
            var one = new GraphEditor(graph);
            for (var p = 0; p < pairs.Count; p++) GraphEditor.SetContact(one, pairs[p].Item1, pairs[p].Item2, contacts[p]);
            var batch = new GraphEditor(graph);
            batch.SetContacts([.. pairs], contacts);
            return one.Changed.SequenceEqual(batch.Changed)
                && Enumerable.Range(0, n).All(u => one.ContactsOf(u).SequenceEqual(batch.ContactsOf(u)))
                && SameContacts(one.Build(), batch.Build());
        });

    /// <summary>Whether two snapshots hold the same contacts: neighbours, exact strengths, kinds and classes.</summary>
    private static bool SameContacts(SocialGraph a, SocialGraph b)
    {
        if (a.NodeCount != b.NodeCount) return false;
        var (x, y) = (a.Contacts, b.Contacts);
        for (var u = 0; u < a.NodeCount; u++)
        {
            if (x.Degree(u) != y.Degree(u)) return false;
            for (int s = x.Start[u], t = y.Start[u]; s < x.End[u]; s++, t++)
                if (x.Neighbors[s] != y.Neighbors[t] || BitConverter.DoubleToInt64Bits(x.Strengths[s]) != BitConverter.DoubleToInt64Bits(y.Strengths[t])
                    || x.Kinds[s] != y.Kinds[t] || x.Classes[s] != y.Classes[t])
                    return false;
        }
        return true;
    }
}
