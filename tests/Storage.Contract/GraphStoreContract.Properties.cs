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
    [Property(MaxTest = 50)]
    public Property Writes_AnySequence_MatchTheReferenceAtEveryStep() =>
        Prop.ForAll(StoreOperations.Sequences(), operations =>
        {
            RunSequenceAsync(operations).GetAwaiter().GetResult();
            return true;
        });

    private async Task RunSequenceAsync(StoreOperation[] operations)
    {
        await using var store = await CreateEmptyStoreAsync();
        var reference = new StoredDataset(Dataset.Create([], []), 0);
        foreach (var operation in operations) (_, reference) = await StepAsync(store, reference, operation);
    }
}
