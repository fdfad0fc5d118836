using SocialCapital.Interchange;
using SocialCapital.Model;

namespace SocialCapital.Storage;

/// <summary>A write is valid on its own but conflicts with what is stored, e.g. changing a person with friends into
/// an employer. Nothing was changed.</summary>
public sealed class GraphStoreConflictException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What conflicts and why.</param>
    /// <param name="problems">The stored records the write would break.</param>
    public GraphStoreConflictException(string message, IReadOnlyList<DataProblem> problems) : base(message) =>
        Problems = problems;

    /// <summary>The stored records the write would break, each with the reason.</summary>
    public IReadOnlyList<DataProblem> Problems { get; }
}
