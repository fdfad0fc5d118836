using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Net;
using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace SocialCapital.Web.Tests.Infrastructure;

/// <summary>A real OpenID Connect provider (OpenIddict) on a loopback port over plain http, hosted in the test process:
/// discovery, JWKS, an authorization endpoint that signs in <see cref="SignsInAs"/> without a login page, a token endpoint
/// (authorization code with PKCE required; RS256 identity tokens with a <c>kid</c>), and an end-session endpoint. Clients
/// are registered in an in-memory store with their exact redirect and post-logout addresses.</summary>
public sealed class OpenIddictProvider : IAsyncDisposable
{
    /// <summary>The path of the authorization endpoint (tests wait for the browser to reach it).</summary>
    public const string AuthorizePath = "/connect/authorize";

    /// <summary>The path of the token endpoint.</summary>
    public const string TokenPath = "/connect/token";

    /// <summary>The path of the end-session endpoint.</summary>
    public const string EndSessionPath = "/connect/endsession";

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<Uri> _authorizeRequests = new();
    private volatile ProviderUser _user = new("provider-admin", "Provider Admin", ["admin"], ["*"]);
    private volatile string? _forgedIssuer;
    private volatile bool _refuses;
    private int _endSessions;

    private OpenIddictProvider(WebApplication app) => _app = app;

    /// <summary>The provider's address (its issuer), e.g. <c>http://127.0.0.1:PORT/</c>.</summary>
    public Uri Address { get; private set; } = null!;

    /// <summary>Who the authorization endpoint signs in from now on (the provider's "logged-in user").</summary>
    public ProviderUser SignsInAs { get => _user; set => _user = value; }

    /// <summary>When set, the identity tokens issued from now on name this issuer instead of the provider's own (while
    /// still signed with its key): a token that is not from the configured provider.</summary>
    public string? ForgedIssuer { get => _forgedIssuer; set => _forgedIssuer = value; }

    /// <summary>When set, the authorization endpoint refuses to sign anyone in (<c>access_denied</c>), as a provider does
    /// when the user cancels or may not use the app.</summary>
    public bool RefusesSignIn { get => _refuses; set => _refuses = value; }

    /// <summary>Every authorization request the provider received, as the browser sent it.</summary>
    public IReadOnlyCollection<Uri> AuthorizeRequests => _authorizeRequests;

    /// <summary>How many end-session (sign-out) requests the provider received.</summary>
    public int EndSessions => Volatile.Read(ref _endSessions);

    /// <summary>Starts the provider on a free loopback port.</summary>
    public static async Task<OpenIddictProvider> StartAsync()
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var services = builder.Services;
        services.AddLogging();
        services.AddRoutingCore();
        var database = $"oidc-provider-{Guid.NewGuid():N}";
        services.AddDbContext<DbContext>(o => o.UseInMemoryDatabase(database).UseOpenIddict());
        OpenIddictProvider? provider = null;
        services.AddOpenIddict()
            .AddCore(o => o.UseEntityFrameworkCore().UseDbContext<DbContext>())
            .AddServer(o =>
            {
                o.SetAuthorizationEndpointUris(AuthorizePath.TrimStart('/'))
                    .SetTokenEndpointUris(TokenPath.TrimStart('/'))
                    .SetEndSessionEndpointUris(EndSessionPath.TrimStart('/'));
                o.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange();
                o.RegisterScopes(Scopes.OpenId, Scopes.Profile);
                // Keys made for this run only: RS256 with a kid (the API refuses provider tokens without one).
                o.AddSigningKey(new RsaSecurityKey(RSA.Create(2048)) { KeyId = $"test-{Guid.NewGuid():N}" });
                o.AddEncryptionKey(new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(32)));
                o.DisableAccessTokenEncryption(); // plain JWT access tokens, as most providers issue
                o.UseAspNetCore()
                    .EnableAuthorizationEndpointPassthrough()
                    .EnableEndSessionEndpointPassthrough()
                    .DisableTransportSecurityRequirement(); // plain http on loopback only
                // A forged issuer, set just before the identity token is signed.
                o.AddEventHandler<OpenIddictServerEvents.GenerateTokenContext>(h => h
                    .UseInlineHandler(context =>
                    {
                        if (context.TokenType == TokenTypeIdentifiers.IdentityToken && provider?.ForgedIssuer is { } issuer)
                            context.SecurityTokenDescriptor.Issuer = issuer;
                        return default;
                    })
                    .SetOrder(OpenIddictServerHandlers.Protection.GenerateIdentityModelToken.Descriptor.Order - 1));
            });

        var app = builder.Build();
        provider = new OpenIddictProvider(app);
        app.UseRouting();
        app.UseAuthentication();
        app.MapMethods(AuthorizePath, [HttpMethods.Get, HttpMethods.Post], provider.AuthorizeAsync);
        app.MapMethods(EndSessionPath, [HttpMethods.Get, HttpMethods.Post], provider.EndSessionAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        provider.Address = new Uri(address.Replace("[::1]", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/') + "/");
        return provider;
    }

    /// <summary>Registers a confidential web client that must use PKCE: it may come back only to
    /// <paramref name="redirectUri"/> and, after signing out, to <paramref name="postLogoutRedirectUri"/>.</summary>
    public async Task RegisterClientAsync(string clientId, string clientSecret, Uri redirectUri, Uri postLogoutRedirectUri)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var manager = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        await manager.CreateAsync(new OpenIddictApplicationDescriptor
        {
            ClientId = clientId,
            ClientSecret = clientSecret,
            ClientType = ClientTypes.Confidential,
            ApplicationType = ApplicationTypes.Web,
            DisplayName = "SocialCapital web app",
            RedirectUris = { redirectUri },
            PostLogoutRedirectUris = { postLogoutRedirectUri },
            Permissions =
            {
                Permissions.Endpoints.Authorization, Permissions.Endpoints.Token, Permissions.Endpoints.EndSession,
                Permissions.GrantTypes.AuthorizationCode, Permissions.ResponseTypes.Code, Permissions.Scopes.Profile,
            },
            Requirements = { Requirements.Features.ProofKeyForCodeExchange },
        });
    }

    /// <summary>Signs in <see cref="SignsInAs"/> at once (no login page): subject, name, and the role and area claims
    /// under the names the API reads by default (<c>role</c>, <c>areas</c>), in the identity token.</summary>
    private async Task AuthorizeAsync(HttpContext http)
    {
        _authorizeRequests.Enqueue(new Uri(http.Request.GetEncodedUrl()));
        var request = http.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an OpenID Connect request.");
        if (RefusesSignIn)
        {
            await http.ForbidAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme); // error=access_denied back to the client
            return;
        }
        var user = SignsInAs;
        var identity = new ClaimsIdentity(TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, user.Subject).SetClaim(Claims.Name, user.Name)
            .SetClaims(Claims.Role, [.. user.Roles]).SetClaims("areas", [.. user.Areas]);
        identity.SetScopes(request.GetScopes());
        identity.SetDestinations(_ => [Destinations.IdentityToken, Destinations.AccessToken]);
        await http.SignInAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, new ClaimsPrincipal(identity));
    }

    /// <summary>Ends the provider's session and sends the browser back to the client's registered post-logout address
    /// (OpenIddict checks it against the registration).</summary>
    private async Task EndSessionAsync(HttpContext http)
    {
        Interlocked.Increment(ref _endSessions);
        await http.SignOutAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, new AuthenticationProperties { RedirectUri = "/" });
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>A user of the test provider, with the claims it puts in their identity token.</summary>
public sealed record ProviderUser(string Subject, string Name, ImmutableArray<string> Roles, ImmutableArray<string> Areas);
