namespace SocialCapital.Interchange;

/// <summary>The standard column names of <c>nodes.csv</c> and <c>ties.csv</c>, in the order export writes them.</summary>
public static class NodeColumns
{
    /// <summary>The standard columns of <c>nodes.csv</c>; any other column is an extra attribute.</summary>
    public static IReadOnlyList<string> Standard { get; } =
        ["id", "kind", "area", "employment", "age_band", "sector", "ses", "languages", "skills", "goals", "capacity"];

    /// <summary>The columns of <c>ties.csv</c>.</summary>
    public static IReadOnlyList<string> TieColumns { get; } = ["source", "target", "kind", "strength", "since", "until"];

    /// <summary>Whether <paramref name="column"/> is a standard column of <c>nodes.csv</c>.</summary>
    /// <param name="column">A column name.</param>
    /// <returns><see langword="true"/> for a standard column.</returns>
    public static bool IsStandard(string column) => Standard.Contains(column, StringComparer.Ordinal);
}
