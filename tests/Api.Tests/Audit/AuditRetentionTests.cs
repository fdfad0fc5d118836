using SocialCapital.Api.Tests.Infrastructure;
using SocialCapital.Sqlite;
using SocialCapital.Storage;

namespace SocialCapital.Api.Tests.Audit;

/// <summary><c>Audit:RetentionDays</c>: entries older than the retention are purged when the API starts; 0 keeps them.</summary>
public class AuditRetentionTests
{
    private static readonly AuditEntry Old = new(DateTimeOffset.UtcNow.AddDays(-500), "old-reader", "coach", "GET /people/{id}", ["1"], "ok");
    private static readonly AuditEntry Recent = new(DateTimeOffset.UtcNow.AddDays(-10), "recent-reader", "coach", "GET /people/{id}", ["1"], "ok");

    [Theory]
    [InlineData(null, false)] // the default, 400 days
    [InlineData("30", false)]
    [InlineData("0", true)] // keep forever
    public async Task Start_RetentionDays_PurgesOnlyEntriesOlderThanIt(string? days, bool oldKept)
    {
        using var folder = new TempFolder();
        var path = folder.File("store.db");
        await using (var store = await SqliteGraphStore.OpenAsync(path)) await store.AppendAuditAsync([Old, Recent]);

        var settings = new Dictionary<string, string?>();
        if (days is not null) settings["Audit:RetentionDays"] = days;
        await using var api = TestApi.Start(path, Repo.Sample("toy"), settings);

        if (oldKept) await Task.Delay(500); // time for a purge that must not happen
        var deadline = DateTime.UtcNow.AddSeconds(5);
        IReadOnlyList<AuditEntry> entries;
        do
        {
            entries = await AuditStore.ReadAsync(api, new AuditQuery { To = DateTimeOffset.UtcNow.AddDays(-1) });
            if (oldKept || entries.Count == 1) break;
            await Task.Delay(20);
        }
        while (DateTime.UtcNow < deadline);
        Assert.Equal(oldKept ? [Recent, Old] : [Recent], entries);
    }

    [Fact]
    public void Start_NegativeRetention_HostNeverStarts()
    {
        using var folder = new TempFolder();
        Assert.ThrowsAny<Exception>(() => TestApi.Start(folder.File("store.db"), null, new Dictionary<string, string?> { ["Audit:RetentionDays"] = "-1" }));
        Assert.False(File.Exists(folder.File("store.db")), "the store was opened although the configuration was refused");
    }
}
