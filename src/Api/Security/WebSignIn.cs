using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;
using SocialCapital.Api.Contracts;
using SocialCapital.Api.Endpoints;
using SocialCapital.Api.Errors;
using SocialCapital.Api.Hosting;
using SocialCapital.Security;

namespace SocialCapital.Api;

/// <summary>How the web app's users sign in: a session cookie made either by OpenID Connect with the organisation's
/// identity provider (authorization code + PKCE, when <c>Jwt:Authority</c> and <c>Web:ClientId</c> are set) or, in
/// Development, by a page that picks a role and areas. Either way the cookie carries the same normalised claims a bearer
/// token gives (<see cref="BearerTokens.Plan.Normalise"/>), so every endpoint applies the same rules to both. A request with a
/// bearer token is authenticated by the token alone; one with the cookie by the cookie.</summary>
/// <remarks>Cross-site request forgery: a write authenticated by the cookie must carry <see cref="AppHeader"/>, which a
/// page of another site cannot send without CORS permission (which the API never grants); the cookie is also
/// SameSite=Lax and HttpOnly.</remarks>
internal static class WebSignIn
{
    /// <summary>The scheme that picks the bearer handler or the cookie handler for a request.</summary>
    public const string Scheme = "bearer-or-session";

    /// <summary>The session cookie's name.</summary>
    public const string CookieName = "socialcapital-session";

    /// <summary>The header the web app's scripts send on every request.</summary>
    public const string AppHeader = "X-SocialCapital-App";

    /// <summary>Where the identity provider sends the browser back with the authorization code: register
    /// <c>https://HOST/auth/callback</c> at the provider as the client's redirect URI.</summary>
    public const string CallbackPath = "/auth/callback";

    /// <summary>Where the identity provider sends the browser back after signing out: register
    /// <c>https://HOST/auth/signedout</c> at the provider as the client's post-logout redirect URI.</summary>
    public const string SignedOutCallbackPath = "/auth/signedout";

    /// <summary>The web app's page that says the user has signed out.</summary>
    public const string SignedOutPage = "/signedout.html";

    private const string Provider = OpenIdConnectDefaults.AuthenticationScheme;
    private const string SignOutUrlItem = "socialcapital-signout-url";

    /// <summary>Whether provider sign-in is configured.</summary>
    public static bool UsesProvider(BearerTokens.Plan tokens, WebSettings web) => tokens.Authority is not null && web.ClientId.Length > 0;

    /// <summary>Registers the bearer handler, the session cookie and, when configured, the provider.</summary>
    public static void AddAuthentication(IServiceCollection services, BearerTokens.Plan tokens, WebSettings web)
    {
        if (web.SessionMinutes < 1) throw new StartupException($"Web:SessionMinutes must be at least 1; it is {web.SessionMinutes}.");
        if (web.ClientId.Length > 0 && tokens.Authority is null)
            throw new StartupException("Web:ClientId is set but Jwt:Authority is not: sign-in with a provider needs the provider's address in Jwt:Authority.");
        var scopes = web.Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (!scopes.Contains("openid", StringComparer.Ordinal))
            throw new StartupException($"Web:Scopes must include openid (OpenID Connect sign-in asks for an identity token); it is '{web.Scopes}'.");
        var auth = services.AddAuthentication(Scheme)
            .AddPolicyScheme(Scheme, "Bearer token or web session", o => o.ForwardDefaultSelector = http =>
                http.Request.Cookies.ContainsKey(CookieName) && !HasBearer(http.Request)
                    ? CookieAuthenticationDefaults.AuthenticationScheme : JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer()
            .AddCookie(o =>
            {
                o.Cookie.Name = CookieName;
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.ExpireTimeSpan = TimeSpan.FromMinutes(web.SessionMinutes);
                o.SlidingExpiration = true;
                // The API answers in status codes, never with a redirect to a login page: the pages sign in themselves.
                o.Events.OnRedirectToLogin = c => { c.Response.StatusCode = StatusCodes.Status401Unauthorized; return Task.CompletedTask; };
                o.Events.OnRedirectToAccessDenied = c => { c.Response.StatusCode = StatusCodes.Status403Forbidden; return Task.CompletedTask; };
            });
        if (!UsesProvider(tokens, web)) return;
        auth.AddOpenIdConnect(Provider, o =>
        {
            o.Authority = tokens.Authority!.ToString();
            o.RequireHttpsMetadata = tokens.RequireHttpsMetadata;
            o.ClientId = web.ClientId;
            if (web.ClientSecret.Length > 0) o.ClientSecret = web.ClientSecret;
            o.ResponseType = OpenIdConnectResponseType.Code;
            o.ResponseMode = OpenIdConnectResponseMode.Query; // a top-level GET back: the Lax correlation cookies come with it
            o.UsePkce = true;
            o.SaveTokens = false; // the session is the cookie; the API never calls on the user's behalf
            o.MapInboundClaims = false;
            o.CallbackPath = CallbackPath;
            o.SignedOutCallbackPath = SignedOutCallbackPath;
            o.SignInScheme = CookieAuthenticationDefaults.AuthenticationScheme;
            o.CorrelationCookie.SameSite = SameSiteMode.Lax;
            o.NonceCookie.SameSite = SameSiteMode.Lax;
            o.Scope.Clear();
            foreach (var scope in scopes) o.Scope.Add(scope);
            o.BackchannelTimeout = BearerTokens.MetadataTimeout;
            // The identity token must name the issuer bearer tokens must: Jwt:Issuer alone when set (the handler would
            // also accept the one discovery names), else the one discovery names (the handler's own check).
            if (tokens.AuthorityIssuer is { } issuer)
                o.TokenValidationParameters.IssuerValidator = (actual, _, _) => string.Equals(actual, issuer, StringComparison.Ordinal) ? actual
                    : throw new SecurityTokenInvalidIssuerException($"The identity token names issuer '{actual}', not Jwt:Issuer '{issuer}'.") { InvalidIssuer = actual };
            o.TokenValidationParameters.NameClaimType = "name";
            o.TokenValidationParameters.RoleClaimType = Caller.Claims.Role;
            o.Events.OnTokenValidated = c =>
            {
                if (c.Principal?.Identity is ClaimsIdentity identity)
                    tokens.Normalise(identity); // exactly as a bearer token from the same provider
                return Task.CompletedTask;
            };
            o.Events.OnRemoteFailure = c =>
            {
                c.HandleResponse();
                return SignInFailed(c.HttpContext, c.Failure);
            };
            // Sign-out answers the page with the provider's end-session address instead of redirecting the fetch there.
            o.Events.OnRedirectToIdentityProviderForSignOut = c =>
            {
                c.ProtocolMessage.ClientId = c.Options.ClientId; // names the client, so the provider checks the return address
                // What the handler would add after this event: the state that brings the browser back to RedirectUri.
                c.ProtocolMessage.State = c.Options.StateDataFormat.Protect(c.Properties);
                c.HttpContext.Items[SignOutUrlItem] = c.ProtocolMessage.CreateLogoutRequestUrl();
                c.HandleResponse();
                return Task.CompletedTask;
            };
        });
    }

    /// <summary>A sign-in that failed at the callback (a forged or stale answer, a token that does not check out, the
    /// provider's refusal) ends in a 400 that says why in words, not in a 500: the details go to the log.</summary>
    private static async Task SignInFailed(HttpContext http, Exception? failure)
    {
        var reason = failure switch
        {
            SecurityTokenInvalidIssuerException => "the identity token was not issued by the configured identity provider (Jwt:Authority, or Jwt:Issuer when set)",
            OpenIdConnectProtocolInvalidNonceException => "the identity token was not made for this sign-in (its nonce does not match)",
            SecurityTokenException or OpenIdConnectProtocolException when failure.Message.StartsWith("Message contains error", StringComparison.Ordinal) =>
                "the identity provider refused the sign-in",
            SecurityTokenException or OpenIdConnectProtocolException => "the identity token did not pass validation",
            _ when failure?.Message == "Correlation failed." => "the answer does not belong to a sign-in started in this browser, or it came too late",
            _ when failure?.Message.Contains(".State", StringComparison.Ordinal) == true => "the answer's state was not made by this service",
            _ when failure?.Message.Contains("denied", StringComparison.OrdinalIgnoreCase) == true => "the identity provider refused the sign-in",
            _ => "the identity provider's answer could not be used",
        };
        http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("SocialCapital.Api.SignIn")
            .LogWarning(failure, "Web sign-in failed: {Reason}.", reason);
        http.Response.StatusCode = StatusCodes.Status400BadRequest;
        await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = { Status = 400, Title = "Sign-in failed", Detail = $"Signing in failed: {reason}. Start again from the home page (/)." },
        });
    }

    private static bool HasBearer(HttpRequest request) =>
        request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);

    /// <summary>Refuses a write that would ride on the session cookie without the app's header (a forged cross-site
    /// request), and the sign-in endpoints' writes without it.</summary>
    public static async Task GuardWrites(HttpContext http, RequestDelegate next)
    {
        var request = http.Request;
        var safe = HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method);
        if (!safe && !HasBearer(request) && !request.Headers.ContainsKey(AppHeader)
            && (request.Cookies.ContainsKey(CookieName) || request.Path.StartsWithSegments("/auth")))
        {
            await ProblemWriter.WriteAsync(http, StatusCodes.Status403Forbidden, "Forbidden",
                $"A write with the web session must come from the web app (header {AppHeader}); other clients use a bearer token.");
            return;
        }
        await next(http);
    }

    /// <summary>Maps <c>/auth/…</c>: who is signed in, sign in (provider or development page), development sign-in,
    /// sign out.</summary>
    public static void MapSignIn(this IEndpointRouteBuilder app, BearerTokens.Plan tokens, WebSettings web, bool development)
    {
        var group = app.MapGroup("/auth").WithTags("Sign-in").AllowAnonymous();
        group.MapGet("/me", Me).WithSummary("Who is signed in (by session or token): subject, name, roles and areas; 401 when no one.");
        group.MapGet("/signin", (HttpContext http, string? returnUrl) => SignIn(http, returnUrl, UsesProvider(tokens, web), development))
            .WithSummary("Starts signing in to the web app, then returns to returnUrl (a path of this site).")
            .WithDescription("With an identity provider (Jwt:Authority and Web:ClientId): OpenID Connect, authorization code + PKCE. "
                + "In Development without one: the page that picks a role and areas. Otherwise 404: this API takes bearer tokens only.");
        if (development && !UsesProvider(tokens, web))
            group.MapPost("/dev-signin", DevSignIn).WithSummary("Development only: start a session with the role, areas and subject given.")
                .WithDescription($"Needs the header {AppHeader}. Roles: {string.Join(", ", ApiTokens.Roles)}; areas: codes, or [\"*\"] for every area.");
        group.MapPost("/signout", (Func<HttpContext, Task<Ok<SignedOut>>>)(http => SignOut(http, UsesProvider(tokens, web))))
            .WithSummary($"Ends the web session (needs the header {AppHeader}); says where the browser goes next.")
            .WithDescription($"With an identity provider: its end-session page, which signs out there too and comes back to "
                + $"{SignedOutCallbackPath}, then {SignedOutPage}. Otherwise {SignedOutPage}.");
    }

    private static Results<Ok<SignedInUser>, UnauthorizedHttpResult> Me(HttpContext http)
    {
        if (http.User.Identity?.IsAuthenticated != true) return TypedResults.Unauthorized();
        var caller = Caller.Of(http);
        var name = http.User.FindFirst("name")?.Value ?? caller.Subject;
        return TypedResults.Ok(new SignedInUser(caller.Subject, name, caller.Roles,
            caller.Areas.IsAll ? [ApiTokens.AllAreas] : [.. caller.Areas.Codes.Order(StringComparer.Ordinal)]));
    }

    private static IResult SignIn(HttpContext http, string? returnUrl, bool provider, bool development)
    {
        var back = IsLocal(returnUrl) ? returnUrl! : "/";
        if (provider) return TypedResults.Challenge(new AuthenticationProperties { RedirectUri = back }, [Provider]);
        if (development) return TypedResults.Redirect($"/signin.html?returnUrl={Uri.EscapeDataString(back)}");
        return EndpointHelpers.NotFound("This API has no web sign-in: set Jwt:Authority and Web:ClientId for the organisation's identity "
            + "provider (or run in Development). Other services call it with a bearer token.");
    }

    /// <summary>A path of this site: not <c>//host</c> or <c>/\host</c>, which browsers read as another site, and no
    /// control character anywhere (browsers drop tabs and line breaks, so <c>/&#9;/host</c> becomes <c>//host</c>).</summary>
    internal static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url) && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'))
        && !url.Any(char.IsControl);

    private static async Task<Results<NoContent, ValidationProblem>> DevSignIn(HttpContext http, DevSignInBody body)
    {
        var errors = new FieldErrors();
        if (body.Role is null || !ApiTokens.Roles.Contains(body.Role))
            errors.Add("role", $"Unknown role '{body.Role}' (expected one of {string.Join(", ", ApiTokens.Roles)}).");
        IReadOnlyList<string> areas = [];
        if (body.Areas is not { Count: > 0 }) errors.Add("areas", "Name at least one area code, or \"*\" for every area.");
        else if (!ApiTokens.TryParseAreas(string.Join(',', body.Areas), out areas, out var problem)) errors.Add("areas", $"The areas are not valid: {problem}.");
        var subject = string.IsNullOrWhiteSpace(body.Subject) ? $"dev-{body.Role}" : body.Subject.Trim();
        if (SocialCapital.Model.TextRule.Problem(subject) is { } bad) errors.Add("subject", $"The subject {bad}.");
        if (errors.Any) return errors.ToProblem();
        var identity = new ClaimsIdentity(CookieAuthenticationDefaults.AuthenticationScheme, "name", Caller.Claims.Role);
        identity.AddClaims([new Claim("sub", subject), new Claim("name", subject), new Claim(ApiTokens.RoleClaim, body.Role!)]);
        identity.AddClaims(areas.Select(a => new Claim(ApiTokens.AreaClaim, a)));
        Caller.Claims.Normalise(identity, ApiTokens.RoleClaim, ApiTokens.AreaClaim, everyAreaWhenMissing: false);
        await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(identity));
        return TypedResults.NoContent();
    }

    private static async Task<Ok<SignedOut>> SignOut(HttpContext http, bool provider)
    {
        await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        if (!provider) return TypedResults.Ok(new SignedOut(SignedOutPage));
        try
        {
            // The handler builds the end-session request (state, return address) and OnRedirectToIdentityProviderForSignOut keeps it.
            await http.SignOutAsync(Provider, new AuthenticationProperties { RedirectUri = SignedOutPage });
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or HttpRequestException)
        {
            // No end-session endpoint, or the provider is down: this session has ended all the same.
            http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("SocialCapital.Api.SignIn")
                .LogWarning("Signed out of the web session but not at the identity provider: {Reason}", e.Message);
        }
        return TypedResults.Ok(new SignedOut(http.Items[SignOutUrlItem] as string ?? SignedOutPage));
    }
}
