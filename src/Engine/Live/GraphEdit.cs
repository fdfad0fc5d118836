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

    /// <summary>Deletes the ties between two nodes (in either order), of one kind or of every kind.</summary>
    /// <param name="Source">One end.</param>
    /// <param name="Target">The other end.</param>
    /// <param name="Kind">The kind; <see langword="null"/> for every kind.</param>
    public sealed record DeleteTies(string Source, string Target, TieKind? Kind = null) : GraphEdit;
}
