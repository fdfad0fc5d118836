namespace SocialCapital.Metrics;

/// <summary>Thrown when the evidence model cannot be fitted to a dataset: no status history, too few people-periods,
/// events or areas for the model (<see cref="Evidence.MinClusters"/>, <see cref="Evidence.EventsPerCoefficient"/>), or a fit
/// that does not converge. The message says which, with the numbers found.</summary>
public sealed class EvidenceException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    public EvidenceException() { }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What is wrong, with the numbers found.</param>
    public EvidenceException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and its cause.</summary>
    /// <param name="message">What is wrong.</param>
    /// <param name="innerException">The cause.</param>
    public EvidenceException(string message, Exception innerException) : base(message, innerException) { }
}
