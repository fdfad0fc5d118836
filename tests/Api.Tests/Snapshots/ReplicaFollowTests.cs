using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SocialCapital.Api.Hosting;
using SocialCapital.Api.Snapshots;
using SocialCapital.Api.Tests.Infrastructure;
using SocialCapital.Model;
using SocialCapital.Sqlite;

namespace SocialCapital.Api.Tests.Snapshots;

/// <summary>One API in-process over a SQLite file that "another replica" writes too, through a second store handle on the
/// same file (what another process does): the follower applies those writes from the change feed; a replica that does not
/// follow (its follower left out) is behind — <c>/health/ready</c> says by how much — until its own next write catches it up
/// from the feed in order, or a request's <c>X-Min-Version</c> has it read the feed at once; a version nobody wrote is a
/// 503; an import elsewhere or a gap in the feed reads the whole store; a store write lock another replica holds too long
/// is a 503 <c>Store busy</c> that writes nothing.</summary>
public sealed class ReplicaFollowTests : IAsyncLifetime
{
    private readonly TempFolder _folder = new();
    private TestApi? _api;
    private SqliteGraphStore? _other;

    private TestApi Api => _api!;

    private SqliteGraphStore Other => _other!;

    public Task InitializeAsync() => Task.CompletedTask;

    private async Task StartAsync(bool follow, Dictionary<string, string?>? settings = null)
    {
        _api = TestApi.Start(_folder.File("store.db"), Repo.Sample("toy"), settings,
            services: follow ? null : s => s.Remove(s.Single(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(ReplicaFollower))));
        _other = await SqliteGraphStore.OpenAsync(_api.StorePath);
    }

    public async Task DisposeAsync()
    {
        if (_api is not null) await _api.DisposeAsync();
        if (_other is not null) await _other.DisposeAsync();
        _folder.Dispose();
    }

    private static HttpRequestMessage Get(string path, string? minVersion)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        if (minVersion is not null) request.Headers.TryAddWithoutValidation(MinVersion.Header, minVersion);
        return request;
    }

    [Fact]
    public async Task Follower_AnotherReplicasWrites_AreServedWithoutReadingTheWholeStore()
    {
        await StartAsync(follow: true);
        await Other.UpsertNodeAsync(new NodeRecord("elsewhere", NodeKind.Mentor) { Area = "A", Capacity = 2 });
        await Other.UpsertTieAsync(new TieRecord("elsewhere", "0", TieKind.Mentoring));
        await Other.DeleteTiesAsync("0", "1");
        var version = (await Other.DeleteNodeAsync("11")).Version;

        using (var read = await Api.Coach.SendAsync(Get("/people/0/capital", version.ToString(CultureInfo.InvariantCulture))))
        {
            var capital = await read.JsonAsync(200);
            Assert.True(read.SnapshotVersion() >= version);
            Assert.Contains(capital.Items("contacts"), c => c.Str("id") == "elsewhere");
            Assert.DoesNotContain(capital.Items("contacts"), c => c.Str("id") == "1");
        }
        using (var gone = await Api.Coach.GetAsync("/people/11")) await gone.AssertProblemAsync(404);
        Assert.DoesNotContain("reading the whole store", Api.Log.Text, StringComparison.Ordinal);
        Assert.Contains("Following the store's change feed", Api.Log.Text, StringComparison.Ordinal);

        // An import elsewhere has no edit to apply: the follower reads the whole store.
        var imported = await Other.ImportAsync(Interchange.Dataset.Create([new NodeRecord("only", NodeKind.Citizen) { Area = "A" }], []));
        using (var read = await Api.Coach.SendAsync(Get("/people/only", imported.ToString(CultureInfo.InvariantCulture))))
            await read.JsonAsync(200);
        Assert.Contains($"imported at version {imported}", Api.Log.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NotFollowing_BehindTheStore_NotReadyUntilItsOwnWriteCatchesUpFromTheFeed()
    {
        await StartAsync(follow: false, new() { ["Replicas:MaxLag"] = "00:00:00.200" });
        await Other.UpsertNodeAsync(new NodeRecord("first", NodeKind.Citizen) { Area = "A" });
        var latest = (await Other.UpsertTieAsync(new TieRecord("first", "0", TieKind.Friend))).Version;
        await Task.Delay(400);

        using (var ready = await Api.Anonymous.GetAsync("/health/ready"))
        {
            var problem = await ready.AssertProblemAsync(503);
            Assert.Equal(2, problem.GetProperty("behind").GetInt64());
            Assert.True(problem.GetProperty("lagSeconds").GetDouble() >= 0.2, problem.ToString());
            Assert.Contains("Replicas:MaxLag", problem.Str("detail"), StringComparison.Ordinal);
        }
        // Without X-Min-Version a replica answers from what it holds.
        using (var stale = await Api.Coach.GetAsync("/people/first")) await stale.AssertProblemAsync(404);

        // Its own write finds two versions it has not seen: it applies them from the feed, then its own.
        using (var put = await Api.Admin.PutJsonAsync("/people/mine", new { kind = "citizen", area = "A" }))
        {
            var write = (await put.JsonAsync(201)).GetProperty("write");
            Assert.Equal(latest + 1, write.GetProperty("version").GetInt64());
            Assert.Equal(latest + 1, put.SnapshotVersion());
        }
        using (var capital = await Api.Coach.GetAsync("/people/0/capital"))
            Assert.Contains((await capital.JsonAsync(200)).Items("contacts"), c => c.Str("id") == "first");
        using (var ready = await Api.Anonymous.GetAsync("/health/ready"))
        {
            var body = await ready.JsonAsync(200);
            Assert.Equal(0, body.GetProperty("behind").GetInt64());
            Assert.Equal(latest + 1, body.GetProperty("snapshotVersion").GetInt64());
        }
        Assert.DoesNotContain("reading the whole store", Api.Log.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StoreWriteLock_HeldByAnotherReplica_WritesAnswer503StoreBusyWriteNothingAndGoThroughOnceFree()
    {
        await StartAsync(follow: true, new() { ["Replicas:WriteLockWait"] = "00:00:00.300" });
        var before = await Other.GetVersionAsync();
        await using (await Other.AcquireWriteLockAsync(TimeSpan.FromSeconds(10))) // another replica, mid checked write
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            using (var put = await Api.Admin.PutJsonAsync("/people/busy", new { kind = "citizen", area = "A" }))
            {
                var problem = await put.AssertProblemAsync(503);
                Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(250), $"answered after {clock.Elapsed.TotalMilliseconds} ms");
                Assert.Equal("Store busy", problem.Str("title"));
                Assert.Equal("1", Assert.Single(put.Headers.GetValues("Retry-After")));
                Assert.Contains("0.3 s; nothing was written", problem.Str("detail"), StringComparison.Ordinal);
                Assert.DoesNotContain(Api.StorePath, problem.Str("detail"), StringComparison.Ordinal); // no path to the client
            }
            // A checked write (its rule checked on the snapshot) waits for the lock before it plans: the same answer.
            using (var propose = await Api.Coach.PostJsonAsync("/citizens/0/proposals", new { mentor = "nobody" }))
                Assert.Equal("Store busy", (await propose.AssertProblemAsync(503)).Str("title"));
            Assert.Equal(before, await Other.GetVersionAsync());
        }
        using (var put = await Api.Admin.PutJsonAsync("/people/busy", new { kind = "citizen", area = "A" })) await put.AssertStatusAsync(201);
        Assert.Equal(before + 1, await Other.GetVersionAsync());
        using (var propose = await Api.Coach.PostJsonAsync("/citizens/0/proposals", new { mentor = "nobody" })) await propose.AssertProblemAsync(404);
    }

    [Fact]
    public void ReplicaSettings_WriteLockWaitOutOfRange_IsAProblemNamingIt()
    {
        Assert.Empty(new ReplicaSettings().Problems());
        foreach (var wait in new[] { TimeSpan.Zero, TimeSpan.FromSeconds(-1), TimeSpan.FromMinutes(6) })
            Assert.Contains(new ReplicaSettings { WriteLockWait = wait }.Problems(), p => p.StartsWith("Replicas:WriteLockWait must be", StringComparison.Ordinal));
    }

    [Fact]
    public void Start_CheckpointEveryBelowZero_IsRefusedNamingTheSetting()
    {
        static IConfiguration Config(string every) =>
            new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Store:Postgres:CheckpointEvery"] = every }).Build();
        ApiHost.CheckReplicas(Config("0"));
        ApiHost.CheckReplicas(Config("5000"));
        var refusal = Assert.Throws<StartupException>(() => ApiHost.CheckReplicas(Config("-1")));
        Assert.Equal("Store:Postgres:CheckpointEvery must be 0 (half of Store:ChangesKept) or more; it is -1.", refusal.Message);
    }

    [Fact]
    public async Task MinVersion_BehindTheStore_CatchesUpAtOnce_AndAVersionNotReached503()
    {
        await StartAsync(follow: false, new() { ["Replicas:MinVersionWait"] = "00:00:00.300" });
        long held;
        using (var ready = await Api.Anonymous.GetAsync("/health/ready")) held = (await ready.JsonAsync(200)).GetProperty("snapshotVersion").GetInt64();
        var latest = (await Other.UpsertNodeAsync(new NodeRecord("first", NodeKind.Citizen) { Area = "A" })).Version;

        // A version written elsewhere: the replica reads the feed for it at once (no follower here to wait for).
        using (var read = await Api.Coach.SendAsync(Get("/people/first", latest.ToString(CultureInfo.InvariantCulture))))
        {
            await read.JsonAsync(200);
            Assert.Equal(latest, read.SnapshotVersion());
        }
        Assert.True(latest > held);

        // A version nobody has written: 503 after the wait, naming both versions, with Retry-After.
        var clock = System.Diagnostics.Stopwatch.StartNew();
        using (var read = await Api.Coach.SendAsync(Get("/people/first", (latest + 5).ToString(CultureInfo.InvariantCulture))))
        {
            var problem = await read.AssertProblemAsync(503);
            Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(250), $"answered after {clock.Elapsed.TotalMilliseconds} ms");
            Assert.Equal("1", Assert.Single(read.Headers.GetValues("Retry-After")));
            Assert.Equal(latest + 5, problem.GetProperty("askedVersion").GetInt64());
            Assert.Equal(latest, problem.GetProperty("heldVersion").GetInt64());
            Assert.Contains($"version {latest + 5}", problem.Str("detail"), StringComparison.Ordinal);
            Assert.Contains($"serves version {latest}", problem.Str("detail"), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task NotFollowing_FurtherBehindThanTheFeedKeeps_ItsWriteReadsTheWholeStore()
    {
        await StartAsync(follow: false, new() { ["Store:ChangesKept"] = "2" });
        for (var i = 0; i < 4; i++) await Other.UpsertNodeAsync(new NodeRecord($"far-{i}", NodeKind.Citizen) { Area = "B" });
        using (var put = await Api.Admin.PutJsonAsync("/people/mine", new { kind = "citizen", area = "A" })) await put.JsonAsync(201);
        for (var i = 0; i < 4; i++)
            using (var read = await Api.Coach.GetAsync($"/people/far-{i}")) await read.JsonAsync(200);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("-1")]
    [InlineData("1.5")]
    [InlineData("v1")]
    [InlineData("99999999999999999999")]
    public async Task MinVersion_Malformed_400NamingTheHeader(string value)
    {
        await StartAsync(follow: true);
        using var read = await Api.Coach.SendAsync(Get("/people/0", value));
        var problem = await read.AssertProblemAsync(400);
        Assert.Contains("X-Min-Version", problem.Str("detail"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task MinVersion_ReachedOrTwice_ServedAtOnceOr400()
    {
        await StartAsync(follow: true);
        using (var ready = await Api.Anonymous.GetAsync("/health/ready")) await ready.JsonAsync(200);
        using (var read = await Api.Coach.SendAsync(Get("/people/0", "1"))) await read.JsonAsync(200);
        using (var read = await Api.Coach.SendAsync(Get("/people/0", "0"))) await read.JsonAsync(200);
        using var twice = Get("/people/0", "1");
        twice.Headers.TryAddWithoutValidation(MinVersion.Header, "1");
        using var response = await Api.Coach.SendAsync(twice);
        await response.AssertProblemAsync(400);
    }
}
