using System.Globalization;
using SocialCapital.Api.Tests.Infrastructure;

namespace SocialCapital.Api.Tests.Endpoints;

/// <summary><c>GET /people/{id}/betweenness</c>: the toy's values equal networkx's
/// (tests/Engine.Tests/Metrics/Oracles/betweenness/toy/expected_betweenness.csv).</summary>
[Collection(ToyReadersCollection.Name)]
public class PeopleEndpointsBetweennessTests(ToyApi toy)
{
    public static TheoryData<string> ToyPeople() => [.. Samples.Toy.Nodes.Select(n => n.Id)];

    [Theory]
    [MemberData(nameof(ToyPeople))]
    public async Task Get_ToyPerson_EqualsTheOracleExactly(string id)
    {
        using var response = await toy.Api.Coach.GetAsync($"/people/{id}/betweenness");
        var body = await response.JsonAsync(200);
        Assert.Equal(id, body.Str("id"));
        Assert.True(body.GetProperty("exact").GetBoolean());
        Assert.Equal(Samples.Toy.Nodes.Count, body.GetProperty("pivots").GetInt32());
        Assert.Equal(0, body.GetProperty("errorBound").GetDouble());
        var expected = Expected()[id];
        var actual = body.GetProperty("betweenness").GetDouble();
        Assert.True(Math.Abs(expected - actual) <= 1e-9, $"{id}: expected {expected:R}, got {actual:R}");
    }

    [Fact]
    public async Task Get_UnknownPerson_404()
    {
        using var response = await toy.Api.Coach.GetAsync("/people/nobody/betweenness");
        await response.AssertProblemAsync(404);
    }

    private static Dictionary<string, double> Expected() =>
        File.ReadAllLines(Path.Combine(Repo.Root, "tests", "Engine.Tests", "Metrics", "Oracles", "betweenness", "toy", "expected_betweenness.csv"))
            .Skip(1).Where(l => l.Length > 0).Select(l => l.Split(','))
            .ToDictionary(c => c[0], c => double.Parse(c[1], CultureInfo.InvariantCulture), StringComparer.Ordinal);
}
