using System.Text.Json;
using SocialCapital.Api.Tests.Infrastructure;

namespace SocialCapital.Api.Tests.Security.Owasp;

/// <summary>OWASP API3:2023 Broken Object Property Level Authorization (excessive data exposure): no per-person field and
/// no cell of fewer than Analysis:MinCellSize people in any answer an analyst can get.</summary>
[Collection(CityReadersCollection.Name)]
public class Api3BrokenObjectPropertyLevelAuthorizationTests(CityApi city)
{
    private const int MinCellSize = 10;

    [Theory]
    [InlineData("/areas")]
    [InlineData("/areas/A1")]
    [InlineData("/groups?pageSize=500")]
    public async Task AnalystReads_NameNoIndividual(string url)
    {
        using var response = await city.Api.Analyst.GetAsync(url);
        Privacy.AssertNoIndividuals(await response.JsonAsync(200), Samples.City);
    }

    [Theory]
    [InlineData("A1", "out_of_work", "same_area")]
    [InlineData("A2", "fewest_bridging_ties", "any_area")]
    public async Task AnalystProgramme_NoPerPersonFieldAndNoCountBelowTheCellSize(string area, string which, string pool)
    {
        using var response = await city.Api.Analyst.PostJsonAsync("/what-if", new { programme = new { area, citizens = 20, which, pool } });
        var body = await response.JsonAsync(200);
        Privacy.AssertNoIndividuals(body, Samples.City);
        Assert.Equal(JsonValueKind.Null, body.GetProperty("proposedTies").ValueKind); // the exact number of pairs is not published
        Assert.True(body.GetProperty("programme").GetProperty("mentoredCitizens").GetInt32() is >= MinCellSize and <= 20);
        foreach (var change in body.Items("areas"))
        {
            var gaining = change.GetProperty("gainingInWorkContact");
            Assert.True(gaining.ValueKind == JsonValueKind.Null || gaining.GetInt32() >= MinCellSize, $"a cell of fewer than {MinCellSize}: {change}");
            if (gaining.ValueKind == JsonValueKind.Null) Assert.Equal(JsonValueKind.Null, change.GetProperty("extraMovesIntoWork").ValueKind);
        }
    }

    [Fact]
    public async Task AnalystNamedWhatIf_NoPerAreaGainForASingleTie()
    {
        // The field that gave the attack away (gainingInWorkContact for one proposed tie) never reaches an analyst.
        using var response = await city.Api.Analyst.PostJsonAsync("/what-if", new
        {
            assignment = new[] { new { citizen = "p00007", mentor = "p03987" } },
        });
        var problem = await response.AssertProblemAsync(403);
        Assert.False(problem.TryGetProperty("areas", out _));
    }
}
