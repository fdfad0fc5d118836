using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using SocialCapital.Model;

namespace SocialCapital.Cli.Output;

/// <summary>One output column: a property of the row's result record and how to print its value. The column has the
/// property's one name — snake_case in CSV and the table (<see cref="WireNames.ColumnName"/>), camelCase in JSON
/// (<see cref="WireNames.JsonName"/>), exactly as the API writes the same record — so a name is never typed twice.
/// Values are strings, integers, doubles (null or NaN = undefined, ±∞ printed as inf), booleans or null.</summary>
internal sealed class Column<T>
{
    private readonly string _source;
    private string? _property, _name, _jsonName;

    /// <param name="source">The source text of the lambda reading the property (<c>a =&gt; a.EconomicConnectedness</c>);
    /// parsed when a name is first asked for, so building the command tree costs nothing per column.</param>
    /// <param name="value">The value of a row.</param>
    internal Column(string source, Func<T, object?> value)
    {
        _source = source;
        Value = value;
    }

    /// <summary>The record property's C# name.</summary>
    /// <exception cref="ArgumentException">The lambda does not read one property of the row.</exception>
    public string Property => _property ??= Column.PropertyName(_source);

    /// <summary>The CSV header and table heading.</summary>
    public string Name => _name ??= WireNames.ColumnName(Property);

    /// <summary>The JSON key.</summary>
    public string JsonName => _jsonName ??= WireNames.JsonName(Property);

    public Func<T, object?> Value { get; }
}

/// <summary>Builds columns from a lambda reading one property, <c>Column.Of&lt;AreaMeasures&gt;(a =&gt; a.EconomicConnectedness)</c>:
/// the name is the property the lambda's source text reads (<see cref="CallerArgumentExpressionAttribute"/>), so no
/// expression tree is built or compiled when the CLI starts. A lambda that is not <c>x =&gt; x.Property</c> is refused
/// when its name is first read (the tests read every column's and check that the property exists).</summary>
internal static partial class Column
{
    /// <summary>A column printing the property as it is.</summary>
    public static Column<T> Of<T>(Func<T, object?> property, [CallerArgumentExpression(nameof(property))] string source = "") =>
        new(source, property);

    /// <summary>A column printing the property through <paramref name="format"/> (wire names of enums, joined lists).</summary>
    public static Column<T> Of<T, TValue>(Func<T, TValue> property, Func<TValue, object?> format,
        [CallerArgumentExpression(nameof(property))] string source = "") =>
        new(source, row => format(property(row)));

    internal static string PropertyName(string source) =>
        PropertyRead().Match(source) is { Success: true } match
            ? match.Groups["property"].Value
            : throw new ArgumentException($"A column must read one property of the row (x => x.Property), not '{source}'.", nameof(source));

    [GeneratedRegex(@"^\s*\(?\s*(?:[\w.]+\s+)?(?<row>\w+)\s*\)?\s*=>\s*\k<row>\.(?<property>\w+)\s*$")]
    private static partial Regex PropertyRead();
}
