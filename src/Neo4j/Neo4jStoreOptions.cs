namespace SocialCapital.Neo4j;

/// <summary>Where the Neo4j store's server is and how to reach it. Credentials are used only in the
/// <c>Authorization</c> header: they never appear in messages, exceptions or <see cref="ToString"/>.</summary>
public sealed class Neo4jStoreOptions
{
    /// <summary>The server's HTTP(S) address, e.g. <c>http://localhost:7474</c> or <c>https://xxxx.databases.neo4j.io</c>
    /// (no user information in it: use <see cref="User"/> and <see cref="Password"/>).</summary>
    public Uri? BaseAddress { get; set; }

    /// <summary>The database to use; <c>neo4j</c> by default.</summary>
    public string Database { get; set; } = "neo4j";

    /// <summary>The user name for basic authentication; with <see cref="Password"/>.</summary>
    public string? User { get; set; }

    /// <summary>The password for basic authentication; with <see cref="User"/>.</summary>
    public string? Password { get; set; }

    /// <summary>A bearer token (e.g. from single sign-on), instead of <see cref="User"/> and <see cref="Password"/>.</summary>
    public string? BearerToken { get; set; }

    /// <summary>Rows per request of an import (<c>UNWIND $rows</c>) and per page of an export; 10,000 by default.</summary>
    public int BatchSize { get; set; } = 10_000;

    /// <summary>How many times an operation that failed transiently (a <c>Neo.TransientError.*</c>, HTTP 502/503/504 or a
    /// connection failure) is retried from the start, with exponential backoff; 4 by default, 0 for none.</summary>
    public int MaxRetries { get; set; } = 4;

    /// <summary>How long one HTTP request may take; 2 minutes by default.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>The first retry's delay (doubling after each attempt); 200 ms by default. Internal so tests can make it
    /// zero.</summary>
    internal TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Checks the options.</summary>
    /// <exception cref="ArgumentException">An option is missing or out of range; the message names it.</exception>
    public void Validate()
    {
        if (BaseAddress is null)
            throw new ArgumentException("Neo4jStoreOptions.BaseAddress is required: the server's HTTP address, e.g. http://localhost:7474.", nameof(BaseAddress));
        if (!BaseAddress.IsAbsoluteUri || (BaseAddress.Scheme != Uri.UriSchemeHttp && BaseAddress.Scheme != Uri.UriSchemeHttps))
            throw new ArgumentException("Neo4jStoreOptions.BaseAddress must be an absolute http:// or https:// address (the Query API is HTTP; bolt:// and neo4j:// addresses are for drivers).", nameof(BaseAddress));
        if (BaseAddress.UserInfo.Length > 0)
            throw new ArgumentException("Neo4jStoreOptions.BaseAddress must not hold user information: set User and Password instead.", nameof(BaseAddress));
        if (string.IsNullOrWhiteSpace(Database) || Database.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_')))
            throw new ArgumentException("Neo4jStoreOptions.Database must be a database name (letters, digits, '.', '-' and '_'), e.g. neo4j.", nameof(Database));
        var basic = User is not null || Password is not null;
        if (basic && (string.IsNullOrEmpty(User) || Password is null))
            throw new ArgumentException("Neo4jStoreOptions.User and Password go together: set both for basic authentication, or neither.", nameof(User));
        if (basic && BearerToken is not null)
            throw new ArgumentException("Neo4jStoreOptions: set either User and Password or BearerToken, not both.", nameof(BearerToken));
        if (BearerToken is { } token && string.IsNullOrWhiteSpace(token))
            throw new ArgumentException("Neo4jStoreOptions.BearerToken must not be empty.", nameof(BearerToken));
        if (BatchSize is < 1 or > 1_000_000)
            throw new ArgumentException($"Neo4jStoreOptions.BatchSize must be from 1 to 1000000 (it is {BatchSize}).", nameof(BatchSize));
        if (MaxRetries is < 0 or > 20)
            throw new ArgumentException($"Neo4jStoreOptions.MaxRetries must be from 0 to 20 (it is {MaxRetries}).", nameof(MaxRetries));
        if (RequestTimeout <= TimeSpan.Zero && RequestTimeout != Timeout.InfiniteTimeSpan)
            throw new ArgumentException("Neo4jStoreOptions.RequestTimeout must be positive (or Timeout.InfiniteTimeSpan).", nameof(RequestTimeout));
    }

    /// <summary>A copy of these options, so later changes by the caller do not reach an open store.</summary>
    internal Neo4jStoreOptions Clone() => (Neo4jStoreOptions)MemberwiseClone();

    /// <summary>The address and database, without credentials.</summary>
    /// <returns>E.g. <c>neo4j at http://localhost:7474/</c>.</returns>
    public override string ToString() => $"{Database} at {BaseAddress}";
}
