using System.Globalization;
using System.Text;

namespace SocialCapital.Model;

/// <summary>Thrown when input data (a dataset, records added to a builder, a tie policy) is invalid.
/// Carries every problem found, up to <see cref="MaxReported"/>, and the total count; nothing was loaded.</summary>
public sealed class DataValidationException : Exception
{
    /// <summary>The most problems kept and listed; the rest are only counted.</summary>
    public const int MaxReported = 100;

    /// <summary>Creates the exception for the given problems.</summary>
    /// <param name="problems">The problems kept (at most <see cref="MaxReported"/> are listed in the message).</param>
    /// <param name="totalCount">How many problems were found in all; at least <c>problems.Count</c>.</param>
    public DataValidationException(IReadOnlyList<DataProblem> problems, int totalCount)
        : base(Describe(problems, totalCount))
    {
        Problems = problems;
        TotalCount = Math.Max(totalCount, problems.Count);
    }

    /// <summary>Creates the exception for a single problem.</summary>
    /// <param name="problem">The problem.</param>
    public DataValidationException(DataProblem problem) : this([problem], 1) { }

    /// <summary>The problems found, in input order, at most <see cref="MaxReported"/>.</summary>
    public IReadOnlyList<DataProblem> Problems { get; }

    /// <summary>How many problems were found in all.</summary>
    public int TotalCount { get; }

    private static string Describe(IReadOnlyList<DataProblem> problems, int total)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"Invalid input: {total} problem{(total == 1 ? "" : "s")}; nothing was loaded.");
        foreach (var p in problems) text.Append('\n').Append("  ").Append(p);
        if (total > problems.Count) text.Append('\n').Append(CultureInfo.InvariantCulture, $"  … and {total - problems.Count} more");
        return text.ToString();
    }
}
