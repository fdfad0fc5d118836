using Npgsql;

namespace SocialCapital.Postgres;

/// <summary>How to reach a PostgreSQL store: the connection string (with the pool's settings) and how many changes the
/// change feed keeps.</summary>
public sealed record PostgresStoreOptions
{
    /// <summary>An Npgsql connection string, e.g. <c>Host=db;Port=5432;Database=socialcapital;Username=sc;Password=…</c>.
    /// The pool is set here too (<c>Maximum Pool Size</c>, default 100; <c>Minimum Pool Size</c>; <c>Timeout</c> for a
    /// connection). A <c>Search Path</c> puts the store's tables in a schema of their own (default: the user's).
    /// Keep the password out of files: the API reads the string from the environment
    /// (<c>Store__Postgres__ConnectionString</c>); the store never logs or reports it.</summary>
    public required string ConnectionString { get; init; }

    /// <summary>How many of the latest changes the change feed keeps (default 100,000, at least 1); older ones are pruned
    /// at every import and every 1,000th write, and a follower further behind reads the whole store again. The changes after
    /// the checkpoint (<see cref="Live.ICheckpointStore"/>) are kept while it is at most 4 × this many changes behind the
    /// store, so it stays usable; past that it is abandoned.</summary>
    public long ChangesKept { get; init; } = 100_000;

    /// <summary>How long a write waits for the store's write lock while another instance holds it
    /// (<see cref="PostgresGraphStore.AcquireWriteLockAsync"/>) before it fails with
    /// <see cref="Live.WriteLockTimeoutException"/>, having written nothing (default 10 s, more than 0).</summary>
    public TimeSpan WriteLockWait { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Where the store is, for messages and logs: host, port, database and user, never the password.</summary>
    /// <returns>E.g. <c>db:5432, database socialcapital, user sc</c>.</returns>
    /// <exception cref="ArgumentException">The connection string cannot be read.</exception>
    public string Describe() => Describe(Builder());

    internal NpgsqlConnectionStringBuilder Builder()
    {
        try
        {
            return new NpgsqlConnectionStringBuilder(ConnectionString);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or KeyNotFoundException)
        {
            // The message of a bad string may quote it, password and all: name the problem only.
            throw new ArgumentException("The PostgreSQL connection string is not valid (a keyword is unknown or a value is malformed).",
                nameof(ConnectionString));
        }
    }

    internal static string Describe(NpgsqlConnectionStringBuilder builder)
    {
        var host = string.IsNullOrEmpty(builder.Host) ? "localhost" : builder.Host;
        var database = string.IsNullOrEmpty(builder.Database) ? builder.Username ?? "(the user's)" : builder.Database;
        var user = string.IsNullOrEmpty(builder.Username) ? "" : $", user {builder.Username}";
        var schema = string.IsNullOrEmpty(builder.SearchPath) ? "" : $", schema {builder.SearchPath}";
        return $"{host}:{builder.Port}, database {database}{user}{schema}";
    }
}
