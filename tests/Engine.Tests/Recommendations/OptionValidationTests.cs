using SocialCapital.Metrics;
using SocialCapital.Model;
using SocialCapital.Recommendations;

namespace SocialCapital.Tests.Recommendations;

/// <summary>Each options type's <c>Validate()</c> lists every refused value by name, and the analyses refuse the same
/// values with <see cref="InvalidOptionsException"/> carrying the same problems.</summary>
public class OptionValidationTests
{
    [Fact]
    public void Validate_Defaults_NoProblems()
    {
        Assert.Empty(MatchOptions.Default.Validate());
        Assert.Empty(MatchWeights.Default.Validate());
        Assert.Empty(CohortOptions.Default.Validate());
        Assert.Empty(WhatIfOptions.Default.Validate());
        Assert.Empty(AreaMetricsOptions.Default.Validate());
    }

    [Fact]
    public void Validate_TopZero_AcceptedAsAll()
    {
        Assert.Empty(new MatchOptions { Top = 0 }.Validate());
        Assert.Empty(new MatchOptions { Top = 1_000_000 }.Validate());
        Assert.Equal(["Top"], new MatchOptions { Top = -1 }.Validate().Select(p => p.Option));
    }

    [Fact]
    public void Validate_SeveralBadValues_EveryOneNamedWithNestedPaths()
    {
        var options = new CohortOptions
        {
            MaxPerCitizen = 0,
            CandidatesPerCitizen = -1,
            Match = new MatchOptions { Top = -2, Weights = new MatchWeights { GoalFit = double.NaN } },
        };
        var problems = options.Validate();
        Assert.Equal(["MaxPerCitizen", "CandidatesPerCitizen", "Match.Top", "Match.Weights.GoalFit"], problems.Select(p => p.Option));
        Assert.Equal("0", problems[0].Value);
        Assert.Equal("MaxPerCitizen must be at least 1 (got 0).", problems[0].ToString());
    }

    [Fact]
    public void Validate_WhatIf_NamesEffectBaselineAndNestedAreaOptions()
    {
        var problems = new WhatIfOptions
        {
            EffectPerInWorkContact = double.PositiveInfinity,
            BaselineMoveRate = 1.5,
            Areas = new AreaMetricsOptions { MinCellSize = -1 },
        }.Validate();
        Assert.Equal(["EffectPerInWorkContact", "BaselineMoveRate", "Areas.MinCellSize"], problems.Select(p => p.Option));
    }

    [Fact]
    public void Validate_AllWeightsZero_OneProblemForTheSum()
    {
        var zero = new MatchWeights { GoalFit = 0, Bridging = 0, Proximity = 0, Locality = 0, Capacity = 0 };
        Assert.Equal(["Sum"], zero.Validate().Select(p => p.Option));
    }

    [Fact]
    public void Analysis_InvalidOptions_ThrowsWithTheValidateProblems()
    {
        var graph = TestData.LoadGraph("toy");
        var options = new AreaMetricsOptions { MinCellSize = -1, ConfidenceLevel = 1 };
        var e = Assert.Throws<InvalidOptionsException>(() => AreaMetrics.Compute(graph, options));
        Assert.Equal(options.Validate(), e.Problems);
        Assert.Contains("MinCellSize must be 0 (no suppression) or more (got -1).", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MentoringTies_Pairs_OneMentoringTieFromMentorToCitizenEach()
    {
        var ties = WhatIf.MentoringTies([("c1", "m1"), ("c2", "m1")]);
        Assert.Equal([new TieRecord("m1", "c1", TieKind.Mentoring), new TieRecord("m1", "c2", TieKind.Mentoring)], ties);
    }
}
