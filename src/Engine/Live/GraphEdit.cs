using SocialCapital.Model;

namespace SocialCapital.Live;

/// <summary>One change to a <see cref="LiveGraph"/>, with the semantics every store follows
/// (<see cref="Storage.DatasetEdits"/>): a node is identified by its id, a tie by its two ends (in either order) and its
/// kind; deleting a node deletes its ties.</summary>
public abstract record GraphEdit
{
    private protected GraphEdit() { }

    /// <summary>Adds a node, or replaces the node with the same id.</summary>
    /// <param name="Node">The node.</param>
    public sealed record UpsertNode(NodeRecord Node) : GraphEdit;

    /// <summary>Deletes a node and every tie that touches it.</summary>
    /// <param name="Id">The node's id.</param>
    public sealed record DeleteNode(string Id) : GraphEdit;

    /// <summary>Adds a tie, or replaces the tie with the same ends and kind (and removes any repeats of it).</summary>
    /// <param name="Tie">The tie.</param>
    public sealed record UpsertTie(TieRecord Tie) : GraphEdit;

    /// <summary>Adds or replaces several ties, each as <see cref="UpsertTie"/> does, in order; all or none
    /// (<see cref="Storage.DatasetEdits.UpsertTies"/>).</summary>
    /// <param name="Ties">The ties.</param>
    public sealed record UpsertTies(IReadOnlyList<TieRecord> Ties) : GraphEdit;

    /// <summary>Deletes the ties between two nodes (in either order), of one kind or of every kind.</summary>
    /// <param name="Source">One end.</param>
    /// <param name="Target">The other end.</param>
    /// <param name="Kind">The kind; <see langword="null"/> for every kind.</param>
    public sealed record DeleteTies(string Source, string Target, TieKind? Kind = null) : GraphEdit;

    /// <summary>Adds proposals or replaces those with the same id, with one tie stored alongside (the mentoring tie an
    /// accepted proposal starts), as <see cref="Storage.DatasetEdits.UpsertProposals"/> does.</summary>
    /// <param name="Proposals">The proposals.</param>
    /// <param name="Tie">A tie to store with them, or null.</param>
    public sealed record UpsertProposals(IReadOnlyList<ProposalRecord> Proposals, TieRecord? Tie = null) : GraphEdit;

    /// <summary>Records a person's employment change, replacing the one recorded for the same person and day.</summary>
    /// <param name="Change">The change.</param>
    public sealed record UpsertStatus(StatusChange Change) : GraphEdit;

    /// <summary>Records a coach's meeting with a citizen, appended; an equal contact already recorded is the same meeting
    /// (<see cref="Storage.DatasetEdits.AddContact"/>).</summary>
    /// <param name="Contact">The contact.</param>
    public sealed record AddContact(ContactRecord Contact) : GraphEdit;
}
