using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;
using SocialCapital.Api.Tests.Infrastructure;

namespace SocialCapital.Api.Tests.Security.Owasp;

/// <summary>OWASP API Security Top 10 (2023), API10:2023 Unsafe Consumption of APIs: what the identity provider serves (discovery, JWKS) is checked, and its failures are 401s, never 500s.</summary>
public sealed class Api10UnsafeConsumptionOfApisTests
{
    private const string Outage = "Cannot read the identity provider's metadata from Jwt:Authority";

    [Fact]
    public async Task Jwks_Weak1024BitRsaKey_IsNotTrusted()
    {
        await using var provider = await OidcProvider.StartAsync();
        var weak = provider.NewRsa("rsa-1024", bits: 1024); // published before the API reads the keys
        await using var api = Start(provider);
        var token = Jws.Make(new { alg = "RS256", typ = "JWT", kid = "rsa-1024" }, provider.Payload("admin"),
            input => weak.Rsa.SignData(input, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));

        using var response = await api.Api.WithToken(token).GetAsync("/people/3");

        await response.AssertProblemAsync(401);
        Assert.Contains(api.Api.Log.Lines, l => l.Contains("the RSA key has 1024 bits, fewer than the 2048", StringComparison.Ordinal));
        await Wait.UntilAsync(() => api.Api.Log.Lines.Any(l => l.Contains("never used, as too weak or of a kind this API does not accept: rsa-1024.",
            StringComparison.Ordinal)), "the start-up log does not say the weak key is never used"); // logged by the start-up probe
    }

    [Fact]
    public async Task Jwks_SymmetricKeyPublishedByTheProvider_NeverVerifiesHs256()
    {
        await using var provider = await OidcProvider.StartAsync();
        var secret = RandomNumberGenerator.GetBytes(32);
        provider.PublishRaw("oct-1", $$"""{"kty":"oct","use":"sig","kid":"oct-1","k":"{{Jws.B64(secret)}}"}""");
        await using var api = Start(provider);
        var token = Jws.Make(new { alg = "HS256", typ = "JWT", kid = "oct-1" }, provider.Payload("admin"), input => HMACSHA256.HashData(secret, input));

        using var response = await api.Api.WithToken(token).GetAsync("/people/3");

        await response.AssertProblemAsync(401);
    }

    public static TheoryData<string, string?, string?> MalformedMetadata() => new()
    {
        // case, discovery body, JWKS body
        { "discovery not JSON", "<html>maintenance</html>", null },
        { "discovery without jwks_uri", "{\"issuer\":\"x\"}", null },
        { "discovery an array", "[1,2,3]", null },
        { "JWKS not JSON", null, "not json at all" },
        { "JWKS keys not an array", null, "{\"keys\":\"rsa-1\"}" },
        { "JWKS key with a broken modulus", null, "{\"keys\":[{\"kty\":\"RSA\",\"kid\":\"rsa-1\",\"use\":\"sig\",\"n\":\"!!\",\"e\":\"AQAB\"}]}" },
    };

    [Theory]
    [MemberData(nameof(MalformedMetadata))]
    public async Task Metadata_Malformed_Is401NotAServerError(string name, string? discovery, string? jwks)
    {
        await using var provider = await OidcProvider.StartAsync();
        provider.DiscoveryOverride = discovery;
        provider.JwksOverride = jwks;
        Assert.NotEmpty(name);
        await using var api = Start(provider, hs256: true);

        using var response = await api.Api.WithToken(provider.Mint(provider.Rsa, SecurityAlgorithms.RsaSha256, "coach")).GetAsync("/people/3");

        await response.AssertProblemAsync(401);
        using var hs256 = await api.Api.WithToken(OidcApi.Hs256("coach")).GetAsync("/people/3");
        await hs256.AssertStatusAsync(200); // the configured key keeps working while the provider is broken
    }

    [Fact]
    public async Task Provider_Down_Is401WithALogLineSayingSo()
    {
        await using var provider = await OidcProvider.StartAsync(); // only to mint tokens: the API is pointed elsewhere
        using var folder = new TempFolder();
        var settings = OidcApi.Trusting(provider, Tokens.SigningKey);
        settings["Jwt:Authority"] = $"http://127.0.0.1:{ClosedPort()}/realms/test";
        await using var api = TestApi.Start(folder.File("store.db"), Repo.Sample("toy"), settings);

        using var response = await api.WithToken(provider.Mint(provider.Rsa, SecurityAlgorithms.RsaSha256, "coach")).GetAsync("/people/3");

        await response.AssertProblemAsync(401);
        await Wait.UntilAsync(() => api.Log.Lines.Any(l => l.Contains(Outage, StringComparison.Ordinal) && l.StartsWith("Error", StringComparison.Ordinal)),
            "no error line says the provider cannot be read");
        using var hs256 = await api.WithToken(OidcApi.Hs256("coach")).GetAsync("/people/3");
        await hs256.AssertStatusAsync(200);
    }

    [Fact]
    public async Task Provider_DownAfterTheKeysWereRead_KnownKeysKeepWorking()
    {
        var provider = await OidcProvider.StartAsync();
        await using var api = Start(provider);
        var token = provider.Mint(provider.Rsa, SecurityAlgorithms.RsaSha256, "coach");
        using (var before = await api.Api.WithToken(token).GetAsync("/people/3")) await before.AssertStatusAsync(200);

        await provider.DisposeAsync();

        using var after = await api.Api.WithToken(token).GetAsync("/people/3");
        await after.AssertStatusAsync(200);
    }

    private static Started Start(OidcProvider provider, bool hs256 = false)
    {
        var folder = new TempFolder();
        return new Started(TestApi.Start(folder.File("store.db"), Repo.Sample("toy"), OidcApi.Trusting(provider, hs256 ? Tokens.SigningKey : null)), folder);
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port; // closed again when disposed: nothing listens there
    }

    private sealed class Started(TestApi api, TempFolder folder) : IAsyncDisposable
    {
        public TestApi Api => api;

        public async ValueTask DisposeAsync()
        {
            await api.DisposeAsync();
            folder.Dispose();
        }
    }
}
