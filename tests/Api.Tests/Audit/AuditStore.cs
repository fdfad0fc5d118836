using System.Diagnostics;
using SocialCapital.Api.Tests.Infrastructure;
using SocialCapital.Sqlite;
using SocialCapital.Storage;

namespace SocialCapital.Api.Tests.Audit;

/// <summary>Reads the audit trail straight from the API's SQLite file, through a second store handle (as another
/// process would), so a test sees what is durable, not what is queued.</summary>
internal static class AuditStore
{
    public static async Task<IReadOnlyList<AuditEntry>> ReadAsync(TestApi api, AuditQuery query)
    {
        await using var store = await SqliteGraphStore.OpenAsync(api.StorePath);
        return (await store.QueryAuditAsync(query with { Limit = AuditQuery.MaxLimit })).Entries;
    }

    /// <summary>Polls until at least <paramref name="count"/> entries match, or <paramref name="within"/> has passed.</summary>
    public static async Task<(IReadOnlyList<AuditEntry> Entries, TimeSpan Waited)> WaitForAsync(TestApi api, AuditQuery query, int count = 1,
        TimeSpan? within = null)
    {
        var clock = Stopwatch.StartNew();
        var limit = within ?? TimeSpan.FromSeconds(5);
        while (true)
        {
            var entries = await ReadAsync(api, query);
            if (entries.Count >= count || clock.Elapsed > limit) return (entries, clock.Elapsed);
            await Task.Delay(20);
        }
    }

    /// <summary>Lets the writer flush whatever it had queued (its delay is 0.2 s), for tests that assert an absence.</summary>
    public static Task SettleAsync() => Task.Delay(AuditTrailDelay * 3);

    private static TimeSpan AuditTrailDelay => SocialCapital.Api.Audit.AuditTrail.FlushDelay;
}
