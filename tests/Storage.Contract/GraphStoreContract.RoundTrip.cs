using SocialCapital.Interchange;
using SocialCapital.Model;

namespace SocialCapital.Storage.Contract;

public abstract partial class GraphStoreContract
{
    [SkippableFact]
    public async Task ExportAsync_NewStore_IsEmptyAtVersionZero()
    {
        await using var store = await CreateEmptyStoreAsync();
        Assert.Equal(0, await store.GetVersionAsync());
        await AssertHoldsAsync(store, Dataset.Create([], []), 0);
    }

    [SkippableFact]
    public async Task ImportAsync_Toy_ExportsEqualDataset()
    {
        await using var store = await CreateStoreAsync(Samples.Toy);
        await AssertHoldsAsync(store, Samples.Toy, 1);
    }

    [SkippableFact]
    public async Task ImportAsync_Karate_ExportsEqualDataset()
    {
        await using var store = await CreateStoreAsync(Samples.Karate);
        await AssertHoldsAsync(store, Samples.Karate, 1);
    }

    [SkippableFact]
    public async Task ImportAsync_EveryField_ExportsEqualDataset()
    {
        var rich = Samples.Rich();
        await using var store = await CreateStoreAsync(rich);
        await AssertHoldsAsync(store, rich, 1);
        var exported = (await store.ExportAsync()).Dataset;
        // Doubles come back bit for bit.
        Assert.Equal(rich.Ties.Select(t => BitConverter.DoubleToInt64Bits(t.Strength)), exported.Ties.Select(t => BitConverter.DoubleToInt64Bits(t.Strength)));
        Assert.Equal(rich.Nodes.Select(n => n.Ses is { } s ? BitConverter.DoubleToInt64Bits(s) : (long?)null),
            exported.Nodes.Select(n => n.Ses is { } s ? BitConverter.DoubleToInt64Bits(s) : (long?)null));
    }

    [SkippableFact]
    public async Task ImportAsync_City10k_ExportsEqualDataset()
    {
        await using var store = await CreateStoreAsync(Samples.City10k);
        await AssertHoldsAsync(store, Samples.City10k, 1);
    }

    [SkippableFact]
    public async Task ImportAsync_Twice_ReplacesEverythingAndRaisesVersionEachTime()
    {
        await using var store = await CreateStoreAsync(Samples.Rich());
        Assert.Equal(2, await store.ImportAsync(Samples.Toy));
        await AssertHoldsAsync(store, Samples.Toy, 2);
        Assert.Equal(3, await store.ImportAsync(Samples.Toy)); // the same content again is still an import
        await AssertHoldsAsync(store, Samples.Toy, 3);
        var empty = Dataset.Create([], []);
        Assert.Equal(4, await store.ImportAsync(empty));
        await AssertHoldsAsync(store, empty, 4);
    }

    [SkippableFact]
    public async Task ImportAsync_AfterEdits_ExportsTheImportedOrder()
    {
        await using var store = await CreateStoreAsync(Samples.Small());
        await store.UpsertNodeAsync(new NodeRecord("late", NodeKind.Citizen));
        await store.DeleteNodeAsync("a");
        Assert.Equal(4, await store.ImportAsync(Samples.Karate));
        await AssertHoldsAsync(store, Samples.Karate, 4);
    }

    [SkippableFact]
    public async Task OpenSecondHandle_AfterWrites_SeesThem()
    {
        await using var store = await CreateStoreAsync(Samples.Small());
        await store.UpsertNodeAsync(new NodeRecord("z", NodeKind.Citizen) { Area = "Z" });
        await using var second = await OpenSecondHandleAsync(store);
        var expected = DatasetEdits.UpsertNode(Samples.Small(), new NodeRecord("z", NodeKind.Citizen) { Area = "Z" }).Dataset;
        await AssertHoldsAsync(second, expected, 2);
        await second.DeleteTiesAsync("a", "b");
        Assert.Equal(3, await store.GetVersionAsync());
    }
}
