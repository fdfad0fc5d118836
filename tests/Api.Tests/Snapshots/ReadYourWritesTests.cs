using System.Collections.Concurrent;
using SocialCapital.Api.Tests.Infrastructure;

namespace SocialCapital.Api.Tests.Snapshots;

/// <summary>Once a write has answered, every later read sees it; readers keep getting answers while writes happen.
/// Runs on a toy store of its own.</summary>
public class ReadYourWritesTests(ToyApi toy) : IClassFixture<ToyApi>
{
    private readonly TestApi _api = toy.Api;

    [Fact]
    public async Task PutThenGet_ReadSeesTheWriteAtItsVersionOrLater()
    {
        for (var i = 0; i < 20; i++)
        {
            using var put = await _api.Admin.PutJsonAsync($"/people/ryw-{i}", new { kind = "citizen", area = "A", ses = i / 20.0 });
            var version = (await put.JsonAsync(201)).GetProperty("write").GetProperty("version").GetInt64();
            Assert.Equal(version, put.SnapshotVersion());

            using var get = await _api.Coach.GetAsync($"/people/ryw-{i}");
            var person = await get.JsonAsync(200);
            Assert.Equal(i / 20.0, person.GetProperty("ses").GetDouble());
            Assert.True(get.SnapshotVersion() >= version, $"read version {get.SnapshotVersion()} < write version {version}");
            Assert.StartsWith($"\"{get.SnapshotVersion()}-", get.ETag().Tag, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task PutTieThenCapital_TheNewContactIsThere()
    {
        using var put = await _api.Admin.PutJsonAsync("/ties", new { source = "0", target = "9", kind = "friend" });
        var version = (await put.JsonAsync(201)).GetProperty("write").GetProperty("version").GetInt64();
        using var capital = await _api.Coach.GetAsync("/people/9/capital");
        var body = await capital.JsonAsync(200);
        Assert.Contains(body.Items("contacts"), c => c.Str("id") == "0");
        Assert.True(capital.SnapshotVersion() >= version);
    }

    [Fact]
    public async Task PutTieThenAreas_TheMeasuresFollowAndSayHowOldTheirIntervalsAre()
    {
        static async Task<long> UpdatesBehind(TestApi api)
        {
            using var areas = await api.Analyst.GetAsync("/areas");
            await areas.JsonAsync(200);
            return long.Parse(Assert.Single(areas.Headers.GetValues("X-Intervals-Updates-Behind")), System.Globalization.CultureInfo.InvariantCulture);
        }
        var before = await UpdatesBehind(_api);
        using (var put = await _api.Admin.PutJsonAsync("/ties", new { source = "2", target = "7", kind = "acquaintance", strength = 2 }))
            await put.JsonAsync(201);
        Assert.True(await UpdatesBehind(_api) > before, "a write updates the area measures by difference, leaving their intervals one update older");
    }

    [Fact]
    public async Task DeleteThenGet_404Immediately()
    {
        using (var put = await _api.Admin.PutJsonAsync("/people/short-lived", new { kind = "citizen" })) await put.AssertStatusAsync(201);
        using (var delete = await _api.Admin.SendAsync(HttpMethod.Delete, "/people/short-lived")) await delete.AssertStatusAsync(200);
        using var get = await _api.Coach.GetAsync("/people/short-lived");
        await get.AssertProblemAsync(404);
    }

    [Fact]
    public async Task ConcurrentReadsAndWrites_EveryRequestSucceedsReadersNeverGoBackAndEveryWriteLands()
    {
        const int writers = 4, writesEach = 15, readers = 4;
        var start = (await StoreState.ReadAsync(_api.Admin)).Version;
        var failures = new ConcurrentQueue<string>();
        using var done = new CancellationTokenSource();

        var writing = Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            for (var i = 0; i < writesEach; i++)
            {
                var id = $"conc-{w}-{i}";
                using var put = await _api.Admin.PutJsonAsync($"/people/{id}", new { kind = "citizen", area = "C" });
                if ((int)put.StatusCode != 201) { failures.Enqueue($"PUT {id}: {(int)put.StatusCode}"); continue; }
                var version = put.SnapshotVersion();
                using var get = await _api.Coach.GetAsync($"/people/{id}");
                if ((int)get.StatusCode != 200 || get.SnapshotVersion() < version)
                    failures.Enqueue($"GET {id} after write v{version}: {(int)get.StatusCode} at v{get.SnapshotVersion()}");
                if (i % 3 == 0)
                {
                    using var tie = await _api.Admin.PutJsonAsync("/ties", new { source = id, target = "7", kind = "acquaintance" });
                    if ((int)tie.StatusCode != 201) failures.Enqueue($"PUT tie {id}-7: {(int)tie.StatusCode}");
                }
            }
        })).ToArray();

        var reads = 0;
        var reading = Enumerable.Range(0, readers).Select(r => Task.Run(async () =>
        {
            var last = 0L;
            var urls = new[] { "/people?pageSize=1000", "/people/7/capital", "/people/3/recommendations", "/people/0" };
            for (var n = 0; !done.IsCancellationRequested || n < 10; n++)
            {
                using var get = await _api.Coach.GetAsync(urls[(n + r) % urls.Length]);
                Interlocked.Increment(ref reads);
                if ((int)get.StatusCode != 200) { failures.Enqueue($"read {urls[(n + r) % urls.Length]}: {(int)get.StatusCode}"); continue; }
                var version = get.SnapshotVersion();
                if (version < last) failures.Enqueue($"reader {r} went back from v{last} to v{version}");
                last = version;
            }
        })).ToArray();

        await Task.WhenAll(writing);
        await done.CancelAsync();
        await Task.WhenAll(reading);

        Assert.True(failures.IsEmpty, string.Join('\n', failures));
        Assert.True(reads >= readers * 10);
        var writes = writers * writesEach + writers * ((writesEach + 2) / 3);
        var end = await StoreState.ReadAsync(_api.Admin);
        Assert.Equal(start + writes, end.Version);
        var data = (await Exported.ReadAsync(_api.Admin)).ToDataset();
        for (var w = 0; w < writers; w++)
            for (var i = 0; i < writesEach; i++)
            {
                var id = $"conc-{w}-{i}";
                Assert.Contains(data.Nodes, n => n.Id == id);
                if (i % 3 == 0) Assert.Contains(data.Ties, t => t.Source == id && t.Target == "7");
            }
    }
}
