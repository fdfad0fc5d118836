using SocialCapital.Interchange;
using SocialCapital.Sqlite;

// Usage: SocialCapital.Sqlite.ImportChild <database file> <dataset folder>
// Reads the dataset first, then prints "importing" (the parent's cue that the import has begun) and imports it;
// prints "imported <version>" when the import has committed.
// Or: SocialCapital.Sqlite.ImportChild <database file> --hold-write-lock
// Takes the store's write lock, prints "locked" and holds it until killed (the write-lock contract's dying holder).
if (args.Length != 2)
{
    await Console.Error.WriteLineAsync("usage: SocialCapital.Sqlite.ImportChild <database file> <dataset folder> | --hold-write-lock");
    return 2;
}
if (args[1] == "--hold-write-lock")
{
    await using var holder = await SqliteGraphStore.OpenAsync(args[0]);
    await using var lease = await holder.AcquireWriteLockAsync(TimeSpan.FromSeconds(30));
    Console.WriteLine("locked");
    Console.Out.Flush();
    await Task.Delay(Timeout.Infinite);
    return 0;
}
var dataset = Dataset.Load(args[1]);
await using var store = await SqliteGraphStore.OpenAsync(args[0]);
Console.WriteLine("importing");
Console.Out.Flush();
var version = await store.ImportAsync(dataset);
Console.WriteLine($"imported {version}");
return 0;
