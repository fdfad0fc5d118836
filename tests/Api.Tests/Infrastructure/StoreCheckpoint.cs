using System.Diagnostics;

namespace SocialCapital.Api.Tests.Infrastructure;

/// <summary>The checkpoint a PostgreSQL store keeps (docs/postgres.md#the-checkpoint), read straight from its table:
/// replicas write it in the background, so tests wait for it.</summary>
public static class StoreCheckpoint
{
    /// <summary>The store's checkpoint (version, analysis date) once there is one that meets <paramref name="done"/>.</summary>
    /// <param name="connectionString">The store's connection string (its schema).</param>
    /// <param name="done">What the checkpoint waited for must meet; any when null.</param>
    /// <param name="timeout">How long to wait before failing the test; 60 s when null.</param>
    public static async Task<(long Version, DateOnly AsOf)> WaitForAsync(string connectionString,
        Func<(long Version, DateOnly AsOf), bool>? done = null, TimeSpan? timeout = null)
    {
        var wait = Stopwatch.StartNew();
        await using var connection = new Npgsql.NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        while (true)
        {
            await using (var command = new Npgsql.NpgsqlCommand("SELECT version, as_of FROM checkpoint", connection))
            await using (var reader = await command.ExecuteReaderAsync())
            {
                if (await reader.ReadAsync() && (reader.GetInt64(0), reader.GetFieldValue<DateOnly>(1)) is var head && (done is null || done(head)))
                    return head;
            }
            Assert.True(wait.Elapsed < (timeout ?? TimeSpan.FromSeconds(60)), "the checkpoint waited for was not written");
            await Task.Delay(100);
        }
    }
}
