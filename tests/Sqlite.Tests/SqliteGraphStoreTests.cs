using SocialCapital.Storage;
using SocialCapital.Storage.Contract;

namespace SocialCapital.Sqlite.Tests;

/// <summary>The SQLite store keeps the store contract; every store is a new file, and a second handle is a second
/// store opened on the same file.</summary>
public sealed class SqliteGraphStoreTests : GraphStoreContract, IDisposable
{
    private readonly TempFolder _folder = new();

    protected override async Task<IGraphStore> CreateEmptyStoreAsync() =>
        await SqliteGraphStore.OpenAsync(_folder.File($"{Guid.NewGuid():N}.db"));

    protected override async Task<IGraphStore> OpenSecondHandleAsync(IGraphStore first) =>
        await SqliteGraphStore.OpenAsync(((SqliteGraphStore)first).Path);

    public void Dispose() => _folder.Dispose();
}
