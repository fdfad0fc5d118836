using SocialCapital.Interchange;
using SocialCapital.Model;

namespace SocialCapital.Storage.Contract;

public abstract partial class GraphStoreContract
{
    [SkippableFact]
    public async Task UpsertNodeAsync_InvalidNode_ThrowsTheReferenceProblemsAndChangesNothing()
    {
        await using var store = await CreateStoreAsync(Samples.Small());
        var reference = new StoredDataset(Samples.Small(), 1);
        NodeRecord[] invalid =
        [
            new("a", NodeKind.Citizen) { Ses = 1.5 },
            new("bad id", NodeKind.Citizen),
            new("", NodeKind.Citizen),
            new(new string('x', 65), NodeKind.Citizen),
            new("n", NodeKind.Mentor) { Capacity = -1, Skills = ["a;b", " "] },
            new("n", (NodeKind)42),
            new("n", NodeKind.Citizen) { Attributes = new Dictionary<string, string> { ["area"] = "x", [" "] = "y" } },
        ];
        foreach (var node in invalid)
        {
            var (result, _) = await StepAsync(store, reference, new StoreOperation.UpsertNode(node));
            Assert.Equal(typeof(DataValidationException), result.Error);
        }
        var ses = await Assert.ThrowsAsync<DataValidationException>(() => store.UpsertNodeAsync(invalid[0]));
        var problem = Assert.Single(ses.Problems);
        Assert.Equal(("ses", "must be a number from 0 to 1"), (problem.Column, problem.Reason));
        await AssertHoldsAsync(store, Samples.Small(), 1);
    }

    [SkippableFact]
    public async Task UpsertTieAsync_UnknownEnd_ThrowsValidationAndChangesNothing()
    {
        await using var store = await CreateStoreAsync(Samples.Small());
        var error = await Assert.ThrowsAsync<DataValidationException>(() => store.UpsertTieAsync(new TieRecord("a", "nobody", TieKind.Friend)));
        var problem = Assert.Single(error.Problems);
        Assert.Equal(("target", "nobody", "unknown id (no such node)"), (problem.Column, problem.Value, problem.Reason));
        var expected = Assert.Throws<DataValidationException>(() => DatasetEdits.UpsertTie(Samples.Small(), new TieRecord("a", "nobody", TieKind.Friend)));
        Assert.Equal(expected.Message, error.Message);
        Assert.Equal(expected.Problems, error.Problems);
        await AssertHoldsAsync(store, Samples.Small(), 1);
    }

    [SkippableFact]
    public async Task UpsertTieAsync_InvalidTie_ThrowsTheReferenceProblemsAndChangesNothing()
    {
        await using var store = await CreateStoreAsync(Samples.Small());
        var reference = new StoredDataset(Samples.Small(), 1);
        TieRecord[] invalid =
        [
            new("nobody", "nowhere", TieKind.Friend),
            new("a", "a", TieKind.Friend),
            new("a", "w", TieKind.Membership),
            new("a", "g", TieKind.Friend),
            new("g", "a", TieKind.Membership),
            new("a", "b", TieKind.Friend) { Strength = 0 },
            new("a", "b", TieKind.Friend) { Strength = double.NaN },
            new("a", "b", TieKind.Friend) { Strength = double.PositiveInfinity },
            new("a", "b", TieKind.Friend) { Since = new DateOnly(2024, 1, 1), Until = new DateOnly(2024, 1, 1) },
            new("a", "b", (TieKind)42),
            new("", "b", TieKind.Friend),
        ];
        foreach (var tie in invalid)
        {
            var (result, _) = await StepAsync(store, reference, new StoreOperation.UpsertTie(tie));
            Assert.Equal(typeof(DataValidationException), result.Error);
        }
        await AssertHoldsAsync(store, Samples.Small(), 1);
    }

    [SkippableFact]
    public async Task UpsertNodeAsync_KindChangeBreakingTies_ThrowsConflictAndChangesNothing()
    {
        await using var store = await CreateStoreAsync(Samples.Small());
        var reference = new StoredDataset(Samples.Small(), 1);
        // a has person ties and a membership: it cannot become a place. g has a member: it cannot become a person.
        // c mentors a: it may become a coach (a person) but not an employer.
        NodeRecord[] conflicting = [new("a", NodeKind.Employer), new("g", NodeKind.Citizen), new("g", NodeKind.Employer), new("c", NodeKind.PeerGroup)];
        foreach (var node in conflicting)
        {
            var (result, _) = await StepAsync(store, reference, new StoreOperation.UpsertNode(node));
            Assert.Equal(typeof(GraphStoreConflictException), result.Error);
        }
        var error = await Assert.ThrowsAsync<GraphStoreConflictException>(() => store.UpsertNodeAsync(new NodeRecord("a", NodeKind.Employer)));
        Assert.Equal(5, error.Problems.Count);
        await AssertHoldsAsync(store, Samples.Small(), 1);
    }

    [SkippableFact]
    public async Task Writes_NullArguments_ThrowArgumentNull()
    {
        await using var store = await CreateStoreAsync(Samples.Small());
        await Assert.ThrowsAsync<ArgumentNullException>(() => store.ImportAsync(null!));
        await Assert.ThrowsAsync<ArgumentNullException>(() => store.UpsertNodeAsync(null!));
        await Assert.ThrowsAsync<ArgumentNullException>(() => store.DeleteNodeAsync(null!));
        await Assert.ThrowsAsync<ArgumentNullException>(() => store.UpsertTieAsync(null!));
        await Assert.ThrowsAsync<ArgumentNullException>(() => store.DeleteTiesAsync(null!, "a"));
        await Assert.ThrowsAsync<ArgumentNullException>(() => store.DeleteTiesAsync("a", null!));
        await AssertHoldsAsync(store, Samples.Small(), 1);
    }

    [SkippableFact]
    public async Task Writes_CancelledToken_ThrowAndChangeNothing()
    {
        await using var store = await CreateStoreAsync(Samples.Small());
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        var token = cancelled.Token;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.ImportAsync(Samples.Toy, cancellationToken: token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.UpsertNodeAsync(new NodeRecord("n", NodeKind.Citizen), cancellationToken: token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.DeleteNodeAsync("a", cancellationToken: token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.UpsertTieAsync(new TieRecord("a", "e", TieKind.Friend), cancellationToken: token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.DeleteTiesAsync("a", "b", null, cancellationToken: token));
        await AssertHoldsAsync(store, Samples.Small(), 1);
    }

    [SkippableFact]
    public async Task ImportAsync_CancelledPartWay_LeavesTheOldOrTheNewDataWhole()
    {
        await using var store = await CreateStoreAsync(Samples.Toy);
        var big = Samples.City10k;
        // A store that imports instantly may never be caught part way; either way the data is whole.
        foreach (var delay in new[] { 1, 20, 60 })
        {
            var version = await store.GetVersionAsync();
            var before = (await store.ExportAsync()).Dataset;
            using var cancellation = new CancellationTokenSource();
            Cancellation.CancelAfter(cancellation, TimeSpan.FromMilliseconds(delay));
            try
            {
                Assert.Equal(version + 1, await store.ImportAsync(big, cancellationToken: cancellation.Token));
                await AssertHoldsAsync(store, big, version + 1);
                await store.ImportAsync(Samples.Toy); // back to the small data for the next round
            }
            catch (OperationCanceledException)
            {
                await AssertHoldsAsync(store, before, version);
            }
        }
    }
}
