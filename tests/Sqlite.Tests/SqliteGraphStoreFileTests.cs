using Microsoft.Data.Sqlite;
using SocialCapital.Interchange;
using SocialCapital.Model;
using SocialCapital.Storage;
using SocialCapital.Storage.Contract;

namespace SocialCapital.Sqlite.Tests;

/// <summary>What is particular to the SQLite store: the file, its settings, reopening and schema migrations.</summary>
public sealed class SqliteGraphStoreFileTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task OpenAsync_MissingFolder_CreatesFolderAndFile()
    {
        var path = Path.Combine(_folder.Path, "a", "b", "store.db");
        await using (var store = await SqliteGraphStore.OpenAsync(path))
        {
            Assert.Equal(path, store.Path);
            Assert.Equal(0, await store.GetVersionAsync());
        }
        Assert.True(File.Exists(path));
    }

    [Fact]
    public async Task OpenAsync_RelativePath_IsMadeFull()
    {
        var relative = Path.GetRelativePath(Environment.CurrentDirectory, _folder.File("relative.db"));
        await using var store = await SqliteGraphStore.OpenAsync(relative);
        Assert.Equal(_folder.File("relative.db"), store.Path);
    }

    [Fact]
    public async Task OpenAsync_NewFile_UsesWalForeignKeysBusyTimeoutAndFullSync()
    {
        await using var store = await SqliteGraphStore.OpenAsync(_folder.File("settings.db"));
        await using var connection = await store.OpenConnectionAsync(CancellationToken.None);
        Assert.Equal("wal", Pragma(connection, "journal_mode"));
        Assert.Equal(1L, Pragma(connection, "foreign_keys"));
        Assert.Equal(30_000L, Pragma(connection, "busy_timeout"));
        Assert.Equal(2L, Pragma(connection, "synchronous")); // FULL
    }

    [Fact]
    public async Task OpenAsync_NewFile_HasTheCurrentSchema()
    {
        await using var store = await SqliteGraphStore.OpenAsync(_folder.File("schema.db"));
        await using var connection = await store.OpenConnectionAsync(CancellationToken.None);
        Assert.Equal((long)SqliteSchema.CurrentVersion, Pragma(connection, "user_version"));
        Assert.Equal((long)SqliteSchema.ApplicationId, Pragma(connection, "application_id"));
    }

    [Fact]
    public async Task OpenAsync_ExistingStore_KeepsDataAndVersion()
    {
        var path = _folder.File("reopen.db");
        var rich = Samples.Rich();
        var node = new NodeRecord("late", NodeKind.Citizen) { Attributes = new Dictionary<string, string> { ["zeta"] = "z" } };
        await using (var store = await SqliteGraphStore.OpenAsync(path))
        {
            await store.ImportAsync(rich);
            await store.UpsertNodeAsync(node);
            await store.DeleteTiesAsync("c1", "c2", TieKind.Family);
        }
        var expected = DatasetEdits.DeleteTies(DatasetEdits.UpsertNode(rich, node).Dataset, "c1", "c2", TieKind.Family).Dataset;
        await using (var reopened = await SqliteGraphStore.OpenAsync(path))
        {
            var stored = await reopened.ExportAsync();
            Assert.Equal(3, stored.Version);
            DatasetAssert.Equal(expected, stored.Dataset);
            Assert.Equal(new WriteOutcome(WriteEffect.Unchanged, 3), await reopened.UpsertNodeAsync(node));
        }
    }

    [Fact]
    public async Task OpenAsync_NewerSchema_IsRefusedNamingTheFile()
    {
        var path = _folder.File("newer.db");
        await (await SqliteGraphStore.OpenAsync(path)).DisposeAsync();
        Execute(path, $"PRAGMA user_version = {SqliteSchema.CurrentVersion + 1}");

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => SqliteGraphStore.OpenAsync(path));
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains($"schema version {SqliteSchema.CurrentVersion + 1}, newer", error.Message, StringComparison.Ordinal);
        Assert.Equal((long)SqliteSchema.CurrentVersion + 1, Query(path, "PRAGMA user_version")); // left as it was
    }

    [Fact]
    public async Task OpenAsync_Schema1File_GainsTheAuditTablesAndKeepsItsData()
    {
        var path = _folder.File("schema1.db");
        await using (var store = await SqliteGraphStore.OpenAsync(path)) await store.ImportAsync(Samples.Small());
        // What a schema-1 file is: the same data tables, no audit or lifecycle tables, user_version 1.
        Execute(path, Schema2Downgrade + "DROP TABLE audit_targets; DROP TABLE audit; PRAGMA user_version = 1;");

        await using (var store = await SqliteGraphStore.OpenAsync(path))
        {
            var stored = await store.ExportAsync();
            Assert.Equal(1, stored.Version);
            DatasetAssert.Equal(Samples.Small(), stored.Dataset);
            var entry = new AuditEntry(DateTimeOffset.UnixEpoch, "admin-1", "admin", "DELETE /people/{id}", ["a"], "pending");
            await store.DeleteNodeAsync("a", entry);
            Assert.Equal([entry with { Outcome = AuditOutcomes.Deleted }], (await store.QueryAuditAsync(new AuditQuery())).Entries);
        }
        Assert.Equal((long)SqliteSchema.CurrentVersion, Query(path, "PRAGMA user_version"));
        Assert.Equal(5L, (long)SqliteSchema.CurrentVersion);
        Assert.Equal(1L, Query(path, "SELECT count(*) FROM sqlite_schema WHERE type = 'index' AND name = 'audit_targets_target'"));
    }

    /// <summary>Turns a current file into what schema 3 wrote: no contacts, no hub or specialisms columns.</summary>
    private const string Schema4Downgrade = "DROP TABLE changes; ";

    [Fact]
    public async Task OpenAsync_Schema4File_GainsAnEmptyChangeFeedAndKeepsItsData()
    {
        var path = _folder.File("schema4.db");
        await using (var store = await SqliteGraphStore.OpenAsync(path)) await store.ImportAsync(Samples.Coaching());
        Execute(path, Schema4Downgrade + "PRAGMA user_version = 4;");

        await using (var store = await SqliteGraphStore.OpenAsync(path))
        {
            DatasetAssert.Equal(Samples.Coaching(), (await store.ExportAsync()).Dataset);
            // Nothing before the migration is kept: a follower behind it reads the whole store; one at it follows.
            await Assert.ThrowsAsync<Live.ChangeFeedGapException>(() => store.ReadChangesAsync(0, 10));
            Assert.Empty(await store.ReadChangesAsync(1, 10));
            await store.DeleteNodeAsync("a");
            Assert.Equal(new Live.GraphEdit.DeleteNode("a"), Assert.Single(await store.ReadChangesAsync(1, 10)).Edit);
        }
        Assert.Equal(5L, Query(path, "PRAGMA user_version"));
    }

    private const string Schema3Downgrade = Schema4Downgrade +
        "DROP TABLE contacts; ALTER TABLE nodes DROP COLUMN hub; ALTER TABLE nodes DROP COLUMN specialisms; ";

    [Fact]
    public async Task OpenAsync_Schema3File_GainsTheCoachingDataAndKeepsItsData()
    {
        var path = _folder.File("schema3.db");
        await using (var store = await SqliteGraphStore.OpenAsync(path)) await store.ImportAsync(Samples.Lifecycle());
        Execute(path, Schema3Downgrade + "PRAGMA user_version = 3;");
        Assert.Equal(0L, Query(path, "SELECT count(*) FROM sqlite_schema WHERE name = 'contacts'"));

        await using (var store = await SqliteGraphStore.OpenAsync(path))
        {
            DatasetAssert.Equal(Samples.Lifecycle(), (await store.ExportAsync()).Dataset);
            // The coaching data is stored from now on.
            await store.ImportAsync(Samples.Coaching());
            DatasetAssert.Equal(Samples.Coaching(), (await store.ExportAsync()).Dataset);
        }
        Assert.Equal(5L, Query(path, "PRAGMA user_version"));
    }

    [Fact]
    public async Task DeleteNodeAsync_Contacts_ForeignKeysAgreeWithTheExplicitDelete()
    {
        var path = _folder.File("cascade-contacts.db");
        await using var store = await SqliteGraphStore.OpenAsync(path);
        await store.ImportAsync(Samples.Coaching());
        Execute(path, "PRAGMA foreign_keys = ON; DELETE FROM ties WHERE source = 'k2' OR target = 'k2'; DELETE FROM nodes WHERE id = 'k2';");
        DatasetAssert.Equal(DatasetEdits.DeleteNode(Samples.Coaching(), "k2").Dataset, (await store.ExportAsync()).Dataset);
        await store.DeleteNodeAsync("a");
        DatasetAssert.Equal(DatasetEdits.DeleteNode(DatasetEdits.DeleteNode(Samples.Coaching(), "k2").Dataset, "a").Dataset,
            (await store.ExportAsync()).Dataset);
    }

    /// <summary>Turns a current file into what schema 2 wrote: no lifecycle tables, no tie outcome columns.</summary>
    private const string Schema2Downgrade = Schema3Downgrade +
        "DROP TABLE proposals; DROP TABLE status_history; ALTER TABLE ties DROP COLUMN outcome; ALTER TABLE ties DROP COLUMN end_reason; ";

    [Fact]
    public async Task OpenAsync_Schema2File_GainsTheLifecycleTablesAndKeepsItsData()
    {
        var path = _folder.File("schema2.db");
        var entry = new AuditEntry(DateTimeOffset.UnixEpoch, "admin-1", "admin", "POST /import", [], "pending");
        await using (var store = await SqliteGraphStore.OpenAsync(path)) await store.ImportAsync(Samples.Rich(), entry);
        Execute(path, Schema2Downgrade + "PRAGMA user_version = 2;");
        Assert.Equal(0L, Query(path, "SELECT count(*) FROM sqlite_schema WHERE name = 'proposals'"));

        await using (var store = await SqliteGraphStore.OpenAsync(path))
        {
            var stored = await store.ExportAsync();
            Assert.Equal(1, stored.Version);
            DatasetAssert.Equal(Samples.Rich(), stored.Dataset);
            Assert.Single((await store.QueryAuditAsync(new AuditQuery())).Entries);
            // The lifecycle is stored from now on.
            var day = new DateOnly(2026, 1, 5);
            var proposal = new ProposalRecord("x1", "c1", "m1", day, day.AddDays(10)) { ProposedBy = "k1" };
            Assert.Equal(new WriteOutcome(WriteEffect.Created, 2), await store.UpsertProposalsAsync([proposal]));
            Assert.Equal(new WriteOutcome(WriteEffect.Created, 3), await store.UpsertStatusAsync(new StatusChange("c1", day, Employment.Employed)));
            var ended = Samples.Rich().Ties[5] with { Outcome = PairingOutcome.Completed, EndReason = "done" };
            Assert.Equal(WriteEffect.Updated, (await store.UpsertTieAsync(ended)).Effect);
            var after = (await store.ExportAsync()).Dataset;
            Assert.Equal([proposal], after.Proposals);
            Assert.Single(after.StatusHistory);
            Assert.Equal(ended, after.Ties[5]);
        }
        Assert.Equal((long)SqliteSchema.CurrentVersion, Query(path, "PRAGMA user_version"));
        Assert.Equal(1L, Query(path, "SELECT count(*) FROM sqlite_schema WHERE type = 'index' AND name = 'proposals_pair'"));
    }

    [Fact]
    public async Task DeleteNodeAsync_ForeignKeys_AgreeWithTheExplicitCascade()
    {
        var path = _folder.File("cascade.db");
        await using var store = await SqliteGraphStore.OpenAsync(path);
        await store.ImportAsync(Samples.Lifecycle());
        // Deleting through SQL alone (as a repair tool might) gives what the store's delete gives.
        Execute(path, "PRAGMA foreign_keys = ON; DELETE FROM ties WHERE source = 'd' OR target = 'd'; DELETE FROM nodes WHERE id = 'd';");
        var expected = DatasetEdits.DeleteNode(Samples.Lifecycle(), "d").Dataset;
        DatasetAssert.Equal(expected, (await store.ExportAsync()).Dataset);
    }

    [Fact]
    public async Task OpenAsync_NotAnSqliteFile_IsRefusedNamingTheFileAndLeftAlone()
    {
        var path = _folder.File("notes.db");
        const string Text = "id,kind\np1,citizen\n this is a CSV file, not a database, and long enough to hold a header page ......";
        await File.WriteAllTextAsync(path, Text);

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => SqliteGraphStore.OpenAsync(path));
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("not a SocialCapital database", error.Message, StringComparison.Ordinal);
        Assert.Equal(Text, await File.ReadAllTextAsync(path));
        File.Delete(path); // nothing holds the file open
    }

    [Fact]
    public async Task OpenAsync_AnotherApplicationsDatabase_IsRefusedAndLeftAlone()
    {
        var path = _folder.File("other.db");
        Execute(path, "CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)");

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => SqliteGraphStore.OpenAsync(path));
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("another application", error.Message, StringComparison.Ordinal);
        Assert.Equal("delete", Query(path, "PRAGMA journal_mode")); // not switched to WAL
        Assert.Equal(0L, Query(path, "PRAGMA user_version"));
    }

    [Fact]
    public async Task OpenAsync_ConcurrentlyOnANewFile_MigratesOnce()
    {
        var path = _folder.File("race.db");
        var stores = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => SqliteGraphStore.OpenAsync(path))));
        try
        {
            foreach (var store in stores) Assert.Equal(0, await store.GetVersionAsync());
            Assert.Equal(new WriteOutcome(WriteEffect.Created, 1), await stores[0].UpsertNodeAsync(new NodeRecord("a", NodeKind.Citizen)));
            Assert.Equal(1, await stores[3].GetVersionAsync());
        }
        finally
        {
            foreach (var store in stores) await store.DisposeAsync();
        }
    }

    [Fact]
    public async Task DisposeAsync_EveryHandle_ClosesTheFile()
    {
        var path = _folder.File("closed.db");
        var first = await SqliteGraphStore.OpenAsync(path);
        var second = await SqliteGraphStore.OpenAsync(path);
        await first.ImportAsync(Samples.Toy);
        _ = await second.ExportAsync();
        await first.DisposeAsync();
        await second.DisposeAsync();
        // The last connection to close checkpoints and removes the WAL: none is left open.
        Assert.False(File.Exists(path + "-wal"));
        File.Delete(path);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => first.GetVersionAsync());
        await Assert.ThrowsAsync<ObjectDisposedException>(() => second.UpsertNodeAsync(new NodeRecord("a", NodeKind.Citizen)));
    }

    [Fact]
    public async Task ImportAsync_CancelledPartWay_RollsBack()
    {
        await using var store = await SqliteGraphStore.OpenAsync(_folder.File("cancel.db"));
        await store.ImportAsync(Samples.Toy);
        var city = Samples.City10k;
        using var cancellation = new CancellationTokenSource();
        Cancellation.CancelAfter(cancellation, TimeSpan.FromMilliseconds(20)); // the import takes ~0.3 s
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.ImportAsync(city, cancellationToken: cancellation.Token));
        var stored = await store.ExportAsync();
        Assert.Equal(1, stored.Version);
        DatasetAssert.Equal(Samples.Toy, stored.Dataset);
        // The connection went back to the pool with its settings restored.
        await using var connection = await store.OpenConnectionAsync(CancellationToken.None);
        Assert.Equal(1L, Pragma(connection, "foreign_keys"));
    }

    [Fact]
    public async Task ImportAsync_Records_AreStoredReadablyByWireName()
    {
        await using var store = await SqliteGraphStore.OpenAsync(_folder.File("rows.db"));
        await store.ImportAsync(Samples.Rich());
        Assert.Equal((long)Samples.Rich().Ties.Count, Query(store.Path, "SELECT count(*) FROM ties"));
        Assert.Equal("peer_group", Query(store.Path, "SELECT kind FROM nodes WHERE id = 'g1'"));
        Assert.Equal("en;cy", Query(store.Path, "SELECT languages FROM nodes WHERE id = 'c1'"));
        Assert.Equal("{\"team\":\"\"}", Query(store.Path, "SELECT attributes FROM nodes WHERE id = 'c.3_x:y-z'"));
        Assert.Equal("ethnicity,unused_column,note,team", Query(store.Path, "SELECT group_concat(name, ',' ORDER BY position) FROM attribute_columns"));
    }

    private static object? Pragma(SqliteConnection connection, string name)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA {name}";
        return command.ExecuteScalar();
    }

    private static object? Query(string path, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    private static void Execute(string path, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
