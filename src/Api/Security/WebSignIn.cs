using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using SocialCapital.Api.Contracts;
using SocialCapital.Api.Endpoints;
using SocialCapital.Api.Errors;
using SocialCapital.Api.Hosting;
using SocialCapital.Security;

namespace SocialCapital.Api;

/// <summary>How the web app's users sign in: a session cookie made either by OpenID Connect with the organisation's
/// identity provider (authorization code + PKCE, when <c>Jwt:Authority</c> and <c>Web:ClientId</c> are set) or, in
/// Development, by a page that picks a role and areas. Either way the cookie carries the same normalised claims a bearer
/// token gives (<see cref="Caller.Claims.Normalise"/>), so every endpoint applies the same rules to both. A request with a
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

    private const string Provider = OpenIdConnectDefaults.AuthenticationScheme;

    /// <summary>Whether provider sign-in is configured.</summary>
    public static bool UsesProvider(BearerTokens.Plan tokens, WebSettings web) => tokens.Authority is not null && web.ClientId.Length > 0;

    /// <summary>Registers the bearer handler, the session cookie and, when configured, the provider.</summary>
    public static void AddAuthentication(IServiceCollection services, BearerTokens.Plan tokens, WebSettings web)
    {
        if (web.SessionMinutes < 1) throw new StartupException($"Web:SessionMinutes must be at least 1; it is {web.SessionMinutes}.");
        if (web.ClientId.Length > 0 && tokens.Authority is null)
            throw new StartupException("Web:ClientId is set but Jwt:Authority is not: sign-in with a provider needs the provider's address in Jwt:Authority.");
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
            o.CallbackPath = "/auth/callback";
            o.SignInScheme = CookieAuthenticationDefaults.AuthenticationScheme;
            o.CorrelationCookie.SameSite = SameSiteMode.Lax;
            o.NonceCookie.SameSite = SameSiteMode.Lax;
            o.Scope.Clear();
            foreach (var scope in web.Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries)) o.Scope.Add(scope);
            o.TokenValidationParameters.NameClaimType = "name";
            o.TokenValidationParameters.RoleClaimType = Caller.Claims.Role;
            o.Events.OnTokenValidated = c =>
            {
                if (c.Principal?.Identity is ClaimsIdentity identity)
                    Caller.Claims.Normalise(identity, tokens.RoleClaim, tokens.AreaClaim, everyAreaWhenMissing: false);
                return Task.CompletedTask;
            };
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
        group.MapPost("/signout", (Delegate)SignOut).WithSummary($"Ends the web session (needs the header {AppHeader}).");
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

    /// <summary>A path of this site (not <c>//host</c> or <c>/\host</c>, which browsers read as another site).</summary>
    private static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url) && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'));

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

    private static async Task<NoContent> SignOut(HttpContext http)
    {
        await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return TypedResults.NoContent();
    }
}
