using SocialCapital.Api.Tests.Infrastructure;

namespace SocialCapital.Api.Tests.Hosting;

/// <summary>First start on an empty store seeds it and says so; a restart on the same file keeps data and version.</summary>
public class StoreStartupTests
{
    [Fact]
    public async Task Start_EmptyStore_SeedsFromTheSampleAndSaysSo()
    {
        using var folder = new TempFolder();
        await using var api = TestApi.Start(folder.File("store.db"), Repo.Sample("toy"));
        Assert.Contains(api.Log.Lines, l => l.Contains("seeded", StringComparison.Ordinal) && l.Contains("12 nodes", StringComparison.Ordinal));
        using var ready = await api.Anonymous.GetAsync("/health/ready");
        Assert.Equal(1, (await ready.JsonAsync(200)).GetProperty("storeVersion").GetInt64());
        using var people = await api.Coach.GetAsync("/people");
        Assert.Equal(12, (await people.JsonAsync(200)).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Restart_SameFile_KeepsDataAndVersionWithoutReseeding()
    {
        using var folder = new TempFolder();
        var path = folder.File("store.db");
        long version;
        StoreState before;
        await using (var first = TestApi.Start(path, Repo.Sample("toy")))
        {
            using var put = await first.Admin.PutJsonAsync("/people/survivor", new { kind = "coach", area = "B" });
            version = (await put.JsonAsync(201)).GetProperty("write").GetProperty("version").GetInt64();
            before = await StoreState.ReadAsync(first.Admin);
        }

        await using var second = TestApi.Start(path, Repo.Sample("toy"));
        Assert.DoesNotContain(second.Log.Lines, l => l.Contains("seeded", StringComparison.Ordinal));
        Assert.Contains(second.Log.Lines, l => l.Contains($"Serving version {version}", StringComparison.Ordinal));
        Assert.Equal(before, await StoreState.ReadAsync(second.Admin));
        using var get = await second.Coach.GetAsync("/people/survivor");
        Assert.Equal("coach", (await get.JsonAsync(200)).Str("kind"));
        Assert.Equal(version, get.SnapshotVersion());
    }

    [Fact]
    public async Task Start_SeedFolderMissing_StartsEmptyAndWarns()
    {
        using var folder = new TempFolder();
        await using var api = TestApi.Start(folder.File("store.db"), folder.File("no-such-dataset"));
        Assert.Contains(api.Log.Lines, l => l.StartsWith("Warning", StringComparison.Ordinal) && l.Contains("not found", StringComparison.Ordinal));
        using var people = await api.Coach.GetAsync("/people");
        Assert.Equal(0, (await people.JsonAsync(200)).GetProperty("total").GetInt32());
        using var ready = await api.Anonymous.GetAsync("/health/ready");
        await ready.AssertStatusAsync(200);
    }

    [Fact]
    public async Task Start_NoSeed_StartsEmptyAndAnImportFillsIt()
    {
        using var folder = new TempFolder();
        await using var api = TestApi.Start(folder.File("store.db"), seed: null);
        Assert.DoesNotContain(api.Log.Lines, l => l.Contains("seeded", StringComparison.Ordinal));
        using var import = await api.Admin.PostAsync(new Uri("/import", UriKind.Relative), Http.Json(Exported.JsonBody(Samples.Toy)));
        Assert.Equal(1, (await import.JsonAsync(200)).GetProperty("version").GetInt64());
        using var people = await api.Coach.GetAsync("/people");
        Assert.Equal(12, (await people.JsonAsync(200)).GetProperty("total").GetInt32());
    }

    /// <summary>Configuration the API refuses to start with. In-process the entry point just ends (its message goes to
    /// standard error, checked by <see cref="ApiProcessTests"/>); the host never comes up.</summary>
    [Theory]
    [InlineData("Store:Kind", "cassandra")]
    [InlineData("Store:Kind", "neo4j")] // without Store:Neo4j:Uri
    [InlineData("Store:Kind", "postgres")] // without Store:Postgres:ConnectionString
    [InlineData("Jwt:SigningKey", "")]
    [InlineData("Jwt:SigningKey", "too-short")]
    [InlineData("Analysis:MinCellSize", "-1")] // the engine's rule (AreaMetricsOptions.Validate), checked at start
    [InlineData("Analysis:BetweennessExactLimit", "-1")]
    public void Start_BadSetting_HostNeverStarts(string key, string value)
    {
        using var folder = new TempFolder();
        Assert.ThrowsAny<InvalidOperationException>(() =>
            TestApi.Start(folder.File("store.db"), null, new Dictionary<string, string?> { [key] = value }));
        Assert.False(File.Exists(folder.File("store.db")), "the store was opened although the configuration was refused");
    }
}
