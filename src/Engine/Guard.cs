using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace SocialCapital;

/// <summary>Argument checks shared by every public entry point, so messages read the same everywhere.</summary>
internal static class Guard
{
    public static T NotNull<T>([NotNull] T? value, [CallerArgumentExpression(nameof(value))] string? name = null)
        where T : class => value ?? throw new ArgumentNullException(name);

    public static string NotEmpty([NotNull] string? value, [CallerArgumentExpression(nameof(value))] string? name = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value, name);
        return value;
    }

    public static int InRange(int value, int min, int max, [CallerArgumentExpression(nameof(value))] string? name = null) =>
        value < min || value > max
            ? throw new ArgumentOutOfRangeException(name, value, $"{name} must be between {min} and {max}.")
            : value;

    /// <summary>Checks a MaxDegreeOfParallelism option and returns the thread count to use: -1 means one per core
    /// (not the thread pool's "unlimited", which keeps adding threads — and their scratch — to long loops).</summary>
    public static int Parallelism(int value, [CallerArgumentExpression(nameof(value))] string? name = null) =>
        value == -1 ? Environment.ProcessorCount
        : value >= 1 ? value
        : throw new ArgumentOutOfRangeException(name, value, $"{name} must be -1 (all cores) or at least 1.");
}
