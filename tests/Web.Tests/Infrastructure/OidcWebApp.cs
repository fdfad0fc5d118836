namespace SocialCapital.Web.Tests.Infrastructure;

/// <summary>The web app as a production deployment runs it: not Development, with an identity provider
/// (<c>Jwt:Authority</c> and <c>Web:ClientId</c>, the client secret in the environment), here a real OpenID Connect
/// provider (<see cref="OpenIddictProvider"/>) on a loopback port, so <c>Jwt:RequireHttpsMetadata=false</c> is allowed.</summary>
public sealed class OidcWebApp : WebApp
{
    /// <summary>The web app's client id at the provider.</summary>
    public const string ClientId = "socialcapital-web";

    /// <summary>The web app's client secret (made per run).</summary>
    public static readonly string ClientSecret = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24));

    private OpenIddictProvider? _provider;

    /// <summary>The identity provider.</summary>
    public OpenIddictProvider Provider => _provider ?? throw new InvalidOperationException("The provider is not started.");

    protected override async Task BeforeApiStartsAsync(IDictionary<string, string> environment)
    {
        _provider = await OpenIddictProvider.StartAsync();
        environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        environment["Jwt__Authority"] = _provider.Address.ToString();
        environment["Jwt__RequireHttpsMetadata"] = "false";
        environment["Web__ClientId"] = ClientId;
        environment["Web__ClientSecret"] = ClientSecret;
    }

    protected override Task ApiStartedAsync(Uri address) =>
        Provider.RegisterClientAsync(ClientId, ClientSecret, new Uri(address, "/auth/callback"), new Uri(address, "/auth/signedout"));

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (_provider is not null) await _provider.DisposeAsync();
    }
}

/// <summary>The tests that share one <see cref="OidcWebApp"/>: they run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class OidcWebCollection : ICollectionFixture<OidcWebApp>
{
    public const string Name = "web app with an identity provider";
}
