using System.Text;

namespace SocialCapital.Model;

/// <summary>Thrown when an analysis starts with options it refuses (e.g. a negative <c>Top</c>). Carries every
/// problem found, as the options type's <c>Validate()</c> returns them; nothing was computed. Callers that take options
/// from users should call <c>Validate()</c> first and report its problems; this exception is then a programming error.
/// Derives from <see cref="ArgumentException"/>, which the engine threw for bad options before.</summary>
public sealed class InvalidOptionsException : ArgumentException
{
    /// <summary>Creates the exception for the given problems.</summary>
    /// <param name="problems">The problems; at least one.</param>
    /// <exception cref="ArgumentNullException"><paramref name="problems"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="problems"/> is empty.</exception>
    public InvalidOptionsException(IReadOnlyList<OptionProblem> problems)
        : base(Describe(problems))
    {
        Problems = problems;
    }

    /// <summary>Every problem found, in the order of the options' properties.</summary>
    public IReadOnlyList<OptionProblem> Problems { get; }

    /// <summary>Throws when <paramref name="problems"/> is not empty.</summary>
    internal static void ThrowIfAny(IReadOnlyList<OptionProblem> problems)
    {
        if (problems.Count > 0) throw new InvalidOptionsException(problems);
    }

    private static string Describe(IReadOnlyList<OptionProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        if (problems.Count == 0) throw new ArgumentException("An InvalidOptionsException needs at least one problem.", nameof(problems));
        var text = new StringBuilder("Invalid options:");
        foreach (var p in problems) text.Append(' ').Append(p);
        return text.ToString();
    }
}
