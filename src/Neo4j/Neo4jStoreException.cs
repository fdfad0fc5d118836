using System.Net;

namespace SocialCapital.Neo4j;

/// <summary>A failure reported by the Neo4j server or on the way to it. The message names the Neo4j status code (when
/// there is one) and what the store was doing; it never includes credentials.</summary>
public sealed class Neo4jStoreException : Exception
{
    /// <summary>Creates an exception.</summary>
    public Neo4jStoreException()
        : this("The Neo4j store failed.")
    {
    }

    /// <summary>Creates an exception with a message.</summary>
    /// <param name="message">The message.</param>
    public Neo4jStoreException(string message)
        : this(message, null)
    {
    }

    /// <summary>Creates an exception with a message and a cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public Neo4jStoreException(string message, Exception? innerException)
        : this(message, null, null, false, innerException)
    {
    }

    /// <summary>Creates an exception with every detail.</summary>
    /// <param name="message">The message.</param>
    /// <param name="code">The Neo4j status code, e.g. <c>Neo.ClientError.Statement.SyntaxError</c>; <see langword="null"/>
    /// when the failure carried none.</param>
    /// <param name="statusCode">The HTTP status of the response; <see langword="null"/> when there was no response.</param>
    /// <param name="isTransient">Whether trying the whole operation again may succeed.</param>
    /// <param name="innerException">The cause.</param>
    public Neo4jStoreException(string message, string? code, HttpStatusCode? statusCode, bool isTransient, Exception? innerException = null)
        : base(message, innerException)
    {
        Code = code;
        StatusCode = statusCode;
        IsTransient = isTransient;
    }

    /// <summary>The Neo4j status code, e.g. <c>Neo.ClientError.Statement.SyntaxError</c> or
    /// <c>Neo.TransientError.Transaction.DeadlockDetected</c>; <see langword="null"/> when the failure carried none
    /// (a connection failure, or an HTTP error without a Neo4j body).</summary>
    public string? Code { get; }

    /// <summary>The HTTP status of the failed response; <see langword="null"/> when no response arrived.</summary>
    public HttpStatusCode? StatusCode { get; }

    /// <summary>Whether trying the whole operation again may succeed (a <c>Neo.TransientError.*</c>, HTTP 502/503/504
    /// or a connection failure). The store has already retried such failures <see cref="Neo4jStoreOptions.MaxRetries"/>
    /// times when it throws one.</summary>
    public bool IsTransient { get; }
}
