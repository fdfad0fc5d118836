using System.Text;

namespace SocialCapital.Model;

/// <summary>One thing wrong with input data, located as precisely as the input allows.</summary>
/// <param name="Source">Where the data came from: a file name such as <c>ties.csv</c>, or a
/// description such as <c>tie #3</c> for records added in code.</param>
/// <param name="Line">1-based line in <paramref name="Source"/> (the header is line 1), when known.</param>
/// <param name="Column">The column or field at fault, when there is one.</param>
/// <param name="Value">The offending value as given, when there is one.</param>
/// <param name="Reason">What is wrong, in plain words.</param>
public sealed record DataProblem(string Source, int? Line, string? Column, string? Value, string Reason)
{
    /// <summary>A one-line description: <c>ties.csv line 14, column 'target', value 'p9': unknown id …</c>.</summary>
    /// <returns>The description.</returns>
    public override string ToString()
    {
        var text = new StringBuilder(Source);
        if (Line is { } line) text.Append(" line ").Append(line);
        if (Column is not null) text.Append(", column '").Append(Column).Append('\'');
        if (Value is not null) text.Append(", value '").Append(Value.Length > 80 ? Value[..80] + "…" : Value).Append('\'');
        return text.Append(": ").Append(Reason).ToString();
    }
}
