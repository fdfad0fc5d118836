using SocialCapital.Api.Tests.Infrastructure;
using SocialCapital.Security;

namespace SocialCapital.Api.Tests.Security;

/// <summary>A real in-process <see cref="OidcProvider"/> and the toy API trusting it (<c>Jwt:Authority</c>, issuer from
/// discovery, metadata refresh at most every second) as well as the test HS256 key (its tokens name the default issuer
/// <c>socialcapital</c>): both token sources at once, the configuration that gives an attacker the most to play with.</summary>
public sealed class OidcApi : IAsyncLifetime
{
    private readonly TempFolder _folder = new();
    private OidcProvider? _provider;
    private TestApi? _api;

    internal OidcProvider Provider => _provider ?? throw new InvalidOperationException("not started");

    internal TestApi Api => _api ?? throw new InvalidOperationException("not started");

    /// <summary>A P-384 key the provider publishes from the start (so the API knows it): ES256 must not verify with it.</summary>
    internal Microsoft.IdentityModel.Tokens.ECDsaSecurityKey P384 { get; private set; } = null!;

    /// <summary>An HS256 token the API accepts: the test key, the default issuer.</summary>
    internal static string Hs256(string role) =>
        ApiTokens.Mint(role, ApiTokens.DefaultIssuer, OidcProvider.Audience, Tokens.SigningKey, TimeSpan.FromHours(1), areas: [ApiTokens.AllAreas]);

    /// <summary>The settings that point a <see cref="TestApi"/> at <paramref name="provider"/>.</summary>
    internal static Dictionary<string, string?> Trusting(OidcProvider provider, string? signingKey = null) => new(StringComparer.OrdinalIgnoreCase)
    {
        ["Jwt:Authority"] = provider.Authority.ToString(),
        ["Jwt:RequireHttpsMetadata"] = "false",
        ["Jwt:MetadataRefreshSeconds"] = "1",
        ["Jwt:Issuer"] = "",
        ["Jwt:Audience"] = OidcProvider.Audience,
        ["Jwt:SigningKey"] = signingKey ?? "",
    };

    public async Task InitializeAsync()
    {
        _provider = await OidcProvider.StartAsync();
        P384 = _provider.NewEc("ec-p384", System.Security.Cryptography.ECCurve.NamedCurves.nistP384);
        _api = TestApi.Start(_folder.File("store.db"), Repo.Sample("toy"), Trusting(_provider, Tokens.SigningKey));
    }

    public async Task DisposeAsync()
    {
        if (_api is not null) await _api.DisposeAsync();
        if (_provider is not null) await _provider.DisposeAsync();
        _folder.Dispose();
    }
}
