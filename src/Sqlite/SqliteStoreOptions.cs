namespace SocialCapital.Sqlite;

/// <summary>Options of a <see cref="SqliteGraphStore"/>: its change feed's length and how often a waiter looks at the file.</summary>
public sealed class SqliteStoreOptions
{
    /// <summary>How many of the latest changes the feed keeps (default 10,000; at least 1). A follower further behind
    /// reads the whole store again (<see cref="Live.ChangeFeedGapException"/>).</summary>
    public int ChangesKept { get; init; } = 10_000;

    /// <summary>How often <see cref="SqliteGraphStore.WaitForChangeAsync"/> checks whether another process has written
    /// (default 20 ms; from 1 ms to 10 s). Each check reads one number from the file's shared memory.</summary>
    public TimeSpan ChangePollInterval { get; init; } = TimeSpan.FromMilliseconds(20);

    /// <summary>Checks the options.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range; the message names it.</exception>
    public void Validate()
    {
        if (ChangesKept < 1)
            throw new ArgumentOutOfRangeException(nameof(ChangesKept), ChangesKept, "The change feed must keep at least 1 change.");
        if (ChangePollInterval < TimeSpan.FromMilliseconds(1) || ChangePollInterval > TimeSpan.FromSeconds(10))
            throw new ArgumentOutOfRangeException(nameof(ChangePollInterval), ChangePollInterval, "The poll interval must be from 1 ms to 10 s.");
    }
}
