using System.Text.Json;
using System.Text.RegularExpressions;

namespace SocialCapital.Api.Errors;

/// <summary>Turns the framework's binding failures (a query value of the wrong type, JSON that does not fit the body)
/// into field errors in the API's own words, without .NET type names.</summary>
internal static partial class BindingErrors
{
    /// <summary>The field errors for a request the framework could not bind, or <see langword="null"/> when the failure
    /// is not about one field.</summary>
    public static Dictionary<string, string[]>? Describe(BadHttpRequestException exception)
    {
        if (exception.InnerException is JsonException json) return FromJson(json);
        var match = QueryFailure().Match(exception.Message);
        if (!match.Success) return null;
        var name = match.Groups["name"].Value;
        var expected = match.Groups["type"].Value switch
        {
            var t when t.Contains("int", StringComparison.OrdinalIgnoreCase) => "a whole number",
            var t when t.Contains("bool", StringComparison.OrdinalIgnoreCase) => "true or false",
            var t when t.Contains("double", StringComparison.OrdinalIgnoreCase) => "a number",
            _ => "a value of another form",
        };
        return new() { [name] = [$"'{match.Groups["value"].Value}' is not valid here: {name} must be {expected}."] };
    }

    public static Dictionary<string, string[]> FromJson(JsonException json)
    {
        var unmapped = UnmappedProperty().Match(json.Message);
        if (unmapped.Success)
        {
            var name = unmapped.Groups["name"].Value;
            var field = Field(json.Path, name);
            return new() { [field] = [$"'{name}' is not a field of this body; field names are case-sensitive (see the schema at /openapi/v1.json)."] };
        }
        if (json.Message.StartsWith("Duplicate propert", StringComparison.Ordinal))
        {
            var field = Field(json.Path, null);
            return new() { [field] = [$"'{field}' appears more than once: send each field once (a repeated field is never silently overwritten)."] };
        }
        var where = json.LineNumber is { } line ? $" (line {line + 1}, byte {json.BytePositionInLine + 1})" : "";
        var path = Field(json.Path, null);
        var problem = json.Message.StartsWith("The JSON value could not be converted", StringComparison.Ordinal)
            ? "has a value of the wrong type (see the schema at /openapi/v1.json)"
            : "is not valid JSON";
        return new() { [path.Length == 0 ? "body" : path] = [$"{(path.Length == 0 ? "the body" : path)} {problem}{where}."] };
    }

    /// <summary><c>$.ties[0].since</c> → <c>ties[0].since</c>; a property the reader stopped at is appended.</summary>
    private static string Field(string? path, string? property)
    {
        var field = (path ?? "$").TrimStart('$').TrimStart('.');
        if (property is not null && !field.EndsWith(property, StringComparison.Ordinal))
            field = field.Length == 0 ? property : $"{field}.{property}";
        return field.Length == 0 && property is null ? "" : field;
    }

    [GeneratedRegex("""parameter "(?<type>[^"]*?) (?<name>[A-Za-z0-9_]+)" from "(?<value>.*)"\.?$""")]
    private static partial Regex QueryFailure();

    [GeneratedRegex("""JSON property '(?<name>[^']*)' could not be mapped""")]
    private static partial Regex UnmappedProperty();
}
