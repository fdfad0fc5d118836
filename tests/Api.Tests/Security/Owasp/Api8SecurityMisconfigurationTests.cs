using Microsoft.Extensions.Hosting.Internal;
using Microsoft.IdentityModel.Tokens;
using SocialCapital.Api.Hosting;
using SocialCapital.Api.Tests.Infrastructure;
using SocialCapital.Security;

namespace SocialCapital.Api.Tests.Security.Owasp;

/// <summary>OWASP API Security Top 10 (2023), API8:2023 Security Misconfiguration: token settings that cannot be safe stop start-up with a message.</summary>
public sealed class Api8SecurityMisconfigurationTests
{
    private const string RemoteHttps = "https://login.example.org/realms/city";

    public static TheoryData<string, string, string, string> Refused() => new()
    {
        // authority, RequireHttpsMetadata, signing key → what the message names
        { RemoteHttps, "false", "", "Jwt:RequireHttpsMetadata=false is allowed only for an identity provider on this machine" },
        { "http://login.example.org/realms/city", "false", "", "Jwt:RequireHttpsMetadata=false is allowed only" },
        { "http://login.example.org/realms/city", "true", "", "is plain http" },
        { "http://127.0.0.1:8080/realms/city", "true", "", "only for a provider on this machine may you set Jwt:RequireHttpsMetadata=false" },
        { "login.example.org", "true", "", "is not the http(s) address of an identity provider" },
        { "ftp://login.example.org/realms/city", "true", "", "is not the http(s) address" },
        { RemoteHttps + "?tenant=1", "true", "", "without query or fragment" },
        { "", "true", "", "Neither Jwt:Authority nor Jwt:SigningKey is set" },
        { "", "true", "too-short", "Jwt:SigningKey is too short" },
        { "", "true", ApiTokens.DevelopmentSigningKey, "the published development key" },
        { RemoteHttps, "true", ApiTokens.DevelopmentSigningKey, "the published development key" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void Check_UnsafeTokenSettings_RefusesNamingTheSetting(string authority, string requireHttps, string signingKey, string message)
    {
        var settings = new JwtSettings { Authority = authority, RequireHttpsMetadata = bool.Parse(requireHttps), SigningKey = signingKey };

        var refusal = Assert.Throws<StartupException>(() => BearerTokens.Check(settings, Environment("Production")));

        Assert.Contains(message, refusal.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("MetadataRefreshSeconds", "Jwt:MetadataRefreshSeconds must be at least 1")]
    [InlineData("RoleClaim", "Jwt:RoleClaim must be a claim")]
    [InlineData("AreaClaim", "Jwt:AreaClaim must be a claim")]
    [InlineData("Audience", "Jwt:Audience must be")]
    [InlineData("SameClaim", "roles and areas need claims of their own")]
    public void Check_BadClaimOrRefreshSetting_Refuses(string setting, string message)
    {
        var settings = new JwtSettings { Authority = RemoteHttps };
        switch (setting)
        {
            case "MetadataRefreshSeconds": settings.MetadataRefreshSeconds = 0; break;
            case "RoleClaim": settings.RoleClaim = "app role"; break;
            case "AreaClaim": settings.AreaClaim = ""; break;
            case "Audience": settings.Audience = " "; break;
            default: settings.AreaClaim = settings.RoleClaim; break;
        }

        var refusal = Assert.Throws<StartupException>(() => BearerTokens.Check(settings, Environment("Production")));

        Assert.Contains(message, refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_AuthorityAloneOutsideDevelopment_AcceptsNoHs256Token()
    {
        var plan = BearerTokens.Check(new JwtSettings { Authority = RemoteHttps }, Environment("Production"));

        Assert.Null(plan.SigningKey);
        Assert.Null(plan.AuthorityIssuer); // the issuer comes from discovery
        Assert.False(plan.EveryAreaWhenMissing);
    }

    [Fact]
    public void Check_LoopbackAuthorityWithoutHttpsMetadata_IsAllowed()
    {
        var plan = BearerTokens.Check(new JwtSettings { Authority = "http://localhost:8080/realms/dev", RequireHttpsMetadata = false, Issuer = "dev" },
            Environment("Production"));

        Assert.Equal("dev", plan.AuthorityIssuer); // an explicit issuer wins over discovery
    }

    [Fact]
    public void Check_DevelopmentWithoutAKey_UsesTheDevelopmentKeyBesideTheAuthority()
    {
        var plan = BearerTokens.Check(new JwtSettings { Authority = RemoteHttps }, Environment("Development"));

        Assert.True(plan.UsesDevelopmentKey);
        Assert.True(plan.EveryAreaWhenMissing);
    }

    [Theory]
    [InlineData("http://login.example.org/realms/city", "false", "Jwt:RequireHttpsMetadata=false is allowed only")]
    [InlineData("", "true", "Neither Jwt:Authority nor Jwt:SigningKey is set")]
    public void Process_UnsafeTokenSettings_ExitsNonZeroWithTheMessage(string authority, string requireHttps, string message)
    {
        using var folder = new TempFolder();
        using var api = ApiProcess.Start(new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Store__Path"] = folder.File("store.db"),
            ["Jwt__Authority"] = authority,
            ["Jwt__RequireHttpsMetadata"] = requireHttps,
        });

        Assert.True(api.WaitForExit(TimeSpan.FromSeconds(60)), $"The API kept running.\n{api}");
        Assert.NotEqual(0, api.ExitCode);
        Assert.Contains(message, api.StdErr, StringComparison.Ordinal);
        Assert.False(File.Exists(folder.File("store.db")), "the store was opened although the configuration was refused");
    }

    [Fact]
    public async Task Start_AuthorityAloneOutsideDevelopment_RefusesEveryHs256Token()
    {
        await using var provider = await OidcProvider.StartAsync();
        using var folder = new TempFolder();
        await using var api = TestApi.Start(folder.File("store.db"), Repo.Sample("toy"), OidcApi.Trusting(provider));

        foreach (var key in new[] { Tokens.SigningKey, ApiTokens.DevelopmentSigningKey })
        {
            var token = ApiTokens.Mint("admin", ApiTokens.DefaultIssuer, OidcProvider.Audience, key, TimeSpan.FromHours(1), areas: [ApiTokens.AllAreas]);
            using var refused = await api.WithToken(token).GetAsync("/people/3");
            await refused.AssertProblemAsync(401);
        }
        using var accepted = await api.WithToken(provider.Mint(provider.Rsa, SecurityAlgorithms.RsaSha256, "coach")).GetAsync("/people/3");
        await accepted.AssertStatusAsync(200);
    }

    private static HostingEnvironment Environment(string name) => new() { EnvironmentName = name };
}
