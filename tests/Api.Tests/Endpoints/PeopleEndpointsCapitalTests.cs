using System.Globalization;
using SocialCapital.Api.Tests.Infrastructure;

namespace SocialCapital.Api.Tests.Endpoints;

/// <summary><c>GET /people/{id}/capital</c>: the toy's measures equal the oracle in data-samples/toy/expected_people.csv.</summary>
[Collection(ToyReadersCollection.Name)]
public class PeopleEndpointsCapitalTests(ToyApi toy)
{
    public static TheoryData<string> ToyPeople() => [.. Samples.Toy.Nodes.Select(n => n.Id)];

    [Theory]
    [MemberData(nameof(ToyPeople))]
    public async Task Get_ToyPerson_MeasuresEqualTheOracle(string id)
    {
        var expected = ExpectedPeople()[id];
        using var response = await toy.Api.Coach.GetAsync($"/people/{id}/capital");
        var measures = (await response.JsonAsync(200)).GetProperty("measures");
        Assert.Equal(id, measures.Str("id"));
        Assert.Equal((int)expected["degree"]!.Value, measures.GetProperty("degree").GetInt32());
        foreach (var (json, oracle) in new[]
                 {
                     ("strength", "strength"), ("clustering", "clustering"), ("constraint", "constraint"),
                     ("effectiveSize", "effective_size"), ("efficiency", "efficiency"), ("hierarchy", "hierarchy"),
                     ("eiWork", "ei_work"), ("economicConnectedness", "economic_connectedness"), ("workConnectedness", "work_connectedness"),
                 })
        {
            // An undefined measure (empty in the oracle) is null in the answer.
            var actual = measures.NumberOrNull(json);
            Assert.True(expected[oracle] is null ? actual is null : actual is { } a && Math.Abs(a - expected[oracle]!.Value) <= 1e-6,
                $"{id} {json}: expected {expected[oracle]?.ToString(CultureInfo.InvariantCulture) ?? "null"}, got {measures.GetProperty(json)}");
        }
    }

    [Fact]
    public async Task Get_Person_ContactsAreTheirFriendsWithATieClass()
    {
        using var response = await toy.Api.Coach.GetAsync("/people/1/capital");
        var body = await response.JsonAsync(200);
        var contacts = body.Items("contacts");
        Assert.Equal(["0", "2", "8"], contacts.Select(c => c.Str("id")).Order(StringComparer.Ordinal));
        Assert.All(contacts, c =>
        {
            Assert.Equal("citizen", c.Str("kind"));
            Assert.Contains(c.Str("class"), new[] { "bonding", "bridging", "linking" });
            Assert.Equal(["friend"], c.GetProperty("kinds").EnumerateArray().Select(k => k.GetString()));
            Assert.Equal(1, c.GetProperty("strength").GetDouble());
            Assert.InRange(c.GetProperty("bridgingScore").GetDouble(), 0, 1);
        });
        // 1 and 0 are both out of work in area A: the same on every dimension, so bonding.
        Assert.Equal("bonding", contacts.Single(c => c.Str("id") == "0").Str("class"));
        Assert.Empty(body.Items("places"));
        var measures = body.GetProperty("measures");
        Assert.Equal(contacts.Length, measures.GetProperty("bonding").GetInt32() + measures.GetProperty("bridging").GetInt32()
            + measures.GetProperty("linking").GetInt32());
    }

    [Fact]
    public async Task Get_UnknownPerson_404()
    {
        using var response = await toy.Api.Coach.GetAsync("/people/nobody/capital");
        await response.AssertProblemAsync(404);
    }

    private static Dictionary<string, Dictionary<string, double?>> ExpectedPeople()
    {
        var lines = File.ReadAllLines(Path.Combine(Repo.Sample("toy"), "expected_people.csv"));
        var header = lines[0].Split(',');
        return lines.Skip(1).Where(l => l.Length > 0).Select(l => l.Split(',')).ToDictionary(
            cells => cells[0],
            cells => header.Skip(1).Select((h, i) => (h, v: cells[i + 1].Length == 0 ? (double?)null : double.Parse(cells[i + 1], CultureInfo.InvariantCulture)))
                .ToDictionary(p => p.h, p => p.v, StringComparer.Ordinal),
            StringComparer.Ordinal);
    }
}
