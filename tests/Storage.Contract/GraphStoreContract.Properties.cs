using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using SocialCapital.Interchange;

namespace SocialCapital.Storage.Contract;

public abstract partial class GraphStoreContract
{
    /// <summary>Any sequence of writes, valid or not, gives the reference's outcomes, exceptions, versions and
    /// content at every step.</summary>
    /// <returns>The property.</returns>
    [SkippableFact]
    public async Task Writes_AnySequence_MatchTheReferenceAtEveryStep()
    {
        // Opened once first so that a store without its server skips here rather than failing inside FsCheck.
        await (await CreateEmptyStoreAsync()).DisposeAsync();
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(50), Prop.ForAll(StoreOperations.Sequences(), operations =>
        {
            RunSequenceAsync(operations).GetAwaiter().GetResult();
            return true;
        }));
    }

    private async Task RunSequenceAsync(StoreOperation[] operations)
    {
        await using var store = await CreateEmptyStoreAsync();
        var reference = new StoredDataset(Dataset.Create([], []), 0);
        foreach (var operation in operations) (_, reference) = await StepAsync(store, reference, operation);
    }
}
