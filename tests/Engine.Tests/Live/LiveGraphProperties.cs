using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using SocialCapital.Graph;
using SocialCapital.Interchange;
using SocialCapital.Live;
using SocialCapital.Metrics;
using SocialCapital.Model;
using SocialCapital.Storage;
using SocialCapital.Storage.Contract;
using SocialCapital.Tests.Properties;

namespace SocialCapital.Tests.Live;

/// <summary>The live graph's promise: after any sequence of edits, every measure of its snapshot equals a full build
/// from the same records (to 1e-9, the same undefined cases), for any thread count, before and after it compacts; and
/// an edit that is refused changes nothing, as the reference semantics (<see cref="DatasetEdits"/>) refuse it.</summary>
public class LiveGraphProperties
{
    private static readonly DateOnly Day = new(2026, 1, 1);

    private static LiveGraphOptions Options(int threads) => new()
    {
        Graph = new GraphOptions { AsOf = Day, MaxDegreeOfParallelism = threads },
        Areas = new AreaMetricsOptions { MinCellSize = 2, BootstrapResamples = 0, MaxDegreeOfParallelism = threads },
        CompactionThreshold = 0,
        RefreshIntervalsAfter = 0,
    };

    private static Arbitrary<(Dataset Dataset, int Seed, int Edits, int Threads)> Cases() =>
        (from people in Gen.Choose(2, 14)
         from seed in Gen.Choose(0, int.MaxValue - 1)
         from edits in Gen.Choose(1, 30)
         from threads in Gen.Choose(1, 2)
         select (RandomDatasets.Make(people, seed), seed, edits, threads)).ToArbitrary();

    [Property(MaxTest = 150)]
    public Property AnyEdits_EveryMeasure_EqualsAFullRebuild() =>
        Prop.ForAll(Cases(), c =>
        {
            var (reference, live) = Run(c.Dataset, c.Seed, c.Edits, c.Threads);
            Check(live.Current, reference, c.Threads);
            return true;
        });

    [Property(MaxTest = 60)]
    public Property AnyEdits_AfterCompaction_EveryMeasure_EqualsAFullRebuild() =>
        Prop.ForAll(Cases(), c =>
        {
            var (reference, live) = Run(c.Dataset, c.Seed, c.Edits, c.Threads);
            var compacted = live.CompactAsync().GetAwaiter().GetResult();
            Assert.Same(compacted, live.Current);
            Assert.True(compacted.Graph.Nodes.IsOrdinal);
            Check(compacted, reference, c.Threads);
            // and it goes on taking edits
            var (reference2, _) = Step(reference, live, new Random(c.Seed ^ 0x5A5A), 5);
            Check(live.Current, reference2, c.Threads);
            return true;
        });

    [Property(MaxTest = 40)]
    public Property FromGraph_AnyEdits_EveryMeasure_EqualsAFullRebuild() =>
        Prop.ForAll(Cases(), c =>
        {
            var options = Options(c.Threads);
            var live = LiveGraph.FromGraph(c.Dataset, c.Dataset.ToGraph(options.Graph), options);
            var (reference, _) = Step(c.Dataset, live, new Random(c.Seed), c.Edits);
            Check(live.Current, reference, c.Threads);
            return true;
        });

    [Fact]
    public void FromGraph_GraphOfAnotherDateOrDatasetOrEdited_IsRefused()
    {
        var dataset = RandomDatasets.Make(6, 7);
        var options = Options(1);
        var otherDay = Assert.Throws<ArgumentException>(() =>
            LiveGraph.FromGraph(dataset, dataset.ToGraph(options.Graph with { AsOf = Day.AddDays(1) }), options));
        Assert.Contains("as of 2026-01-02", otherDay.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => LiveGraph.FromGraph(RandomDatasets.Make(7, 7), dataset.ToGraph(options.Graph), options));
        var live = LiveGraph.Create(dataset, options);
        live.Apply(new GraphEdit.UpsertNode(new NodeRecord("new", NodeKind.Citizen)));
        var edited = Assert.Throws<ArgumentException>(() => LiveGraph.FromGraph(live.Current.ToDataset(), live.Current.Graph, options));
        Assert.Contains("live edits", edited.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_RefusedEditInABatch_PublishesNothing()
    {
        var dataset = RandomDatasets.Make(6, 7);
        var live = LiveGraph.Create(dataset, Options(1));
        var before = live.Current;
        var a = dataset.Nodes[0].Id;
        var b = dataset.Nodes[1].Id;
        var error = Assert.Throws<DataValidationException>(() => live.Apply(
            [new GraphEdit.UpsertTie(new TieRecord(a, b, TieKind.Friend) { Strength = 2 }), new GraphEdit.UpsertTie(new TieRecord(a, "nobody", TieKind.Friend))]));
        Assert.Contains("nobody", error.Message, StringComparison.Ordinal);
        Assert.Same(before, live.Current);
    }

    [Fact]
    public async Task Apply_PastRefreshIntervalsAfter_CompactsWithFreshIntervals()
    {
        var dataset = RandomDatasets.Make(14, 11);
        var options = Options(2) with
        {
            Areas = new AreaMetricsOptions { MinCellSize = 2, BootstrapResamples = 50 },
            RefreshIntervalsAfter = 3,
        };
        var live = LiveGraph.Create(dataset, options);
        _ = live.Current.Measures; // the first pass done, so the updates count
        var reference = dataset;
        var random = new Random(3);
        for (var i = 0; i < 3; i++)
        {
            var edit = new GraphEdit.UpsertTie(new TieRecord(dataset.Nodes[i].Id, dataset.Nodes[i + 4].Id, TieKind.Friend) { Strength = 1 + random.Next(3) });
            live.Apply(edit);
            reference = DatasetEdits.UpsertTie(reference, ((GraphEdit.UpsertTie)edit).Tie).Dataset;
        }
        var compacted = await live.CompactAsync(); // joins the compaction the third edit started
        Assert.Equal(1, live.Compactions);
        Assert.Equal(0, compacted.Measures.UpdatesSinceIntervals);
        SameRows(AreaMetrics.Compute(reference.ToGraph(options.Graph), options.Areas), compacted.Measures.Areas); // intervals included
    }

    private static (Dataset Reference, LiveGraph Live) Run(Dataset dataset, int seed, int edits, int threads)
    {
        var live = LiveGraph.Create(dataset, Options(threads));
        var (reference, _) = Step(dataset, live, new Random(seed), edits);
        return (reference, live);
    }

    /// <summary>Applies random edits to the reference dataset and to the live graph alike; an edit the reference
    /// refuses must be refused by the live graph with the same exception type, leaving its snapshot as it was.</summary>
    private static (Dataset, int) Step(Dataset reference, LiveGraph live, Random random, int count)
    {
        var refused = 0;
        for (var i = 0; i < count; i++)
        {
            var edit = RandomEdit(reference, random);
            Dataset? next = null;
            Exception? expected = null;
            try { next = Reference(reference, edit).Dataset; }
            catch (Exception e) when (e is DataValidationException or GraphStoreConflictException) { expected = e; }
            var before = live.Current;
            if (expected is not null)
            {
                var actual = Assert.ThrowsAny<Exception>(() => live.Apply(edit));
                Assert.IsType(expected.GetType(), actual);
                Assert.Same(before, live.Current);
                refused++;
                continue;
            }
            var change = live.Apply(edit);
            Assert.Equal(Reference(reference, edit).Effect, change.Outcomes[0].Effect);
            reference = next!;
            // Now and then the coaching history is read, so the next snapshot may extend it rather than build it anew.
            if (random.Next(2) == 0) _ = live.Current.Coaching;
        }
        return (reference, refused);
    }

    private static CoachingSpell[] Spells(CoachingHistory history, string citizen) =>
        [.. history.SpellsOf(citizen).ToArray().OrderBy(s => s.Since).ThenBy(s => s.Coach, StringComparer.Ordinal).ThenBy(s => s.Until)];

    private static DatasetEdit Reference(Dataset dataset, GraphEdit edit) => ChangeFeedContract.Reference(dataset, edit);

    private static readonly TieKind[] Kinds = [TieKind.Friend, TieKind.Family, TieKind.Acquaintance, TieKind.Colleague, TieKind.Mentoring, TieKind.Coaching, TieKind.Referral, TieKind.Membership, TieKind.Employment];
    private static readonly double[] Strengths = [0.5, 1, 2, 3.25, 0.1];

    private static GraphEdit RandomEdit(Dataset dataset, Random random, bool tiesOnly = false)
    {
        string Any() => random.Next(12) == 0 ? "new" + random.Next(4) : dataset.Nodes.Count == 0 ? "new0" : dataset.Nodes[random.Next(dataset.Nodes.Count)].Id;
        NodeRecord Node(string id) => WithCoaching(new(id, random.Next(6) switch { 0 => NodeKind.Mentor, 1 => NodeKind.Coach, 2 when id.StartsWith("new", StringComparison.Ordinal) => NodeKind.PeerGroup, _ => NodeKind.Citizen })
        {
            Area = random.Next(4) == 0 ? null : "A" + random.Next(3),
            Employment = (Employment)random.Next(0, 7),
            AgeBand = (AgeBand)random.Next(0, 6),
            Ses = random.Next(4) == 0 ? null : Math.Round(random.NextDouble(), 2),
            Sector = random.Next(2) == 0 ? null : "s" + random.Next(3),
            Capacity = random.Next(3) == 0 ? random.Next(4) : null,
        });
        // A person's hub and a coach's specialisms, sometimes.
        NodeRecord WithCoaching(NodeRecord node) => node with
        {
            Hub = node.IsPerson && random.Next(2) == 0 ? "h" + random.Next(2) : null,
            Specialisms = node.Kind == NodeKind.Coach && random.Next(2) == 0 ? new[] { "health", "ips" }[..random.Next(1, 3)] : [],
        };
        switch (tiesOnly ? 4 : random.Next(15))
        {
            case 14:
                // A batch of ties (a coach assignment published, a handover), checked whole.
                var batch = new TieRecord[random.Next(0, 4)];
                for (var i = 0; i < batch.Length; i++)
                    batch[i] = ((GraphEdit.UpsertTie)RandomEdit(dataset, new Random(random.Next()), tiesOnly: true)).Tie;
                return new GraphEdit.UpsertTies(batch);
            case 13:
                // A contact (a small pool of days and channels, so some repeat one), mostly of a coach with a citizen.
                var coachId = random.Next(5) == 0 ? Any() : dataset.Nodes.Where(n => n.Kind == NodeKind.Coach).Select(n => n.Id).FirstOrDefault() ?? Any();
                var metId = random.Next(5) == 0 ? Any() : dataset.Nodes.Where(n => n.Kind == NodeKind.Citizen).Select(n => n.Id).Skip(random.Next(3)).FirstOrDefault() ?? Any();
                return new GraphEdit.AddContact(new ContactRecord(coachId, metId, Day.AddDays(-random.Next(3)), (ContactChannel)random.Next(2)));
            case 10:
            case 11:
                // A proposal (ids from a small pool, so some replace one), sometimes with the mentoring tie it starts.
                var mentorId = dataset.Nodes.Where(n => n.Kind == NodeKind.Mentor).Select(n => n.Id).FirstOrDefault() ?? Any();
                var citizenId = random.Next(5) == 0 ? Any() : dataset.Nodes.Where(n => n.Kind == NodeKind.Citizen).Select(n => n.Id).Skip(random.Next(3)).FirstOrDefault() ?? Any();
                var status = (ProposalStatus)random.Next(5);
                var made = Day.AddDays(random.Next(-12, 3));
                var proposal = new ProposalRecord("q" + random.Next(5), citizenId, random.Next(6) == 0 ? Any() : mentorId, made, made.AddDays(random.Next(1, 12)))
                {
                    Status = status,
                    Decided = status == ProposalStatus.Proposed ? null : made.AddDays(random.Next(0, 3)),
                    Reason = status is ProposalStatus.Declined or ProposalStatus.Withdrawn && random.Next(2) == 0 ? "r" + random.Next(3) : null,
                };
                var accepted = status == ProposalStatus.Accepted && random.Next(2) == 0
                    ? new TieRecord(proposal.Mentor, proposal.Citizen, TieKind.Mentoring) { Since = proposal.Decided }
                    : null;
                return new GraphEdit.UpsertProposals([proposal], accepted);
            case 12:
                return new GraphEdit.UpsertStatus(new StatusChange(Any(), Day.AddDays(random.Next(-5, 2)), (Employment)random.Next(1, 7)));
            case 0:
            case 1:
                var existing = dataset.Nodes.Count > 0 && random.Next(3) > 0 ? dataset.Nodes[random.Next(dataset.Nodes.Count)] : null;
                // Mostly a change of attributes that keeps the kind (a different kind is usually a conflict).
                return new GraphEdit.UpsertNode(existing is null ? Node(Any()) : Node(existing.Id) with { Kind = random.Next(4) == 0 ? Node(existing.Id).Kind : existing.Kind });
            case 2:
                return new GraphEdit.DeleteNode(Any());
            case 3:
                return new GraphEdit.DeleteTies(Any(), Any(), random.Next(2) == 0 ? null : Kinds[random.Next(Kinds.Length)]);
            default:
                var kind = Kinds[random.Next(Kinds.Length)];
                var source = Any();
                var target = kind switch
                {
                    TieKind.Membership => dataset.Nodes.FirstOrDefault(n => n.Kind == NodeKind.PeerGroup)?.Id ?? "group",
                    TieKind.Employment => dataset.Nodes.FirstOrDefault(n => n.Kind == NodeKind.Employer)?.Id ?? "employer",
                    _ => Any(),
                };
                if (kind == TieKind.Mentoring && dataset.Nodes.FirstOrDefault(n => n.Kind == NodeKind.Mentor) is { } mentor && random.Next(3) > 0) source = mentor.Id;
                return new GraphEdit.UpsertTie(new TieRecord(source, target, kind)
                {
                    Strength = Strengths[random.Next(Strengths.Length)],
                    Since = random.Next(5) == 0 ? Day.AddDays(random.Next(-3, 3)) : null,
                    Until = random.Next(5) == 0 ? Day.AddDays(random.Next(4, 9) - 4) : null,
                });
        }
    }

    private static bool Same(double a, double b) => (double.IsNaN(a) && double.IsNaN(b)) || Math.Abs(a - b) <= 1e-9 * Math.Max(1, Math.Abs(a));

    private static void Check(LiveSnapshot snapshot, Dataset reference, int threads)
    {
        var live = snapshot.Graph;
        var rebuilt = reference.ToGraph(Options(threads).Graph);

        // The records: the same nodes, and the same ties (as multisets).
        var records = snapshot.ToDataset();
        Assert.Equal(reference.Nodes.OrderBy(n => n.Id, StringComparer.Ordinal), records.Nodes.OrderBy(n => n.Id, StringComparer.Ordinal));
        Assert.Equal(reference.Ties.Select(Key).Order(StringComparer.Ordinal), records.Ties.Select(Key).Order(StringComparer.Ordinal));
        Assert.Equal(reference.Proposals, records.Proposals);
        Assert.Equal(reference.StatusHistory, records.StatusHistory);
        Assert.Equal(reference.Contacts, records.Contacts);
        var coaching = CoachingHistory.Of(reference.Ties, reference.Contacts);
        foreach (var node in reference.Nodes)
        {
            Assert.Equal(Spells(coaching, node.Id), Spells(snapshot.Coaching, node.Id));
            Assert.Equal(coaching.ContactsOf(node.Id).ToArray(), snapshot.Coaching.ContactsOf(node.Id).ToArray());
            Assert.Equal(coaching.CitizensOf(node.Id).ToArray(), snapshot.Coaching.CitizensOf(node.Id).ToArray());
        }
        Assert.Equal(reference.Nodes.Count, snapshot.NodeCount);
        Assert.Equal(reference.Ties.Count, snapshot.TieCount);
        Assert.Equal(rebuilt.PersonCount, live.PersonCount);
        Assert.Equal(rebuilt.ContactCount, live.ContactCount);

        // Betweenness over a live snapshot's lists (appended, stale slots, vacant indices) as over a fresh build.
        var betweenness = Betweenness.Compute(rebuilt).People;
        var liveBetweenness = Betweenness.Compute(live, new BetweennessOptions { MaxDegreeOfParallelism = threads }).People;
        Assert.Equal(betweenness.Select(p => p.Id), liveBetweenness.Select(p => p.Id));
        for (var i = 0; i < betweenness.Count; i++) Assert.True(Same(betweenness[i].Betweenness, liveBetweenness[i].Betweenness), betweenness[i].Id);

        // Communities read the people in id order with sorted lists, so vacant indices and appended lists change nothing:
        // the same seed gives the same communities, bit for bit, as a fresh build.
        var communities = Communities.Detect(rebuilt, new CommunitiesOptions { Seed = 5 });
        var liveCommunities = snapshot.Communities(1, 5);
        Assert.Equal(communities.People, liveCommunities.People);
        Assert.Equal(communities.Modularity, liveCommunities.Modularity);
        Assert.Equal(communities.ByArea(0), liveCommunities.ByArea(0));

        // The graph, node by node, by id.
        foreach (var node in reference.Nodes)
        {
            int u = live.IndexOf(node.Id), r = rebuilt.IndexOf(node.Id);
            Assert.Equal(rebuilt.Kind(r), live.Kind(u));
            Assert.Equal(rebuilt.Area(r), live.Area(u));
            Assert.Equal(rebuilt.Hub(r), live.Hub(u));
            Assert.Equal(rebuilt.Specialisms(r), live.Specialisms(u));
            Assert.Equal(Ids(rebuilt, rebuilt.Neighbors(r)), Ids(live, live.Neighbors(u)));
            Assert.Equal(rebuilt.Strengths(r).ToArray(), Reorder(live, u, live.Strengths(u).ToArray(), rebuilt, r));
            Assert.Equal(rebuilt.ContactKinds(r).ToArray(), Reorder(live, u, live.ContactKinds(u).ToArray(), rebuilt, r));
            Assert.Equal(rebuilt.TieClasses(r).ToArray(), Reorder(live, u, live.TieClasses(u).ToArray(), rebuilt, r));
            Assert.Equal(Ids(rebuilt, rebuilt.PlacesOf(r)), Ids(live, live.PlacesOf(u)));
            Assert.Equal(Ids(rebuilt, rebuilt.MembersOf(r)), Ids(live, live.MembersOf(u)));
            Assert.Equal(rebuilt.Mentoring.CurrentMentees(r), live.Mentoring.CurrentMentees(u));
            Assert.Equal(rebuilt.Mentoring.HasCurrentMentor(r), live.Mentoring.HasCurrentMentor(u));
            Assert.Equal(rebuilt.Mentoring.LastPairing(r), live.Mentoring.LastPairing(u));
            Assert.Equal(rebuilt.Mentoring.PendingPlaces(r), live.Mentoring.PendingPlaces(u));
            Assert.Equal(rebuilt.Mentoring.HasPendingProposal(r), live.Mentoring.HasPendingProposal(u));
            Assert.Equal(rebuilt.Mentoring.HasDeclined(r), live.Mentoring.HasDeclined(u));
            foreach (var other in reference.Nodes)
            {
                int ro = rebuilt.IndexOf(other.Id), lo = live.IndexOf(other.Id);
                Assert.Equal(rebuilt.Mentoring.Declined(r, ro), live.Mentoring.Declined(u, lo));
                Assert.Equal(rebuilt.Mentoring.Pending(r, ro), live.Mentoring.Pending(u, lo));
            }
            Assert.Equal(rebuilt.Mentoring.FreePlaces(r, rebuilt.Capacity(r)), snapshot.FreePlaces(node.Id));
            foreach (var other in reference.Nodes)
                Assert.Equal(rebuilt.Mentoring.Ever(r, rebuilt.IndexOf(other.Id)), live.Mentoring.Ever(u, live.IndexOf(other.Id)));
        }
        Assert.Equal(rebuilt.PopulationInWorkShare, live.PopulationInWorkShare);

        // Person measures: whole-graph and one at a time.
        var metrics = new MetricsOptions { MaxDegreeOfParallelism = threads };
        var expected = PersonMetrics.Compute(rebuilt, metrics);
        var actual = PersonMetrics.Compute(live, metrics);
        Assert.Equal(expected.People.Select(p => p.Id), actual.People.Select(p => p.Id));
        foreach (var p in expected.People)
        {
            Assert.True(SameMeasures(p, actual.ForId(p.Id)), $"person {p.Id}");
            Assert.True(SameMeasures(p, snapshot.Person(p.Id)), $"person {p.Id}, alone");
        }

        // Tie measures, by their ends.
        var tieOptions = new TieMetricsOptions { MaxDegreeOfParallelism = threads };
        var ties = TieMetrics.Compute(live, tieOptions).ToDictionary(t => (t.Source, t.Target));
        var rebuiltTies = TieMetrics.Compute(rebuilt, tieOptions);
        Assert.Equal(rebuiltTies.Count, ties.Count);
        foreach (var t in rebuiltTies)
        {
            var l = ties.TryGetValue((t.Source, t.Target), out var found) ? found : ties[(t.Target, t.Source)];
            Assert.Equal(t.Kinds, l.Kinds);
            Assert.Equal(t.Class, l.Class);
            Assert.Equal(t.Embeddedness, l.Embeddedness);
            Assert.True(Same(t.Strength, l.Strength) && Same(t.Overlap.OrNaN(), l.Overlap.OrNaN()) && Same(t.BridgingScore, l.BridgingScore));
        }

        // Area and peer-group measures, kept by difference.
        var areaOptions = Options(threads).Areas;
        SameRows(AreaMetrics.Compute(rebuilt, areaOptions), snapshot.Measures.Areas);
        SameRows(GroupMetrics.Compute(rebuilt, areaOptions), snapshot.Measures.Groups);
    }

    private static bool SameMeasures(PersonMeasures a, PersonMeasures b) =>
        a.Id == b.Id && a.Degree == b.Degree && a.Bonding == b.Bonding && a.Bridging == b.Bridging && a.Linking == b.Linking
        && a.InWorkContacts == b.InWorkContacts && a.Kind == b.Kind && a.Area == b.Area
        && Same(a.Strength, b.Strength) && Same(a.BridgingScore.OrNaN(), b.BridgingScore.OrNaN()) && Same(a.Clustering.OrNaN(), b.Clustering.OrNaN())
        && Same(a.Constraint.OrNaN(), b.Constraint.OrNaN()) && Same(a.EffectiveSize.OrNaN(), b.EffectiveSize.OrNaN()) && Same(a.Efficiency.OrNaN(), b.Efficiency.OrNaN())
        && Same(a.Hierarchy.OrNaN(), b.Hierarchy.OrNaN()) && Same(a.EiWork.OrNaN(), b.EiWork.OrNaN()) && Same(a.EconomicConnectedness.OrNaN(), b.EconomicConnectedness.OrNaN())
        && Same(a.WorkConnectedness.OrNaN(), b.WorkConnectedness.OrNaN());

    /// <summary>The same rows in the same order: numbers to 1e-9, undefined (null) where the other is.</summary>
    private static void SameRows<T>(IReadOnlyList<T> expected, IReadOnlyList<T> actual) where T : notnull
    {
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
            foreach (var property in typeof(T).GetProperties())
            {
                object? e = property.GetValue(expected[i]), a = property.GetValue(actual[i]);
                var same = e is double x && a is double y ? Same(x, y) : Equals(e, a);
                Assert.True(same, $"{typeof(T).Name} row {i} ({expected[i]}): {property.Name} is {a}, a rebuild gives {e}");
            }
    }

    private static string Key(TieRecord t) => $"{t.Source}|{t.Target}|{t.Kind}|{t.Strength:R}|{t.Since}|{t.Until}";

    private static string[] Ids(SocialGraph graph, ReadOnlySpan<int> nodes)
    {
        var ids = new string[nodes.Length];
        for (var i = 0; i < ids.Length; i++) ids[i] = graph.Id(nodes[i]);
        Array.Sort(ids, StringComparer.Ordinal);
        return ids;
    }

    /// <summary>A live node's per-contact values in the order of the rebuilt node's contacts (indices differ).</summary>
    private static T[] Reorder<T>(SocialGraph live, int u, T[] values, SocialGraph rebuilt, int r)
    {
        var neighbors = live.Neighbors(u).ToArray();
        var result = new T[values.Length];
        var order = rebuilt.Neighbors(r);
        for (var i = 0; i < order.Length; i++) result[i] = values[Array.IndexOf(neighbors, live.IndexOf(rebuilt.Id(order[i])))];
        return result;
    }
}
