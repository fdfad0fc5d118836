using System.Collections.Concurrent;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace SocialCapital.Api.Tests.Infrastructure;

/// <summary>The real API hosted in-process (<see cref="WebApplicationFactory{TEntryPoint}"/> on <see cref="Program"/>)
/// over a real SQLite file, with the test issuer, audience and key and a rate limit high enough not to matter.</summary>
public sealed class TestApi : IAsyncDisposable
{
    /// <summary>The environment the tests run the API in: not Development, so the signing key must be configured and
    /// no development tokens are printed.</summary>
    public const string Environment = "Testing";

    private readonly Factory _factory;
    private readonly ConcurrentDictionary<string, HttpClient> _clients = new(StringComparer.Ordinal);

    private TestApi(string storePath, IReadOnlyDictionary<string, string?> settings, TimeProvider? clock, Action<IServiceCollection>? services)
    {
        StorePath = storePath;
        _factory = new Factory(settings, Log, clock, services);
    }

    /// <summary>The SQLite file the API stores its data in.</summary>
    public string StorePath { get; }

    /// <summary>Everything the API logged.</summary>
    internal LogCapture Log { get; } = new();

    /// <summary>The host's services (the real ones).</summary>
    public IServiceProvider Services => _factory.Services;

    public HttpClient Anonymous => _clients.GetOrAdd("", _ => _factory.CreateClient());

    public HttpClient Coach => As(SocialCapital.Security.ApiTokens.Coach);

    public HttpClient Analyst => As(SocialCapital.Security.ApiTokens.Analyst);

    public HttpClient Admin => As(SocialCapital.Security.ApiTokens.Admin);

    /// <summary>Starts the API on <paramref name="storePath"/>, seeding an empty store from <paramref name="seed"/> (an
    /// absolute dataset folder; null: no seeding). <paramref name="settings"/> override or add configuration values;
    /// <paramref name="clock"/> replaces the system clock the API dates its snapshots by; <paramref name="services"/> changes
    /// the API's services after its own set-up (e.g. leaves out a background service).</summary>
    public static TestApi Start(string storePath, string? seed, IReadOnlyDictionary<string, string?>? settings = null, TimeProvider? clock = null,
        Action<IServiceCollection>? services = null)
    {
        var all = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["environment"] = Environment,
            ["Store:Kind"] = "sqlite",
            ["Store:Path"] = storePath,
            ["Store:Seed"] = seed ?? "",
            ["Jwt:Issuer"] = Tokens.Issuer,
            ["Jwt:Audience"] = Tokens.Audience,
            ["Jwt:SigningKey"] = Tokens.SigningKey,
            ["Limits:PermitsPerMinute"] = "1000000",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) all[key] = value;
        var api = new TestApi(storePath, all, clock, services);
        try
        {
            _ = api._factory.Server; // starts the host: opens the store, seeds it, loads the first snapshot
            return api;
        }
        catch
        {
            api._factory.Dispose();
            throw;
        }
    }

    /// <summary>A client that sends a valid token for <paramref name="role"/> (and <paramref name="subject"/>).</summary>
    public HttpClient As(string role, string? subject = null) =>
        WithToken(Tokens.For(role, subject), $"{role}|{subject}");

    /// <summary>A client that sends <paramref name="token"/> as its bearer token.</summary>
    public HttpClient WithToken(string token, string? cacheKey = null)
    {
        HttpClient Create(string _)
        {
            var client = _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            return client;
        }

        return cacheKey is null ? Create("") : _clients.GetOrAdd(cacheKey, Create);
    }

    /// <summary>A client that follows redirects and sends no token.</summary>
    public HttpClient Browser() => _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = true });

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients.Values) client.Dispose();
        await _factory.DisposeAsync();
    }

    private sealed class Factory(IReadOnlyDictionary<string, string?> settings, LogCapture log, TimeProvider? clock,
        Action<IServiceCollection>? services) : WebApplicationFactory<Program>
    {
        protected override IHost CreateHost(IHostBuilder builder)
        {
            // Host configuration reaches WebApplication.CreateBuilder(args) as arguments, so the values the API reads
            // before Build() (Jwt, Limits, Store:Kind) see it too.
            builder.ConfigureHostConfiguration(c => c.AddInMemoryCollection(settings));
            return base.CreateHost(builder);
        }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment(Environment);
            foreach (var (key, value) in settings) builder.UseSetting(key, value);
            builder.ConfigureLogging(l => l.AddProvider(log));
            if (clock is not null) builder.ConfigureServices(s => s.AddSingleton(clock));
            if (services is not null) builder.ConfigureTestServices(services);
        }
    }
}
