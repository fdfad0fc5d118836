using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace SocialCapital.Api.Tests.Security;

/// <summary>A real, tiny OpenID Connect provider for the tests: Kestrel on a loopback port serving
/// <c>/realms/test/.well-known/openid-configuration</c> and its JWKS, with a generated RSA 2048 key (<c>rsa-1</c>) and
/// an EC P-256 key (<c>ec-1</c>). Keys can be added (rotation) and the documents replaced by junk; it counts how often
/// each document was fetched. Tokens are minted with Microsoft.IdentityModel, attacks by hand (<see cref="Jws"/>).</summary>
internal sealed class OidcProvider : IAsyncDisposable
{
    public const string Audience = "socialcapital-api-tests";
    private const string Realm = "/realms/test";

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, string> _jwks = new(StringComparer.Ordinal); // kid → public JWK JSON
    private int _discoveryFetches;
    private int _jwksFetches;

    private OidcProvider(WebApplication app, Uri root)
    {
        _app = app;
        Authority = new Uri(root, Realm);
        Rsa = NewRsa("rsa-1");
        Ec = NewEc("ec-1", ECCurve.NamedCurves.nistP256);
    }

    /// <summary>The issuer address the API is configured with (<c>Jwt:Authority</c>) and that tokens name.</summary>
    public Uri Authority { get; }

    /// <summary>The issuer (<c>iss</c>) its discovery document names.</summary>
    public string Issuer => Authority.ToString();

    public RsaSecurityKey Rsa { get; }

    public ECDsaSecurityKey Ec { get; }

    public int DiscoveryFetches => Volatile.Read(ref _discoveryFetches);

    public int JwksFetches => Volatile.Read(ref _jwksFetches);

    /// <summary>Replaces the discovery document's body (junk, or a document without keys); null restores it.</summary>
    public string? DiscoveryOverride { get; set; }

    /// <summary>Replaces the JWKS body; null restores it.</summary>
    public string? JwksOverride { get; set; }

    public static async Task<OidcProvider> StartAsync()
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        OidcProvider? provider = null;
        app.Run(http => provider!.ServeAsync(http));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        provider = new OidcProvider(app, new Uri(address));
        return provider;
    }

    /// <summary>A new RSA key, published in the JWKS under <paramref name="kid"/> unless <paramref name="publish"/> is false.</summary>
    public RsaSecurityKey NewRsa(string kid, int bits = 2048, bool publish = true)
    {
        var rsa = RSA.Create(bits);
        var key = new RsaSecurityKey(rsa) { KeyId = kid };
        if (publish) Publish(JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(rsa.ExportParameters(false)) { KeyId = kid }));
        return key;
    }

    /// <summary>A new EC key on <paramref name="curve"/>, published under <paramref name="kid"/> unless told not to.</summary>
    public ECDsaSecurityKey NewEc(string kid, ECCurve curve, bool publish = true)
    {
        var ec = ECDsa.Create(curve);
        var key = new ECDsaSecurityKey(ec) { KeyId = kid };
        if (publish) Publish(JsonWebKeyConverter.ConvertFromECDsaSecurityKey(new ECDsaSecurityKey(ECDsa.Create(ec.ExportParameters(false))) { KeyId = kid }));
        return key;
    }

    /// <summary>Publishes a raw JWK (e.g. a symmetric <c>oct</c> key, which a careless API might trust for HS256).</summary>
    public void PublishRaw(string kid, string json) => _jwks[kid] = json;

    /// <summary>The published JWK of <paramref name="kid"/>, as JSON.</summary>
    public string Jwk(string kid) => _jwks[kid];

    /// <summary>A token signed by <paramref name="key"/> with <paramref name="algorithm"/>, for <paramref name="role"/>
    /// (claim <c>role</c>) in every area (claim <c>areas</c>: <c>["*"]</c>) unless <paramref name="claims"/> says otherwise;
    /// valid for an hour unless <paramref name="expires"/>.</summary>
    public string Mint(SecurityKey key, string algorithm, string? role = "coach", IDictionary<string, object>? claims = null,
        DateTime? expires = null, string? issuer = null, string audience = Audience)
    {
        var now = DateTime.UtcNow;
        var all = new Dictionary<string, object>(StringComparer.Ordinal) { ["sub"] = "idp-user", ["areas"] = new[] { "*" } };
        if (role is not null) all["role"] = role;
        foreach (var (name, value) in claims ?? new Dictionary<string, object>()) all[name] = value;
        var end = expires ?? now.AddHours(1);
        var start = end.AddHours(-1) < now ? end.AddHours(-1) : now;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer ?? Issuer,
            Audience = audience,
            Claims = all,
            IssuedAt = start,
            NotBefore = start,
            Expires = end,
            SigningCredentials = new SigningCredentials(key, algorithm),
        });
    }

    /// <summary>The payload of a valid token for <paramref name="role"/> from this provider, for hand-made tokens.</summary>
    public Dictionary<string, object> Payload(string role = "admin")
    {
        var now = DateTimeOffset.UtcNow;
        return new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["iss"] = Issuer, ["aud"] = Audience, ["sub"] = "attacker", ["role"] = role, ["areas"] = new[] { "*" },
            ["iat"] = now.ToUnixTimeSeconds(), ["nbf"] = now.ToUnixTimeSeconds(), ["exp"] = now.AddHours(1).ToUnixTimeSeconds(),
        };
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private void Publish(JsonWebKey jwk)
    {
        var fields = new Dictionary<string, string?>
        {
            ["kty"] = jwk.Kty, ["use"] = "sig", ["kid"] = jwk.KeyId, ["n"] = jwk.N, ["e"] = jwk.E, ["crv"] = jwk.Crv, ["x"] = jwk.X, ["y"] = jwk.Y,
        };
        _jwks[jwk.KeyId] = JsonSerializer.Serialize(fields.Where(f => f.Value is not null).ToDictionary(f => f.Key, f => f.Value));
    }

    private Task ServeAsync(HttpContext http)
    {
        var path = http.Request.Path.Value ?? "";
        http.Response.ContentType = "application/json";
        if (path == Realm + "/.well-known/openid-configuration")
        {
            Interlocked.Increment(ref _discoveryFetches);
            return http.Response.WriteAsync(DiscoveryOverride ?? JsonSerializer.Serialize(new Dictionary<string, object>
            {
                ["issuer"] = Issuer,
                ["jwks_uri"] = new Uri(Authority, Realm + "/protocol/openid-connect/certs").ToString(),
                ["id_token_signing_alg_values_supported"] = new[] { "RS256", "ES256" },
            }));
        }
        if (path == Realm + "/protocol/openid-connect/certs")
        {
            Interlocked.Increment(ref _jwksFetches);
            return http.Response.WriteAsync(JwksOverride ?? "{\"keys\":[" + string.Join(',', _jwks.Values) + "]}");
        }
        http.Response.StatusCode = StatusCodes.Status404NotFound;
        return Task.CompletedTask;
    }
}

/// <summary>Hand-made JSON Web Signatures, for the tokens no library will mint: <c>alg: none</c>, HS256 keyed with a
/// public key, ES256 on another curve.</summary>
internal static class Jws
{
    public static string Make(object header, object payload, Func<byte[], byte[]> sign)
    {
        var input = B64(JsonSerializer.SerializeToUtf8Bytes(header)) + "." + B64(JsonSerializer.SerializeToUtf8Bytes(payload));
        return input + "." + B64(sign(Encoding.ASCII.GetBytes(input)));
    }

    public static string B64(byte[] bytes) => Base64UrlEncoder.Encode(bytes);
}

/// <summary>Waits for what the API does in the background (a key refetch, a start-up log line), up to 15 s.</summary>
internal static class Wait
{
    public static Task UntilAsync(Func<bool> condition, string failure) => UntilAsync(() => Task.FromResult(condition()), failure);

    public static async Task UntilAsync(Func<Task<bool>> condition, string failure)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!await condition())
        {
            if (clock.Elapsed > TimeSpan.FromSeconds(15)) throw new Xunit.Sdk.XunitException(failure);
            await Task.Delay(100);
        }
    }
}
