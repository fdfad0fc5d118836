using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using SocialCapital.Graph;
using SocialCapital.Model;
using SocialCapital.Recommendations;

namespace SocialCapital.Tests.Recommendations;

/// <summary>Mentor matching through the per-snapshot mentor index (and the bounded top-k heap) gives exactly what a
/// brute-force scan of every node gives: the same mentors in the same order, the same scores and components to
/// the bit, the same counts of ineligible mentors and the same reasons. Random small cities with mentors at,
/// over and under capacity, without a stated capacity, without an area or a sector, citizens without an area,
/// goals named like sectors, past and current mentoring, excluded pairs, and weights that make scores tie.</summary>
public class MentorIndexTests
{
    private static readonly GraphOptions AsOf = new() { AsOf = new DateOnly(2026, 1, 1) };
    private static readonly string[] Areas = ["A", "B", "C"];
    private static readonly string[] Sectors = ["health", "retail", "digital"];
    private static readonly string[] Terms = ["health", "retail", "cv_writing", "forklift", "digital", "bookkeeping"];
    private static readonly string[] Languages = ["en", "pl", "fr"];
    private static readonly TieKind[] ContactKinds = [TieKind.Friend, TieKind.Family, TieKind.Acquaintance, TieKind.Colleague];
    private static readonly MatchWeights[] Weights =
    [
        MatchWeights.Default,
        new() { GoalFit = 0, Bridging = 0, Proximity = 0, Locality = 1, Capacity = 0 }, // many equal scores: ties broken by Adamic–Adar, then id
        new() { GoalFit = 0, Bridging = 0, Proximity = 0, Locality = 0, Capacity = 1 },
        new() { GoalFit = 1, Bridging = 0.5, Proximity = 0, Locality = 0, Capacity = 0 },
    ];

    [Property(MaxTest = 300)]
    public Property ForCitizen_EveryCitizen_EqualsBruteForce() =>
        Prop.ForAll(Gen.Choose(1, 40).ToArbitrary(), Gen.Choose(0, int.MaxValue - 1).ToArbitrary(), Gen.Choose(0, 9).ToArbitrary(),
            (people, seed, variant) =>
            {
                var graph = City(people, seed, citizensOnly: variant == 9);
                var random = new Random(seed);
                foreach (var citizen in Enumerable.Range(0, graph.NodeCount).Where(u => graph.Kind(u) == NodeKind.Citizen))
                    foreach (var options in Options(graph, citizen, random))
                        AssertSameAsBruteForce(graph, citizen, options);
            });

    [Property(MaxTest = 200)]
    public Property Candidates_EqualBruteForce_InMentorOrder() =>
        Prop.ForAll(Gen.Choose(1, 40).ToArbitrary(), Gen.Choose(0, int.MaxValue - 1).ToArbitrary(), (people, seed) =>
        {
            var graph = City(people, seed, citizensOnly: false);
            var random = new Random(seed);
            foreach (var citizen in Enumerable.Range(0, graph.NodeCount).Where(u => graph.Kind(u) == NodeKind.Citizen))
                foreach (var options in Options(graph, citizen, random))
                {
                    var counts = new IneligibleCounts();
                    var actual = new MatchScorer(graph, options).Candidates(citizen, counts);
                    var (expected, expectedCounts) = BruteForce(graph, citizen, options);
                    Assert.Equal(expected, actual); // ScoredPair is a record struct: every field, doubles exactly
                    AssertSameCounts(expectedCounts, counts);
                }
        });

    [Property(MaxTest = 200)]
    public Property Index_ListsTheFreeMentors_ByArea() =>
        Prop.ForAll(Gen.Choose(1, 40).ToArbitrary(), Gen.Choose(0, int.MaxValue - 1).ToArbitrary(), (people, seed) =>
        {
            var graph = City(people, seed, citizensOnly: false);
            var index = MentorIndex.Of(graph);
            var mentors = Enumerable.Range(0, graph.NodeCount).Where(u => graph.Kind(u) == NodeKind.Mentor).ToArray();
            var free = mentors.Where(m => graph.Capacity(m) is { } c && c > graph.Mentoring.CurrentMentees(m)).ToArray();
            Assert.Equal(mentors.Length, index.MentorCount);
            Assert.Equal(free, index.Mentors);
            Assert.Equal(Enumerable.Range(0, free.Length), index.All);
            for (var p = 0; p < free.Length; p++)
            {
                var m = free[p];
                Assert.Equal(graph.Nodes.AreaCodes[m], index.Areas[p]);
                Assert.Equal(graph.Nodes.Languages.Of(m).ToArray(), index.Languages.Of(p).ToArray());
                Assert.Equal(graph.Nodes.Skills.Of(m).ToArray(), index.Skills.Of(p).ToArray());
            }
            for (var area = 0; area < graph.Nodes.AreaNames.Length; area++)
                Assert.Equal(free.Select((m, p) => (m, p)).Where(x => graph.Nodes.AreaCodes[x.m] == area).Select(x => x.p), index.InArea(area));
            Assert.Empty(index.InArea(graph.Nodes.AreaNames.Length));
        });

    [Fact]
    public void ForCitizen_OnlyCitizens_NoMatchesAndNothingIneligible()
    {
        var graph = new SocialGraphBuilder()
            .AddNodes([TestData.Citizen("a", "X"), TestData.Citizen("b", "X"), TestData.Citizen("c")])
            .AddTies([TestData.Friend("a", "b"), TestData.Friend("b", "c")])
            .Build(AsOf);
        foreach (var id in new[] { "a", "c" })
            foreach (var anyArea in new[] { false, true })
            {
                var result = MentorMatching.ForCitizen(graph, id, new MatchOptions { AnyArea = anyArea });
                Assert.Empty(result.Matches);
                Assert.Equal(0, result.Eligible);
                Assert.Equal("", result.Ineligible.ToString());
            }
        Assert.Equal((0, 0), (MentorIndex.Of(graph).MentorCount, MentorIndex.Of(graph).Count));
    }

    [Fact]
    public void ForCitizen_MentorsAtCapacityOrWithoutArea_CountedNotMatched()
    {
        var graph = new SocialGraphBuilder()
            .AddNodes([
                TestData.Citizen("c", "X"), TestData.Citizen("nowhere"), TestData.Citizen("d", "X"),
                new NodeRecord("full", NodeKind.Mentor) { Area = "X", Capacity = 1 },
                new NodeRecord("zero", NodeKind.Mentor) { Area = "X", Capacity = 0 },
                new NodeRecord("unstated", NodeKind.Mentor) { Area = "X" },
                new NodeRecord("homeless", NodeKind.Mentor) { Capacity = 2 },
                new NodeRecord("local", NodeKind.Mentor) { Area = "X", Capacity = 2 },
            ])
            .AddTies([new TieRecord("full", "d", TieKind.Mentoring)])
            .Build(AsOf);
        var same = MentorMatching.ForCitizen(graph, "c");
        Assert.Equal(["local"], same.Matches.Select(m => m.Mentor));
        Assert.Equal((3, 1), (same.Ineligible.NoFreePlace, same.Ineligible.OtherArea));
        var any = MentorMatching.ForCitizen(graph, "c", new MatchOptions { AnyArea = true });
        Assert.Equal(["local", "homeless"], any.Matches.Select(m => m.Mentor));
        var nowhere = MentorMatching.ForCitizen(graph, "nowhere");
        Assert.Empty(nowhere.Matches);
        Assert.Equal((3, 2), (nowhere.Ineligible.NoFreePlace, nowhere.Ineligible.OtherArea));
        Assert.Equal(["homeless", "local"], MentorMatching.ForCitizen(graph, "nowhere", new MatchOptions { AnyArea = true }).Matches.Select(m => m.Mentor).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Of_ManyThreadsAtOnce_BuildsOneIndexPerSnapshot()
    {
        var graph = City(40, 7, citizensOnly: false);
        var seen = new MentorIndex[64];
        Parallel.For(0, seen.Length, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i => seen[i] = MentorIndex.Of(graph));
        Assert.All(seen, index => Assert.Same(seen[0], index));
        var other = graph.WithTiePolicy(graph.TiePolicy);
        Assert.NotSame(seen[0], MentorIndex.Of(other));
        Assert.Equal(seen[0].Mentors, MentorIndex.Of(other).Mentors);
    }

    [Fact]
    public void Of_BuildThrows_NotKeptAndTheNextCallBuildsAgain()
    {
        var graph = City(40, 11, citizensOnly: false);
        var builds = 0;
        MentorIndex FailingFirst(SocialGraph g) =>
            Interlocked.Increment(ref builds) == 1 ? throw new InvalidOperationException("first build fails") : MentorIndex.Build(g);

        Assert.Equal("first build fails", Assert.Throws<InvalidOperationException>(() => MentorIndex.Of(graph, FailingFirst)).Message);
        var index = MentorIndex.Of(graph, FailingFirst);
        Assert.Equal(2, builds);
        Assert.Same(index, MentorIndex.Of(graph));
        Assert.Same(index, MentorIndex.Of(graph, FailingFirst));
        Assert.Equal(2, builds);
        Assert.Equal(MentorIndex.Build(graph).Mentors, index.Mentors);
    }

    [Fact]
    public void Of_BuildThrowsWhileManyThreadsWait_OneMoreBuildServesEveryLaterCall()
    {
        var graph = City(40, 12, citizensOnly: false);
        var builds = 0;
        MentorIndex FailingFirst(SocialGraph g)
        {
            if (Interlocked.Increment(ref builds) > 1) return MentorIndex.Build(g);
            Thread.Sleep(50); // let the other threads find the failing build and wait for it
            throw new InvalidOperationException("first build fails");
        }

        var seen = new MentorIndex?[64];
        var failed = 0;
        Parallel.For(0, seen.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            try { seen[i] = MentorIndex.Of(graph, FailingFirst); }
            catch (InvalidOperationException) { Interlocked.Increment(ref failed); }
        });
        var index = MentorIndex.Of(graph, FailingFirst);
        Assert.InRange(failed, 1, seen.Length);
        Assert.Equal(2, builds); // the failed one and one more: a late witness of the failure removes no newer build
        Assert.All(seen.Where(x => x is not null), x => Assert.Same(index, x));
        Assert.Same(index, MentorIndex.Of(graph));
    }

    /// <summary>A few option sets for one citizen: both area rules, several tops (0 = all, 1, fewer and more than
    /// the mentors), the weight sets, and sometimes an excluded pair.</summary>
    private static IEnumerable<MatchOptions> Options(SocialGraph graph, int citizen, Random random)
    {
        var mentors = Enumerable.Range(0, graph.NodeCount).Where(u => graph.Kind(u) == NodeKind.Mentor).ToArray();
        foreach (var anyArea in new[] { false, true })
            foreach (var top in new[] { 0, 1, 3, 10 })
            {
                (string, string)[] excluded = mentors.Length > 0 && random.Next(3) == 0
                    ? [(graph.Id(citizen), graph.Id(mentors[random.Next(mentors.Length)])), ("nobody", graph.Id(mentors[0]))]
                    : [];
                yield return new MatchOptions { AnyArea = anyArea, Top = top, Weights = Weights[random.Next(Weights.Length)], ExcludedPairs = excluded };
            }
    }

    private static void AssertSameAsBruteForce(SocialGraph graph, int citizen, MatchOptions options)
    {
        var result = MentorMatching.ForCitizen(graph, graph.Id(citizen), options);
        var (pairs, counts) = BruteForce(graph, citizen, options);
        var ranked = pairs.OrderByDescending(p => p.Score).ThenByDescending(p => p.AdamicAdar).ThenBy(p => p.Mentor).ToList();
        var expected = options.Top == 0 ? ranked : ranked.Take(options.Top).ToList();
        Assert.Equal(pairs.Count, result.Eligible);
        AssertSameCounts(counts, result.Ineligible);
        Assert.Equal(expected.Count, result.Matches.Count);
        var scorer = new MatchScorer(graph, options);
        for (var i = 0; i < expected.Count; i++)
        {
            var (e, a) = (expected[i], result.Matches[i]);
            Assert.Equal((graph.Id(citizen), graph.Id(e.Mentor), i + 1), (a.Citizen, a.Mentor, a.Rank));
            Assert.Equal((e.Score, e.GoalFit, e.Bridging, e.Proximity, e.Locality, e.Capacity, e.MutualContacts, e.AdamicAdar),
                (a.Score, a.GoalFit, a.Bridging, a.Proximity, a.Locality, a.Capacity, a.MutualContacts, a.AdamicAdar));
            Assert.Equal(scorer.Reasons(e), a.Reasons);
        }
    }

    private static void AssertSameCounts(IneligibleCounts expected, IneligibleCounts actual) =>
        Assert.Equal(
            (expected.NoFreePlace, expected.OtherArea, expected.PastOrCurrentMentor, expected.ExcludedByCaller, expected.NoSharedLanguage),
            (actual.NoFreePlace, actual.OtherArea, actual.PastOrCurrentMentor, actual.ExcludedByCaller, actual.NoSharedLanguage));

    /// <summary>The rules and the score written out plainly over every node, from the public accessors: every
    /// eligible pair in increasing mentor index, and the counts of the others.</summary>
    private static (List<ScoredPair> Pairs, IneligibleCounts Counts) BruteForce(SocialGraph graph, int citizen, MatchOptions options)
    {
        var counts = new IneligibleCounts();
        var pairs = new List<ScoredPair>();
        var area = graph.Area(citizen);
        var languages = graph.Languages(citizen);
        var goals = graph.Goals(citizen);
        var w = options.Weights;
        for (var m = 0; m < graph.NodeCount; m++)
        {
            if (graph.Kind(m) != NodeKind.Mentor) continue;
            var capacity = graph.Capacity(m);
            var free = capacity is { } k ? Math.Max(0, k - graph.Mentoring.CurrentMentees(m)) : 0;
            if (free == 0) { counts.NoFreePlace++; continue; }
            if (!options.AnyArea && (area is null || graph.Area(m) != area)) { counts.OtherArea++; continue; }
            if (graph.Mentoring.Ever(m, citizen)) { counts.PastOrCurrentMentor++; continue; }
            if (options.ExcludedPairs.Contains((graph.Id(citizen), graph.Id(m)))) { counts.ExcludedByCaller++; continue; }
            if (languages.Count > 0 && !graph.Languages(m).Any(languages.Contains)) { counts.NoSharedLanguage++; continue; }
            var mutual = 0;
            var adamicAdar = 0.0;
            foreach (var between in graph.Neighbors(citizen))
                if (graph.Neighbors(between).Contains(m)) { mutual++; adamicAdar += 1 / Math.Log(graph.Degree(between)); }
            var sector = graph.Sector(m);
            var skills = graph.Skills(m);
            var goalFit = goals.Count == 0 ? 0 : (double)goals.Count(g => skills.Contains(g) || g == sector) / goals.Count;
            var bridging = graph.BridgingScore(citizen, m);
            var x = mutual / 2.0;
            var proximity = x * Math.Exp(1 - x);
            var locality = area is not null && area == graph.Area(m) ? 1.0 : 0.0;
            var share = (double)free / capacity!.Value;
            var score = (w.GoalFit * goalFit + w.Bridging * bridging + w.Proximity * proximity + w.Locality * locality + w.Capacity * share) / w.Sum;
            pairs.Add(new ScoredPair(citizen, m, score, goalFit, bridging, proximity, locality, share, mutual, adamicAdar));
        }
        return (pairs, counts);
    }

    /// <summary>A random small city: citizens, mentors and coaches with random (often unknown) attributes, a
    /// group and an employer, contacts, and mentoring ties past, current and to come, some mentors over capacity.</summary>
    private static SocialGraph City(int people, int seed, bool citizensOnly)
    {
        var random = new Random(seed);
        string[] Some(string[] from) => [.. Enumerable.Range(0, random.Next(4)).Select(_ => from[random.Next(from.Length)])];
        var nodes = new List<NodeRecord>();
        for (var i = 0; i < people; i++)
        {
            var kind = citizensOnly ? NodeKind.Citizen : random.Next(10) switch { < 5 => NodeKind.Citizen, < 9 => NodeKind.Mentor, _ => NodeKind.Coach };
            nodes.Add(new NodeRecord($"p{random.Next(1000):D3}-{i}", kind)
            {
                Area = random.Next(4) == 0 ? null : Areas[random.Next(Areas.Length)],
                Employment = (Employment)random.Next(0, 7),
                AgeBand = (AgeBand)random.Next(0, 6),
                Ses = random.Next(4) == 0 ? null : Math.Round(random.NextDouble(), 3),
                Sector = random.Next(3) == 0 ? null : Sectors[random.Next(Sectors.Length)],
                Languages = Some(Languages),
                Skills = Some(Terms),
                Goals = Some(Terms),
                Capacity = kind == NodeKind.Citizen ? null : random.Next(6) switch { 0 => null, 1 => 0, var c => c - 1 },
            });
        }
        nodes.Add(new NodeRecord("group", NodeKind.PeerGroup) { Capacity = 5, Area = "A" });
        nodes.Add(new NodeRecord("employer", NodeKind.Employer) { Area = "B", Sector = "health" });
        var ties = new List<TieRecord>();
        for (var t = people < 2 ? 0 : random.Next(0, people * 3); t > 0; t--)
        {
            var a = random.Next(people);
            var b = random.Next(people - 1);
            if (b >= a) b++;
            ties.Add(new TieRecord(nodes[a].Id, nodes[b].Id, ContactKinds[random.Next(ContactKinds.Length)]));
        }
        var mentees = Enumerable.Range(0, people).Where(i => nodes[i].Kind == NodeKind.Citizen).ToArray();
        for (var i = 0; i < people && mentees.Length > 0; i++)
        {
            if (nodes[i].Kind != NodeKind.Mentor) continue;
            for (var j = random.Next((nodes[i].Capacity ?? 1) + 2); j > 0; j--) // up to one over capacity
            {
                var mentee = nodes[mentees[random.Next(mentees.Length)]].Id;
                ties.Add(random.Next(4) switch
                {
                    0 => new TieRecord(nodes[i].Id, mentee, TieKind.Mentoring) { Since = new DateOnly(2023, 1, 1), Until = new DateOnly(2024, 1, 1) },
                    1 => new TieRecord(nodes[i].Id, mentee, TieKind.Mentoring) { Since = new DateOnly(2027, 1, 1) },
                    _ => new TieRecord(nodes[i].Id, mentee, TieKind.Mentoring),
                });
            }
        }
        for (var i = 0; i < people; i++)
            if (random.Next(3) == 0)
                ties.Add(random.Next(2) == 0 ? new TieRecord(nodes[i].Id, "group", TieKind.Membership) : new TieRecord(nodes[i].Id, "employer", TieKind.Employment));
        return new SocialGraphBuilder().AddNodes(nodes).AddTies(ties).Build(AsOf);
    }
}
