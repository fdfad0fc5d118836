using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using SocialCapital.Api.Tests.Infrastructure;

namespace SocialCapital.Api.Tests.Hosting;

/// <summary>The API as a real process over real HTTP: Development start-up with printed tokens, a write and a read that
/// sees it, a clean kill; and a refusal to start without a signing key outside Development.</summary>
public class ApiProcessTests
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Process_Development_ServesOverHttpWithThePrintedTokensAndStopsWhenKilled()
    {
        using var folder = new TempFolder();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        int pid;
        Uri address;
        using (var api = ApiProcess.Start(new Dictionary<string, string>
               {
                   ["ASPNETCORE_ENVIRONMENT"] = "Development",
                   ["Store__Path"] = folder.File("store.db"),
                   ["Store__Seed"] = Repo.Sample("toy"),
               }))
        {
            pid = api.Id;
            address = api.Address;
            await api.WaitUntilReadyAsync(http, StartTimeout);
            var tokens = await api.DevelopmentTokensAsync(TimeSpan.FromSeconds(10));
            Assert.Contains("seeded", api.StdOut, StringComparison.Ordinal);

            using (var anonymous = await http.GetAsync(new Uri(address, "/people/0")))
                await anonymous.AssertProblemAsync(401);

            using (var read = Request(HttpMethod.Get, address, "/people/0", tokens["coach"]))
            using (var response = await http.SendAsync(read))
                Assert.Equal("A", (await response.JsonAsync(200)).Str("area"));

            using (var forbidden = Request(HttpMethod.Put, address, "/people/over-http", tokens["coach"], """{"kind":"citizen"}"""))
            using (var response = await http.SendAsync(forbidden))
                await response.AssertProblemAsync(403);

            long version;
            using (var write = Request(HttpMethod.Put, address, "/people/over-http", tokens["admin"], """{"kind":"mentor","area":"B","capacity":2}"""))
            using (var response = await http.SendAsync(write))
                version = (await response.JsonAsync(201)).GetProperty("write").GetProperty("version").GetInt64();

            using (var read = Request(HttpMethod.Get, address, "/people/over-http", tokens["coach"]))
            using (var response = await http.SendAsync(read))
            {
                Assert.Equal("mentor", (await response.JsonAsync(200)).Str("kind"));
                Assert.True(response.SnapshotVersion() >= version);
            }

            // A NUL in the path (refused by the in-process test server before the API sees it) is a 400 over real HTTP.
            using (var nul = Request(HttpMethod.Get, address, "/people/%00", tokens["coach"]))
            using (var response = await http.SendAsync(nul))
                await response.AssertStatusAsync(400);

            // Kestrel enforces the body limit on a chunked body too (no Content-Length to check up front).
            using (var chunked = Request(HttpMethod.Put, address, "/people/chunked", tokens["admin"],
                       "{\"kind\":\"citizen\",\"sector\":\"" + new string('x', 1_100_000) + "\"}"))
            {
                chunked.Headers.TransferEncodingChunked = true;
                using var response = await http.SendAsync(chunked);
                await response.AssertProblemAsync(413);
            }

            api.Stop();
            Assert.True(api.HasExited);
        }

        Assert.Throws<ArgumentException>(() => Process.GetProcessById(pid)); // gone, not a zombie we still hold
        await Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync(new Uri(address, "/health/live")));
    }

    [Theory]
    [InlineData("Production", "", "Jwt:SigningKey")]
    [InlineData("Staging", "short", "Jwt:SigningKey is too short")]
    public void Process_OutsideDevelopmentWithoutAUsableSigningKey_ExitsNonZeroNamingTheSetting(string environment, string key, string message)
    {
        using var folder = new TempFolder();
        using var api = ApiProcess.Start(new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = environment,
            ["Store__Path"] = folder.File("store.db"),
            ["Store__Seed"] = Repo.Sample("toy"),
            ["Jwt__SigningKey"] = key,
        });
        Assert.True(api.WaitForExit(StartTimeout), $"The API kept running without a usable signing key.\n{api}");
        Assert.NotEqual(0, api.ExitCode);
        Assert.Contains(message, api.StdErr, StringComparison.Ordinal);
        Assert.False(File.Exists(folder.File("store.db")), "the store was opened although the configuration was refused");
    }

    [Theory]
    [InlineData("cassandra", "", "known: sqlite, postgres, neo4j")]
    [InlineData("neo4j", "", "Store:Neo4j:Uri")]
    [InlineData("neo4j", "http://127.0.0.1:9", "Cannot open the Neo4j store at http://127.0.0.1:9")] // nothing listens on port 9
    public void Process_BadStoreSettings_ExitsNonZeroSayingWhatToFix(string kind, string neo4jUri, string expected)
    {
        using var folder = new TempFolder();
        using var api = ApiProcess.Start(new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["Store__Kind"] = kind,
            ["Store__Neo4j__Uri"] = neo4jUri,
            ["Store__Neo4j__Password"] = "secret-password-value",
            ["Store__Path"] = folder.File("store.db"),
        });
        Assert.True(api.WaitForExit(StartTimeout), $"The API kept running with bad store settings.\n{api}");
        Assert.NotEqual(0, api.ExitCode);
        Assert.Contains(expected, api.StdErr, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-password-value", api.StdErr + api.StdOut, StringComparison.Ordinal); // credentials never printed
    }

    [Theory]
    [InlineData("", "Store:Postgres:ConnectionString must name the server")]
    [InlineData("Host=127.0.0.1;Port=9;Database=scdb;Username=sc;Password=secret-password-value;Timeout=3", // nothing listens on port 9
        "Cannot open the PostgreSQL store at 127.0.0.1:9, database scdb, user sc: Cannot connect to the PostgreSQL store at 127.0.0.1:9")]
    [InlineData("Host=127.0.0.1;Passwort=secret-password-value", "Store:Postgres:ConnectionString: The PostgreSQL connection string is not valid")]
    public void Process_BadPostgresSettings_ExitsNonZeroNamingTheServerNotThePassword(string connectionString, string expected)
    {
        using var folder = new TempFolder();
        using var api = ApiProcess.Start(new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["Store__Kind"] = "postgres",
            ["Store__Postgres__ConnectionString"] = connectionString,
            ["Store__Path"] = folder.File("store.db"),
        });
        Assert.True(api.WaitForExit(StartTimeout), $"The API kept running with bad store settings.\n{api}");
        Assert.NotEqual(0, api.ExitCode);
        Assert.Contains(expected, api.StdErr, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-password-value", api.StdErr + api.StdOut, StringComparison.Ordinal); // credentials never printed
        Assert.False(File.Exists(folder.File("store.db")), "the SQLite store was opened instead");
    }

    private static HttpRequestMessage Request(HttpMethod method, Uri address, string path, string token, string? json = null)
    {
        var request = new HttpRequestMessage(method, new Uri(address, path));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (json is not null) request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        return request;
    }
}
