namespace SocialCapital.Model;

/// <summary>Thrown when an id names a node of a kind the analysis cannot take (e.g. mentor matches asked for a mentor).
/// Derives from <see cref="ArgumentException"/>, which the engine threw for such ids before.</summary>
public sealed class WrongNodeKindException : ArgumentException
{
    /// <summary>Creates the exception: <c>'m1' is a mentor, not a citizen.</c> (the wording the CLI and API use)</summary>
    /// <param name="id">The id.</param>
    /// <param name="actual">The node's kind.</param>
    /// <param name="expected">What the analysis needs, with its article: <c>a citizen</c>, <c>a person</c>.</param>
    public WrongNodeKindException(string id, NodeKind actual, string expected)
        : this(id, actual, expected, $"'{id}' is {Words.A(actual.Name())}, not {expected}.") { }

    /// <summary>Creates the exception with a message of its own (e.g. one that lists several ids).</summary>
    /// <param name="id">The (first) id of the wrong kind.</param>
    /// <param name="actual">That node's kind.</param>
    /// <param name="expected">What the analysis needs, with its article: <c>a citizen</c>, <c>a person</c>.</param>
    /// <param name="message">The message.</param>
    public WrongNodeKindException(string id, NodeKind actual, string expected, string message) : base(message)
    {
        Id = id;
        Actual = actual;
        Expected = expected;
    }

    /// <summary>The id.</summary>
    public string Id { get; }

    /// <summary>The node's kind.</summary>
    public NodeKind Actual { get; }

    /// <summary>What the analysis needs, with its article: <c>a citizen</c>, <c>a person</c>, <c>an employer</c>.</summary>
    public string Expected { get; }
}
