using SocialCapital.Live;

namespace SocialCapital.Sqlite;

public sealed partial class SqliteGraphStore : IWriteLock
{
    /// <summary>The longest pause between two tries for a held write lock.</summary>
    private static readonly TimeSpan LongestLockPause = TimeSpan.FromMilliseconds(20);

    /// <summary>The side file whose operating-system lock is the store's write lock (<see cref="IWriteLock"/>): the database
    /// file's path with <c>-writelock</c> appended, beside SQLite's own <c>-wal</c> and <c>-shm</c>. It is created on first
    /// use and left in place (removing it while another process has it open would let two holders in).</summary>
    public string WriteLockPath => Path + "-writelock";

    /// <inheritdoc />
    /// <remarks>False: a write does not look at the side file; a caller that needs other processes' writes held up
    /// takes the lock around them (opening and locking a file costs microseconds).</remarks>
    public bool WritesWaitForLock => false;

    /// <inheritdoc />
    /// <remarks>An exclusive lock on <see cref="WriteLockPath"/> (<c>flock</c> on Linux and macOS, a share-none open on
    /// Windows), held by an open file: it excludes every other handle, in this process or another on the machine, and the
    /// operating system releases it when the holder's process ends, however it ends. SQLite's own write lock is apart and
    /// unchanged (each write still waits for it), so a holder's writes go through and no write waits for this lock unless
    /// its caller takes it. A taken lock is tried again every few milliseconds until the timeout.</remarks>
    /// <exception cref="ObjectDisposedException">The store was disposed.</exception>
    public async Task<IAsyncDisposable> AcquireWriteLockAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(timeout, TimeSpan.Zero);
        ObjectDisposedException.ThrowIf(_disposed, this);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var pause = TimeSpan.FromMilliseconds(1);
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            IOException held;
            try
            {
                return new FileStream(WriteLockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None);
            }
            catch (IOException e)
            {
                held = e; // another handle holds it (or the file cannot be opened: the timeout then says why)
            }
            catch (UnauthorizedAccessException e)
            {
                throw new IOException($"Cannot open the write lock file {WriteLockPath}: {e.Message}", e);
            }
            var left = timeout - clock.Elapsed;
            if (left <= TimeSpan.Zero)
                throw new WriteLockTimeoutException(Path, timeout, File.Exists(WriteLockPath) ? null : held);
            await Task.Delay(pause < left ? pause : left, cancellationToken).ConfigureAwait(false);
            pause = pause * 2 < LongestLockPause ? pause * 2 : LongestLockPause;
        }
    }
}
