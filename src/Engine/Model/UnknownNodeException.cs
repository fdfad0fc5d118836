namespace SocialCapital.Model;

/// <summary>Thrown when an id names no node of the snapshot (e.g. <c>MentorMatching.ForCitizen(graph, "nobody")</c>).
/// Derives from <see cref="KeyNotFoundException"/>, which the engine threw for unknown ids before.</summary>
public sealed class UnknownNodeException : KeyNotFoundException
{
    /// <summary>Creates the exception for one unknown id.</summary>
    /// <param name="id">The id.</param>
    public UnknownNodeException(string id) : this(id, $"No node has id '{id}'.") { }

    /// <summary>Creates the exception with a message of its own (e.g. one that lists several ids).</summary>
    /// <param name="id">The (first) unknown id.</param>
    /// <param name="message">The message.</param>
    public UnknownNodeException(string id, string message) : base(message)
    {
        Id = id;
    }

    /// <summary>The id that names no node (the first, when several were given).</summary>
    public string Id { get; }
}
