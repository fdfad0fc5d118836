using System.Globalization;

namespace SocialCapital.Model;

/// <summary>One option value an analysis refuses, as returned by an options type's <c>Validate()</c> and carried by
/// <see cref="InvalidOptionsException"/>.</summary>
/// <param name="Option">The option's name as the engine spells it: a property (<c>Top</c>), a nested property
/// (<c>Match.Top</c>, <c>Weights.GoalFit</c>) or a method parameter (<c>top</c>).</param>
/// <param name="Value">The refused value, formatted with the invariant culture; <see langword="null"/> when the value
/// is null.</param>
/// <param name="Reason">What the value must be, phrased to follow the option's name: <c>must be 0 (all) or more</c>.</param>
public sealed record OptionProblem(string Option, string? Value, string Reason)
{
    /// <summary>A one-line description: <c>Top must be 0 (all) or more (got -1).</c></summary>
    /// <returns>The description.</returns>
    public override string ToString() => $"{Option} {Reason} (got {Value ?? "null"}).";

    internal static string Format(object? value) => value switch
    {
        null => "null",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
