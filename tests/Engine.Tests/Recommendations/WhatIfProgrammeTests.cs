using SocialCapital.Graph;
using SocialCapital.Interchange;
using SocialCapital.Metrics;
using SocialCapital.Model;
using SocialCapital.Recommendations;
using SocialCapital.Storage;

namespace SocialCapital.Tests.Recommendations;

/// <summary><see cref="WhatIf.EvaluateProgramme"/> on the 10k city: citizens chosen by rule, mentors by the optimal cohort
/// assignment, only aggregates out.</summary>
public class WhatIfProgrammeTests
{
    private static readonly Lazy<Dataset> City = new(() => Dataset.Load(TestData.Sample("city-10k")));

    private static readonly WhatIfOptions Options = new() { Graph = new GraphOptions { AsOf = new DateOnly(2026, 1, 1) } };

    private static readonly NoiseOptions Noisy = new() { Epsilon = 1, Key = "a server secret of 32 bytes......"u8.ToArray() };

    [Fact]
    public void EvaluateProgramme_SameProgrammeTwice_IdenticalAnswers()
    {
        var programme = new Programme { Area = "A2", Citizens = 20 };
        var first = WhatIf.EvaluateProgramme(City.Value, programme, Options with { Noise = Noisy, Release = "7" });
        var second = WhatIf.EvaluateProgramme(City.Value, programme, Options with { Noise = Noisy, Release = "7" });
        Assert.Equal(first.Areas, second.Areas);
        Assert.Equal((first.Citizens, first.MentoredCitizens), (second.Citizens, second.MentoredCitizens));
    }

    [Fact]
    public void EvaluateProgramme_SameAreaPool_ReportsOnlyTheProgrammesArea()
    {
        var result = WhatIf.EvaluateProgramme(City.Value, new Programme { Area = "A2", Citizens = 30 }, Options);
        Assert.Equal(["A2"], result.Areas.Select(a => a.Area));
        Assert.Equal(30, result.Citizens);
        Assert.True(result.MentoredCitizens >= 10 && result.MentoredCitizens % 10 == 0 && result.MentoredCitizens <= 30);
        var change = result.Areas[0];
        Assert.True(change.BridgingShareAfter != change.BridgingShareBefore);
        Assert.True(change.GainingInWorkContact is null or >= 10); // a count of fewer than the cell size is never published
    }

    [Fact]
    public void EvaluateProgramme_NoNoise_BeforeEqualsTheAreaMeasures()
    {
        var result = WhatIf.EvaluateProgramme(City.Value, new Programme { Area = "A4", Citizens = 10, Pool = MentorPool.AnyArea }, Options);
        var areas = AreaMetrics.Compute(City.Value.ToGraph(Options.Graph), Options.Areas with { BootstrapResamples = 0 }).ToDictionary(a => a.Area);
        Assert.Contains(result.Areas, a => a.Area == "A4");
        foreach (var change in result.Areas)
        {
            // To rounding: the what-if sums its area totals as the live graph does (LiveMeasures), AreaMetrics in another order.
            Assert.Equal(areas[change.Area].EconomicConnectedness.OrNaN(), change.EconomicConnectednessBefore.OrNaN(), 12);
            Assert.Equal(areas[change.Area].WorkConnectedness.OrNaN(), change.WorkConnectednessBefore.OrNaN(), 12);
            Assert.Equal(areas[change.Area].BridgingShare.OrNaN(), change.BridgingShareBefore.OrNaN(), 12);
        }
    }

    [Fact]
    public void EvaluateProgramme_Noise_BeforeEqualsTheNoisyPublishedAreaMeasuresOfTheRelease()
    {
        var options = Options with { Noise = Noisy, Release = "42" };
        // A2: pending proposals hold some of A1's places in the city with a programme (issue 16).
        var result = WhatIf.EvaluateProgramme(City.Value, new Programme { Area = "A2", Citizens = 10 }, options);
        var exact = AreaMetrics.Compute(City.Value.ToGraph(Options.Graph), Options.Areas with { BootstrapResamples = 0 });
        var published = PublishedNoise.Apply(exact, Noisy, "42", Options.Areas.MinCellSize).Single(a => a.Area == "A2");
        var change = result.Areas.Single(a => a.Area == "A2");
        Assert.Equal(published.EconomicConnectedness.OrNaN(), change.EconomicConnectednessBefore.OrNaN(), 12);
        Assert.Equal(published.WorkConnectedness.OrNaN(), change.WorkConnectednessBefore.OrNaN(), 12);
        Assert.NotEqual(exact.Single(a => a.Area == "A2").WorkConnectedness, change.WorkConnectednessBefore);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(9)]
    public void EvaluateProgramme_FewerCitizensThanTheCellSize_Refused(int citizens)
    {
        var e = Assert.Throws<InvalidOptionsException>(() => WhatIf.EvaluateProgramme(City.Value, new Programme { Area = "A1", Citizens = citizens }, Options));
        Assert.Contains(e.Problems, p => p.Option == nameof(Programme.Citizens) && p.Reason.Contains("minimum cell size (10)", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(11)]
    [InlineData(25)]
    public void EvaluateProgramme_NotAMultipleOfTheCellSize_Refused(int citizens)
    {
        var e = Assert.Throws<InvalidOptionsException>(() => WhatIf.EvaluateProgramme(City.Value, new Programme { Area = "A1", Citizens = citizens }, Options));
        Assert.Contains(e.Problems, p => p.Option == nameof(Programme.Citizens) && p.Reason.Contains("multiple", StringComparison.Ordinal));
    }

    [Fact]
    public void EvaluateProgramme_UnknownAreaOrTooManyCitizens_RefusedWithoutACount()
    {
        var unknown = Assert.Throws<InvalidOptionsException>(() => WhatIf.EvaluateProgramme(City.Value, new Programme { Area = "Z9", Citizens = 10 }, Options));
        Assert.Equal(nameof(Programme.Area), unknown.Problems.Single().Option);
        var many = Assert.Throws<InvalidOptionsException>(() => WhatIf.EvaluateProgramme(City.Value, new Programme { Area = "A1", Citizens = 100_000 }, Options));
        Assert.Equal(nameof(Programme.Citizens), many.Problems.Single().Option);
        Assert.DoesNotMatch("[0-9]{2,}[^0-9]*$", many.Problems.Single().Reason); // says "more than the area's …", never how many
    }

    [Fact]
    public void AssignCapped_AtMostOnePerMentor_CapacityAndFreePlacesRespected()
    {
        // At most one citizen per mentor: the assignment never gives a mentor more programme citizens than that.
        var graph = City.Value.ToGraph(Options.Graph);
        var chosen = Chosen(graph, new Programme { Area = "A3", Citizens = 40 });
        var capped = CohortAssignment.AssignCapped(graph, new CohortOptions { Citizens = chosen, Match = MatchOptions.Default with { Top = 0 } }, 1);
        Assert.All(capped.Pairs.GroupBy(p => p.Mentor), g => Assert.Single(g));
        var free = CohortAssignment.Assign(graph, new CohortOptions { Citizens = chosen, Match = MatchOptions.Default with { Top = 0 } });
        Assert.All(free.Pairs.GroupBy(p => p.Mentor), g =>
        {
            graph.TryGetIndex(g.Key, out var m);
            Assert.True(g.Count() <= MentorIndex.FreePlaces(graph, m));
        });
    }

    [Fact]
    public void EvaluateProgramme_Selection_DeterministicFewestBridgingTiesThenId()
    {
        var graph = City.Value.ToGraph(Options.Graph);
        var ten = Chosen(graph, new Programme { Area = "A5", Citizens = 10 });
        var twenty = Chosen(graph, new Programme { Area = "A5", Citizens = 20 });
        Assert.Equal(ten, twenty.Take(10)); // a larger programme reaches the smaller one's citizens and more
        var bridging = twenty.Select(id => { graph.TryGetIndex(id, out var u); return (CohortAssignment.BridgingContacts(graph, u), id); }).ToArray();
        Assert.Equal(bridging.OrderBy(b => b.Item1).ThenBy(b => b.id, StringComparer.Ordinal), bridging);
        Assert.All(twenty, id =>
        {
            graph.TryGetIndex(id, out var u);
            Assert.Equal((NodeKind.Citizen, "A5", WorkStatus.OutOfWork, false), (graph.Kind(u), graph.Area(u), graph.WorkStatus(u), graph.Mentoring.HasCurrentMentor(u)));
        });
    }

    [Fact]
    public void EvaluateProgramme_AnyAreaPool_ReportsTheMentorsAreasToo()
    {
        var result = WhatIf.EvaluateProgramme(City.Value, new Programme { Area = "A1", Citizens = 50, Pool = MentorPool.AnyArea, MaxPerMentor = 1 }, Options);
        Assert.Contains(result.Areas, a => a.Area == "A1");
        Assert.Equal(result.Areas.Select(a => a.Area).Order(StringComparer.Ordinal), result.Areas.Select(a => a.Area));
    }

    [Fact]
    public void EvaluateProgramme_FromASnapshotFile_SameAnswerAsFromTheRecords()
    {
        // The file's graph is used as it is and its ties found from their columns: the answer is the one a build gives.
        var path = Path.Combine(Path.GetTempPath(), $"whatif-{Guid.NewGuid():N}.scg");
        try
        {
            SnapshotFile.Write(City.Value, City.Value.ToGraph(Options.Graph), path);
            var file = SnapshotFile.Read(path);
            foreach (var programme in new[] { new Programme { Area = "A3", Citizens = 20 }, new Programme { Area = "A1", Citizens = 30, Pool = MentorPool.AnyArea, MaxPerMentor = 1 } })
            {
                var expected = WhatIf.EvaluateProgramme(City.Value, programme, Options);
                var actual = WhatIf.EvaluateProgramme(file.Dataset, programme, Options, file.Graph);
                Assert.Equal(expected.Areas, actual.Areas);
                Assert.Equal(expected.MentoredCitizens, actual.MentoredCitizens);
            }
            Assert.Throws<ArgumentException>(() => WhatIf.EvaluateProgramme(file.Dataset, new Programme { Area = "A3", Citizens = 20 },
                Options with { Graph = new GraphOptions { AsOf = new DateOnly(2025, 1, 1) } }, file.Graph));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Validate_BadDescription_NamesEachField()
    {
        var problems = new Programme { Area = " ", Citizens = 0, Which = (ProgrammeCitizens)7, Pool = (MentorPool)9, MaxPerMentor = -1 }.Validate();
        Assert.Equal(["Area", "Citizens", "Which", "Pool", "MaxPerMentor"], problems.Select(p => p.Option));
    }

    /// <summary>The citizens the programme chooses (the engine's own rule).</summary>
    private static List<string> Chosen(SocialGraph graph, Programme programme) => WhatIf.Choose(graph, programme);
}
