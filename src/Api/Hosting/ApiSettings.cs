namespace SocialCapital.Api.Hosting;

/// <summary>Configuration section <c>Store</c>: which store holds the data and where.</summary>
internal sealed class StoreSettings
{
    /// <summary><c>sqlite</c> (default): the embedded file store.</summary>
    public string Kind { get; set; } = "sqlite";

    /// <summary>The SQLite file; relative paths are relative to the working directory.</summary>
    public string Path { get; set; } = "data/socialcapital.db";

    /// <summary>A dataset folder that seeds an empty store on first start; relative paths are looked for in the working
    /// directory and its parents, then beside the app. Empty: no seeding.</summary>
    public string Seed { get; set; } = "data-samples/city-10k";
}

/// <summary>Configuration section <c>Jwt</c>: who issues the bearer tokens the API accepts.</summary>
internal sealed class JwtSettings
{
    /// <summary>The expected issuer (<c>iss</c>).</summary>
    public string Issuer { get; set; } = Security.ApiTokens.DefaultIssuer;

    /// <summary>The expected audience (<c>aud</c>).</summary>
    public string Audience { get; set; } = Security.ApiTokens.DefaultAudience;

    /// <summary>The HS256 signing key, at least 32 bytes. Required outside Development; in Development an empty key
    /// means the published development key.</summary>
    public string SigningKey { get; set; } = "";
}

/// <summary>Configuration section <c>Analysis</c>.</summary>
internal sealed class AnalysisSettings
{
    /// <summary>Areas and groups with fewer people than this are suppressed (default 10).</summary>
    public int MinCellSize { get; set; } = 10;

    /// <summary>A tie-policy JSON file; empty for the default policy.</summary>
    public string Policy { get; set; } = "";
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
