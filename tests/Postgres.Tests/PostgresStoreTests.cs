using Npgsql;
using SocialCapital.Interchange;
using SocialCapital.Model;
using SocialCapital.Storage;
using SocialCapital.Storage.Contract;

namespace SocialCapital.Postgres.Tests;

/// <summary>What the PostgreSQL store adds to the contract: binary imports that are all or nothing, versioned
/// migrations, concurrent writers in several store instances, and messages that never show the password.</summary>
public sealed class PostgresStoreTests
{
    private static Task<PostgresGraphStore> NewStoreAsync(long changesKept = 100_000) =>
        PostgresGraphStore.OpenAsync(new PostgresStoreOptions { ConnectionString = PostgresServer.NewSchema(), ChangesKept = changesKept });

    [SkippableTheory]
    [InlineData("nodes")]
    [InlineData("ties")]
    [InlineData("contacts")]
    [InlineData("indexes")]
    public async Task ImportAsync_FailingPartWay_LeavesTheOldData(string failAfter)
    {
        await using var store = await NewStoreAsync();
        Assert.Equal(1, await store.ImportAsync(Samples.Small()));
        await store.UpsertNodeAsync(new NodeRecord("extra", NodeKind.Citizen));
        var before = await store.ExportAsync();

        store.ImportStep = (step, _) => step == failAfter ? throw new IOException($"disk full after {step}") : Task.CompletedTask;
        var error = await Assert.ThrowsAsync<IOException>(() => store.ImportAsync(Samples.Rich()));
        Assert.Equal($"disk full after {failAfter}", error.Message);

        var after = await store.ExportAsync();
        Assert.Equal(before.Version, after.Version);
        DatasetAssert.Equal(before.Dataset, after.Dataset);
        Assert.Equal(before.Version, (await store.ReadChangesAsync(0, 100)).Last().Version); // no change recorded either
        // The dropped indexes and keys came back with the rollback: writes still work and are checked.
        await Assert.ThrowsAsync<DataValidationException>(() => store.UpsertTieAsync(new TieRecord("a", "nobody", TieKind.Friend)));
        Assert.Equal(WriteEffect.Deleted, (await store.DeleteNodeAsync("extra")).Effect);
    }

    [SkippableFact]
    public async Task ImportAsync_ConnectionKilledPartWay_LeavesTheOldData()
    {
        // The store's connections carry a name of their own, so the test ends only the import's server process.
        var name = $"kill-{Guid.NewGuid():N}";
        var connectionString = new NpgsqlConnectionStringBuilder(PostgresServer.NewSchema()) { ApplicationName = name }.ToString();
        await using var store = await PostgresGraphStore.OpenAsync(new PostgresStoreOptions { ConnectionString = connectionString });
        await store.ImportAsync(Samples.Small());
        var before = await store.ExportAsync();
        // The server process serving the import ends part way, as in a crash.
        store.ImportStep = async (step, token) =>
        {
            if (step != "ties") return;
            await using var admin = new NpgsqlConnection(PostgresServer.ConnectionString);
            await admin.OpenAsync(token);
            await using var kill = new NpgsqlCommand(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = $1 AND state = 'idle in transaction'", admin);
            kill.Parameters.AddWithValue(name);
            Assert.Equal(1L, await kill.ExecuteScalarAsync(token));
        };
        await Assert.ThrowsAnyAsync<NpgsqlException>(() => store.ImportAsync(Samples.Rich()));
        store.ImportStep = null;
        var after = await store.ExportAsync();
        Assert.Equal(before.Version, after.Version);
        DatasetAssert.Equal(before.Dataset, after.Dataset);
    }

    [SkippableFact]
    public async Task ImportAsync_City_RoundTripsAndBuildsTheIndexesAgain()
    {
        await using var store = await NewStoreAsync();
        Assert.Equal(1, await store.ImportAsync(Samples.City10k));
        var stored = await store.ExportAsync();
        DatasetAssert.Equal(Samples.City10k, stored.Dataset);
        await using var connection = await store.OpenAsync(CancellationToken.None);
        await using var command = new NpgsqlCommand(
            "SELECT string_agg(indexname, ',' ORDER BY indexname) FROM pg_indexes WHERE tablename = 'ties' AND schemaname = current_schema()", connection);
        Assert.Equal("ties_pkey,ties_source,ties_target", await command.ExecuteScalarAsync());
        await using var keys = new NpgsqlCommand(
            "SELECT string_agg(conname, ',' ORDER BY conname) FROM pg_constraint WHERE conrelid = 'ties'::regclass AND contype = 'f'", connection);
        Assert.Equal("ties_source_fkey,ties_target_fkey", await keys.ExecuteScalarAsync());
    }

    [SkippableFact]
    public async Task ExportAsync_TiesInTwoHalvesDuringWrites_SeesOneSnapshot()
    {
        var threshold = PostgresBulk.ParallelTies;
        PostgresBulk.ParallelTies = 2; // every export below reads its ties in two halves on two connections
        try
        {
            await using var store = await NewStoreAsync();
            await store.ImportAsync(Samples.City10k);
            DatasetAssert.Equal(Samples.City10k, (await store.ExportAsync()).Dataset);
            await using var writer = await PostgresGraphStore.OpenAsync(store.Options);
            var citizen = Samples.City10k.Nodes.First(n => n.Kind == NodeKind.Citizen).Id;
            var writes = Task.Run(async () =>
            {
                for (var i = 0; i < 20; i++)
                {
                    await writer.UpsertNodeAsync(new NodeRecord($"new{i}", NodeKind.Citizen));
                    await writer.UpsertTieAsync(new TieRecord(citizen, $"new{i}", TieKind.Friend));
                }
            });
            while (!writes.IsCompleted)
            {
                var stored = await store.ExportAsync();
                // Version v holds the import and v - 1 writes, nodes and ties alternating: both halves of the ties agree.
                var writesSeen = (int)stored.Version - 1;
                Assert.Equal(Samples.City10k.Nodes.Count + (writesSeen + 1) / 2, stored.Dataset.Nodes.Count);
                Assert.Equal(Samples.City10k.Ties.Count + writesSeen / 2, stored.Dataset.Ties.Count);
            }
            await writes;
        }
        finally
        {
            PostgresBulk.ParallelTies = threshold;
        }
    }

    [SkippableFact]
    public async Task ExportAsync_InTwoHalvesWhileSomeoneWaitsForTheTies_Finishes()
    {
        var threshold = PostgresBulk.ParallelTies;
        PostgresBulk.ParallelTies = 2;
        try
        {
            await using var store = await NewStoreAsync();
            await store.ImportAsync(Samples.Small());
            await using var operatorConnection = new NpgsqlConnection(store.Options.ConnectionString);
            await operatorConnection.OpenAsync();
            await using var operation = await operatorConnection.BeginTransactionAsync();
            Task? alter = null;
            // Once the export holds its locks, an operator's exclusive lock on the ties (an ALTER TABLE, a VACUUM FULL)
            // queues behind it; the export's second connection would queue behind the operator, who waits for the export.
            store.ExportLocked = async token =>
            {
                await using var lockTies = new NpgsqlCommand("LOCK TABLE ties IN ACCESS EXCLUSIVE MODE", operatorConnection, operation);
                alter = lockTies.ExecuteNonQueryAsync(token);
                await using var admin = new NpgsqlConnection(PostgresServer.ConnectionString);
                await admin.OpenAsync(token);
                await using var waiting = new NpgsqlCommand(
                    "SELECT count(*) FROM pg_locks l JOIN pg_class c ON c.oid = l.relation WHERE NOT l.granted AND c.relname = 'ties'", admin);
                var clock = System.Diagnostics.Stopwatch.StartNew();
                while ((long)(await waiting.ExecuteScalarAsync(token))! == 0 && clock.Elapsed < TimeSpan.FromSeconds(30)) await Task.Delay(20, token);
            };
            var exported = await store.ExportAsync().WaitAsync(TimeSpan.FromSeconds(60));
            store.ExportLocked = null;
            Assert.Equal(1, exported.Version);
            DatasetAssert.Equal(Samples.Small(), exported.Dataset);
            await alter!.WaitAsync(TimeSpan.FromSeconds(60)); // the operator gets the ties once the export is done
            await operation.RollbackAsync();
        }
        finally
        {
            PostgresBulk.ParallelTies = threshold;
        }
    }

    [SkippableTheory]
    [InlineData("kind = 'rivalry'", "tie kind", "'rivalry'")]
    [InlineData("since = '0044-03-15 BC'", "tie date", "days from 2000-01-01")]
    [InlineData("until = '9999-12-31'::date + 1", "tie date", "days from 2000-01-01")]
    [InlineData("outcome = 'eloped'", "pairing outcome", "'eloped'")]
    public async Task ExportAsync_TieValueThisCodeDoesNotWrite_NamesItAndTheStore(string change, string what, string value)
    {
        await using var store = await NewStoreAsync();
        await store.ImportAsync(Samples.Rich());
        await ExecuteAsync(store, $"UPDATE ties SET {change} WHERE seq = (SELECT max(seq) FROM ties)");
        var error = await Assert.ThrowsAsync<InvalidDataException>(() => store.ExportAsync());
        Assert.Contains(what, error.Message, StringComparison.Ordinal);
        Assert.Contains(value, error.Message, StringComparison.Ordinal);
        Assert.Contains(store.Where, error.Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task ExportAsync_TieRowLongerThanTheReadBuffer_IsReadWhole()
    {
        // The ties arrive as one byte stream read a megabyte at a time: a row longer than that must still come out whole.
        await using var store = await NewStoreAsync();
        await store.ImportAsync(Samples.Lifecycle());
        await ExecuteAsync(store, "UPDATE ties SET end_reason = repeat('moved away ', 300000) WHERE outcome IS NOT NULL");
        var exported = await store.ExportAsync();
        var ended = exported.Dataset.Ties.Where(t => t.Outcome is not null).ToList();
        Assert.NotEmpty(ended);
        Assert.All(ended, t => Assert.Equal(string.Concat(Enumerable.Repeat("moved away ", 300000)), t.EndReason));
        Assert.Equal(Samples.Lifecycle().Ties.Count, exported.Dataset.Ties.Count);
    }

    private static async Task ExecuteAsync(PostgresGraphStore store, string sql)
    {
        await using var connection = await store.OpenAsync(CancellationToken.None);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    [SkippableFact]
    public async Task OpenAsync_EmptySchema_CreatesTheCurrentSchema()
    {
        var connectionString = PostgresServer.NewSchema();
        await using (var store = await PostgresGraphStore.OpenAsync(new PostgresStoreOptions { ConnectionString = connectionString }))
            Assert.Equal(0, await store.GetVersionAsync());
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var version = new NpgsqlCommand("SELECT version FROM schema_version", connection);
        Assert.Equal(PostgresSchema.CurrentVersion, await version.ExecuteScalarAsync());
        await using var tables = new NpgsqlCommand(
            "SELECT string_agg(table_name, ',' ORDER BY table_name) FROM information_schema.tables WHERE table_schema = current_schema()", connection);
        Assert.Equal("attribute_columns,audit,audit_targets,changes,checkpoint,checkpoint_chunks,contacts,meta,nodes,proposals,schema_version,status_history,ties",
            await tables.ExecuteScalarAsync());
        // A second open (another process starting) finds the schema current and changes nothing.
        await using var again = await PostgresGraphStore.OpenAsync(new PostgresStoreOptions { ConnectionString = connectionString });
        Assert.Equal(0, await again.GetVersionAsync());
    }

    [SkippableFact]
    public async Task OpenAsync_SchemaVersion1WithData_MigratesToTheCheckpointTables()
    {
        var options = new PostgresStoreOptions { ConnectionString = PostgresServer.NewSchema() };
        await using (var store = await PostgresGraphStore.OpenAsync(options))
        {
            await store.ImportAsync(Samples.Toy);
            await store.UpsertNodeAsync(new NodeRecord("x", NodeKind.Citizen));
        }
        // Back to schema 1 as a release before the checkpoint left it.
        await Execute(options.ConnectionString, "DROP TABLE checkpoint, checkpoint_chunks; DELETE FROM meta WHERE key = 'checkpoint_floor'; "
            + "UPDATE schema_version SET version = 1");
        await using var migrated = await PostgresGraphStore.OpenAsync(options);
        Assert.Equal(2, await migrated.GetVersionAsync());
        Assert.Null(await migrated.GetCheckpointAsync());
        await using var connection = new NpgsqlConnection(options.ConnectionString);
        await connection.OpenAsync();
        // The floor starts at the store's version: no checkpoint of an earlier version (made before the upgrade) is kept.
        await using var floor = new NpgsqlCommand("SELECT value FROM meta WHERE key = 'checkpoint_floor'", connection);
        Assert.Equal(2L, await floor.ExecuteScalarAsync());
        await using var version = new NpgsqlCommand("SELECT version FROM schema_version", connection);
        Assert.Equal(PostgresSchema.CurrentVersion, await version.ExecuteScalarAsync());
    }

    [SkippableFact]
    public async Task OpenAsync_ManyAtOnceOnAnEmptySchema_MigrateOnce()
    {
        var options = new PostgresStoreOptions { ConnectionString = PostgresServer.NewSchema() };
        var stores = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => PostgresGraphStore.OpenAsync(options))));
        foreach (var store in stores)
        {
            Assert.Equal(0, await store.GetVersionAsync());
            await store.DisposeAsync();
        }
    }

    [SkippableFact]
    public async Task OpenAsync_NewerSchema_IsRefusedUntouched()
    {
        var options = new PostgresStoreOptions { ConnectionString = PostgresServer.NewSchema() };
        await (await PostgresGraphStore.OpenAsync(options)).DisposeAsync();
        await Execute(options.ConnectionString, "UPDATE schema_version SET version = 99");
        var error = await Assert.ThrowsAsync<InvalidDataException>(() => PostgresGraphStore.OpenAsync(options));
        Assert.Contains("schema version 99, newer than this SocialCapital.Postgres knows (2)", error.Message, StringComparison.Ordinal);
        Assert.Contains("127.0.0.1", error.Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task OpenAsync_AnotherApplicationsTables_AreRefusedUntouched()
    {
        var options = new PostgresStoreOptions { ConnectionString = PostgresServer.NewSchema() };
        await Execute(options.ConnectionString, "CREATE TABLE invoices (id int)");
        var error = await Assert.ThrowsAsync<InvalidDataException>(() => PostgresGraphStore.OpenAsync(options));
        Assert.Contains("not a SocialCapital store", error.Message, StringComparison.Ordinal);
        await using var connection = new NpgsqlConnection(options.ConnectionString);
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand("SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema()", connection);
        Assert.Equal(1L, await count.ExecuteScalarAsync());
    }

    [SkippableFact]
    public async Task Writes_FromTwoStoreInstances_KeepVersionsAndChangesConsecutive()
    {
        await using var first = await NewStoreAsync();
        await first.ImportAsync(Samples.Small());
        await using var second = await PostgresGraphStore.OpenAsync(first.Options);
        const int Each = 40;
        var outcomes = await Task.WhenAll(new[] { first, second }.SelectMany((store, s) => Enumerable.Range(0, 2).Select(w => Task.Run(async () =>
        {
            var mine = new List<long>();
            for (var i = 0; i < Each; i++)
            {
                var id = $"s{s}w{w}-{i}";
                mine.Add((await store.UpsertNodeAsync(new NodeRecord(id, NodeKind.Citizen))).Version);
                mine.Add((await store.UpsertTieAsync(new TieRecord("a", id, TieKind.Friend))).Version);
            }
            return mine;
        }))));
        var versions = outcomes.SelectMany(v => v).Order().ToList();
        Assert.Equal(Enumerable.Range(2, 4 * Each * 2).Select(v => (long)v), versions);
        var changes = await second.ReadChangesAsync(0, 10_000);
        Assert.Equal(Enumerable.Range(1, 1 + 4 * Each * 2).Select(v => (long)v), changes.Select(c => c.Version));
    }

    [SkippableFact]
    public async Task OpenAsync_WrongPassword_NamesTheServerButNotThePassword()
    {
        var builder = new NpgsqlConnectionStringBuilder(PostgresServer.ConnectionString)
        {
            Username = PostgresServer.PasswordRole,
            Password = "wrong-secret-zebra",
            SearchPath = null,
        };
        var error = await Record.ExceptionAsync(() => PostgresGraphStore.OpenAsync(new PostgresStoreOptions { ConnectionString = builder.ToString() }));
        Skip.If(error is null, "The server trusts every login (SC_POSTGRES names one without password checks), so a wrong password cannot be tested.");
        var io = Assert.IsType<IOException>(error);
        Assert.Contains($"{builder.Host}:{builder.Port}, database {builder.Database}, user {PostgresServer.PasswordRole}", io.Message, StringComparison.Ordinal);
        Assert.Contains("password authentication failed", io.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-secret-zebra", io.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenAsync_NoServer_NamesHostPortAndDatabaseButNotThePassword()
    {
        var port = FreePort();
        var options = new PostgresStoreOptions
        {
            ConnectionString = $"Host=127.0.0.1;Port={port};Database=nowhere;Username=sc;Password=hunter2-secret;Timeout=5",
        };
        var error = await Assert.ThrowsAsync<IOException>(() => PostgresGraphStore.OpenAsync(options));
        Assert.StartsWith($"Cannot connect to the PostgreSQL store at 127.0.0.1:{port}, database nowhere, user sc:", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", error.ToString(), StringComparison.Ordinal);
        Assert.Equal($"127.0.0.1:{port}, database nowhere, user sc", options.Describe());
    }

    [Fact]
    public void Describe_BadConnectionString_DoesNotQuoteIt()
    {
        var options = new PostgresStoreOptions { ConnectionString = "Host=db;Passwrd=hunter2-secret" };
        var error = Assert.Throws<ArgumentException>(options.Describe);
        Assert.DoesNotContain("hunter2", error.ToString(), StringComparison.Ordinal);
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    internal static async Task Execute(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
