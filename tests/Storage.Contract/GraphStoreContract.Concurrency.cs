using SocialCapital.Interchange;
using SocialCapital.Model;

namespace SocialCapital.Storage.Contract;

public abstract partial class GraphStoreContract
{
    [SkippableFact]
    public async Task Writes_ConcurrentThroughTwoHandles_LoseNoUpdate()
    {
        await using var store = await CreateStoreAsync(Samples.Small());
        await using var second = await OpenSecondHandleAsync(store);
        const int Writers = 4, Each = 50;
        var outcomes = await Task.WhenAll(Enumerable.Range(0, Writers).Select(w => Task.Run(async () =>
        {
            var handle = w % 2 == 0 ? store : second;
            var mine = new List<WriteOutcome>();
            for (var i = 0; i < Each; i++)
                mine.Add(await handle.UpsertNodeAsync(new NodeRecord($"w{w}-{i}", NodeKind.Citizen) { Area = $"A{w}" }));
            return mine;
        })));

        var all = outcomes.SelectMany(o => o).ToArray();
        Assert.All(all, o => Assert.Equal(WriteEffect.Created, o.Effect));
        // Each write got its own version: they were serialised, none overwrote another.
        Assert.Equal(Enumerable.Range(2, Writers * Each).Select(v => (long)v), all.Select(o => o.Version).Order());
        var stored = await second.ExportAsync();
        Assert.Equal(1 + Writers * Each, stored.Version);
        Assert.Equal(Samples.Small().Nodes.Count + Writers * Each, stored.Dataset.Nodes.Count);
        for (var w = 0; w < Writers; w++)
        {
            // Each writer's nodes are in its own order (appended as they were created).
            var prefix = $"w{w}-";
            Assert.Equal(Enumerable.Range(0, Each).Select(i => prefix + i),
                stored.Dataset.Nodes.Where(n => n.Id.StartsWith(prefix, StringComparison.Ordinal)).Select(n => n.Id));
        }
    }

    [SkippableFact]
    public async Task UpsertTieAsync_SameTieConcurrently_StoresItOnce()
    {
        await using var store = await CreateStoreAsync(Samples.Small());
        await using var second = await OpenSecondHandleAsync(store);
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 8).Select(w => Task.Run(() =>
            (w % 2 == 0 ? store : second).UpsertTieAsync(new TieRecord(w % 3 == 0 ? "e" : "b", w % 3 == 0 ? "b" : "e", TieKind.Friend) { Strength = 1 + w }))));
        Assert.Single(outcomes, o => o.Effect == WriteEffect.Created);
        Assert.All(outcomes, o => Assert.Equal(0, o.TiesRemoved));
        var stored = await store.ExportAsync();
        Assert.Single(stored.Dataset.Ties, t => DatasetEdits.Matches(t, "b", "e", TieKind.Friend));
        Assert.Equal(1 + outcomes.Count(o => o.Changed), stored.Version);
    }

    [SkippableFact]
    public async Task ExportAsync_DuringWrites_SeesWholeWrites()
    {
        await using var store = await CreateStoreAsync(Samples.Small());
        await using var second = await OpenSecondHandleAsync(store);
        // The writer has a thread of its own: a store whose calls complete synchronously makes the reader loop below
        // spin without yielding, and a pool-queued writer might then never be scheduled.
        var writer = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        new Thread(() =>
        {
            try
            {
                for (var i = 0; i < 40; i++)
                {
                    store.UpsertNodeAsync(new NodeRecord($"n{i}", NodeKind.Citizen)).GetAwaiter().GetResult();
                    store.UpsertTieAsync(new TieRecord("a", $"n{i}", TieKind.Friend)).GetAwaiter().GetResult();
                }
                writer.SetResult();
            }
            catch (Exception e)
            {
                writer.SetException(e);
            }
        }) { IsBackground = true }.Start();
        while (!writer.Task.IsCompleted)
        {
            var stored = await second.ExportAsync();
            // Version v holds exactly the first v - 1 writes: nodes and ties alternate.
            var writes = (int)stored.Version - 1;
            Assert.Equal(Samples.Small().Nodes.Count + (writes + 1) / 2, stored.Dataset.Nodes.Count);
            Assert.Equal(Samples.Small().Ties.Count + writes / 2, stored.Dataset.Ties.Count);
        }
        await writer.Task;
    }
}
