using SocialCapital.Storage;
using SocialCapital.Storage.Contract;

namespace SocialCapital.Sqlite.Tests;

/// <summary>The SQLite store keeps the change feed's contract; a second handle is a second store opened on the same file
/// (as another API process opens it), which sees the first's writes only by polling the file.</summary>
public sealed class SqliteChangeFeedTests : ChangeFeedContract, IDisposable
{
    private readonly TempFolder _folder = new();

    protected override async Task<IGraphStore> CreateEmptyStoreAsync(int changesKept = 10_000) =>
        await SqliteGraphStore.OpenAsync(_folder.File($"{Guid.NewGuid():N}.db"), new SqliteStoreOptions { ChangesKept = changesKept });

    protected override async Task<IGraphStore> OpenSecondHandleAsync(IGraphStore first) =>
        await SqliteGraphStore.OpenAsync(((SqliteGraphStore)first).Path);

    /// <summary>A child process (the import child's <c>--hold-write-lock</c>) takes the lock; the kill is a SIGKILL.</summary>
    protected override async Task<Func<Task>> HoldWriteLockElsewhereAsync(IGraphStore first)
    {
        var child = ImportChildProcess.Start(((SqliteGraphStore)first).Path, "--hold-write-lock");
        try
        {
            Assert.Equal("locked", await child.ReadLineAsync(TimeSpan.FromSeconds(60)));
        }
        catch
        {
            child.Dispose();
            throw;
        }
        return () =>
        {
            child.Kill();
            child.Dispose();
            return Task.CompletedTask;
        };
    }

    [Fact]
    public async Task AcquireWriteLockAsync_TakesASideFileAndLeavesItInPlace()
    {
        await using var store = await SqliteGraphStore.OpenAsync(_folder.File("side.db"));
        Assert.Equal(store.Path + "-writelock", store.WriteLockPath);
        await (await store.AcquireWriteLockAsync(TimeSpan.Zero)).DisposeAsync();
        Assert.True(File.Exists(store.WriteLockPath));
        await store.DisposeAsync();
        await Assert.ThrowsAsync<ObjectDisposedException>(() => store.AcquireWriteLockAsync(TimeSpan.Zero));
    }

    [Fact]
    public async Task OpenAsync_OptionsOutOfRange_AreRefusedNamingTheOption()
    {
        var path = _folder.File("options.db");
        var kept = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() =>
            SqliteGraphStore.OpenAsync(path, new SqliteStoreOptions { ChangesKept = 0 }));
        Assert.Equal("ChangesKept", kept.ParamName);
        var poll = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() =>
            SqliteGraphStore.OpenAsync(path, new SqliteStoreOptions { ChangePollInterval = TimeSpan.Zero }));
        Assert.Equal("ChangePollInterval", poll.ParamName);
        Assert.False(File.Exists(path));
    }

    public void Dispose() => _folder.Dispose();
}
