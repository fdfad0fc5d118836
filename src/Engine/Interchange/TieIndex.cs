namespace SocialCapital.Interchange;

/// <summary>A list of tie records that finds the ties touching some nodes without making every record: a snapshot
/// file's ties, kept as columns, answer from their columns of node numbers. A caller that needs the ties of a few nodes
/// (a what-if's ends) asks it rather than reading every record.</summary>
internal interface ITieIndex
{
    /// <summary>The positions, in increasing order, of the ties with an end among <paramref name="ids"/>.</summary>
    /// <param name="ids">Node ids.</param>
    /// <returns>The positions.</returns>
    List<int> Touching(IReadOnlySet<string> ids);
}
