using SocialCapital.Interchange;

namespace SocialCapital.Storage.Contract;

/// <summary>The contract every <see cref="IGraphStore"/> keeps, as tests: derive a test class per store and supply
/// empty stores. The expected behaviour is <see cref="DatasetEdits"/>' (the reference), compared record by record,
/// with versions, effects and exceptions (type, message and problems).</summary>
/// <remarks>The tests are split by theme over partial files: round trips, writes, failures, concurrency and the
/// random-sequence property.</remarks>
public abstract partial class GraphStoreContract
{
    /// <summary>Creates a new, empty store (version 0) that only this test uses.</summary>
    /// <returns>The store; the test disposes it.</returns>
    protected abstract Task<IGraphStore> CreateEmptyStoreAsync();

    /// <summary>Opens a second, independent handle on the data behind <paramref name="first"/> (for a file store, a
    /// second store on the same file; for an in-memory store, the same instance).</summary>
    /// <param name="first">A store from <see cref="CreateEmptyStoreAsync"/>.</param>
    /// <returns>The handle; the test disposes it before the first one.</returns>
    protected abstract Task<IGraphStore> OpenSecondHandleAsync(IGraphStore first);

    /// <summary>A new store holding <paramref name="content"/> (at version 1, after one import).</summary>
    /// <param name="content">What to import.</param>
    /// <returns>The store.</returns>
    protected async Task<IGraphStore> CreateStoreAsync(Dataset content)
    {
        var store = await CreateEmptyStoreAsync();
        Assert.Equal(1, await store.ImportAsync(content));
        return store;
    }

    /// <summary>Asserts that the store holds exactly <paramref name="expected"/> at <paramref name="version"/>.</summary>
    /// <param name="store">The store.</param>
    /// <param name="expected">The content.</param>
    /// <param name="version">The version.</param>
    /// <returns>A task.</returns>
    protected static async Task AssertHoldsAsync(IGraphStore store, Dataset expected, long version)
    {
        var stored = await store.ExportAsync();
        Assert.Equal(version, stored.Version);
        Assert.Equal(version, await store.GetVersionAsync());
        DatasetAssert.Equal(expected, stored.Dataset);
    }

    /// <summary>Applies one operation to the store and to the reference, asserts the same result and the same content
    /// afterwards, and advances the reference.</summary>
    /// <param name="store">The store.</param>
    /// <param name="reference">The reference content and version.</param>
    /// <param name="operation">The operation.</param>
    /// <returns>The store's result.</returns>
    protected static async Task<(StepResult Result, StoredDataset Reference)> StepAsync(IGraphStore store, StoredDataset reference,
        StoreOperation operation)
    {
        var expected = operation.Apply(ref reference);
        var actual = await operation.ApplyAsync(store);
        StepResult.AssertSame(expected, actual, operation.ToString());
        await AssertHoldsAsync(store, reference.Dataset, reference.Version);
        return (actual, reference);
    }
}
