namespace SocialCapital.Interchange;

/// <summary>The standard column names of <c>nodes.csv</c>, <c>ties.csv</c>, <c>proposals.csv</c>,
/// <c>status_history.csv</c> and <c>contacts.csv</c>, in the order export writes them.</summary>
public static class NodeColumns
{
    /// <summary>The standard columns of <c>nodes.csv</c>; any other column is an extra attribute.</summary>
    public static IReadOnlyList<string> Standard { get; } =
        ["id", "kind", "area", "employment", "age_band", "sector", "ses", "languages", "skills", "goals", "capacity"];

    /// <summary>The optional coach columns of <c>nodes.csv</c> (a person's Work Hub, a coach's specialisms), written after
    /// <see cref="Standard"/> and before the extra attributes only when some node has a value in one.</summary>
    public static IReadOnlyList<string> CoachColumns { get; } = ["hub", "specialisms"];

    /// <summary>The columns of <c>ties.csv</c>.</summary>
    public static IReadOnlyList<string> TieColumns { get; } = ["source", "target", "kind", "strength", "since", "until"];

    /// <summary>The optional columns of <c>ties.csv</c> for ended mentoring pairings, written after
    /// <see cref="TieColumns"/> only when some tie has an outcome or an end reason.</summary>
    public static IReadOnlyList<string> TieOutcomeColumns { get; } = ["outcome", "end_reason"];

    /// <summary>The columns of <c>proposals.csv</c>, in the order export writes them; <c>proposed_by</c>, <c>decided</c>
    /// and <c>reason</c> may be left out of a file, and no other column may be in one.</summary>
    public static IReadOnlyList<string> ProposalColumns { get; } =
        ["id", "citizen", "mentor", "proposed_by", "status", "proposed", "expires", "decided", "reason"];

    /// <summary>The columns of <c>status_history.csv</c>, all required, and no other.</summary>
    public static IReadOnlyList<string> StatusHistoryColumns { get; } = ["person", "date", "employment"];

    /// <summary>The columns of <c>contacts.csv</c>, all required, and no other.</summary>
    public static IReadOnlyList<string> ContactColumns { get; } = ["coach", "citizen", "date", "channel"];

    /// <summary>Whether <paramref name="column"/> is a standard column of <c>nodes.csv</c> (one of <see cref="Standard"/> or
    /// <see cref="CoachColumns"/>).</summary>
    /// <param name="column">A column name.</param>
    /// <returns><see langword="true"/> for a standard column.</returns>
    public static bool IsStandard(string column) =>
        Standard.Contains(column, StringComparer.Ordinal) || CoachColumns.Contains(column, StringComparer.Ordinal);
}
