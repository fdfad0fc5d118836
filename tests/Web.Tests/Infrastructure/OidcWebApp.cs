using SocialCapital.Api.Tests.Infrastructure;

namespace SocialCapital.Web.Tests.Infrastructure;

/// <summary>The web app as a production deployment runs it: not Development, with an identity provider
/// (<c>Jwt:Authority</c> and <c>Web:ClientId</c>, the client secret in the environment), here a real OpenID Connect
/// provider (<see cref="OpenIddictProvider"/>) on a loopback port, so <c>Jwt:RequireHttpsMetadata=false</c> is allowed;
/// seeded with the toy dataset (citizens 0–2 in area A, 10 and 11 in C).</summary>
public sealed class OidcWebApp : WebApp
{
    /// <summary>The web app's client id at the provider.</summary>
    public const string ClientId = "socialcapital-web";

    /// <summary>The web app's client secret (made per run).</summary>
    public static readonly string ClientSecret = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24));

    private OpenIddictProvider? _provider;
    private Dictionary<string, string> _environment = [];

    /// <summary>The identity provider.</summary>
    public OpenIddictProvider Provider => _provider ?? throw new InvalidOperationException("The provider is not started.");

    protected override async Task BeforeApiStartsAsync(IDictionary<string, string> environment)
    {
        _provider = await OpenIddictProvider.StartAsync();
        environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        environment["Store__Seed"] = Repo.Sample("toy"); // sign-in needs little data; the machine is shared
        environment["Jwt__Authority"] = _provider.Address.ToString();
        environment["Jwt__RequireHttpsMetadata"] = "false";
        environment["Web__ClientId"] = ClientId;
        environment["Web__ClientSecret"] = ClientSecret;
        _environment = new Dictionary<string, string>(environment);
    }

    /// <summary>Starts another API configured like this one but for <paramref name="changes"/>, with its store in
    /// <paramref name="folder"/>, registered at the provider as client <paramref name="clientId"/>; ready when returned.
    /// The caller disposes it.</summary>
    internal async Task<ApiProcess> StartAnotherApiAsync(string clientId, IReadOnlyDictionary<string, string> changes, TempFolder folder)
    {
        var environment = new Dictionary<string, string>(_environment)
        {
            ["Store__Path"] = folder.File("store.db"),
            ["Web__ClientId"] = clientId,
        };
        foreach (var (name, value) in changes) environment[name] = value;
        var api = ApiProcess.Start(environment);
        try
        {
            await Provider.RegisterClientAsync(clientId, ClientSecret, new Uri(api.Address, "/auth/callback"), new Uri(api.Address, "/auth/signedout"));
            using var http = new HttpClient();
            await api.WaitUntilReadyAsync(http, TimeSpan.FromSeconds(120));
            return api;
        }
        catch
        {
            api.Dispose();
            throw;
        }
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
