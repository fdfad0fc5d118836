using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using Scalar.AspNetCore;
using SocialCapital.Api.Audit;
using SocialCapital.Api.Endpoints;
using SocialCapital.Api.Errors;
using SocialCapital.Api.Snapshots;
using SocialCapital.Metrics;
using SocialCapital.Security;
using SocialCapital.Neo4j;
using SocialCapital.Postgres;
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
        var tokens = BearerTokens.Check(jwt, builder.Environment);
        CheckStoreKind(config);
        CheckAnalysis(config);
        CheckReplicas(config);

        services.Configure<StoreSettings>(config.GetSection("Store"));
        services.Configure<AnalysisSettings>(config.GetSection("Analysis"));
        services.Configure<ReplicaSettings>(config.GetSection("Replicas"));
        services.AddSingleton(limits);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(OpenStore);
        services.AddSingleton<SnapshotHost>();
        services.AddSingleton<BoundaryHost>();
        services.AddSingleton(BetweennessEndpoints.Background);
        services.AddSingleton(TrendEndpoints.Background);
        services.AddSingleton(EvidenceEndpoints.Background);
        services.AddHostedService<StoreStartup>();
        services.AddHostedService<ReplicaFollower>(); // after the first load; follows other replicas when the store is a change feed
        services.AddAudit(config);

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

        var web = config.GetSection("Web").Get<WebSettings>() ?? new WebSettings();
        WebSignIn.AddAuthentication(services, tokens, web);
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<ILoggerFactory>((o, logs) => BearerTokens.Configure(o, tokens, logs.CreateLogger("SocialCapital.Api.Tokens")));
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
                await ProblemWriter.WriteAsync(context.HttpContext, StatusCodes.Status429TooManyRequests, "Too many requests",
                    $"At most {limits.PermitsPerMinute} requests a minute per client.");
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
        app.UseMiddleware<AuditMiddleware>(); // before authentication: refused attempts (401, 403) are audited too
        app.UseMiddleware<RequestLimits>();
        app.UseAuthentication();
        app.Use(WebSignIn.GuardWrites);
        app.UseAuthorization();
        app.UseRateLimiter();
        app.UseMiddleware<MinVersion>(); // after access and rate checks: only a request that may run waits for a version

        app.MapOpenApi().AllowAnonymous();
        app.MapScalarApiReference("/docs", o => o.WithTitle("SocialCapital API")).AllowAnonymous();
        app.MapHealth();
        app.MapSignIn(tokens, web, app.Environment.IsDevelopment());
        app.MapPeople();
        app.MapTies();
        app.MapProposals();
        app.MapLifecycle();
        app.MapProgramme();
        app.MapCoaches();
        app.MapImport(limits);
        app.MapExport();
        app.MapCitizens();
        app.MapCohorts();
        app.MapBrokerage();
        app.MapBetweenness();
        app.MapTrends();
        app.MapEvidence();
        app.MapCommunities();
        app.MapAreas();
        app.MapGroups();
        app.MapWhatIf();
        app.MapAudit();
        app.MapSubjectRights();

        if (tokens.Authority is not null) app.Lifetime.ApplicationStarted.Register(() => _ = BearerTokens.ProbeAsync(app.Services));
        if (app.Environment.IsDevelopment() && tokens.SigningKey is { } signingKey)
            app.Lifetime.ApplicationStarted.Register(() => PrintDevelopmentTokens(tokens, signingKey));
        return app;
    }

    private static IGraphStore OpenStore(IServiceProvider services)
    {
        var settings = services.GetRequiredService<IOptions<StoreSettings>>().Value;
        var log = services.GetRequiredService<ILoggerFactory>().CreateLogger("SocialCapital.Api.Store");
        var kind = settings.Kind.Trim().ToLowerInvariant();
        var postgres = kind == "postgres"
            ? PostgresOptions(settings) with { WriteLockWait = services.GetRequiredService<IOptions<ReplicaSettings>>().Value.WriteLockWait }
            : null;
        // Where the store is, for the log and for messages: never a password or token.
        var where = kind switch
        {
            "neo4j" => $"{settings.Neo4j.Uri} (database {settings.Neo4j.Database})",
            "postgres" => postgres!.Describe(),
            _ => Path.GetFullPath(settings.Path),
        };
        var name = kind switch { "neo4j" => "Neo4j", "postgres" => "PostgreSQL", _ => "SQLite" };
        try
        {
            IGraphStore store = kind switch
            {
                "neo4j" => Neo4jGraphStore.OpenAsync(Neo4jOptions(settings.Neo4j)).GetAwaiter().GetResult(),
                "postgres" => PostgresGraphStore.OpenAsync(postgres!).GetAwaiter().GetResult(),
                _ => SqliteGraphStore.OpenAsync(where, new SqliteStoreOptions { ChangesKept = settings.ChangesKept }).GetAwaiter().GetResult(),
            };
            log.LogInformation("Store: {Kind} at {Where}", kind, where); // never credentials
            return store;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new StartupException($"Cannot open the {name} store at {where}: {e.Message}", e);
        }
    }

    private static PostgresStoreOptions PostgresOptions(StoreSettings settings) => new()
    {
        ConnectionString = settings.Postgres.ConnectionString,
        ChangesKept = settings.ChangesKept,
    };

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
        else if (kind.Equals("postgres", StringComparison.OrdinalIgnoreCase))
        {
            if (string.IsNullOrWhiteSpace(settings.Postgres.ConnectionString))
                throw new StartupException("Store:Kind is postgres, so Store:Postgres:ConnectionString must name the server "
                    + "(e.g. Host=db;Database=socialcapital;Username=sc; the password from the environment: Store__Postgres__ConnectionString).");
            try
            {
                PostgresOptions(settings).Describe();
            }
            catch (ArgumentException e)
            {
                throw new StartupException($"Store:Postgres:ConnectionString: {e.Message}");
            }
        }
        else if (!kind.Equals("sqlite", StringComparison.OrdinalIgnoreCase))
            throw new StartupException($"Store:Kind '{settings.Kind}' is not a store this build knows (known: sqlite, postgres, neo4j).");
    }

    /// <summary>Checks the analysis settings by the engine's own rules (<see cref="AreaMetricsOptions.Validate"/>) before
    /// anything starts: a bad value is the operator's to fix, not a 400 blamed on the first client who asks for areas.</summary>
    private static void CheckAnalysis(IConfiguration config)
    {
        var settings = config.GetSection("Analysis").Get<AnalysisSettings>() ?? new AnalysisSettings();
        var problems = new AreaMetricsOptions { MinCellSize = settings.MinCellSize }.Validate()
            .Concat(settings.NoiseOptions().Validate().Select(p => p with { Option = p.Option == "Epsilon" ? "Noise" : "NoiseKey" })).ToList();
        if (settings.BetweennessExactLimit < 0)
            problems.Add(new Model.OptionProblem("BetweennessExactLimit", settings.BetweennessExactLimit.ToString(CultureInfo.InvariantCulture), "must be 0 or more"));
        if (problems.Count > 0)
            throw new StartupException(string.Join(" ", problems.Select(p => $"Analysis:{p}")));
    }

    /// <summary>Checks the replica settings and the change feed's length before anything starts.</summary>
    internal static void CheckReplicas(IConfiguration config)
    {
        List<string> problems;
        try
        {
            var store = config.GetSection("Store").Get<StoreSettings>() ?? new StoreSettings();
            problems = [.. (config.GetSection("Replicas").Get<ReplicaSettings>() ?? new ReplicaSettings()).Problems()];
            if (store.ChangesKept < 1) problems.Add($"Store:ChangesKept must be 1 or more; it is {store.ChangesKept}.");
            if (store.Postgres.CheckpointEvery < 0)
                problems.Add($"Store:Postgres:CheckpointEvery must be 0 (half of Store:ChangesKept) or more; it is {store.Postgres.CheckpointEvery}.");
        }
        catch (InvalidOperationException e) // a value that is no time span or number
        {
            throw new StartupException($"Replicas or Store settings: {e.Message} {e.InnerException?.Message}", e);
        }
        if (problems.Count > 0) throw new StartupException(string.Join(" ", problems));
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

    private static void PrintDevelopmentTokens(BearerTokens.Plan tokens, string signingKey)
    {
        var key = tokens.UsesDevelopmentKey ? "the development key — never use it in production" : "Jwt:SigningKey";
        Console.WriteLine($"Development tokens (valid {DevelopmentTokenLifetime.TotalHours:0} h, every area; signed with {key}):");
        foreach (var role in ApiTokens.Roles)
            Console.WriteLine($"  {role,-8} {ApiTokens.Mint(role, tokens.SigningKeyIssuer, tokens.Audience, signingKey, DevelopmentTokenLifetime, areas: [ApiTokens.AllAreas])}");
        Console.WriteLine("Send one as 'Authorization: Bearer <token>'. API reference: /docs; OpenAPI: /openapi/v1.json");
        Console.WriteLine("A token for some areas only: socialcapital token --role coach --areas A1,A2");
    }
}
