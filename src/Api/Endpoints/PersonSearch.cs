using SocialCapital.Model;

namespace SocialCapital.Api.Endpoints;

/// <summary>The text search of <c>GET /people?q=</c>: every word of the query must match the node, either as the start
/// of its id or inside one of its attributes (kind, area, employment, age band, sector, hub, languages, skills, goals,
/// specialisms, named attributes), ignoring case.</summary>
internal static class PersonSearch
{
    /// <summary>The longest query accepted.</summary>
    public const int MaxLength = 200;

    /// <summary>The words of a query; empty when it has none.</summary>
    public static string[] Words(string? query) =>
        query is null ? [] : query.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>Whether every word matches the node.</summary>
    public static bool Matches(NodeRecord node, string[] words)
    {
        foreach (var word in words)
            if (!node.Id.StartsWith(word, StringComparison.OrdinalIgnoreCase) && !Texts(node).Any(t => t.Contains(word, StringComparison.OrdinalIgnoreCase)))
                return false;
        return true;
    }

    /// <summary>Whether the node's id starts with the whole query: such nodes are listed first.</summary>
    public static bool IdStartsWith(NodeRecord node, string? query) =>
        query is not null && node.Id.StartsWith(query.Trim(), StringComparison.OrdinalIgnoreCase);

    private static IEnumerable<string> Texts(NodeRecord node)
    {
        yield return node.Kind.Name();
        if (node.Area is { } area) yield return area;
        if (node.Employment != Employment.Unknown) yield return node.Employment.Name();
        if (node.AgeBand != AgeBand.Unknown) yield return node.AgeBand.Name();
        if (node.Sector is { } sector) yield return sector;
        if (node.Hub is { } hub) yield return hub;
        foreach (var list in new[] { node.Languages, node.Skills, node.Goals, node.Specialisms })
            foreach (var item in list) yield return item;
        foreach (var value in node.Attributes.Values) yield return value;
    }
}
