using SocialCapital.Graph;
using SocialCapital.Interchange;
using SocialCapital.Metrics;
using SocialCapital.Model;
using SocialCapital.Sqlite;
using SocialCapital.Storage;

namespace SocialCapital.Sqlite.Tests;

/// <summary>The store snippets of docs/embedding.md, compiled and run; each region between "begin embedding.md" and
/// "end embedding.md" is a snippet of the page, word for word (checked by EmbeddingDocTests.EveryDocSnippet_IsCompiledHere
/// in tests/Engine.Tests). The snippets print to the console and read the samples by paths relative to the repository,
/// so this test changes the working directory and the console and runs alone.</summary>
[Collection(nameof(EmbeddingStoreDocTests))]
[CollectionDefinition(nameof(EmbeddingStoreDocTests), DisableParallelization = true)]
public class EmbeddingStoreDocTests
{
    [Fact]
    public async Task TheSameCode_RunsOnTheInMemoryAndTheSqliteStore()
    {
        using var temp = new TempFolder();
        var databasePath = temp.File("socialcapital.db");
        var previous = (Directory.GetCurrentDirectory(), Console.Out);
        using var output = new StringWriter { NewLine = "\n" };
        Directory.SetCurrentDirectory(Repo.Root);
        Console.SetOut(output);
        try
        {
            // --- begin embedding.md: stores ---
            // Code written against IGraphStore runs on every store.
            static async Task<PersonMeasures> MeasuresOf(IGraphStore store, string personId)
            {
                var snapshot = await store.LoadSnapshotAsync(new GraphOptions { AsOf = new DateOnly(2026, 1, 1) });
                return PersonMetrics.Compute(snapshot.Graph).ForId(personId);
            }

            await using var memory = new InMemoryGraphStore(Dataset.Load("data-samples/toy"));
            await using var sqlite = await SqliteGraphStore.OpenAsync(databasePath);   // creates the file and schema when missing
            if (await sqlite.GetVersionAsync() == 0) await sqlite.ImportAsync(Dataset.Load("data-samples/toy"));   // all or nothing

            await sqlite.UpsertNodeAsync(new NodeRecord("12", NodeKind.Citizen) { Area = "C", Employment = Employment.Employed, Ses = 0.75 });
            var outcome = await sqlite.UpsertTieAsync(new TieRecord("11", "12", TieKind.Friend));
            Console.WriteLine($"{outcome.Effect}, store version {outcome.Version}");
            Console.WriteLine($"in memory: 11 has {(await MeasuresOf(memory, "11")).Degree} contact(s); "
                + $"in SQLite: {(await MeasuresOf(sqlite, "11")).Degree}");
            // --- end embedding.md ---
        }
        finally
        {
            Directory.SetCurrentDirectory(previous.Item1);
            Console.SetOut(previous.Out);
        }

        Assert.Equal("Created, store version 3\nin memory: 11 has 1 contact(s); in SQLite: 2", output.ToString().TrimEnd('\n'));
    }
    [Fact]
    public async Task PackageReadmeSnippet_Runs()
    {
        using var temp = new TempFolder();
        // The small dataset the package READMEs call my-data (as in tests/Engine.Tests/EmbeddingDocTests.cs).
        temp.WriteDataset("my-data",
            ["id,kind,area,employment,ses,capacity", "c1,citizen,A1,unemployed,0.2,", "c2,citizen,A1,employed,0.7,",
             "c3,citizen,A1,unemployed,0.3,", "m7,mentor,A1,employed,0.8,3"],
            ["source,target,kind", "c1,c2,friend", "c2,m7,colleague", "m7,c3,mentoring"]);
        var previous = Directory.GetCurrentDirectory();
        Directory.SetCurrentDirectory(temp.Path);
        try
        {
            // --- begin src/Sqlite/README.md ---
            await using var store = await SqliteGraphStore.OpenAsync("data/socialcapital.db");   // creates file and schema when missing
            if (await store.GetVersionAsync() == 0) await store.ImportAsync(Dataset.Load("my-data"));

            await store.UpsertNodeAsync(new NodeRecord("c-new", NodeKind.Citizen) { Area = "A1", Employment = Employment.Unemployed });
            await store.UpsertTieAsync(new TieRecord("m7", "c-new", TieKind.Mentoring));   // validated like the CSV format

            var snapshot = await store.LoadSnapshotAsync(new GraphOptions { AsOf = new DateOnly(2026, 1, 1) });
            var people = PersonMetrics.Compute(snapshot.Graph);   // on the data at snapshot.Version
            // --- end src/Sqlite/README.md ---

            Assert.Equal(3, snapshot.Version);
            Assert.Equal(5, people.People.Count);
            Assert.True(File.Exists(temp.File("data/socialcapital.db")));
        }
        finally
        {
            Directory.SetCurrentDirectory(previous);
        }
    }

    [Fact]
    public async Task PackageReadmeChangeFeedSnippet_SeesAnotherHandlesWrite()
    {
        using var temp = new TempFolder();
        var previous = (Directory.GetCurrentDirectory(), Console.Out);
        using var output = new StringWriter { NewLine = "\n" };
        Directory.SetCurrentDirectory(temp.Path);
        Console.SetOut(output);
        try
        {
            await using (var first = await SqliteGraphStore.OpenAsync("data/socialcapital.db"))
                await first.ImportAsync(Dataset.Create([new NodeRecord("c1", NodeKind.Citizen)], []));
            // "Another process": a second handle on the file, writing once the snippet waits.
            var writer = Task.Run(async () =>
            {
                await Task.Delay(1000);
                await using var other = await SqliteGraphStore.OpenAsync(temp.File("data/socialcapital.db"));
                await other.UpsertNodeAsync(new NodeRecord("c2", NodeKind.Citizen));
            });
            // --- begin src/Sqlite/README.md: change feed ---
            await using var store = await SqliteGraphStore.OpenAsync("data/socialcapital.db", new SqliteStoreOptions { ChangesKept = 50_000 });
            var held = await store.GetVersionAsync();
            var latest = await store.WaitForChangeAsync(held, TimeSpan.FromSeconds(5));   // another process writes meanwhile
            foreach (var change in await store.ReadChangesAsync(held, 1000))
                Console.WriteLine($"version {change.Version}: {(change.Edit is null ? "an import: read the whole store" : change.Edit.GetType().Name)}");
            // --- end src/Sqlite/README.md ---
            await writer;
            Assert.Equal(2, latest);
        }
        finally
        {
            Directory.SetCurrentDirectory(previous.Item1);
            Console.SetOut(previous.Out);
        }
        Assert.Equal("version 2: UpsertNode", output.ToString().TrimEnd('\n'));
    }
}
