using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using SocialCapital.Api.Hosting;

namespace SocialCapital.Api.Tests.Security;

/// <summary>The web sign-in's settings and its rule for where a sign-in may return to. The flow itself is tested against a
/// real provider in real Chromium (tests/Web.Tests, OidcSignInTests).</summary>
public sealed class WebSignInSettingsTests
{
    private const string Authority = "https://login.example.org/realms/city";

    [Theory]
    [InlineData("SessionMinutes", "Web:SessionMinutes must be at least 1")]
    [InlineData("ClientIdWithoutAuthority", "Web:ClientId is set but Jwt:Authority is not")]
    [InlineData("ScopesWithoutOpenId", "Web:Scopes must include openid")]
    public void AddAuthentication_SettingThatCannotWork_RefusesNamingIt(string setting, string message)
    {
        var jwt = new JwtSettings { Authority = Authority };
        var web = new WebSettings { ClientId = "socialcapital-web" };
        switch (setting)
        {
            case "SessionMinutes": web.SessionMinutes = 0; break;
            case "ClientIdWithoutAuthority": jwt = new JwtSettings { SigningKey = new string('k', 40) }; break;
            default: web.Scopes = "profile email"; break;
        }
        var plan = BearerTokens.Check(jwt, new HostingEnvironment { EnvironmentName = "Production" });

        var refusal = Assert.Throws<StartupException>(() => WebSignIn.AddAuthentication(new ServiceCollection(), plan, web));

        Assert.Contains(message, refusal.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, "")]
    [InlineData("", "")]
    [InlineData("/", "/")]
    [InlineData("/index.html?x=1", "/index.html?x=1")]
    [InlineData("https://evil.example/", "")]
    [InlineData("//evil.example/", "")]
    [InlineData("/\\evil.example/", "")]
    [InlineData("/\t/evil.example/", "")] // browsers drop tabs and line breaks: //evil.example/
    [InlineData("/\n/evil.example/", "")]
    [InlineData("/people\r\n/x", "")]
    [InlineData("evil.example", "")]
    public void IsLocal_OnlyAPathOfThisSite(string? returnUrl, string local)
    {
        Assert.Equal(local.Length > 0, WebSignIn.IsLocal(returnUrl));
    }

    [Fact]
    public void Provider_IdentityTokens_MustNameTheConfiguredIssuerAndSignInWithCodeAndPkce()
    {
        var plan = BearerTokens.Check(new JwtSettings { Authority = Authority, Issuer = "https://issuer.example.org/" },
            new HostingEnvironment { EnvironmentName = "Production" });
        var services = new ServiceCollection().AddLogging();
        WebSignIn.AddAuthentication(services, plan, new WebSettings { ClientId = "socialcapital-web" });
        using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptionsMonitor<OpenIdConnectOptions>>().Get(OpenIdConnectDefaults.AuthenticationScheme);

        // Jwt:Issuer alone, as for bearer tokens (not also the issuer discovery names, which the handler would add).
        var issuer = options.TokenValidationParameters.IssuerValidator;
        Assert.NotNull(issuer);
        Assert.Equal("https://issuer.example.org/", issuer("https://issuer.example.org/", null!, options.TokenValidationParameters));
        Assert.Throws<SecurityTokenInvalidIssuerException>(() => issuer(Authority, null!, options.TokenValidationParameters));
        Assert.Equal("code", options.ResponseType);
        Assert.True(options.UsePkce);
        Assert.False(options.MapInboundClaims);
        Assert.Equal(WebSignIn.CallbackPath, options.CallbackPath.Value);
        Assert.Equal(WebSignIn.SignedOutCallbackPath, options.SignedOutCallbackPath.Value);
    }
}
