namespace SocialCapital.Storage;

/// <summary>A snapshot file cannot be used: it is not a snapshot file, was written in another format version, is
/// truncated or damaged (a checksum fails), or is stale (the dataset folder it was made from has changed since). The
/// message names the file and what to do.</summary>
public sealed class SnapshotFileException : IOException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong with which file, and what to do.</param>
    public SnapshotFileException(string message) : base(message) { }

    /// <summary>Creates the exception with the error that revealed the problem.</summary>
    /// <param name="message">What is wrong with which file, and what to do.</param>
    /// <param name="inner">The underlying error.</param>
    public SnapshotFileException(string message, Exception inner) : base(message, inner) { }

    /// <summary>Creates the exception without a message (prefer the other constructors).</summary>
    public SnapshotFileException() { }
}
