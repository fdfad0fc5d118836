using SocialCapital.Interchange;
using SocialCapital.Model;

namespace SocialCapital.Storage.Contract;

/// <summary>One write to a store, applicable both to a store and to the reference (<see cref="DatasetEdits"/> on a
/// dataset with a version counter), so the two can be compared step by step.</summary>
public abstract record StoreOperation
{
    /// <summary>Applies the operation to a store.</summary>
    /// <param name="store">The store.</param>
    /// <returns>What it did, or the exception it threw.</returns>
    public async Task<StepResult> ApplyAsync(IGraphStore store)
    {
        try
        {
            return this switch
            {
                UpsertNode u => StepResult.Of(await store.UpsertNodeAsync(u.Node)),
                DeleteNode d => StepResult.Of(await store.DeleteNodeAsync(d.Id)),
                UpsertTie u => StepResult.Of(await store.UpsertTieAsync(u.Tie)),
                UpsertTies u => StepResult.Of(await store.UpsertTiesAsync(u.Ties)),
                DeleteTies d => StepResult.Of(await store.DeleteTiesAsync(d.Source, d.Target, d.Kind)),
                UpsertProposals u => StepResult.Of(await store.UpsertProposalsAsync(u.Proposals, u.Tie)),
                UpsertStatus u => StepResult.Of(await store.UpsertStatusAsync(u.Change)),
                AddContact c => StepResult.Of(await store.AddContactAsync(c.Contact)),
                EraseNode e => StepResult.Of(await store.EraseNodeAsync(e.Id, e.Pseudonym)),
                Import i => StepResult.Of(new WriteOutcome(WriteEffect.Updated, await store.ImportAsync(i.Dataset))),
                _ => throw new InvalidOperationException(GetType().Name),
            };
        }
        catch (Exception e) when (e is DataValidationException or GraphStoreConflictException)
        {
            return StepResult.Of(e);
        }
    }

    /// <summary>Applies the operation to the reference.</summary>
    /// <param name="reference">The reference content and version; replaced when the operation changes it.</param>
    /// <returns>What it did, or the exception it threw.</returns>
    public StepResult Apply(ref StoredDataset reference)
    {
        DatasetEdit edit;
        try
        {
            edit = this switch
            {
                UpsertNode u => DatasetEdits.UpsertNode(reference.Dataset, u.Node),
                DeleteNode d => DatasetEdits.DeleteNode(reference.Dataset, d.Id),
                UpsertTie u => DatasetEdits.UpsertTie(reference.Dataset, u.Tie),
                UpsertTies u => DatasetEdits.UpsertTies(reference.Dataset, u.Ties),
                DeleteTies d => DatasetEdits.DeleteTies(reference.Dataset, d.Source, d.Target, d.Kind),
                UpsertProposals u => DatasetEdits.UpsertProposals(reference.Dataset, u.Proposals, u.Tie),
                UpsertStatus u => DatasetEdits.UpsertStatus(reference.Dataset, u.Change),
                AddContact c => DatasetEdits.AddContact(reference.Dataset, c.Contact),
                EraseNode e => DatasetEdits.DeleteNode(reference.Dataset, e.Id),
                Import i => new DatasetEdit(i.Dataset, WriteEffect.Updated),
                _ => throw new InvalidOperationException(GetType().Name),
            };
        }
        catch (Exception e) when (e is DataValidationException or GraphStoreConflictException)
        {
            return StepResult.Of(e);
        }
        var changed = edit.Effect is WriteEffect.Created or WriteEffect.Updated or WriteEffect.Deleted;
        if (changed) reference = new StoredDataset(edit.Dataset, reference.Version + 1);
        return StepResult.Of(new WriteOutcome(edit.Effect, reference.Version, edit.TiesRemoved));
    }

    /// <summary>Adds or replaces a node.</summary>
    /// <param name="Node">The node.</param>
    public sealed record UpsertNode(NodeRecord Node) : StoreOperation
    {
        /// <inheritdoc />
        public override string ToString() => $"UpsertNode {DatasetAssert.Describe(Node)}";
    }

    /// <summary>Deletes a node.</summary>
    /// <param name="Id">The node id.</param>
    public sealed record DeleteNode(string Id) : StoreOperation
    {
        /// <inheritdoc />
        public override string ToString() => $"DeleteNode {Id}";
    }

    /// <summary>Adds or replaces a tie.</summary>
    /// <param name="Tie">The tie.</param>
    public sealed record UpsertTie(TieRecord Tie) : StoreOperation
    {
        /// <inheritdoc />
        public override string ToString() => $"UpsertTie {Tie}";
    }

    /// <summary>Adds or replaces several ties, all or none.</summary>
    /// <param name="Ties">The ties.</param>
    public sealed record UpsertTies(IReadOnlyList<TieRecord> Ties) : StoreOperation
    {
        /// <inheritdoc />
        public override string ToString() => $"UpsertTies {string.Join(", ", Ties)}";
    }

    /// <summary>Deletes ties.</summary>
    /// <param name="Source">One end.</param>
    /// <param name="Target">The other end.</param>
    /// <param name="Kind">The kind, or every kind.</param>
    public sealed record DeleteTies(string Source, string Target, TieKind? Kind) : StoreOperation
    {
        /// <inheritdoc />
        public override string ToString() => $"DeleteTies {Source}–{Target} {Kind?.Name() ?? "any"}";
    }

    /// <summary>Stores proposals, and a tie with them.</summary>
    /// <param name="Proposals">The proposals.</param>
    /// <param name="Tie">The tie, or none.</param>
    public sealed record UpsertProposals(IReadOnlyList<ProposalRecord> Proposals, TieRecord? Tie = null) : StoreOperation
    {
        /// <inheritdoc />
        public override string ToString() => $"UpsertProposals {string.Join(", ", Proposals)}{(Tie is null ? "" : $" with {Tie}")}";
    }

    /// <summary>Records an employment change.</summary>
    /// <param name="Change">The change.</param>
    public sealed record UpsertStatus(StatusChange Change) : StoreOperation
    {
        /// <inheritdoc />
        public override string ToString() => $"UpsertStatus {Change}";
    }

    /// <summary>Records a coach's contact with a citizen.</summary>
    /// <param name="Contact">The contact.</param>
    public sealed record AddContact(ContactRecord Contact) : StoreOperation
    {
        /// <inheritdoc />
        public override string ToString() => $"AddContact {Contact}";
    }

    /// <summary>Erases a node (deletes it and pseudonymises the audit trail).</summary>
    /// <param name="Id">The node id.</param>
    /// <param name="Pseudonym">Its pseudonym in the audit trail.</param>
    public sealed record EraseNode(string Id, string Pseudonym) : StoreOperation
    {
        /// <inheritdoc />
        public override string ToString() => $"EraseNode {Id}";
    }

    /// <summary>Replaces everything.</summary>
    /// <param name="Dataset">The new content.</param>
    public sealed record Import(Dataset Dataset) : StoreOperation
    {
        /// <inheritdoc />
        public override string ToString() => $"Import {Dataset.Nodes.Count} nodes, {Dataset.Ties.Count} ties";
    }
}

/// <summary>What one operation did: its outcome, or the type, message and problems of the exception it threw.</summary>
/// <param name="Outcome">The outcome, when it succeeded.</param>
/// <param name="Error">The exception type, when it failed.</param>
/// <param name="Message">The exception message, when it failed.</param>
/// <param name="Problems">The problems the exception carried, when it failed.</param>
public sealed record StepResult(WriteOutcome? Outcome, Type? Error, string? Message, IReadOnlyList<DataProblem> Problems)
{
    /// <summary>A success.</summary>
    /// <param name="outcome">The outcome.</param>
    /// <returns>The result.</returns>
    public static StepResult Of(WriteOutcome outcome) => new(outcome, null, null, []);

    /// <summary>A failure.</summary>
    /// <param name="error">The exception.</param>
    /// <returns>The result.</returns>
    public static StepResult Of(Exception error) => new(null, error.GetType(), error.Message, error switch
    {
        DataValidationException v => v.Problems,
        GraphStoreConflictException c => c.Problems,
        _ => [],
    });

    /// <summary>Asserts that two results are the same: equal outcomes, or the same exception type, message and problems.</summary>
    /// <param name="expected">The reference's result.</param>
    /// <param name="actual">The store's result.</param>
    /// <param name="step">What was done, for the failure message.</param>
    public static void AssertSame(StepResult expected, StepResult actual, string step)
    {
        Assert.True(expected.Outcome == actual.Outcome, $"{step}: outcome {actual.Outcome}; expected {expected.Outcome} ({expected.Message}{actual.Message})");
        Assert.True(expected.Error == actual.Error, $"{step}: threw {actual.Error?.Name ?? "nothing"}; expected {expected.Error?.Name ?? "nothing"} ({expected.Message}{actual.Message})");
        Assert.True(expected.Message == actual.Message, $"{step}: message '{actual.Message}'; expected '{expected.Message}'");
        Assert.Equal(expected.Problems, actual.Problems);
    }
}
