using System.Linq.Expressions;
using SocialCapital.Model;

namespace SocialCapital.Cli.Output;

/// <summary>One output column: a property of the row's result record and how to print its value. The column has the
/// property's one name — snake_case in CSV and the table (<see cref="WireNames.ColumnName"/>), camelCase in JSON
/// (<see cref="WireNames.JsonName"/>), exactly as the API writes the same record — so a name is never typed twice.
/// Values are strings, integers, doubles (null or NaN = undefined, ±∞ printed as inf), booleans or null.</summary>
internal sealed class Column<T>
{
    internal Column(string property, Func<T, object?> value)
    {
        Property = property;
        Name = WireNames.ColumnName(property);
        JsonName = WireNames.JsonName(property);
        Value = value;
    }

    /// <summary>The record property's C# name.</summary>
    public string Property { get; }

    /// <summary>The CSV header and table heading.</summary>
    public string Name { get; }

    /// <summary>The JSON key.</summary>
    public string JsonName { get; }

    public Func<T, object?> Value { get; }
}

/// <summary>Builds columns from property expressions, so the name comes from the record itself.</summary>
internal static class Column
{
    /// <summary>A column printing the property as it is: <c>Column.Of&lt;AreaMeasures&gt;(a =&gt; a.EconomicConnectedness)</c>.</summary>
    public static Column<T> Of<T>(Expression<Func<T, object?>> property) => new(PropertyName(property), property.Compile());

    /// <summary>A column printing the property through <paramref name="format"/> (wire names of enums, joined lists).</summary>
    public static Column<T> Of<T, TValue>(Expression<Func<T, TValue>> property, Func<TValue, object?> format)
    {
        var get = property.Compile();
        return new(PropertyName(property), row => format(get(row)));
    }

    private static string PropertyName(LambdaExpression property)
    {
        var body = property.Body is UnaryExpression { NodeType: ExpressionType.Convert } convert ? convert.Operand : property.Body;
        return body is MemberExpression { Member: System.Reflection.PropertyInfo info } member && member.Expression == property.Parameters[0]
            ? info.Name
            : throw new ArgumentException($"A column must name a property of the row, not '{property.Body}'.", nameof(property));
    }
}
