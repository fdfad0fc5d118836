using System.Text.Json;
using SocialCapital.Interchange;

namespace SocialCapital.Api.Tests.Infrastructure;

/// <summary>Asserts an aggregate answer names no individual: no person's id anywhere and no personal field; and that a
/// suppressed row shows nothing.</summary>
internal static class Privacy
{
    private static readonly string[] PersonalFields =
        ["ses", "employment", "ageBand", "sector", "languages", "skills", "goals", "attributes", "citizen", "mentor", "person", "peer"];

    /// <summary>Asserts <paramref name="row"/> is suppressed (<c>suppressed: true</c>) with every one of
    /// <paramref name="fields"/> null.</summary>
    public static void AssertSuppressed(JsonElement row, params IEnumerable<string> fields)
    {
        Assert.True(row.GetProperty("suppressed").GetBoolean(), $"not suppressed: {row}");
        foreach (var field in fields)
            Assert.True(row.GetProperty(field).ValueKind == JsonValueKind.Null, $"a suppressed row shows {field}: {row}");
    }

    public static void AssertNoIndividuals(JsonElement answer, Dataset data)
    {
        var people = data.Nodes.Where(n => n.IsPerson).Select(n => n.Id).ToHashSet(StringComparer.Ordinal);
        Walk(answer, "$");

        void Walk(JsonElement element, string path)
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.Object:
                    foreach (var property in element.EnumerateObject())
                    {
                        Assert.DoesNotContain(property.Name, PersonalFields);
                        Walk(property.Value, path + "." + property.Name);
                    }
                    break;
                case JsonValueKind.Array:
                    var i = 0;
                    foreach (var item in element.EnumerateArray()) Walk(item, $"{path}[{i++}]");
                    break;
                case JsonValueKind.String:
                    Assert.False(people.Contains(element.GetString()!), $"{path} names the person '{element.GetString()}'");
                    break;
            }
        }
    }
}
