using System.Globalization;
using SocialCapital.Api.Tests.Infrastructure;

namespace SocialCapital.Api.Tests.Endpoints;

/// <summary><c>GET /areas</c> on the toy with MinCellSize 1: the oracle values of data-samples/toy/expected_areas.csv.</summary>
public class AreaEndpointsOracleTests(ToyApiWithoutSuppression toy) : IClassFixture<ToyApiWithoutSuppression>
{
    [Fact]
    public async Task List_ToyWithMinCellSizeOne_EqualsTheOracle()
    {
        using var response = await toy.Api.Analyst.GetAsync("/areas");
        var areas = (await response.JsonAsync(200)).Items().ToDictionary(a => a.Str("area"), StringComparer.Ordinal);
        var lines = File.ReadAllLines(Path.Combine(Repo.Sample("toy"), "expected_areas.csv")).Where(l => l.Length > 0).ToArray();
        var header = lines[0].Split(',');
        Assert.Equal(lines.Length - 1, areas.Count);
        foreach (var cells in lines.Skip(1).Select(l => l.Split(',')))
        {
            var area = areas[cells[0]];
            Assert.False(area.GetProperty("suppressed").GetBoolean());
            Assert.Equal(int.Parse(cells[1], CultureInfo.InvariantCulture), area.GetProperty("people").GetInt32());
            foreach (var (column, json) in new[]
                     {
                         ("economic_connectedness", "economicConnectedness"), ("exposure", "exposure"), ("friending_bias", "friendingBias"),
                         ("work_connectedness", "workConnectedness"), ("clustering", "clustering"), ("support_ratio", "supportRatio"),
                     })
            {
                var expected = double.Parse(cells[Array.IndexOf(header, column)], CultureInfo.InvariantCulture);
                Assert.True(Math.Abs(area.GetProperty(json).GetDouble() - expected) <= 1e-6, $"{cells[0]} {json}: expected {expected}, got {area.GetProperty(json)}");
            }
        }
    }
}
