using System.Collections.Concurrent;
using System.Globalization;
using System.IO.Compression;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using SocialCapital.Api.Snapshots;
using SocialCapital.Api.Tests.Infrastructure;

namespace SocialCapital.Api.Tests.Hosting;

/// <summary>Three API processes on loopback over one store (the store is the derived class's: its <c>Store</c> settings):
/// writes round-robin across them and every read that sends the write's version (<c>X-Min-Version</c>) sees the write on
/// any replica; a replica killed (SIGKILL) during a stream of writes loses no acknowledged write, clients that retry on
/// another replica see no error, and the replica catches up when restarted; a version not reached is a 503 with
/// <c>Retry-After</c>, a malformed one a 400. A rule a write checks holds across replicas (proposals for one mentor from
/// all three at once take no more than its free places: the store's write lock), and replicas started together on an
/// empty store seed it once.</summary>
public abstract class ReplicaProcessContract
{
    protected static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(120);

    /// <summary>A new, empty store for one test: the API's <c>Store</c> settings as environment variables
    /// (<c>Store__Kind</c>, …).</summary>
    /// <param name="folder">A folder the test deletes afterwards.</param>
    /// <returns>The settings.</returns>
    protected abstract Task<IReadOnlyDictionary<string, string>> CreateStoreAsync(TempFolder folder);

    protected static Dictionary<string, string> Settings(IReadOnlyDictionary<string, string> store)
    {
        var settings = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["ASPNETCORE_ENVIRONMENT"] = TestApi.Environment,
            ["Jwt__Issuer"] = Tokens.Issuer,
            ["Jwt__Audience"] = Tokens.Audience,
            ["Jwt__SigningKey"] = Tokens.SigningKey,
            ["Limits__PermitsPerMinute"] = "100000000",
            ["Store__Seed"] = Repo.Sample("toy"),
            ["Replicas__MinVersionWait"] = "00:00:02",
        };
        foreach (var (name, value) in store) settings[name] = value;
        return settings;
    }

    /// <summary>Starts the first replica (it seeds the empty store), then the other two at once.</summary>
    private static async Task<ApiProcess[]> StartAsync(HttpClient http, Dictionary<string, string> settings)
    {
        var replicas = new ApiProcess[3];
        try
        {
            replicas[0] = ApiProcess.Start(settings);
            await replicas[0].WaitUntilReadyAsync(http, StartTimeout);
            replicas[1] = ApiProcess.Start(settings);
            replicas[2] = ApiProcess.Start(settings);
            await Task.WhenAll(replicas[1].WaitUntilReadyAsync(http, StartTimeout), replicas[2].WaitUntilReadyAsync(http, StartTimeout));
            return replicas;
        }
        catch
        {
            foreach (var replica in replicas) replica?.Dispose();
            throw;
        }
    }

    private protected static HttpRequestMessage Request(HttpMethod method, ApiProcess replica, string path, string role, long? minVersion = null, string? json = null)
    {
        var request = new HttpRequestMessage(method, new Uri(replica.Address, path));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Tokens.For(role));
        if (minVersion is { } v) request.Headers.Add(MinVersion.Header, v.ToString(CultureInfo.InvariantCulture));
        if (json is not null) request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        return request;
    }

    /// <summary>Sends a request and reads its JSON answer and its <c>X-Snapshot-Version</c> (-1 when it has none: health).</summary>
    protected static async Task<(JsonElement Body, long Header)> SendAsync(HttpClient http, HttpRequestMessage request, int status)
    {
        using (request)
        using (var response = await http.SendAsync(request))
            return (await response.JsonAsync(status), response.Headers.Contains(EndpointVersionHeader) ? response.SnapshotVersion() : -1);
    }

    private const string EndpointVersionHeader = "X-Snapshot-Version";

    [SkippableFact]
    public async Task Replicas_WritesRoundRobin_EveryReadWithTheVersionSeesTheWriteOnAnyReplica()
    {
        using var folder = new TempFolder();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
        var replicas = await StartAsync(http, Settings(await CreateStoreAsync(folder)));
        try
        {
            long last = 0;
            for (var i = 0; i < 24; i++)
            {
                var writer = replicas[i % 3];
                var (put, header) = await SendAsync(http, Request(HttpMethod.Put, writer, $"/people/rr-{i}", "admin",
                    json: $$"""{"kind":"citizen","area":"A","ses":{{(i / 24.0).ToString(CultureInfo.InvariantCulture)}}}"""), 201);
                var version = put.GetProperty("write").GetProperty("version").GetInt64();
                Assert.True(header >= version, $"the write answered version {version} with X-Snapshot-Version {header}");
                Assert.True(version > last, $"versions grow: {version} after {last}");
                last = version;
                if (i > 0)
                {
                    var (tie, _) = await SendAsync(http, Request(HttpMethod.Put, replicas[(i + 1) % 3], "/ties", "admin",
                        json: $$"""{"source":"rr-{{i}}","target":"rr-{{i - 1}}","kind":"friend"}"""), 201);
                    last = tie.GetProperty("write").GetProperty("version").GetInt64();
                }
                for (var r = 1; r <= 2; r++)
                {
                    var reader = replicas[(i + r) % 3];
                    var (person, served) = await SendAsync(http, Request(HttpMethod.Get, reader, $"/people/rr-{i}", "coach", version), 200);
                    Assert.Equal(i / 24.0, person.GetProperty("ses").GetDouble());
                    Assert.True(served >= version, $"replica {(i + r) % 3} served version {served} for X-Min-Version {version}");
                    if (i == 0) continue;
                    var (capital, _) = await SendAsync(http, Request(HttpMethod.Get, reader, $"/people/rr-{i}/capital", "coach", last), 200);
                    Assert.Contains(capital.Items("contacts"), c => c.Str("id") == $"rr-{i - 1}");
                }
            }

            // A version no replica has reached yet: 503 after the wait, with Retry-After and both versions named.
            using (var ahead = Request(HttpMethod.Get, replicas[1], "/people/rr-0", "coach", last + 1000))
            using (var response = await http.SendAsync(ahead))
            {
                var problem = await response.AssertProblemAsync(503);
                Assert.Equal("1", Assert.Single(response.Headers.GetValues("Retry-After")));
                Assert.Equal(last + 1000, problem.GetProperty("askedVersion").GetInt64());
                Assert.True(problem.GetProperty("heldVersion").GetInt64() >= last);
            }
            using (var malformed = Request(HttpMethod.Get, replicas[2], "/people/rr-0", "coach"))
            {
                malformed.Headers.TryAddWithoutValidation(MinVersion.Header, "latest");
                using var response = await http.SendAsync(malformed);
                Assert.Contains("X-Min-Version", (await response.AssertProblemAsync(400)).Str("detail"), StringComparison.Ordinal);
            }

            // Every replica settles on the store's version and is ready.
            foreach (var replica in replicas)
            {
                var (ready, _) = await SendAsync(http, Request(HttpMethod.Get, replica, "/health/ready", "coach", last), 200);
                Assert.Equal(last, ready.GetProperty("storeVersion").GetInt64());
                Assert.True(ready.GetProperty("snapshotVersion").GetInt64() >= last);
            }
        }
        finally
        {
            foreach (var replica in replicas) replica.Dispose();
        }
    }

    [SkippableFact]
    public async Task Replicas_OneKilledDuringAWriteStream_NoAcknowledgedWriteLostNoClientErrorAndItCatchesUp()
    {
        using var folder = new TempFolder();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
        var settings = Settings(await CreateStoreAsync(folder));
        var replicas = await StartAsync(http, settings);
        try
        {
            var acknowledged = new ConcurrentDictionary<string, long>(StringComparer.Ordinal);
            var errors = new ConcurrentQueue<string>();
            var retries = 0;
            using var stop = new CancellationTokenSource();
            var writers = Enumerable.Range(0, 4).Select(w => Task.Run(async () =>
            {
                for (var k = 0; !stop.IsCancellationRequested; k++)
                {
                    var id = $"kill-{w}-{k}";
                    var json = $$"""{"kind":"citizen","area":"{{(k % 2 == 0 ? "A" : "B")}}"}""";
                    // A client that loses its replica retries the same (idempotent) write on the next one.
                    for (var attempt = 0; ; attempt++)
                    {
                        var replica = replicas[(w + k + attempt) % 3];
                        try
                        {
                            using var request = Request(HttpMethod.Put, replica, $"/people/{id}", "admin", json: json);
                            using var response = await http.SendAsync(request);
                            var text = await response.Content.ReadAsStringAsync();
                            if (!response.IsSuccessStatusCode) errors.Enqueue($"{id} on {replica.Address}: {(int)response.StatusCode} {text}");
                            else acknowledged[id] = JsonDocument.Parse(text).RootElement.GetProperty("write").GetProperty("version").GetInt64();
                            break;
                        }
                        catch (HttpRequestException) when (attempt < 5)
                        {
                            Interlocked.Increment(ref retries); // the replica is gone: connection refused or reset
                        }
                    }
                }
            })).ToArray();

            await Task.Delay(1500);
            replicas[0].Stop(); // SIGKILL: no shutdown, whatever it was doing
            var killedAt = acknowledged.Count;
            await Task.Delay(1500);
            await stop.CancelAsync();
            await Task.WhenAll(writers);

            Assert.True(errors.IsEmpty, string.Join("\n", errors));
            Assert.True(acknowledged.Count > killedAt, $"writes went on after the kill ({killedAt} before, {acknowledged.Count} in all)");
            var latest = acknowledged.Values.Max();
            foreach (var survivor in replicas.Skip(1))
                Assert.Empty(acknowledged.Keys.Except(await ExportedIdsAsync(http, survivor, latest)));

            // Restarted on the same store, the killed replica loads it and follows: it has every acknowledged write, and
            // what the others write next.
            replicas[0].Dispose();
            replicas[0] = ApiProcess.Start(settings);
            await replicas[0].WaitUntilReadyAsync(http, StartTimeout);
            Assert.Empty(acknowledged.Keys.Except(await ExportedIdsAsync(http, replicas[0], latest)));
            var (after, _) = await SendAsync(http, Request(HttpMethod.Put, replicas[1], "/people/after-restart", "admin", json: """{"kind":"mentor","area":"C"}"""), 201);
            var version = after.GetProperty("write").GetProperty("version").GetInt64();
            var (read, _) = await SendAsync(http, Request(HttpMethod.Get, replicas[0], "/people/after-restart", "coach", version), 200);
            Assert.Equal("mentor", read.Str("kind"));
        }
        finally
        {
            foreach (var replica in replicas) replica.Dispose();
        }
    }

    [SkippableFact]
    public async Task Replicas_ProposalsForOneMentorFromAllAtOnce_NoMoreThanItsFreePlacesAcrossReplicas()
    {
        using var folder = new TempFolder();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
        var replicas = await StartAsync(http, Settings(await CreateStoreAsync(folder)));
        try
        {
            const int Capacity = 2, Citizens = 12;
            var (mentor, _) = await SendAsync(http, Request(HttpMethod.Put, replicas[0], "/people/cap-mentor", "admin",
                json: $$"""{"kind":"mentor","area":"A","capacity":{{Capacity}}}"""), 201);
            var version = mentor.GetProperty("write").GetProperty("version").GetInt64();
            for (var i = 0; i < Citizens; i++)
            {
                var (citizen, _) = await SendAsync(http, Request(HttpMethod.Put, replicas[i % 3], $"/people/cap-{i}", "admin",
                    json: """{"kind":"citizen","area":"A"}"""), 201);
                version = citizen.GetProperty("write").GetProperty("version").GetInt64();
            }
            // Every replica has the mentor and the citizens before the race starts.
            foreach (var replica in replicas)
                await SendAsync(http, Request(HttpMethod.Get, replica, "/people/cap-mentor", "coach", version), 200);

            // Four proposals through each replica at once, each rule checked on the replica that takes it.
            using var start = new SemaphoreSlim(0, Citizens);
            var racing = Enumerable.Range(0, Citizens).Select(i => Task.Run(async () =>
            {
                await start.WaitAsync();
                using var request = Request(HttpMethod.Post, replicas[i % 3], $"/citizens/cap-{i}/proposals", "coach", version,
                    """{"mentor":"cap-mentor"}""");
                using var response = await http.SendAsync(request);
                return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
            })).ToArray();
            start.Release(Citizens);
            var answers = await Task.WhenAll(racing);

            Assert.True(answers.All(a => a.Item1 is 201 or 409), string.Join("\n", answers.Select(a => $"{a.Item1} {a.Item2}")));
            Assert.Equal(Capacity, answers.Count(a => a.Item1 == 201));
            // The refusals are a single replica's (ProposalEndpointsTests): 409, the mentor has no free place, and why.
            var refusals = answers.Where(a => a.Item1 == 409).Select(a => JsonDocument.Parse(a.Item2).RootElement.Str("detail")).ToArray();
            Assert.All(refusals, detail => Assert.Contains("'cap-mentor' has no free place: capacity 2", detail, StringComparison.Ordinal));

            // The store holds the same: every replica, at the store's version, has exactly the mentor's places proposed.
            var (health, _) = await SendAsync(http, Request(HttpMethod.Get, replicas[0], "/health/ready", "coach"), 200);
            var stored = health.GetProperty("storeVersion").GetInt64();
            Assert.Equal(version + Capacity, stored);
            foreach (var replica in replicas)
            {
                var (pending, _) = await SendAsync(http, Request(HttpMethod.Get, replica, "/proposals?mentor=cap-mentor&status=proposed",
                    "coach", stored), 200);
                Assert.Equal(Capacity, pending.Items().Length);
            }
        }
        finally
        {
            foreach (var replica in replicas) replica.Dispose();
        }
    }

    [SkippableFact]
    public async Task Replicas_StartedTogetherOnAnEmptyStore_SeedItOnceAndServeTheSameVersion()
    {
        using var folder = new TempFolder();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
        var settings = Settings(await CreateStoreAsync(folder));
        var replicas = new ApiProcess[3];
        try
        {
            for (var i = 0; i < 3; i++) replicas[i] = ApiProcess.Start(settings);
            await Task.WhenAll(replicas.Select(r => r.WaitUntilReadyAsync(http, StartTimeout)));
            // One import is version 1; a second seeding would have made it 2 (and wiped what was written in between).
            foreach (var replica in replicas)
            {
                var (ready, _) = await SendAsync(http, Request(HttpMethod.Get, replica, "/health/ready", "coach"), 200);
                Assert.Equal(1, ready.GetProperty("storeVersion").GetInt64());
                Assert.Equal(1, ready.GetProperty("snapshotVersion").GetInt64());
            }
            var (put, _) = await SendAsync(http, Request(HttpMethod.Put, replicas[2], "/people/after-seed", "admin",
                json: """{"kind":"citizen","area":"B"}"""), 201);
            Assert.Equal(2, put.GetProperty("write").GetProperty("version").GetInt64());
            foreach (var replica in replicas)
                await SendAsync(http, Request(HttpMethod.Get, replica, "/people/after-seed", "coach", 2), 200);
        }
        finally
        {
            foreach (var replica in replicas) replica?.Dispose();
        }
    }

    /// <summary>The node ids of a replica's export at <paramref name="minVersion"/> or later.</summary>
    private static async Task<HashSet<string>> ExportedIdsAsync(HttpClient http, ApiProcess replica, long minVersion)
    {
        using var request = Request(HttpMethod.Get, replica, "/export", "admin", minVersion);
        using var response = await http.SendAsync(request);
        await response.AssertStatusAsync(200);
        Assert.True(response.SnapshotVersion() >= minVersion);
        using var zip = new ZipArchive(await response.Content.ReadAsStreamAsync(), ZipArchiveMode.Read);
        using var nodes = new StreamReader(zip.GetEntry("nodes.csv")!.Open());
        var ids = new HashSet<string>(StringComparer.Ordinal);
        await nodes.ReadLineAsync(); // the header
        while (await nodes.ReadLineAsync() is { } line) ids.Add(line[..line.IndexOf(',', StringComparison.Ordinal)]);
        return ids;
    }
}

/// <summary>The replica tests over one SQLite file on this machine (the store is a change feed polled by each process).</summary>
public sealed class SqliteReplicaProcessTests : ReplicaProcessContract
{
    protected override Task<IReadOnlyDictionary<string, string>> CreateStoreAsync(TempFolder folder) =>
        Task.FromResult<IReadOnlyDictionary<string, string>>(new Dictionary<string, string>
        {
            ["Store__Kind"] = "sqlite",
            ["Store__Path"] = folder.File("replicas.db"),
        });
}

/// <summary>The replica tests over one PostgreSQL server (the store's change feed with LISTEN/NOTIFY), a schema of their
/// own: the deployment of docs/scaling.md's second shape. Skipped without a server, but in CI, which starts one.</summary>
public sealed class PostgresReplicaProcessTests : ReplicaProcessContract
{
    protected override Task<IReadOnlyDictionary<string, string>> CreateStoreAsync(TempFolder folder) =>
        Task.FromResult<IReadOnlyDictionary<string, string>>(new Dictionary<string, string>
        {
            ["Store__Kind"] = "postgres",
            ["Store__Postgres__ConnectionString"] = PostgresServer.NewSchema(),
        });

    /// <summary>The first replica reads the rows and writes the checkpoint; one started later loads the checkpoint and
    /// follows the feed from its version (the writes made after it included), one with <c>Store:Postgres:Checkpoint</c>
    /// off reads the rows, and one started over a damaged checkpoint says why and reads the rows: all serve the same data,
    /// and all follow the writes made after they started.</summary>
    [SkippableFact]
    public async Task Replica_StartedOverACheckpoint_ServesWhatOneStartedFromRowsServes()
    {
        using var folder = new TempFolder();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
        var store = await CreateStoreAsync(folder);
        var settings = Settings(store);
        var connectionString = store["Store__Postgres__ConnectionString"];
        var replicas = new List<ApiProcess>();
        try
        {
            var first = ApiProcess.Start(settings);
            replicas.Add(first);
            await first.WaitUntilReadyAsync(http, StartTimeout);
            Assert.Contains("Not starting from the store's checkpoint: the store keeps no checkpoint", first.StdOut, StringComparison.Ordinal);
            Assert.Equal(1, (await StoreCheckpoint.WaitForAsync(connectionString)).Version); // the seed's import
            long version = 0;
            for (var i = 0; i < 5; i++)
            {
                var (put, _) = await SendAsync(http, Request(HttpMethod.Put, first, $"/people/after-{i}", "admin",
                    json: $$"""{"kind":"citizen","area":"A","ses":0.{{i}}}"""), 201);
                version = put.GetProperty("write").GetProperty("version").GetInt64();
            }
            var (tie, _) = await SendAsync(http, Request(HttpMethod.Put, first, "/ties", "admin",
                json: """{"source":"after-1","target":"after-0","kind":"friend"}"""), 201);
            version = tie.GetProperty("write").GetProperty("version").GetInt64();

            var fromCheckpoint = ApiProcess.Start(settings);
            replicas.Add(fromCheckpoint);
            var fromRows = ApiProcess.Start(new Dictionary<string, string>(settings) { ["Store__Postgres__Checkpoint"] = "false" });
            replicas.Add(fromRows);
            await Task.WhenAll(fromCheckpoint.WaitUntilReadyAsync(http, StartTimeout), fromRows.WaitUntilReadyAsync(http, StartTimeout));
            Assert.Contains("Started from the store's checkpoint at version 1", fromCheckpoint.StdOut, StringComparison.Ordinal);
            Assert.DoesNotContain("checkpoint", fromRows.StdOut, StringComparison.OrdinalIgnoreCase);
            var expected = await ExportLinesAsync(http, first, version);
            Assert.Contains("\nafter-4,", "\n" + expected.Nodes, StringComparison.Ordinal);
            Assert.Equal(expected, await ExportLinesAsync(http, fromCheckpoint, version));
            Assert.Equal(expected, await ExportLinesAsync(http, fromRows, version));

            // Damaged in the table (the file's header, just before its footer): refused with a warning that says why, and
            // the rows serve.
            await ExecuteAsync(connectionString, @"UPDATE checkpoint_chunks SET bytes = overlay(bytes placing '\xdeadbeef'::bytea from length(bytes) - 40) "
                + "WHERE position = (SELECT max(position) FROM checkpoint_chunks)");
            var overDamage = ApiProcess.Start(settings);
            replicas.Add(overDamage);
            await overDamage.WaitUntilReadyAsync(http, StartTimeout);
            Assert.Contains("The store's checkpoint at version 1 cannot be used (", overDamage.StdOut, StringComparison.Ordinal);
            Assert.Contains("is damaged", overDamage.StdOut, StringComparison.Ordinal);
            Assert.Equal(expected, await ExportLinesAsync(http, overDamage, version));

            // A write after they started reaches every one of them.
            var (later, _) = await SendAsync(http, Request(HttpMethod.Put, fromRows, "/people/later", "admin", json: """{"kind":"mentor","area":"C"}"""), 201);
            var laterVersion = later.GetProperty("write").GetProperty("version").GetInt64();
            foreach (var replica in replicas)
                Assert.Equal("mentor", (await SendAsync(http, Request(HttpMethod.Get, replica, "/people/later", "coach", laterVersion), 200)).Body.Str("kind"));
        }
        finally
        {
            foreach (var replica in replicas) replica.Dispose();
        }
    }

    /// <summary>With a short feed (<c>Store:ChangesKept</c> 20) and <c>Store:Postgres:CheckpointEvery</c> 10, two replicas
    /// following 100 writes keep the checkpoint fresh in the background, one at a time (no version written twice); a replica
    /// started after more than four times the changes kept since the first checkpoint still starts from a checkpoint
    /// (without the refresh it would be abandoned) and serves every acknowledged write.</summary>
    [SkippableFact]
    public async Task Replica_StartedLongAfterTheFirstCheckpoint_StartsFromARefreshedOne()
    {
        using var folder = new TempFolder();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
        var store = await CreateStoreAsync(folder);
        var settings = Settings(store);
        settings["Store__ChangesKept"] = "20";
        settings["Store__Postgres__CheckpointEvery"] = "10";
        var connectionString = store["Store__Postgres__ConnectionString"];
        var replicas = new List<ApiProcess>();
        try
        {
            var first = ApiProcess.Start(settings);
            replicas.Add(first);
            await first.WaitUntilReadyAsync(http, StartTimeout);
            Assert.Equal(1, (await StoreCheckpoint.WaitForAsync(connectionString)).Version);
            var second = ApiProcess.Start(settings);
            replicas.Add(second);
            await second.WaitUntilReadyAsync(http, StartTimeout);
            Assert.Contains("Started from the store's checkpoint at version 1", second.StdOut, StringComparison.Ordinal);

            const int Writes = 100;
            long version = 0;
            for (var i = 0; i < Writes; i++)
            {
                var (put, _) = await SendAsync(http, Request(HttpMethod.Put, replicas[i % 2], $"/people/w-{i}", "admin",
                    json: """{"kind":"citizen","area":"A"}"""), 201);
                version = put.GetProperty("write").GetProperty("version").GetInt64();
            }
            // Refreshed past the point where the first one is abandoned (4 x 20 changes after it). A refresh is looked for
            // at a new snapshot: one more write now and then, should the last have come while one was running.
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
            long kept;
            var more = 0;
            while ((kept = (await StoreCheckpoint.WaitForAsync(connectionString, timeout: TimeSpan.FromSeconds(10))).Version) <= 1 + 4 * 20)
            {
                Assert.True(DateTime.UtcNow < deadline, $"the checkpoint is still at version {kept}");
                await Task.Delay(1000);
                var (put, _) = await SendAsync(http, Request(HttpMethod.Put, first, $"/people/more-{more++}", "admin",
                    json: """{"kind":"citizen","area":"B"}"""), 201);
                version = put.GetProperty("write").GetProperty("version").GetInt64();
            }
            var written = replicas.SelectMany(r => Regex.Matches(r.StdOut, @"Wrote the store's checkpoint at version (\d+)").Select(m => m.Groups[1].Value)).ToList();
            Assert.Contains(written, v => v != "1");
            Assert.Equal(written.Count, written.Distinct().Count()); // never the same refresh by both
            Assert.Contains("(refreshing the one at version ", string.Concat(replicas.Select(r => r.StdOut)), StringComparison.Ordinal);

            var late = ApiProcess.Start(settings);
            replicas.Add(late);
            await late.WaitUntilReadyAsync(http, StartTimeout);
            var started = Regex.Match(late.StdOut, @"Started from the store's checkpoint at version (\d+)");
            Assert.True(started.Success, late.StdOut);
            Assert.True(long.Parse(started.Groups[1].Value, CultureInfo.InvariantCulture) > 1 + 4 * 20);
            var expected = await ExportLinesAsync(http, first, version);
            Assert.Equal(expected, await ExportLinesAsync(http, late, version));
            for (var i = 0; i < Writes; i++) Assert.Contains($"\nw-{i},", "\n" + expected.Nodes, StringComparison.Ordinal);
        }
        finally
        {
            foreach (var replica in replicas) replica.Dispose();
        }
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new Npgsql.NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>A replica's export at <paramref name="minVersion"/> or later, as the sorted lines of its nodes and ties
    /// (a replica that followed edits lists new records after the old, one that read the rows in store order).</summary>
    private static async Task<(string Nodes, string Ties)> ExportLinesAsync(HttpClient http, ApiProcess replica, long minVersion)
    {
        using var request = Request(HttpMethod.Get, replica, "/export", "admin", minVersion);
        using var response = await http.SendAsync(request);
        await response.AssertStatusAsync(200);
        using var zip = new ZipArchive(await response.Content.ReadAsStreamAsync(), ZipArchiveMode.Read);
        return (await SortedAsync(zip, "nodes.csv"), await SortedAsync(zip, "ties.csv"));
    }

    private static async Task<string> SortedAsync(ZipArchive zip, string entry)
    {
        using var reader = new StreamReader(zip.GetEntry(entry)!.Open());
        var lines = (await reader.ReadToEndAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        return string.Join('\n', lines.Order(StringComparer.Ordinal));
    }
}
