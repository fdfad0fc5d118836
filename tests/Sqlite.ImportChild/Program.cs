using SocialCapital.Interchange;
using SocialCapital.Sqlite;

// Usage: SocialCapital.Sqlite.ImportChild <database file> <dataset folder>
// Reads the dataset first, then prints "importing" (the parent's cue that the import has begun) and imports it;
// prints "imported <version>" when the import has committed.
if (args.Length != 2)
{
    await Console.Error.WriteLineAsync("usage: SocialCapital.Sqlite.ImportChild <database file> <dataset folder>");
    return 2;
}
var dataset = Dataset.Load(args[1]);
await using var store = await SqliteGraphStore.OpenAsync(args[0]);
Console.WriteLine("importing");
Console.Out.Flush();
var version = await store.ImportAsync(dataset);
Console.WriteLine($"imported {version}");
return 0;
