using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.Tokens;
using SocialCapital.Api.Tests.Infrastructure;
using SocialCapital.Security;

namespace SocialCapital.Api.Tests.Security.Owasp;

/// <summary>OWASP API Security Top 10 (2023), API2:2023 Broken Authentication: forged, confused and stale tokens against a real OIDC provider.</summary>
public sealed class Api2BrokenAuthenticationTests(OidcApi oidc) : IClassFixture<OidcApi>
{
    private const string CoachOnly = "/people/3"; // coach and admin
    private const string AnalystOnly = "/areas"; // analyst and admin

    private OidcProvider Provider => oidc.Provider;

    [Fact]
    public async Task Token_Rs256FromTheProvider_GrantsItsRoleOnly()
    {
        var token = Provider.Mint(Provider.Rsa, SecurityAlgorithms.RsaSha256, "coach");

        await AssertStatusAsync(token, CoachOnly, 200);
        await AssertStatusAsync(token, AnalystOnly, 403);
    }

    [Fact]
    public async Task Token_Es256FromTheProvider_GrantsItsRole()
    {
        await AssertStatusAsync(Provider.Mint(Provider.Ec, SecurityAlgorithms.EcdsaSha256, "analyst"), AnalystOnly, 200);
    }

    [Fact]
    public async Task Token_Hs256WithTheConfiguredKey_StillWorksBesideTheProvider()
    {
        await AssertStatusAsync(OidcApi.Hs256("coach"), CoachOnly, 200);
    }

    public static TheoryData<string, bool> PublicKeyForms() => new()
    {
        { "modulus", true }, { "modulus", false }, { "spki-der", true }, { "pem", true }, { "pem", false }, { "jwk-json", true }, { "jwk-json", false },
    };

    [Theory]
    [MemberData(nameof(PublicKeyForms))]
    public async Task Token_Hs256KeyedWithTheProvidersPublicKey_Is401(string form, bool withKid)
    {
        var rsa = Provider.Rsa.Rsa;
        byte[] secret = form switch
        {
            "modulus" => rsa.ExportParameters(false).Modulus!,
            "spki-der" => rsa.ExportSubjectPublicKeyInfo(),
            "pem" => Encoding.ASCII.GetBytes(rsa.ExportSubjectPublicKeyInfoPem()),
            _ => Encoding.UTF8.GetBytes(Provider.Jwk("rsa-1")),
        };
        var header = withKid ? (object)new { alg = "HS256", typ = "JWT", kid = "rsa-1" } : new { alg = "HS256", typ = "JWT" };
        var token = Jws.Make(header, Provider.Payload("admin"), input => HMACSHA256.HashData(secret, input));

        await AssertStatusAsync(token, CoachOnly, 401);
    }

    [Theory]
    [InlineData("none", true)]
    [InlineData("none", false)]
    [InlineData("None", false)]
    [InlineData("NONE", true)]
    public async Task Token_AlgNone_Is401(string alg, bool withKid)
    {
        var header = withKid ? (object)new { alg, typ = "JWT", kid = "rsa-1" } : new { alg, typ = "JWT" };
        var unsigned = Jws.Make(header, Provider.Payload("admin"), _ => []);

        await AssertStatusAsync(unsigned, CoachOnly, 401);
    }

    [Fact]
    public async Task Token_KidUnknownEvenAfterARefresh_Is401AndTheKeysWereFetchedAgain()
    {
        var stranger = Provider.NewRsa("kid-nobody-published-" + Guid.NewGuid().ToString("N"), publish: false);
        await Task.Delay(TimeSpan.FromSeconds(1.2)); // past Jwt:MetadataRefreshSeconds=1
        var fetches = Provider.JwksFetches;

        await AssertStatusAsync(Provider.Mint(stranger, SecurityAlgorithms.RsaSha256, "admin"), CoachOnly, 401);

        await Wait.UntilAsync(() => Provider.JwksFetches > fetches, "an unknown kid did not make the API fetch the keys again");
    }

    [Fact]
    public async Task Token_Rs256WithoutAKid_Is401()
    {
        var unnamed = new RsaSecurityKey(Provider.Rsa.Rsa); // the provider's real key, but the token does not say which

        await AssertStatusAsync(Provider.Mint(unnamed, SecurityAlgorithms.RsaSha256, "coach"), CoachOnly, 401);
    }

    [Fact]
    public async Task Token_Hs256NamingTheProvidersKid_IsCheckedAgainstTheConfiguredKeyOnly()
    {
        var payload = Provider.Payload("coach");
        payload["iss"] = ApiTokens.DefaultIssuer;
        var token = Jws.Make(new { alg = "HS256", typ = "JWT", kid = "rsa-1" }, payload,
            input => HMACSHA256.HashData(Encoding.UTF8.GetBytes(Tokens.SigningKey), input));

        await AssertStatusAsync(token, CoachOnly, 200); // the kid cannot steer HS256 to another key
    }

    [Fact]
    public async Task Token_AnotherRsaKeyUnderAKnownKid_Is401()
    {
        var impostor = Provider.NewRsa("rsa-1", publish: false); // same kid, different key

        await AssertStatusAsync(Provider.Mint(impostor, SecurityAlgorithms.RsaSha256, "admin"), CoachOnly, 401);
    }

    [Fact]
    public async Task Token_Es256OnAPublishedP384Key_Is401()
    {
        var p384 = oidc.P384;
        var token = Jws.Make(new { alg = "ES256", typ = "JWT", kid = p384.KeyId }, Provider.Payload("admin"),
            input => p384.ECDsa.SignData(input, HashAlgorithmName.SHA256));

        await AssertStatusAsync(token, CoachOnly, 401);
        Assert.Contains(oidc.Api.Log.Lines, l => l.Contains("ES256 needs a P-256 key", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Token_Es256SignedOnAnotherCurveUnderTheP256Kid_Is401()
    {
        using var p384 = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        var token = Jws.Make(new { alg = "ES256", typ = "JWT", kid = "ec-1" }, Provider.Payload("admin"),
            input => p384.SignData(input, HashAlgorithmName.SHA256));

        await AssertStatusAsync(token, CoachOnly, 401);
    }

    [Theory]
    [InlineData(SecurityAlgorithms.RsaSha512)]
    [InlineData(SecurityAlgorithms.RsaSsaPssSha256)]
    public async Task Token_OtherAlgorithmWithTheProvidersKey_Is401(string algorithm)
    {
        await AssertStatusAsync(Provider.Mint(Provider.Rsa, algorithm, "coach"), CoachOnly, 401);
    }

    [Fact]
    public async Task Token_ExpiredFromTheProvider_Is401()
    {
        await AssertStatusAsync(Provider.Mint(Provider.Rsa, SecurityAlgorithms.RsaSha256, "coach", expires: DateTime.UtcNow.AddMinutes(-5)), CoachOnly, 401);
    }

    [Fact]
    public async Task Token_WrongAudienceFromTheProvider_Is401()
    {
        await AssertStatusAsync(Provider.Mint(Provider.Rsa, SecurityAlgorithms.RsaSha256, "coach", audience: "another-api"), CoachOnly, 401);
    }

    [Fact]
    public async Task Token_KeyOfOneIssuerNamingTheOther_Is401()
    {
        var hs256AsTheProvider = ApiTokens.Mint("admin", Provider.Issuer, OidcProvider.Audience, Tokens.SigningKey, TimeSpan.FromHours(1));
        var providerAsTheSharedKey = Provider.Mint(Provider.Rsa, SecurityAlgorithms.RsaSha256, "admin", issuer: ApiTokens.DefaultIssuer);

        await AssertStatusAsync(hs256AsTheProvider, CoachOnly, 401);
        await AssertStatusAsync(providerAsTheSharedKey, CoachOnly, 401);
    }

    [Fact]
    public async Task Token_RotatedKeyNotYetKnown_IsAcceptedOnceTheKeysAreRefetched()
    {
        var rotated = Provider.NewRsa("rotated-" + Guid.NewGuid().ToString("N"));
        var token = Provider.Mint(rotated, SecurityAlgorithms.RsaSha256, "coach");
        await Task.Delay(TimeSpan.FromSeconds(1.5)); // past Jwt:MetadataRefreshSeconds=1 since any other test's refetch
        var fetches = Provider.JwksFetches;

        // The first request with the new kid asks for a refetch of the keys (at most one per Jwt:MetadataRefreshSeconds),
        // which the library makes in the background; requests once it has the new key are accepted.
        await Wait.UntilAsync(async () =>
        {
            using var response = await oidc.Api.WithToken(token).GetAsync(CoachOnly);
            return response.StatusCode == System.Net.HttpStatusCode.OK;
        }, "a token signed with a newly published key was never accepted");
        Assert.True(Provider.JwksFetches > fetches);
    }

    [Fact]
    public async Task Token_RolesArray_GrantsTheKnownRolesAndIgnoresTheRest()
    {
        var both = Provider.Mint(Provider.Rsa, SecurityAlgorithms.RsaSha256, role: null,
            claims: new Dictionary<string, object> { ["roles"] = new[] { "coach", "analyst" } });
        var unknown = Provider.Mint(Provider.Rsa, SecurityAlgorithms.RsaSha256, role: null,
            claims: new Dictionary<string, object> { ["roles"] = new[] { "superuser", "Coach", "admin " } });

        await AssertStatusAsync(both, CoachOnly, 200);
        await AssertStatusAsync(both, AnalystOnly, 200);
        await AssertStatusAsync(unknown, CoachOnly, 403);
        await AssertStatusAsync(unknown, AnalystOnly, 403);
    }

    [Fact]
    public async Task Token_CustomRoleClaim_IsReadInsteadOfRole()
    {
        using var folder = new TempFolder();
        var settings = OidcApi.Trusting(Provider);
        settings["Jwt:RoleClaim"] = "app_role";
        await using var api = TestApi.Start(folder.File("store.db"), Repo.Sample("toy"), settings);
        var custom = Provider.Mint(Provider.Rsa, SecurityAlgorithms.RsaSha256, role: null,
            claims: new Dictionary<string, object> { ["app_role"] = "analyst" });
        var plain = Provider.Mint(Provider.Rsa, SecurityAlgorithms.RsaSha256, role: "analyst");

        using (var response = await api.WithToken(custom).GetAsync(AnalystOnly)) await response.AssertStatusAsync(200);
        using (var response = await api.WithToken(plain).GetAsync(AnalystOnly)) await response.AssertProblemAsync(403);
    }

    [Fact]
    public async Task Process_AuthorityOnly_AcceptsAnRs256TokenAndRefusesTheConfusedOne()
    {
        using var folder = new TempFolder();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        using var api = ApiProcess.Start(new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Store__Path"] = folder.File("store.db"),
            ["Store__Seed"] = Repo.Sample("toy"),
            ["Jwt__Authority"] = Provider.Authority.ToString(),
            ["Jwt__RequireHttpsMetadata"] = "false",
            ["Jwt__Audience"] = OidcProvider.Audience,
        });
        await api.WaitUntilReadyAsync(http, TimeSpan.FromSeconds(60));
        var confused = Jws.Make(new { alg = "HS256", typ = "JWT", kid = "rsa-1" }, Provider.Payload("admin"),
            input => HMACSHA256.HashData(Encoding.UTF8.GetBytes(Provider.Jwk("rsa-1")), input));
        var developmentKey = ApiTokens.Mint("coach", ApiTokens.DefaultIssuer, OidcProvider.Audience, ApiTokens.DevelopmentSigningKey, TimeSpan.FromHours(1));

        Assert.Equal(200, await StatusOverHttpAsync(http, api.Address, Provider.Mint(Provider.Rsa, SecurityAlgorithms.RsaSha256, "coach")));
        Assert.Equal(401, await StatusOverHttpAsync(http, api.Address, confused));
        Assert.Equal(401, await StatusOverHttpAsync(http, api.Address, developmentKey));
        await Wait.UntilAsync(() => api.StdOut.Contains("Identity provider " + Provider.Authority, StringComparison.Ordinal),
            $"the API did not log what it found at the provider\n{api}");
    }

    private static async Task<int> StatusOverHttpAsync(HttpClient http, Uri address, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(address, CoachOnly));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request);
        return (int)response.StatusCode;
    }

    private async Task AssertStatusAsync(string token, string url, int status)
    {
        using var response = await oidc.Api.WithToken(token).GetAsync(url);
        if (status >= 400)
        {
            await response.AssertProblemAsync(status);
            if (status == 401) Assert.Contains(response.Headers.WwwAuthenticate, h => h.Scheme == "Bearer");
        }
        else await response.AssertStatusAsync(status);
    }
}
