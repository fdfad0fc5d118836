using System.Text.Json;
using SocialCapital.Api.Tests.Infrastructure;
using SocialCapital.Model;

namespace SocialCapital.Api.Tests.Security.Owasp;

/// <summary>OWASP API6:2023 Unrestricted Access to Sensitive Business Flows: the what-if flow used for differencing
/// (issue 15, point 1) — an analyst proposing one friend tie from a fixed out-of-work citizen to each target and reading
/// which area's measures moved.</summary>
[Collection(CityReadersCollection.Name)]
public class Api6UnrestrictedAccessToSensitiveBusinessFlowsTests(CityApi city)
{
    private static readonly IReadOnlyList<NodeRecord> Targets =
        [.. Samples.City.Nodes.Where(n => n.Kind == NodeKind.Citizen).Where((_, i) => i % 97 == 0).Take(60)];

    private static readonly string Probe =
        Samples.City.Nodes.First(n => n.Kind == NodeKind.Citizen && n.Employment == Employment.Unemployed).Id;

    [Fact]
    public async Task WhatIf_AnalystSingleTieDifferencingOver60Targets_EveryProbeRefusedAndNothingLearnt()
    {
        Assert.Equal(60, Targets.Count);
        foreach (var target in Targets)
        {
            using var response = await city.Api.Analyst.PostJsonAsync("/what-if", new
            {
                ties = new[] { new { source = Probe, target = target.Id, kind = "friend" } },
            });
            var problem = await response.AssertProblemAsync(403);
            var text = problem.ToString();
            Assert.DoesNotContain("gainingInWorkContact", text, StringComparison.Ordinal);
            Assert.DoesNotContain(target.Id, text, StringComparison.Ordinal); // no echo, no "unknown id" vs "exists"
        }
    }

    [Fact]
    public async Task WhatIf_AnalystWithTheProgrammeApi_CannotAddressATargetSoGuessesNoBetterThanChance()
    {
        // The only request an analyst may send names an area and a count: the body for target t is the same bytes for
        // every t, so the answer is the same, so is any guess made from it, and over 60 targets its accuracy is the base
        // rate of the guessed class — chance.
        var bodies = Targets.Select(_ => JsonSerializer.Serialize(new { programme = new { area = "A1", citizens = 10 } })).Distinct().ToArray();
        var body = Assert.Single(bodies);
        using var response = await city.Api.Analyst.PostAsync(new Uri("/what-if", UriKind.Relative), Http.Json(body));
        var answer = (await response.JsonAsync(200)).ToString();
        var guessInWork = answer.GetHashCode(StringComparison.Ordinal) % 2 == 0; // any function of the answer: one guess for all
        var correct = Targets.Count(t => (t.Employment is Employment.Employed or Employment.SelfEmployed) == guessInWork);
        var inWork = Targets.Count(t => t.Employment is Employment.Employed or Employment.SelfEmployed);
        Assert.True(correct <= Math.Max(inWork, Targets.Count - inWork), $"{correct}/60 beats the base rate");
    }

    [Theory]
    [InlineData("""{"programme":{"area":"A1","citizens":10,"citizen":"p00007"}}""", 400)]      // no field carries an id
    [InlineData("""{"programme":{"area":"p00007","citizens":10}}""", 404)]                    // an id is no area
    [InlineData("""{"programme":{"area":"A1","citizens":11}}""", 400)]                        // N and N+1 never both answer
    [InlineData("""{"programme":{"area":"A1","citizens":1}}""", 400)]                         // nor a programme of one
    [InlineData("""{"programme":{"area":"A1","citizens":10},"assignment":[]}""", 403)]        // nor a programme plus pairs
    public async Task WhatIf_AnalystTryingToSingleSomebodyOut_Refused(string body, int status)
    {
        using var response = await city.Api.Analyst.PostAsync(new Uri("/what-if", UriKind.Relative), Http.Json(body));
        var problem = await response.AssertProblemAsync(status);
        Assert.DoesNotContain("gainingInWorkContact", problem.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WhatIf_ProgrammesTenApart_DifferByAWholeCellOfCitizens()
    {
        using var ten = await city.Api.Analyst.PostJsonAsync("/what-if", new { programme = new { area = "A3", citizens = 10 } });
        using var twenty = await city.Api.Analyst.PostJsonAsync("/what-if", new { programme = new { area = "A3", citizens = 20 } });
        var a = (await ten.JsonAsync(200)).GetProperty("programme").GetProperty("mentoredCitizens").GetInt32();
        var b = (await twenty.JsonAsync(200)).GetProperty("programme").GetProperty("mentoredCitizens").GetInt32();
        Assert.Equal(0, a % 10);
        Assert.Equal(0, b % 10);
    }
}
