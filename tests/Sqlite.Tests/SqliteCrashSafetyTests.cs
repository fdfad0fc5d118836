using System.Diagnostics;
using SocialCapital.Interchange;
using SocialCapital.Storage.Contract;
using SocialCapital.Synthetic;
using Xunit.Abstractions;

namespace SocialCapital.Sqlite.Tests;

/// <summary>A generated city big enough that importing it takes a second or more, written once for the crash tests.</summary>
public sealed class BigCityFixture : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly Lazy<Dataset> _dataset;

    public BigCityFixture()
    {
        Folder = Path.Combine(_folder.Path, "city");
        CityGenerator.Generate(Folder, new CityOptions { People = 50_000, Seed = 7 });
        _dataset = new Lazy<Dataset>(() => Dataset.Load(Folder));
    }

    /// <summary>The dataset folder.</summary>
    public string Folder { get; }

    /// <summary>The dataset, read only when a test needs to compare with it.</summary>
    public Dataset Dataset => _dataset.Value;

    public void Dispose() => _folder.Dispose();
}

/// <summary>A process killed part way through an import leaves the old data or the new, never a mix: the import is
/// one transaction, and SQLite ignores WAL frames that no commit covers.</summary>
public sealed class SqliteCrashSafetyTests(BigCityFixture city, ITestOutputHelper output) : IClassFixture<BigCityFixture>, IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task ImportAsync_ProcessKilledPartWay_LeavesTheOldDataOrTheNewWhole()
    {
        // Kill points: as soon as the WAL takes the first uncommitted pages, a fixed and a random moment after the
        // import began. Whatever the moment, the file must hold the seed or the whole city.
        var random = new Random();
        (string Name, long WalBytes, int DelayMs)[] kills =
        [
            ("when the WAL passes 1 MB", 1 << 20, 0),
            ("250 ms into the import", 0, 250),
            ($"a random moment into the import", 0, random.Next(0, 1500)),
        ];
        foreach (var kill in kills)
        {
            var database = _folder.File($"{Guid.NewGuid():N}.db");
            await SeedAsync(database);
            using (var child = ImportChildProcess.Start(database, city.Folder))
            {
                Assert.Equal("importing", await child.ReadLineAsync(Patience));
                WaitFor(child, database + "-wal", kill.WalBytes, kill.DelayMs);
                child.Kill();
            }
            await AssertWholeAsync(database, $"killed {kill.Name} ({kill.DelayMs} ms)");
        }
    }

    [Fact]
    public async Task ImportAsync_ProcessEndsNormally_LeavesTheNewData()
    {
        var database = _folder.File("complete.db");
        await SeedAsync(database);
        using (var child = ImportChildProcess.Start(database, city.Folder))
        {
            Assert.Equal("importing", await child.ReadLineAsync(Patience));
            Assert.Equal("imported 2", await child.ReadLineAsync(Patience));
            var (exitCode, stderr) = await child.WaitAsync(Patience);
            Assert.True(exitCode == 0, stderr);
        }
        await using var store = await SqliteGraphStore.OpenAsync(database);
        var stored = await store.ExportAsync();
        Assert.Equal(2, stored.Version);
        DatasetAssert.Equal(city.Dataset, stored.Dataset);
    }

    private static async Task SeedAsync(string database)
    {
        await using var store = await SqliteGraphStore.OpenAsync(database);
        Assert.Equal(1, await store.ImportAsync(Samples.Toy));
    }

    /// <summary>Waits until the WAL has grown past <paramref name="walBytes"/> and <paramref name="delayMs"/> have
    /// passed, or the child has ended. Polls on this thread: pool-based delays can lag badly while other test classes
    /// run.</summary>
    private static void WaitFor(ImportChildProcess child, string wal, long walBytes, int delayMs)
    {
        var clock = Stopwatch.StartNew();
        while (!child.HasExited && clock.Elapsed < Patience
               && (clock.ElapsedMilliseconds < delayMs || (walBytes > 0 && (!File.Exists(wal) || new FileInfo(wal).Length < walBytes))))
            Thread.Sleep(1);
    }

    private async Task AssertWholeAsync(string database, string when)
    {
        await using var store = await SqliteGraphStore.OpenAsync(database);
        var stored = await store.ExportAsync();
        output.WriteLine($"{when}: {(stored.Version == 1 ? "the old data" : "the new data")} (version {stored.Version})");
        if (stored.Version == 1)
            DatasetAssert.Equal(Samples.Toy, stored.Dataset);
        else
        {
            Assert.True(stored.Version == 2, $"{when}: version {stored.Version}");
            DatasetAssert.Equal(city.Dataset, stored.Dataset);
        }
        // The store is usable afterwards.
        Assert.Equal(stored.Version + 1, await store.ImportAsync(Samples.Toy));
    }
}
