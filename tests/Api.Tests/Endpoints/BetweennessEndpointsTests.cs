using System.Globalization;
using SocialCapital.Api.Tests.Infrastructure;
using SocialCapital.Graph;
using SocialCapital.Interchange;
using SocialCapital.Metrics;
using SocialCapital.Model;

namespace SocialCapital.Api.Tests.Endpoints;

/// <summary><c>GET /people/{id}/betweenness</c>: computed in the background, never inside a request; the toy's values
/// equal networkx's (tests/Engine.Tests/Metrics/Oracles/betweenness/toy/expected_betweenness.csv).</summary>
[Collection(ToyReadersCollection.Name)]
public class BetweennessEndpointsTests(ToyApi toy)
{
    public static TheoryData<string> ToyPeople() => [.. Samples.Toy.Nodes.Where(n => n.IsPerson).Select(n => n.Id)];

    [Theory]
    [MemberData(nameof(ToyPeople))]
    public async Task Get_ToyPerson_EqualsTheOracleExactly_ForTheSnapshotServed(string id)
    {
        using var response = await toy.Api.Coach.GetAsync($"/people/{id}/betweenness");
        var body = await response.JsonAsync(200);
        Assert.Equal(id, body.Str("id"));
        Assert.True(body.GetProperty("exact").GetBoolean());
        Assert.Equal(Samples.Toy.Nodes.Count(n => n.IsPerson), body.GetProperty("pivots").GetInt32());
        Assert.Equal(0, body.GetProperty("errorBound").GetDouble());
        var computedFor = body.GetProperty("computedFor");
        Assert.True(computedFor.GetProperty("current").GetBoolean());
        Assert.Equal(response.SnapshotVersion(), computedFor.GetProperty("version").GetInt64());
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

/// <summary>The background computation seen from outside: it survives writes (the old value keeps serving, named with its
/// snapshot, while the next is computed) and a slow one answers 202 with <c>Retry-After</c> instead of holding the request.</summary>
public class BetweennessBackgroundTests
{
    [Fact]
    public async Task Write_OldValueServedWithItsSnapshot_ThenTheNewSnapshotsValue()
    {
        using var folder = new TempFolder();
        await using var api = TestApi.Start(folder.File("store.db"), Repo.Sample("toy"));
        using (var first = await api.Coach.GetAsync("/people/11/betweenness"))
            Assert.True((await first.JsonAsync(200)).GetProperty("computedFor").GetProperty("current").GetBoolean());

        var tie = new TieRecord("0", "11", TieKind.Colleague);
        long written;
        using (var put = await api.Admin.PutJsonAsync("/ties", new { source = tie.Source, target = tie.Target, kind = "colleague" }))
        {
            await put.AssertStatusAsync(201);
            written = put.SnapshotVersion();
        }

        var graph = Dataset.Create(Samples.Toy.Nodes, [.. Samples.Toy.Ties, tie], Samples.Toy.AttributeColumns)
            .ToGraph(new GraphOptions { AsOf = DateOnly.FromDateTime(DateTime.UtcNow) });
        var expected = Betweenness.Compute(graph).Values[graph.IndexOf("11")];
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            using var read = await api.Coach.GetAsync("/people/11/betweenness");
            var body = await read.JsonAsync(200);
            var computedFor = body.GetProperty("computedFor");
            if (computedFor.GetProperty("current").GetBoolean())
            {
                Assert.Equal(written, computedFor.GetProperty("version").GetInt64());
                Assert.True(Math.Abs(expected - body.GetProperty("betweenness").GetDouble()) <= 1e-12);
                break;
            }
            // The value of the snapshot before the write, said to be so, with the computation for the new one under way.
            Assert.True(computedFor.GetProperty("version").GetInt64() < written);
            Assert.True(DateTime.UtcNow < deadline, "the value was never computed for the snapshot after the write");
            await Task.Delay(50);
        }
    }

    [Fact]
    public async Task SlowComputation_Answers202WithRetryAfterAndProgress_NotAHeldRequest()
    {
        using var folder = new TempFolder();
        // Exact betweenness of city-10k on half the cores takes well over the two seconds a request waits.
        await using var api = TestApi.Start(folder.File("store.db"), Repo.Sample("city-10k"),
            new Dictionary<string, string?> { ["Analysis:BetweennessExactLimit"] = "1000000" });
        var id = Samples.City.Nodes.First(n => n.Kind == NodeKind.Citizen).Id;
        using var response = await api.Coach.GetAsync($"/people/{id}/betweenness");
        var body = await response.JsonAsync(202);
        Assert.Equal(id, body.Str("id"));
        var computing = body.GetProperty("computing");
        Assert.Equal(response.SnapshotVersion(), computing.GetProperty("version").GetInt64());
        Assert.InRange(computing.GetProperty("progress").GetDouble(), 0, 1);
        Assert.True(response.Headers.RetryAfter?.Delta is { } retry && retry >= TimeSpan.FromSeconds(1) && retry <= TimeSpan.FromSeconds(60),
            "a 202 says when to ask again");
    }
}
