using System.Globalization;
using System.Text;
using Npgsql;
using SocialCapital.Live;

namespace SocialCapital.Postgres;

/// <summary>The store's write lock (<see cref="IWriteLock"/>): a session-level advisory lock, held by one pooled connection
/// for as long as the lease lives. The key is two integers — 'SCAP' and a hash of the store's schema — so stores in other
/// schemas of the database have their own lock, and it never meets the migration lock (a one-integer key: PostgreSQL keeps
/// the two key forms apart). A holder whose process dies loses its connection, and the server ends the session and its
/// locks with it.</summary>
internal static class PostgresWriteLock
{
    private const int Class = 0x53434150; // 'SCAP'

    /// <summary>Takes the lock shared until the end of the transaction: what every write of a store instance that does not
    /// hold the lock runs first, so it waits while another instance holds it (and a holder waits for the writes in flight).</summary>
    // The key in the invariant culture: half of the keys are negative, and some cultures write another minus sign.
    public static string Shared(int key) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"SELECT pg_advisory_xact_lock_shared({Class}, {key})");

    /// <summary>The lock's second key for a schema: FNV-1a of its name (a collision only makes two stores wait for each other).</summary>
    public static int KeyOf(string schema)
    {
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(schema)) hash = (hash ^ b) * 16777619u;
        return unchecked((int)hash);
    }

    /// <summary>Waits for the lock on <paramref name="connection"/> (which the lease then owns) at most
    /// <paramref name="timeout"/>: the server's <c>lock_timeout</c> bounds the wait, so waiters queue in the server.</summary>
    public static async Task<IAsyncDisposable> AcquireAsync(NpgsqlConnection connection, int key, TimeSpan timeout, string where,
        Action released, CancellationToken cancellationToken)
    {
        try
        {
            await using (var batch = new NpgsqlBatch(connection))
            {
                // lock_timeout 0 means no limit: a zero wait is 1 ms.
                var milliseconds = Math.Max(1, (long)Math.Ceiling(timeout.TotalMilliseconds));
                batch.BatchCommands.Add(new NpgsqlBatchCommand("SELECT set_config('lock_timeout', $1, false)")
                    { Parameters = { new() { Value = milliseconds.ToString(CultureInfo.InvariantCulture) + "ms" } } });
                batch.BatchCommands.Add(new NpgsqlBatchCommand("SELECT pg_advisory_lock($1, $2)")
                    { Parameters = { new() { Value = Class }, new() { Value = key } } });
                batch.BatchCommands.Add(new NpgsqlBatchCommand("RESET lock_timeout"));
                await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
            return new Lease(connection, key, released);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.LockNotAvailable)
        {
            await ReleaseAllAsync(connection).ConfigureAwait(false);
            throw new WriteLockTimeoutException(where, timeout);
        }
        catch
        {
            // Cancelled (possibly just as the server granted it) or failed: the pooled connection must not keep it.
            await ReleaseAllAsync(connection).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Releases every advisory lock of the session and returns the connection to the pool; a connection that is
    /// broken has lost its session, and its locks, already.</summary>
    private static async Task ReleaseAllAsync(NpgsqlConnection connection)
    {
        try
        {
            await using var command = new NpgsqlCommand("RESET lock_timeout; SELECT pg_advisory_unlock_all()", connection);
            await command.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
        {
            // Broken: disposing it below closes it, and the server ends the session.
        }
        await connection.DisposeAsync().ConfigureAwait(false);
    }

    private sealed class Lease(NpgsqlConnection connection, int key, Action released) : IAsyncDisposable
    {
        private int _released;

        public async ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _released, 1) != 0) return;
            released();
            try
            {
                await using var command = new NpgsqlCommand("SELECT pg_advisory_unlock($1, $2)", connection)
                    { Parameters = { new() { Value = Class }, new() { Value = key } } };
                await command.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
            {
                // The connection broke while held: its session, and the lock, are gone with it.
            }
            await connection.DisposeAsync().ConfigureAwait(false);
        }
    }
}
