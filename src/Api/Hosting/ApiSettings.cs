namespace SocialCapital.Api.Hosting;

/// <summary>Configuration section <c>Store</c>: which store holds the data and where.</summary>
internal sealed class StoreSettings
{
    /// <summary><c>sqlite</c> (default): the embedded file store; <c>postgres</c>: a PostgreSQL server shared by replicas
    /// (section <c>Postgres</c>); <c>neo4j</c>: a Neo4j server (section <c>Neo4j</c>).</summary>
    public string Kind { get; set; } = "sqlite";

    /// <summary>The SQLite file; relative paths are relative to the working directory.</summary>
    public string Path { get; set; } = "data/socialcapital.db";

    /// <summary>A dataset folder that seeds an empty store on first start; relative paths are looked for in the working
    /// directory and its parents, then beside the app. Empty: no seeding.</summary>
    public string Seed { get; set; } = "data-samples/city-10k";

    /// <summary>How many of the latest changes the store's change feed keeps for replicas that fall behind (default
    /// 10,000; SQLite and PostgreSQL); a replica further behind reads the whole store again.</summary>
    public int ChangesKept { get; set; } = 10_000;

    /// <summary>Where the Neo4j store is, when <see cref="Kind"/> is <c>neo4j</c>.</summary>
    public Neo4jSettings Neo4j { get; set; } = new();

    /// <summary>Where the PostgreSQL store is, when <see cref="Kind"/> is <c>postgres</c>.</summary>
    public PostgresSettings Postgres { get; set; } = new();
}

/// <summary>Configuration section <c>Store:Postgres</c>. The connection string holds the password: set it in the
/// environment (<c>Store__Postgres__ConnectionString</c>) or a secret store; it is never logged or shown in a message
/// (host, port, database and user are).</summary>
internal sealed class PostgresSettings
{
    /// <summary>An Npgsql connection string, e.g. <c>Host=db;Port=5432;Database=socialcapital;Username=sc;Password=…</c>
    /// (pool settings too: <c>Maximum Pool Size</c>, …).</summary>
    public string ConnectionString { get; set; } = "";

    /// <summary>Whether replicas keep a checkpoint in the store and start from it (default true): after reading the rows
    /// and building its snapshot, a replica writes it into the store in the background (a binary snapshot file), and a
    /// replica that starts later loads it and follows the change feed from its version instead of reading every row.
    /// False: every start reads the rows, and no checkpoint is written.</summary>
    public bool Checkpoint { get; set; } = true;

    /// <summary>How many changes the checkpoint may fall behind the store before a replica makes a new one in the
    /// background, from a full read of the rows at one version (one replica at a time); a checkpoint of an earlier day is
    /// made anew too. 0 (the default): half of <see cref="StoreSettings.ChangesKept"/>. The store keeps every change after
    /// the checkpoint for it, up to 4 × <c>ChangesKept</c>; past that it abandons the checkpoint.</summary>
    public int CheckpointEvery { get; set; }
}

/// <summary>Configuration section <c>Store:Neo4j</c>. Credentials belong in the environment
/// (<c>Store__Neo4j__Password</c>) or a secret store; they are never logged.</summary>
internal sealed class Neo4jSettings
{
    /// <summary>The server's HTTP address, e.g. <c>http://localhost:7474</c> or an Aura instance's https address.</summary>
    public string Uri { get; set; } = "";

    /// <summary>The database (default <c>neo4j</c>).</summary>
    public string Database { get; set; } = "neo4j";

    /// <summary>User for basic authentication.</summary>
    public string User { get; set; } = "";

    /// <summary>Password for basic authentication.</summary>
    public string Password { get; set; } = "";

    /// <summary>A bearer token instead of user and password (e.g. for single sign-on).</summary>
    public string Token { get; set; } = "";

    /// <summary>Rows per batch in imports (default 10,000).</summary>
    public int BatchSize { get; set; } = 10_000;
}

/// <summary>Configuration section <c>Jwt</c>: who issues the bearer tokens the API accepts. Two sources, either or both:
/// an organisation's identity provider (<see cref="Authority"/>: OIDC discovery, RS256/ES256 keys from its JWKS) and a
/// shared HS256 key (<see cref="SigningKey"/>, for development and simple deployments). Checked once at start-up
/// (<see cref="BearerTokens.Check"/>); a setting that cannot work stops start-up with a message.</summary>
internal sealed class JwtSettings
{
    /// <summary>The identity provider's issuer address (e.g. <c>https://login.microsoftonline.com/TENANT/v2.0</c>); its
    /// <c>/.well-known/openid-configuration</c> names the issuer and the <c>jwks_uri</c> whose RS256/ES256 keys sign
    /// its tokens. Empty (default): no identity provider, HS256 only.</summary>
    public string Authority { get; set; } = "";

    /// <summary>Whether the discovery document and keys must come over https (default <see langword="true"/>);
    /// <see langword="false"/> is accepted only when <see cref="Authority"/> is a loopback address (a provider on this
    /// machine, e.g. in tests).</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>The least time between two fetches of the provider's metadata when a token names a key (<c>kid</c>) the
    /// API does not know yet, or after a failed fetch, in seconds (default 300, at least 1). Known keys are refetched
    /// every 12 hours regardless.</summary>
    public int MetadataRefreshSeconds { get; set; } = 300;

    /// <summary>The claim that carries the caller's role (default <c>role</c>); a <c>roles</c> array is read as well.
    /// Values other than <c>coach</c>, <c>analyst</c> and <c>admin</c> are ignored.</summary>
    public string RoleClaim { get; set; } = Security.ApiTokens.RoleClaim;

    /// <summary>The claim that carries the caller's areas (default <c>areas</c>): an array of area codes, or <c>"*"</c>
    /// for every area.</summary>
    public string AreaClaim { get; set; } = Security.ApiTokens.AreaClaim;

    /// <summary>The expected issuer (<c>iss</c>). Empty (default): with <see cref="Authority"/>, the issuer its discovery
    /// document names; HS256 tokens must say <c>socialcapital</c>. Set, it is what every token must say.</summary>
    public string Issuer { get; set; } = "";

    /// <summary>The expected audience (<c>aud</c>), default <c>socialcapital-api</c>; for an identity provider, the
    /// API's application id or URI there.</summary>
    public string Audience { get; set; } = Security.ApiTokens.DefaultAudience;

    /// <summary>The HS256 signing key, at least 32 bytes. Required outside Development unless <see cref="Authority"/> is
    /// set; in Development an empty key means the published development key.</summary>
    public string SigningKey { get; set; } = "";
}

/// <summary>Configuration section <c>Analysis</c>.</summary>
internal sealed class AnalysisSettings
{
    /// <summary>Areas and groups with fewer people than this are suppressed (default 10).</summary>
    public int MinCellSize { get; set; } = 10;

    /// <summary>A tie-policy JSON file; empty for the default policy.</summary>
    public string Policy { get; set; } = "";

    /// <summary>Up to this many people, <c>GET /people/{id}/betweenness</c> is exact; above, a 1,000-pivot estimate with its
    /// error bound (default 25,000: the exact computation grows with people × ties — about 10 s at 10k people and minutes
    /// at 30k on 2 cores, docs/performance.md).</summary>
    public int BetweennessExactLimit { get; set; } = 25_000;

    /// <summary>The areas' boundaries, a GeoJSON file (docs/format.md#areasgeojson-optional) served at
    /// <c>GET /areas/boundaries</c>; relative paths are looked for like <c>Store:Seed</c>. Empty (default): the
    /// <c>areas.geojson</c> beside the seed dataset, when it has one.</summary>
    public string Boundaries { get; set; } = "";

    /// <summary>ε of the noise on published aggregates (/areas, /groups, programme what-if; docs/measures.md#noise); 0 (the
    /// default) = exact values.</summary>
    public double Noise { get; set; }

    /// <summary>The server secret that keys the noise (at least 16 bytes when <see cref="Noise"/> is above 0), e.g. in the
    /// environment variable <c>Analysis__NoiseKey</c>. Whoever knows it can remove the noise.</summary>
    public string NoiseKey { get; set; } = "";

    /// <summary>The engine's noise options from <see cref="Noise"/> and <see cref="NoiseKey"/>.</summary>
    public Metrics.NoiseOptions NoiseOptions() => Noise == 0
        ? Metrics.NoiseOptions.Off
        : new Metrics.NoiseOptions { Epsilon = Noise, Key = System.Text.Encoding.UTF8.GetBytes(NoiseKey) };
}

/// <summary>Configuration section <c>Replicas</c>: several API processes over one store that is a change feed (SQLite on one
/// machine). Each follows the others' writes; these say how long a read waits for a version, how far behind a replica
/// may be and still be ready, and how long a write waits for the store's write lock.</summary>
internal sealed class ReplicaSettings
{
    /// <summary>How long a request with <c>X-Min-Version</c> waits for this replica to reach that version before it answers
    /// 503 (default 2 s; 0 to 30 s).</summary>
    public TimeSpan MinVersionWait { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary><c>/health/ready</c> answers 503 while the oldest change this replica has not applied was committed longer
    /// ago than this (default 5 s; more than 0).</summary>
    public TimeSpan MaxLag { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a write waits for the store's write lock across replicas (held by another replica's write, or
    /// for the length of an import) before it answers 503 with <c>Retry-After</c>, having written nothing (default 10 s;
    /// more than 0, at most 5 min). Only stores shared by several processes have the lock (SQLite, PostgreSQL).</summary>
    public TimeSpan WriteLockWait { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>What is wrong with the settings, one message each (none when they are right).</summary>
    public IEnumerable<string> Problems()
    {
        if (MinVersionWait < TimeSpan.Zero || MinVersionWait > TimeSpan.FromSeconds(30))
            yield return $"Replicas:MinVersionWait must be from 00:00:00 to 00:00:30; it is {MinVersionWait}.";
        if (MaxLag <= TimeSpan.Zero)
            yield return $"Replicas:MaxLag must be more than 0; it is {MaxLag}.";
        if (WriteLockWait <= TimeSpan.Zero || WriteLockWait > TimeSpan.FromMinutes(5))
            yield return $"Replicas:WriteLockWait must be more than 0 and at most 00:05:00; it is {WriteLockWait}.";
    }
}

/// <summary>Configuration section <c>Limits</c>.</summary>
internal sealed class LimitSettings
{
    /// <summary>Requests each client (token subject, else address) may make per minute (default 600).</summary>
    public int PermitsPerMinute { get; set; } = 600;

    /// <summary>Largest request body, except imports (default 1 MiB).</summary>
    public long MaxBodyBytes { get; set; } = 1 << 20;

    /// <summary>Largest import body (default 256 MiB).</summary>
    public long MaxImportBytes { get; set; } = 256L << 20;
}

/// <summary>Configuration section <c>Web</c>: how people sign in to the web app. The browser gets a session cookie (the
/// API's own bearer tokens stay for other services). With <c>Jwt:Authority</c> and <see cref="ClientId"/> set, sign-in
/// is OpenID Connect with the organisation's provider (authorization code + PKCE); in Development, without them, a page
/// that picks a role and areas.</summary>
internal sealed class WebSettings
{
    /// <summary>The web app's client id at the identity provider. Empty (default): no provider sign-in.</summary>
    public string ClientId { get; set; } = "";

    /// <summary>The client secret, for a confidential client; empty (default) for a public client (PKCE alone). Keep it in
    /// the environment (<c>Web__ClientSecret</c>), never in a file.</summary>
    public string ClientSecret { get; set; } = "";

    /// <summary>The scopes asked for, separated by spaces (default <c>openid profile</c>). The provider must put the role
    /// and area claims (<c>Jwt:RoleClaim</c>, <c>Jwt:AreaClaim</c>) in the identity token.</summary>
    public string Scopes { get; set; } = "openid profile";

    /// <summary>How long a session lasts without use, in minutes (default 480: a working day); each use extends it.</summary>
    public int SessionMinutes { get; set; } = 480;
}
