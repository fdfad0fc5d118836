using System.Diagnostics;
using System.Globalization;
using SocialCapital.Api.Tests.Infrastructure;
using SocialCapital.Security;

namespace SocialCapital.Api.Tests.Snapshots;

/// <summary>Ties start and end on dates: when the day changes, the API serves a snapshot for the new day (built in the
/// background while the old one keeps answering).</summary>
public class SnapshotDateTests
{
    [Fact]
    public async Task Read_AfterTheDayChanges_ServesTheNewDayWithoutTheEndedTie()
    {
        using var folder = new TempFolder();
        var today = DateTimeOffset.UtcNow;
        var clock = new ManualClock(today);
        await using var api = TestApi.Start(folder.File("store.db"), Repo.Sample("toy"), clock: clock);
        // Long-lived tokens, in case the clock that checks them is the one the test moves.
        var admin = api.WithToken(ApiTokens.Mint("admin", Tokens.Issuer, Tokens.Audience, Tokens.SigningKey, TimeSpan.FromDays(3), areas: [ApiTokens.AllAreas]), "admin-3d");
        var coach = api.WithToken(ApiTokens.Mint("coach", Tokens.Issuer, Tokens.Audience, Tokens.SigningKey, TimeSpan.FromDays(3), areas: [ApiTokens.AllAreas]), "coach-3d");
        var tomorrow = DateOnly.FromDateTime(today.UtcDateTime).AddDays(1);

        using (var put = await admin.PutJsonAsync("/ties", new
               {
                   source = "0", target = "11", kind = "colleague", until = tomorrow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
               }))
            await put.AssertStatusAsync(201);
        using (var now = await coach.GetAsync("/people/11/capital"))
        {
            Assert.Contains((await now.JsonAsync(200)).Items("contacts"), c => c.Str("id") == "0");
            Assert.EndsWith($"-{today.UtcDateTime:yyyyMMdd}\"", now.ETag().Tag, StringComparison.Ordinal);
        }

        clock.Now = new DateTimeOffset(tomorrow.ToDateTime(new TimeOnly(0, 0, 1)), TimeSpan.Zero);
        var wait = Stopwatch.StartNew();
        while (true)
        {
            using var read = await coach.GetAsync("/people/11/capital");
            var body = await read.JsonAsync(200);
            if (read.ETag().Tag.EndsWith($"-{tomorrow:yyyyMMdd}\"", StringComparison.Ordinal))
            {
                Assert.DoesNotContain(body.Items("contacts"), c => c.Str("id") == "0");
                break;
            }
            Assert.True(wait.Elapsed < TimeSpan.FromSeconds(10), "the snapshot was not rebuilt for the new day");
            await Task.Delay(50);
        }
    }

    /// <summary>Over PostgreSQL, the new day's rebuild (made from the live records) is followed by a checkpoint of the new
    /// day from a full read, so starts do not build the graph again: the store's checkpoint moves to the new date at the
    /// store's version.</summary>
    [SkippableFact]
    public async Task NewDay_OverPostgres_WritesTheCheckpointOfTheNewDay()
    {
        using var folder = new TempFolder();
        var connectionString = PostgresServer.NewSchema();
        var today = DateTimeOffset.UtcNow;
        var clock = new ManualClock(today);
        await using var api = TestApi.Start(folder.File("unused.db"), Repo.Sample("toy"), new Dictionary<string, string?>
        {
            ["Store:Kind"] = "postgres",
            ["Store:Postgres:ConnectionString"] = connectionString,
        }, clock);
        var coach = api.WithToken(ApiTokens.Mint("coach", Tokens.Issuer, Tokens.Audience, Tokens.SigningKey, TimeSpan.FromDays(3), areas: [ApiTokens.AllAreas]), "coach-3d");
        var tomorrow = DateOnly.FromDateTime(today.UtcDateTime).AddDays(1);
        Assert.Equal((1L, DateOnly.FromDateTime(today.UtcDateTime)), await StoreCheckpoint.WaitForAsync(connectionString, _ => true));

        clock.Now = new DateTimeOffset(tomorrow.ToDateTime(new TimeOnly(0, 0, 1)), TimeSpan.Zero);
        using (var read = await coach.GetAsync("/people/11/capital")) await read.AssertStatusAsync(200); // starts the new day
        Assert.Equal((1L, tomorrow), await StoreCheckpoint.WaitForAsync(connectionString, c => c.AsOf == tomorrow));
    }
}
