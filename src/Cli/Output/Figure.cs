namespace SocialCapital.Cli.Output;

/// <summary>One figure of a report printed one figure per row (<c>programme</c>, <c>evidence</c>): its section, its
/// name and its value (empty when suppressed or undefined).</summary>
internal readonly record struct Figure(string Section, string Measure, object? Value)
{
    /// <summary>The columns of a figure row.</summary>
    public static readonly IReadOnlyList<Column<Figure>> Columns =
    [
        Column.Of<Figure>(f => f.Section),
        Column.Of<Figure>(f => f.Measure),
        Column.Of<Figure>(f => f.Value),
    ];
}
