using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using Scalar.AspNetCore;
using SocialCapital.Api.Endpoints;
using SocialCapital.Api.Errors;
using SocialCapital.Api.Snapshots;
using SocialCapital.Metrics;
using SocialCapital.Security;
using SocialCapital.Neo4j;
using SocialCapital.Sqlite;
using SocialCapital.Storage;

namespace SocialCapital.Api.Hosting;

/// <summary>Composes the API: configuration, store, security, limits, documentation and endpoints.</summary>
internal static class ApiHost
{
    private static readonly TimeSpan DevelopmentTokenLifetime = TimeSpan.FromHours(12);

    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        var config = builder.Configuration;
        var services = builder.Services;
        var limits = config.GetSection("Limits").Get<LimitSettings>() ?? new LimitSettings();
        var jwt = config.GetSection("Jwt").Get<JwtSettings>() ?? new JwtSettings();
        var signingKey = SigningKey(jwt, builder.Environment);
        CheckStoreKind(config);
        CheckAnalysis(config);

        services.Configure<StoreSettings>(config.GetSection("Store"));
        services.Configure<AnalysisSettings>(config.GetSection("Analysis"));
        services.AddSingleton(limits);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(OpenStore);
        services.AddSingleton<SnapshotHost>();
        services.AddHostedService<StoreStartup>();

        services.AddProblemDetails(o => o.CustomizeProblemDetails = ExplainAccess);
        services.AddExceptionHandler<ApiExceptionHandler>();
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true); // binding errors reach the handler, with their message
        services.ConfigureHttpJsonOptions(o => JsonSetup.Configure(o.SerializerOptions));
        services.Configure<FormOptions>(o => o.MultipartBodyLengthLimit = limits.MaxImportBytes);
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Limits.MaxRequestBodySize = limits.MaxImportBytes; // the per-endpoint limit is set by RequestLimits
        });

        var everyAreaWhenMissing = builder.Environment.IsDevelopment();
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(o =>
        {
            o.MapInboundClaims = false;
            o.Events = new JwtBearerEvents
            {
                OnTokenValidated = context =>
                {
                    if (context.Principal?.Identity is System.Security.Claims.ClaimsIdentity identity)
                        Caller.Claims.Normalise(identity, ApiTokens.RoleClaim, ApiTokens.AreaClaim, everyAreaWhenMissing);
                    return Task.CompletedTask;
                },
            };
            o.TokenValidationParameters = new TokenValidationParameters
            {
                ValidIssuer = jwt.Issuer,
                ValidAudience = jwt.Audience,
                IssuerSigningKey = ApiTokens.Key(signingKey),
                ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
                RoleClaimType = Caller.Claims.Role, // policies read the normalised roles
                NameClaimType = "sub",
                ClockSkew = TimeSpan.FromMinutes(1),
            };
        });
        Policies.Add(services.AddAuthorizationBuilder());
        services.AddRateLimiter(o =>
        {
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http => RateLimitPartition.GetFixedWindowLimiter(
                ClientKey(http), _ => new FixedWindowRateLimiterOptions { PermitLimit = limits.PermitsPerMinute, Window = TimeSpan.FromMinutes(1) }));
            o.OnRejected = async (context, token) =>
            {
                context.HttpContext.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retry))
                    context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retry.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                await context.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = context.HttpContext,
                    ProblemDetails = { Status = 429, Title = "Too many requests", Detail = $"At most {limits.PermitsPerMinute} requests a minute per client." },
                });
            };
        });
        services.AddOpenApi(options => OpenApiSetup.Configure(options)); // a lambda, not a method group: the XML-comment generator intercepts only this form

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages(); // empty 401/403/404/405 answers become problem details too
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
            app.UseHttpsRedirection();
        }
        app.UseDefaultFiles();
        app.UseStaticFiles();
        app.UseRouting();
        app.UseMiddleware<RequestLimits>();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();

        app.MapOpenApi().AllowAnonymous();
        app.MapScalarApiReference("/docs", o => o.WithTitle("SocialCapital API")).AllowAnonymous();
        app.MapHealth();
        app.MapPeople();
        app.MapTies();
        app.MapImport(limits);
        app.MapExport();
        app.MapCitizens();
        app.MapCohorts();
        app.MapAreas();
        app.MapGroups();
        app.MapWhatIf();

        if (app.Environment.IsDevelopment())
            app.Lifetime.ApplicationStarted.Register(() => PrintDevelopmentTokens(jwt, signingKey));
        return app;
    }

    private static IGraphStore OpenStore(IServiceProvider services)
    {
        var settings = services.GetRequiredService<IOptions<StoreSettings>>().Value;
        var log = services.GetRequiredService<ILoggerFactory>().CreateLogger("SocialCapital.Api.Store");
        var neo4j = IsNeo4j(settings.Kind);
        var where = neo4j ? $"{settings.Neo4j.Uri} (database {settings.Neo4j.Database})" : Path.GetFullPath(settings.Path);
        try
        {
            IGraphStore store = neo4j
                ? Neo4jGraphStore.OpenAsync(Neo4jOptions(settings.Neo4j)).GetAwaiter().GetResult()
                : SqliteGraphStore.OpenAsync(where).GetAwaiter().GetResult();
            log.LogInformation("Store: {Kind} at {Where}", neo4j ? "neo4j" : "sqlite", where); // never credentials
            return store;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new StartupException($"Cannot open the {(neo4j ? "Neo4j" : "SQLite")} store at {where}: {e.Message}", e);
        }
    }

    private static bool IsNeo4j(string kind) => kind.Trim().Equals("neo4j", StringComparison.OrdinalIgnoreCase);

    private static Neo4jStoreOptions Neo4jOptions(Neo4jSettings settings) => new()
    {
        BaseAddress = new Uri(settings.Uri),
        Database = settings.Database,
        User = Blank(settings.User),
        Password = Blank(settings.Password),
        BearerToken = Blank(settings.Token),
        BatchSize = settings.BatchSize,
    };

    private static string? Blank(string text) => string.IsNullOrEmpty(text) ? null : text;

    /// <summary>Checks the store choice before anything starts.</summary>
    private static void CheckStoreKind(IConfiguration config)
    {
        var settings = config.GetSection("Store").Get<StoreSettings>() ?? new StoreSettings();
        var kind = settings.Kind.Trim();
        if (IsNeo4j(kind))
        {
            if (!System.Uri.TryCreate(settings.Neo4j.Uri, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
                throw new StartupException("Store:Kind is neo4j, so Store:Neo4j:Uri must be the server's http(s) address "
                    + $"(e.g. http://localhost:7474); it is '{settings.Neo4j.Uri}'.");
        }
        else if (!kind.Equals("sqlite", StringComparison.OrdinalIgnoreCase))
            throw new StartupException($"Store:Kind '{settings.Kind}' is not a store this build knows (known: sqlite, neo4j).");
    }

    /// <summary>Checks the analysis settings by the engine's own rules (<see cref="AreaMetricsOptions.Validate"/>) before
    /// anything starts: a bad value is the operator's to fix, not a 400 blamed on the first client who asks for areas.</summary>
    private static void CheckAnalysis(IConfiguration config)
    {
        var settings = config.GetSection("Analysis").Get<AnalysisSettings>() ?? new AnalysisSettings();
        var problems = new AreaMetricsOptions { MinCellSize = settings.MinCellSize }.Validate()
            .Concat(settings.NoiseOptions().Validate().Select(p => p with { Option = p.Option == "Epsilon" ? "Noise" : "NoiseKey" })).ToList();
        if (problems.Count > 0)
            throw new StartupException(string.Join(" ", problems.Select(p => $"Analysis:{p}")));
    }

    /// <summary>The configured key; in Development an empty one means the published development key. A deployment
    /// without a key (or with a short one) refuses to start rather than accept forgeable tokens.</summary>
    private static string SigningKey(JwtSettings jwt, IHostEnvironment environment)
    {
        var key = string.IsNullOrEmpty(jwt.SigningKey) && environment.IsDevelopment() ? ApiTokens.DevelopmentSigningKey : jwt.SigningKey;
        if (string.IsNullOrEmpty(key))
            throw new StartupException("Jwt:SigningKey is not set. Outside Development the API needs the key its tokens are "
                + $"signed with (at least {ApiTokens.MinKeyBytes} bytes), e.g. in the environment variable Jwt__SigningKey.");
        if (System.Text.Encoding.UTF8.GetByteCount(key) < ApiTokens.MinKeyBytes)
            throw new StartupException($"Jwt:SigningKey is too short: HS256 needs at least {ApiTokens.MinKeyBytes} bytes.");
        return key;
    }

    /// <summary>Says why a 401 or 403 happened, naming the roles the endpoint needs.</summary>
    private static void ExplainAccess(ProblemDetailsContext context)
    {
        var details = context.ProblemDetails;
        if (details.Detail is not null) return;
        if (details.Status == 401)
            details.Detail = "This call needs a valid bearer token ('Authorization: Bearer <token>'): missing, expired, or not signed "
                + "by the configured issuer.";
        else if (details.Status == 403)
        {
            var policy = context.HttpContext.GetEndpoint()?.Metadata.GetOrderedMetadata<Microsoft.AspNetCore.Authorization.IAuthorizeData>()
                .Select(a => a.Policy).LastOrDefault(p => p is not null);
            details.Detail = $"Your role may not make this call; it needs {Policies.Describe(policy)}.";
        }
    }

    private static string ClientKey(HttpContext http) =>
        http.User.FindFirst("sub")?.Value is { } subject ? "sub:" + subject : "ip:" + http.Connection.RemoteIpAddress;

    private static void PrintDevelopmentTokens(JwtSettings jwt, string signingKey)
    {
        Console.WriteLine($"Development tokens (valid {DevelopmentTokenLifetime.TotalHours:0} h; signed with the development key — never use it in production):");
        foreach (var role in ApiTokens.Roles)
            Console.WriteLine($"  {role,-8} {ApiTokens.Mint(role, jwt.Issuer, jwt.Audience, signingKey, DevelopmentTokenLifetime, areas: [ApiTokens.AllAreas])}");
        Console.WriteLine("Send one as 'Authorization: Bearer <token>'. API reference: /docs; OpenAPI: /openapi/v1.json");
    }
}
