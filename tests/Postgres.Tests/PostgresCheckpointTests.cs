using Npgsql;
using SocialCapital.Graph;
using SocialCapital.Interchange;
using SocialCapital.Live;
using SocialCapital.Metrics;
using SocialCapital.Model;
using SocialCapital.Storage;
using SocialCapital.Storage.Contract;

namespace SocialCapital.Postgres.Tests;

/// <summary>The checkpoint kept beside the rows (<see cref="ICheckpointStore"/>): what is read back is the row export's
/// dataset and graph; one that the feed no longer leads from, or from before an import or an erasure, is not used (the
/// last two delete it); a newer one is never replaced by an older; a damaged one is refused.</summary>
public sealed class PostgresCheckpointTests : IDisposable
{
    private static readonly DateOnly AsOf = new(2025, 6, 1);
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static Task<PostgresGraphStore> NewStoreAsync(long changesKept = 100_000) =>
        PostgresGraphStore.OpenAsync(new PostgresStoreOptions { ConnectionString = PostgresServer.NewSchema(), ChangesKept = changesKept });

    /// <summary>A snapshot file of the store's row export, and the version it holds.</summary>
    private async Task<(string Path, StoredDataset Stored)> SnapshotOfAsync(PostgresGraphStore store)
    {
        var stored = await store.ExportAsync();
        var path = _folder.File($"written-{stored.Version}-{Guid.NewGuid():N}.scg");
        SnapshotFile.Write(stored.Dataset, stored.Dataset.ToGraph(new GraphOptions { AsOf = AsOf }), path);
        return (path, stored);
    }

    private static async Task<long> ScalarAsync(PostgresGraphStore store, string sql)
    {
        await using var connection = await store.OpenAsync(CancellationToken.None);
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    [SkippableFact]
    public async Task ReadCheckpointAsync_AfterWrite_GivesTheRowExportsDatasetAndGraph()
    {
        await using var store = await NewStoreAsync();
        await store.ImportAsync(Samples.City10k); // several chunks of 4 MiB
        await store.UpsertNodeAsync(new NodeRecord("late", NodeKind.Citizen) { Area = "A" });
        var (written, stored) = await SnapshotOfAsync(store);
        Assert.True(await store.WriteCheckpointAsync(written, stored.Version));
        Assert.Equal(stored.Version, (await store.GetCheckpointAsync())?.Version);
        Assert.True(await ScalarAsync(store, "SELECT count(*) FROM checkpoint_chunks") > 1);

        var copy = _folder.File("read.scg");
        Assert.Equal(CheckpointRead.Copied(stored.Version), await store.ReadCheckpointAsync(copy));
        Assert.Equal(File.ReadAllBytes(written), File.ReadAllBytes(copy));
        var file = SnapshotFile.Read(copy, checkSources: false);
        DatasetAssert.Equal(stored.Dataset, file.Dataset);
        var built = stored.Dataset.ToGraph(new GraphOptions { AsOf = AsOf });
        Assert.Equal(PersonMetrics.Compute(built).People, PersonMetrics.Compute(file.Graph).People);
        Assert.Equal(AreaMetrics.Compute(built), AreaMetrics.Compute(file.Graph));

        // Writes after it: still usable (the feed leads from it), and a live graph started from it and given the feed's
        // changes equals one built from the rows.
        await store.UpsertNodeAsync(new NodeRecord("later", NodeKind.Mentor) { Area = "B", Capacity = 2 });
        await store.UpsertTieAsync(new TieRecord("later", "late", TieKind.Mentoring));
        Assert.Equal(CheckpointRead.Copied(stored.Version), await store.ReadCheckpointAsync(copy));
        var options = new LiveGraphOptions { Graph = new GraphOptions { AsOf = AsOf } };
        var reopened = SnapshotFile.Read(copy, checkSources: false);
        var live = LiveGraph.FromGraph(reopened.Dataset, reopened.Graph, options);
        live.Apply([.. (await store.ReadChangesAsync(stored.Version, 100)).Select(c => c.Edit!)]);
        var now = (await store.ExportAsync()).Dataset;
        var followed = live.Current.ToDataset();
        Assert.Equal(now.Nodes.OrderBy(n => n.Id, StringComparer.Ordinal), followed.Nodes.OrderBy(n => n.Id, StringComparer.Ordinal));
        Assert.Equal(Ties(now), Ties(followed));
    }

    private static IEnumerable<string> Ties(Dataset dataset) =>
        dataset.Ties.Select(t => t.ToString()).Order(StringComparer.Ordinal);

    [SkippableFact]
    public async Task ReadCheckpointAsync_NoneKept_SaysSo()
    {
        await using var store = await NewStoreAsync();
        await store.ImportAsync(Samples.Toy);
        Assert.Null((await store.GetCheckpointAsync())?.Version);
        var read = await store.ReadCheckpointAsync(_folder.File("none.scg"));
        Assert.Null(read.Version);
        Assert.Equal("the store keeps no checkpoint", read.NotUsed);
    }

    [SkippableFact]
    public async Task Pruning_KeepsTheChangesAfterTheCheckpoint_UntilItIsFeedHeldTimesTheChangesKeptBehind()
    {
        const int Kept = 3; // pruned at every 3rd version
        await using var store = await NewStoreAsync(changesKept: Kept);
        await store.ImportAsync(Samples.Toy);
        var (written, stored) = await SnapshotOfAsync(store);
        Assert.True(await store.WriteCheckpointAsync(written, stored.Version));
        Assert.Equal(new CheckpointHead(stored.Version, AsOf), await store.GetCheckpointAsync());

        // Past the changes kept, but not past the bound: every change after the checkpoint stays, those before go.
        var within = PostgresCheckpoints.FeedHeld * Kept;
        for (var i = 0; i < within; i++) await store.UpsertNodeAsync(new NodeRecord($"n{i}", NodeKind.Citizen));
        Assert.Equal(within, (await store.ReadChangesAsync(stored.Version, 100)).Count);
        Assert.Equal(0, await ScalarAsync(store, $"SELECT count(*) FROM changes WHERE version <= {stored.Version}"));
        Assert.Equal(CheckpointRead.Copied(stored.Version), await store.ReadCheckpointAsync(_folder.File("held.scg")));

        // Past the bound: the checkpoint is abandoned, and the feed is pruned to the changes kept again.
        for (var i = 0; i < Kept + 1; i++) await store.UpsertNodeAsync(new NodeRecord($"m{i}", NodeKind.Citizen));
        Assert.True(await ScalarAsync(store, "SELECT count(*) FROM changes") <= 2 * Kept);
        await Assert.ThrowsAsync<ChangeFeedGapException>(() => store.ReadChangesAsync(stored.Version, 100));
        var read = await store.ReadCheckpointAsync(_folder.File("pruned.scg"));
        Assert.Null(read.Version);
        Assert.StartsWith($"the change feed no longer holds the changes after the checkpoint at version {stored.Version} (", read.NotUsed, StringComparison.Ordinal);
        Assert.Contains("abandoned", read.NotUsed, StringComparison.Ordinal);
        Assert.False(File.Exists(_folder.File("pruned.scg")));
        // Nor is one of that version kept again; one of the store's version is, and holds the feed from there.
        Assert.False(await store.WriteCheckpointAsync(written, stored.Version));
        var (newer, now) = await SnapshotOfAsync(store);
        Assert.True(await store.WriteCheckpointAsync(newer, now.Version));
        for (var i = 0; i < 2 * Kept; i++) await store.UpsertNodeAsync(new NodeRecord($"k{i}", NodeKind.Citizen));
        Assert.Equal(2 * Kept, (await store.ReadChangesAsync(now.Version, 100)).Count);
    }

    [SkippableFact]
    public async Task TryLockCheckpointWriterAsync_OneHolderAcrossInstances_UntilReleased()
    {
        var connectionString = PostgresServer.NewSchema();
        await using var one = await PostgresGraphStore.OpenAsync(new PostgresStoreOptions { ConnectionString = connectionString });
        await using var other = await PostgresGraphStore.OpenAsync(new PostgresStoreOptions { ConnectionString = connectionString });
        await one.ImportAsync(Samples.Toy);

        var held = await one.TryLockCheckpointWriterAsync();
        Assert.NotNull(held);
        Assert.Null(await other.TryLockCheckpointWriterAsync());
        Assert.Null(await one.TryLockCheckpointWriterAsync()); // a second session of the same instance too
        // The holder writes the checkpoint meanwhile (the write's own lock is another).
        var (written, stored) = await SnapshotOfAsync(one);
        Assert.True(await one.WriteCheckpointAsync(written, stored.Version));
        await held.DisposeAsync();

        var next = await other.TryLockCheckpointWriterAsync();
        Assert.NotNull(next);
        await next.DisposeAsync();
    }

    [SkippableFact]
    public async Task ImportAsync_AfterACheckpoint_DeletesItAndAnOlderOneIsNotKeptAgain()
    {
        await using var store = await NewStoreAsync();
        await store.ImportAsync(Samples.Toy);
        await store.UpsertNodeAsync(new NodeRecord("x", NodeKind.Citizen));
        var (written, stored) = await SnapshotOfAsync(store);
        Assert.True(await store.WriteCheckpointAsync(written, stored.Version));

        await store.ImportAsync(Samples.Karate);
        Assert.Null((await store.GetCheckpointAsync())?.Version);
        Assert.Equal(0, await ScalarAsync(store, "SELECT count(*) FROM checkpoint_chunks"));
        // A replica that read the rows before the import and writes its checkpoint late is refused.
        Assert.False(await store.WriteCheckpointAsync(written, stored.Version));
        Assert.Null((await store.GetCheckpointAsync())?.Version);
        // One of the import's version is kept.
        var (after, imported) = await SnapshotOfAsync(store);
        Assert.True(await store.WriteCheckpointAsync(after, imported.Version));
        Assert.Equal(imported.Version, (await store.ReadCheckpointAsync(_folder.File("after.scg"))).Version);
    }

    [SkippableFact]
    public async Task EraseNodeAsync_DeletesTheCheckpointThatHoldsThePerson()
    {
        await using var store = await NewStoreAsync();
        await store.ImportAsync(Samples.Toy);
        var (written, stored) = await SnapshotOfAsync(store);
        Assert.True(await store.WriteCheckpointAsync(written, stored.Version));
        var person = Samples.Toy.Nodes[0].Id;

        await store.EraseNodeAsync(person, "pseudonym-1");

        Assert.Null((await store.GetCheckpointAsync())?.Version);
        Assert.Equal(0, await ScalarAsync(store, "SELECT count(*) FROM checkpoint_chunks"));
        Assert.False(await store.WriteCheckpointAsync(written, stored.Version));
        var read = await store.ReadCheckpointAsync(_folder.File("erased.scg"));
        Assert.Equal("the store keeps no checkpoint", read.NotUsed);
    }

    [SkippableFact]
    public async Task WriteCheckpointAsync_OlderThanTheOneKept_IsNotKept_NewerReplacesIt()
    {
        await using var store = await NewStoreAsync();
        await store.ImportAsync(Samples.Toy);
        var (older, first) = await SnapshotOfAsync(store);
        await store.UpsertNodeAsync(new NodeRecord("x", NodeKind.Citizen));
        var (newer, second) = await SnapshotOfAsync(store);

        Assert.True(await store.WriteCheckpointAsync(newer, second.Version));
        Assert.False(await store.WriteCheckpointAsync(older, first.Version));
        Assert.False(await store.WriteCheckpointAsync(newer, second.Version)); // as new: nothing to do
        Assert.Equal(second.Version, (await store.GetCheckpointAsync())?.Version);

        await store.UpsertNodeAsync(new NodeRecord("y", NodeKind.Citizen));
        var (newest, third) = await SnapshotOfAsync(store);
        Assert.True(await store.WriteCheckpointAsync(newest, third.Version));
        Assert.Equal(third.Version, (await store.GetCheckpointAsync())?.Version);
        Assert.Equal(0, await ScalarAsync(store, $"SELECT count(*) FROM checkpoint_chunks WHERE version <> {third.Version}"));

        // The same version with the graph of a later day replaces it (a new day's checkpoint); that day's again does not.
        var nextDay = _folder.File("next-day.scg");
        SnapshotFile.Write(third.Dataset, third.Dataset.ToGraph(new GraphOptions { AsOf = AsOf.AddDays(1) }), nextDay);
        Assert.True(await store.WriteCheckpointAsync(nextDay, third.Version));
        Assert.Equal(new CheckpointHead(third.Version, AsOf.AddDays(1)), await store.GetCheckpointAsync());
        Assert.False(await store.WriteCheckpointAsync(nextDay, third.Version));
        Assert.False(await store.WriteCheckpointAsync(newest, third.Version)); // an earlier day's
        var copy = _folder.File("next-day-read.scg");
        Assert.Equal(CheckpointRead.Copied(third.Version), await store.ReadCheckpointAsync(copy));
        Assert.Equal(File.ReadAllBytes(nextDay), File.ReadAllBytes(copy));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => store.WriteCheckpointAsync(newest, third.Version + 1));
        await Assert.ThrowsAsync<SnapshotFileException>(() => store.WriteCheckpointAsync(_folder.WriteFile("not.scg", "nodes"), third.Version));
    }

    [SkippableFact]
    public async Task ReadCheckpointAsync_DamagedInTheTable_IsRefusedByItsChecksumsOrLength()
    {
        await using var store = await NewStoreAsync();
        await store.ImportAsync(Samples.City10k);
        var (written, stored) = await SnapshotOfAsync(store);
        Assert.True(await store.WriteCheckpointAsync(written, stored.Version));

        // Bytes flipped inside a section: the copy is made, and the file refuses it when read.
        await ScalarAsync(store, "UPDATE checkpoint_chunks SET bytes = overlay(bytes placing '\\xdeadbeef'::bytea from 100000) WHERE position = 0 "
            + "RETURNING 0");
        var copy = _folder.File("damaged.scg");
        Assert.Equal(stored.Version, (await store.ReadCheckpointAsync(copy)).Version);
        var damaged = Record.Exception(() =>
        {
            var file = SnapshotFile.Read(copy, checkSources: false);
            _ = (file.Graph, file.Dataset);
        });
        Assert.IsType<SnapshotFileException>(damaged);
        Assert.Contains("damaged", damaged.Message, StringComparison.Ordinal);

        // A chunk lost: the length written tells.
        var chunks = await ScalarAsync(store, "SELECT count(*) FROM checkpoint_chunks");
        await ScalarAsync(store, $"WITH gone AS (DELETE FROM checkpoint_chunks WHERE position = {chunks - 1} RETURNING 0) SELECT count(*) FROM gone");
        var shortened = await store.ReadCheckpointAsync(copy);
        Assert.Null(shortened.Version);
        Assert.StartsWith($"the checkpoint at version {stored.Version} holds ", shortened.NotUsed, StringComparison.Ordinal);

        // Another snapshot format.
        await ScalarAsync(store, "WITH f AS (UPDATE checkpoint SET format = 99 RETURNING 0) SELECT count(*) FROM f");
        var foreign = await store.ReadCheckpointAsync(copy);
        Assert.Equal($"the checkpoint at version {stored.Version} is in snapshot format 99; this build reads format {SnapshotFile.FormatVersion}",
            foreign.NotUsed);
    }
}
