using SocialCapital.Model;
using SocialCapital.Storage;
using SocialCapital.Storage.Contract;

namespace SocialCapital.Tests.Storage;

/// <summary>The in-memory store keeps the store contract; one handle is the whole store.</summary>
public sealed class InMemoryGraphStoreTests : GraphStoreContract
{
    protected override Task<IGraphStore> CreateEmptyStoreAsync() => Task.FromResult<IGraphStore>(new InMemoryGraphStore());

    protected override Task<IGraphStore> OpenSecondHandleAsync(IGraphStore first) => Task.FromResult(first);

    [Fact]
    public async Task Constructor_InitialDataset_IsHeldAtVersionZero()
    {
        await using var store = new InMemoryGraphStore(Samples.Toy);
        await AssertHoldsAsync(store, Samples.Toy, 0);
        Assert.Equal(new WriteOutcome(WriteEffect.Created, 1), await store.UpsertNodeAsync(new NodeRecord("n", NodeKind.Citizen)));
    }

    [Fact]
    public async Task ExportAsync_Unchanged_ReturnsTheSameDataset()
    {
        await using var store = new InMemoryGraphStore(Samples.Small());
        var before = (await store.ExportAsync()).Dataset;
        await store.UpsertNodeAsync(Samples.Small().Nodes[0]);
        await store.DeleteNodeAsync("nobody");
        Assert.Same(before, (await store.ExportAsync()).Dataset);
        Assert.Same(before, (await store.ExportAsync()).Dataset);
    }
}
