using System.Security.Claims;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using SocialCapital.Api.Hosting;
using SocialCapital.Security;

namespace SocialCapital.Api;

/// <summary>Which bearer tokens the API accepts, from the <c>Jwt</c> settings: checked once at start-up
/// (<see cref="Check"/>), then applied to the JwtBearer handler (<see cref="Configure"/>). Discovery, the JWKS and key
/// rotation are the handler's own (its <c>ConfigurationManager</c>); this class adds the rules the library leaves open:
/// each algorithm only with its own kind of key (HS256 with the configured key, RS256 with an RSA key of at least
/// <see cref="MinRsaKeyBits"/> bits, ES256 with a P-256 key), an RS256 or ES256 token is checked only against the key its
/// <c>kid</c> names, and each key speaks only for its own issuer. Thread-safe: the delegates it installs share only
/// immutable state and the outage log's interlocked timestamp.</summary>
internal static class BearerTokens
{
    /// <summary>The smallest RSA key whose RS256 signature is trusted: 2048 bits (NIST SP 800-131A). A provider's
    /// smaller keys are ignored, and a token signed with one is refused.</summary>
    public const int MinRsaKeyBits = 2048;

    /// <summary>How long a fetch of the provider's metadata may take before it counts as failed (10 s), so a provider
    /// that does not answer delays a request by at most this.</summary>
    public static readonly TimeSpan MetadataTimeout = TimeSpan.FromSeconds(10);

    private const string P256 = "P-256";
    private const string P256Oid = "1.2.840.10045.3.1.7";

    /// <summary>The checked token settings.</summary>
    /// <param name="Authority">The identity provider, or <see langword="null"/>.</param>
    /// <param name="RequireHttpsMetadata">Whether its metadata must come over https.</param>
    /// <param name="MetadataRefresh">The least time between two metadata fetches on demand.</param>
    /// <param name="AuthorityIssuer">The issuer the provider's tokens must name; <see langword="null"/>: the one its
    /// discovery document names.</param>
    /// <param name="SigningKey">The HS256 key, or <see langword="null"/> when HS256 tokens are not accepted.</param>
    /// <param name="SigningKeyIssuer">The issuer HS256 tokens must name.</param>
    /// <param name="Audience">The audience every token must name.</param>
    /// <param name="RoleClaim">The claim roles are read from (and a <c>roles</c> array).</param>
    /// <param name="AreaClaim">The claim areas are read from.</param>
    /// <param name="EveryAreaWhenMissing">Whether a token without an area claim sees every area (Development only).</param>
    public sealed record Plan(Uri? Authority, bool RequireHttpsMetadata, TimeSpan MetadataRefresh, string? AuthorityIssuer,
        string? SigningKey, string SigningKeyIssuer, string Audience, string RoleClaim, string AreaClaim, bool EveryAreaWhenMissing)
    {
        /// <summary>Whether the published development key is the HS256 key.</summary>
        public bool UsesDevelopmentKey => SigningKey == ApiTokens.DevelopmentSigningKey;

        /// <summary>Adds the API's roles and areas to a validated identity, read from <see cref="RoleClaim"/> and
        /// <see cref="AreaClaim"/> (<see cref="Caller.Claims.Normalise"/>): for a bearer token and for the identity token
        /// of a web sign-in alike, so a user has the same rights either way.</summary>
        public void Normalise(ClaimsIdentity identity) => Caller.Claims.Normalise(identity, RoleClaim, AreaClaim, EveryAreaWhenMissing);
    }

    /// <summary>Checks the <c>Jwt</c> settings before anything starts and says what to fix.</summary>
    /// <exception cref="StartupException">A setting cannot work: a bad or plain-http authority, https metadata turned
    /// off for a remote authority, no token source outside Development, a short or published key outside Development,
    /// a refresh interval below a second, or an empty claim name or audience.</exception>
    public static Plan Check(JwtSettings jwt, IHostEnvironment environment)
    {
        var development = environment.IsDevelopment();
        var authority = CheckAuthority(jwt);
        var key = string.IsNullOrEmpty(jwt.SigningKey) ? (development ? ApiTokens.DevelopmentSigningKey : null) : jwt.SigningKey;
        if (key is null && authority is null)
            throw new StartupException("Neither Jwt:Authority nor Jwt:SigningKey is set. Outside Development the API needs an identity "
                + "provider (Jwt:Authority, its https issuer address) or the key its tokens are signed with (Jwt:SigningKey, at least "
                + $"{ApiTokens.MinKeyBytes} bytes, e.g. in the environment variable Jwt__SigningKey).");
        if (key is not null && System.Text.Encoding.UTF8.GetByteCount(key) < ApiTokens.MinKeyBytes)
            throw new StartupException($"Jwt:SigningKey is too short: HS256 needs at least {ApiTokens.MinKeyBytes} bytes.");
        if (!development && key == ApiTokens.DevelopmentSigningKey)
            throw new StartupException("Jwt:SigningKey is the published development key, which anyone can sign with; outside "
                + "Development set a secret key of your own or use Jwt:Authority.");
        if (jwt.MetadataRefreshSeconds < 1)
            throw new StartupException($"Jwt:MetadataRefreshSeconds must be at least 1; it is {jwt.MetadataRefreshSeconds}.");
        CheckName("Jwt:RoleClaim", jwt.RoleClaim);
        CheckName("Jwt:AreaClaim", jwt.AreaClaim);
        CheckName("Jwt:Audience", jwt.Audience);
        if (jwt.RoleClaim == jwt.AreaClaim)
            throw new StartupException($"Jwt:RoleClaim and Jwt:AreaClaim are both '{jwt.RoleClaim}'; roles and areas need claims of their own.");
        var issuer = string.IsNullOrWhiteSpace(jwt.Issuer) ? null : jwt.Issuer;
        return new Plan(authority, jwt.RequireHttpsMetadata, TimeSpan.FromSeconds(jwt.MetadataRefreshSeconds), issuer,
            key, issuer ?? ApiTokens.DefaultIssuer, jwt.Audience, jwt.RoleClaim, jwt.AreaClaim, development);
    }

    private static Uri? CheckAuthority(JwtSettings jwt)
    {
        if (string.IsNullOrWhiteSpace(jwt.Authority)) return null;
        if (!Uri.TryCreate(jwt.Authority, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")
            || !string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment) || !string.IsNullOrEmpty(uri.UserInfo))
            throw new StartupException($"Jwt:Authority '{jwt.Authority}' is not the http(s) address of an identity provider's issuer "
                + "(e.g. https://login.example.org/realms/city, without query or fragment).");
        if (!jwt.RequireHttpsMetadata && !uri.IsLoopback)
            throw new StartupException($"Jwt:RequireHttpsMetadata=false is allowed only for an identity provider on this machine (a "
                + $"loopback address); Jwt:Authority '{jwt.Authority}' is not one. Use the provider's https address.");
        if (uri.Scheme == "http" && jwt.RequireHttpsMetadata)
            throw new StartupException($"Jwt:Authority '{jwt.Authority}' is plain http, but its metadata and keys must come over https "
                + "(Jwt:RequireHttpsMetadata, default true). Use https; only for a provider on this machine may you set "
                + "Jwt:RequireHttpsMetadata=false.");
        return uri;
    }

    private static void CheckName(string setting, string value)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
            throw new StartupException($"{setting} must be a claim or audience name without spaces; it is '{value}'.");
    }

    /// <summary>Applies <paramref name="plan"/> to the JwtBearer handler's options; <paramref name="log"/> receives why a
    /// token was refused when the library's own message would not say (weak key, wrong curve, provider down).</summary>
    public static void Configure(JwtBearerOptions options, Plan plan, ILogger log)
    {
        var symmetric = plan.SigningKey is null ? null : ApiTokens.Key(plan.SigningKey);
        options.MapInboundClaims = false;
        if (plan.Authority is { } authority)
        {
            options.Authority = authority.ToString();
            options.RequireHttpsMetadata = plan.RequireHttpsMetadata;
            options.RefreshInterval = plan.MetadataRefresh;
            options.BackchannelTimeout = MetadataTimeout;
        }
        options.TokenValidationParameters = new TokenValidationParameters
        {
            ValidIssuers = plan.SigningKey is null ? (plan.AuthorityIssuer is null ? null : [plan.AuthorityIssuer])
                : [plan.SigningKeyIssuer], // with an authority, the library adds its discovered issuer
            ValidAudience = plan.Audience,
            IssuerSigningKey = symmetric,
            TryAllIssuerSigningKeys = false,
            IssuerSigningKeyResolverUsingConfiguration = (_, token, kid, _, configuration) =>
                Candidates((token as JsonWebToken)?.Alg, kid, symmetric, configuration),
            AlgorithmValidator = (algorithm, key, _, _) => Allows(algorithm, key, symmetric, log),
            ValidateIssuerSigningKey = true,
            IssuerSigningKeyValidatorUsingConfiguration = (key, token, _, configuration) => SpeaksFor(key, token, plan, configuration),
            RoleClaimType = Caller.Claims.Role, // policies read the normalised roles
            NameClaimType = "sub",
            ClockSkew = TimeSpan.FromMinutes(1),
        };
        var unreachable = new ProviderOutageLog(plan, log);
        options.Events = new JwtBearerEvents
        {
            OnTokenValidated = context =>
            {
                if (context.Principal?.Identity is ClaimsIdentity identity)
                    plan.Normalise(identity);
                return Task.CompletedTask;
            },
            OnAuthenticationFailed = async context =>
            {
                if (plan.Authority is not null && unreachable.Due && context.Options.ConfigurationManager is { } manager)
                    await unreachable.CheckAsync(manager, context.HttpContext.RequestAborted);
                context.Fail(context.Exception); // a 401 with a challenge, never a 500, whatever went wrong
            },
        };
    }

    /// <summary>Reads the provider's metadata once at start-up through the handler's own configuration manager (which then
    /// has it cached) and logs what it found, or a warning that it could not: the API starts either way, and refuses the
    /// provider's tokens with 401 until the metadata can be read. Never throws.</summary>
    public static async Task ProbeAsync(IServiceProvider services)
    {
        var log = services.GetRequiredService<ILoggerFactory>().CreateLogger("SocialCapital.Api.Tokens");
        var options = services.GetRequiredService<Microsoft.Extensions.Options.IOptionsMonitor<JwtBearerOptions>>().Get(JwtBearerDefaults.AuthenticationScheme);
        try
        {
            if (options.ConfigurationManager is not { } manager) return;
            var configuration = await manager.GetConfigurationAsync(CancellationToken.None);
            var keys = configuration.SigningKeys;
            var ignored = keys.Where(k => !Trusted(k)).Select(k => k.KeyId).ToArray();
            log.LogInformation("Identity provider {Authority}: issuer {Issuer}, {Keys} signing keys ({Kids}); never used, as too weak "
                + "or of a kind this API does not accept: {Ignored}.", options.Authority, configuration.Issuer, keys.Count,
                string.Join(", ", keys.Select(k => k.KeyId)), ignored.Length == 0 ? "none" : string.Join(", ", ignored));
        }
        catch (Exception e)
        {
            log.LogWarning("Cannot read the identity provider's metadata from Jwt:Authority {Authority} ({Reason}); its tokens are "
                + "refused with 401 until it answers.", options.Authority, (e.InnerException ?? e).Message);
        }
    }

    /// <summary>The keys a token may be checked against: an HS256 token only the configured key, whatever its <c>kid</c>
    /// says; any other token only the provider's key its <c>kid</c> names (none without a <c>kid</c>).</summary>
    internal static IEnumerable<SecurityKey> Candidates(string? algorithm, string? kid, SecurityKey? symmetric, BaseConfiguration? configuration)
    {
        if (algorithm == SecurityAlgorithms.HmacSha256) return symmetric is null ? [] : [symmetric];
        if (string.IsNullOrEmpty(kid)) return [];
        return configuration?.SigningKeys.Where(k => string.Equals(k.KeyId, kid, StringComparison.Ordinal)).ToArray() ?? [];
    }

    /// <summary>Whether <paramref name="algorithm"/> may be verified with <paramref name="key"/>: HS256 only with the
    /// configured key (so a provider's public key can never be an HMAC secret), RS256 only with an RSA key of at least
    /// <see cref="MinRsaKeyBits"/> bits, ES256 only with a P-256 key; a key that declares an <c>alg</c> only for that one.</summary>
    internal static bool Allows(string algorithm, SecurityKey key, SecurityKey? symmetric, ILogger log)
    {
        if (key is JsonWebKey { Alg: { Length: > 0 } declared } && declared != algorithm)
            return Refuse(log, algorithm, key, $"the key is for {declared}");
        switch (algorithm)
        {
            case SecurityAlgorithms.HmacSha256:
                return ReferenceEquals(key, symmetric) || Refuse(log, algorithm, key, "HS256 is accepted only with Jwt:SigningKey");
            case SecurityAlgorithms.RsaSha256:
                if (RsaBits(key) is not { } bits) return Refuse(log, algorithm, key, "not an RSA key");
                return bits >= MinRsaKeyBits || Refuse(log, algorithm, key, $"the RSA key has {bits} bits, fewer than the {MinRsaKeyBits} this API trusts");
            case SecurityAlgorithms.EcdsaSha256:
                return IsP256(key) || Refuse(log, algorithm, key, "ES256 needs a P-256 key");
            default:
                return Refuse(log, algorithm, key, "only HS256, RS256 and ES256 are accepted");
        }
    }

    /// <summary>Whether a provider's key can verify anything here: RSA of at least <see cref="MinRsaKeyBits"/> bits, or P-256.</summary>
    private static bool Trusted(SecurityKey key) => RsaBits(key) >= MinRsaKeyBits || IsP256(key);

    private static bool Refuse(ILogger log, string algorithm, SecurityKey key, string reason)
    {
        log.LogInformation("Refused a bearer token signed with {Algorithm} by key '{KeyId}': {Reason}.", algorithm, key.KeyId, reason);
        return false;
    }

    private static int? RsaBits(SecurityKey key) => key switch
    {
        JsonWebKey { Kty: JsonWebAlgorithmsKeyTypes.RSA } jwk => jwk.KeySize,
        RsaSecurityKey rsa => rsa.KeySize,
        X509SecurityKey { PublicKey: RSA rsa } => rsa.KeySize,
        _ => null,
    };

    private static bool IsP256(SecurityKey key) => key switch
    {
        JsonWebKey { Kty: JsonWebAlgorithmsKeyTypes.EllipticCurve } jwk => jwk.Crv == P256,
        ECDsaSecurityKey ec => IsP256(ec.ECDsa),
        X509SecurityKey x509 => x509.Certificate.GetECDsaPublicKey() is { } ec && IsP256(ec),
        _ => false,
    };

    private static bool IsP256(ECDsa ec) => ec.ExportParameters(false).Curve.Oid.Value == P256Oid;

    /// <summary>Each key speaks only for its issuer: the HS256 key for <see cref="Plan.SigningKeyIssuer"/>, the provider's
    /// keys for <see cref="Plan.AuthorityIssuer"/> or, when that is not set, the issuer its discovery document names.</summary>
    private static bool SpeaksFor(SecurityKey key, SecurityToken token, Plan plan, BaseConfiguration? configuration)
    {
        var issuer = (token as JsonWebToken)?.Issuer;
        var expected = key is SymmetricSecurityKey ? plan.SigningKeyIssuer : plan.AuthorityIssuer ?? configuration?.Issuer;
        if (expected is null || !string.Equals(issuer, expected, StringComparison.Ordinal))
            throw new SecurityTokenInvalidIssuerException($"This key signs only tokens issued by '{expected}'.") { InvalidIssuer = issuer };
        return true;
    }

    /// <summary>Logs, at most once per metadata refresh interval, that the provider's metadata cannot be read, so an
    /// outage shows in the log as what it is rather than as a stream of refused tokens. Asks the configuration manager
    /// only when a log line is due: its cached configuration when it has one (no fetch), else one more fetch attempt per
    /// interval. Thread-safe.</summary>
    private sealed class ProviderOutageLog(Plan plan, ILogger log)
    {
        private long _nextLogTicks;

        public bool Due => DateTime.UtcNow.Ticks >= Interlocked.Read(ref _nextLogTicks);

        public async Task CheckAsync(Microsoft.IdentityModel.Protocols.IConfigurationManager<Microsoft.IdentityModel.Protocols.OpenIdConnect.OpenIdConnectConfiguration> manager,
            CancellationToken cancel)
        {
            try
            {
                await manager.GetConfigurationAsync(cancel); // the cached configuration when there is one: no fetch
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                var now = DateTime.UtcNow.Ticks;
                var next = Interlocked.Read(ref _nextLogTicks);
                if (now >= next && Interlocked.CompareExchange(ref _nextLogTicks, now + plan.MetadataRefresh.Ticks, next) == next)
                    log.LogError("Cannot read the identity provider's metadata from Jwt:Authority {Authority} ({Reason}); its tokens are "
                        + "refused with 401 until it answers.", plan.Authority, (e.InnerException ?? e).Message);
            }
        }
    }
}
