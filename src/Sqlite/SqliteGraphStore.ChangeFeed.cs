using System.Globalization;
using Microsoft.Data.Sqlite;
using SocialCapital.Live;

namespace SocialCapital.Sqlite;

public sealed partial class SqliteGraphStore
{
    // Completed (and replaced) after every change this handle commits, so its own waiters need not poll.
    private TaskCompletionSource _committed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <inheritdoc />
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="max"/> is not positive.</exception>
    /// <exception cref="InvalidDataException">A recorded change cannot be read; the message names the file and version.</exception>
    /// <exception cref="ObjectDisposedException">The store was disposed.</exception>
    public async Task<IReadOnlyList<StoreChange>> ReadChangesAsync(long afterVersion, int max, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(max);
        cancellationToken.ThrowIfCancellationRequested();
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        // One read transaction: the version and the changes are of one committed state.
        await using var transaction = connection.BeginTransaction(deferred: true);
        var changes = SqliteChanges.Read(connection, transaction, afterVersion, max, SqliteVersion.Read(connection, transaction), Path);
        await transaction.CommitAsync(CancellationToken.None).ConfigureAwait(false);
        return changes;
    }

    /// <inheritdoc />
    /// <remarks>Polls <c>PRAGMA data_version</c> every <see cref="SqliteStoreOptions.ChangePollInterval"/> on one
    /// connection (it changes when another connection commits) and reads the version only then; a write through this
    /// handle ends the wait at once.</remarks>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    /// <exception cref="ObjectDisposedException">The store was disposed.</exception>
    public async Task<long> WaitForChangeAsync(long afterVersion, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var committed = Volatile.Read(ref _committed).Task;
        var seen = DataVersion(connection);
        var version = Version(connection);
        while (version <= afterVersion)
        {
            var left = timeout - clock.Elapsed;
            if (left <= TimeSpan.Zero) break;
            var poll = left < _options.ChangePollInterval ? left : _options.ChangePollInterval;
            await Task.WhenAny(committed, Task.Delay(poll, cancellationToken)).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            if (committed.IsCompleted)
            {
                committed = Volatile.Read(ref _committed).Task;
                version = Version(connection);
                continue;
            }
            var now = DataVersion(connection);
            if (now == seen) continue;
            seen = now;
            version = Version(connection);
        }
        return Math.Max(version, afterVersion);
    }

    /// <summary>Wakes this handle's waiters after a commit that changed the version.</summary>
    private void Committed() =>
        Interlocked.Exchange(ref _committed, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    private static long DataVersion(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA data_version";
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private static long Version(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT value FROM meta WHERE key = $key";
        command.Parameters.AddWithValue("$key", SqliteSchema.VersionKey);
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }
}
