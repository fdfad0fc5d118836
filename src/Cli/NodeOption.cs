using SocialCapital.Graph;
using SocialCapital.Model;

namespace SocialCapital.Cli;

/// <summary>Checks an option that names a node: known, and of the kind the command needs; otherwise exit code 2
/// with a message naming the option, the id and what it is.</summary>
internal static class NodeOption
{
    /// <summary>Returns the problem with <paramref name="id"/>, or null when it is a node of a kind <paramref name="accepts"/> takes.</summary>
    public static string? Problem(SocialGraph graph, string id, string expected, Func<NodeKind, bool> accepts) =>
        !graph.TryGetIndex(id, out var node) ? $"no node has id '{id}'"
        : !accepts(graph.Kind(node)) ? $"'{id}' is {graph.Kind(node).NameWithArticle()}, not {expected}"
        : null;

    /// <exception cref="InvalidInputException">The id is unknown or of the wrong kind.</exception>
    public static void Require(SocialGraph graph, string id, string option, string expected, Func<NodeKind, bool> accepts)
    {
        if (Problem(graph, id, expected, accepts) is { } problem) throw new InvalidInputException($"{option}: {problem}.");
    }
}
