namespace SocialCapital.Model;

/// <summary>Collects <see cref="OptionProblem"/>s for an options type's <c>Validate()</c>, with the rules several
/// options share written once.</summary>
internal sealed class OptionRules
{
    private readonly List<OptionProblem> _problems = [];

    /// <summary>The problems found.</summary>
    public IReadOnlyList<OptionProblem> Problems => _problems;

    /// <summary>Adds a problem when <paramref name="ok"/> is false.</summary>
    public OptionRules Check(bool ok, string option, object? value, string reason)
    {
        if (!ok) _problems.Add(new OptionProblem(option, OptionProblem.Format(value), reason));
        return this;
    }

    /// <summary>The rule for every "how many, best first" option: 0 means all, otherwise at least 1; no maximum.</summary>
    public OptionRules Top(string option, int value) => Check(value >= 0, option, value, TopReason);

    /// <summary>-1 (every core) or at least 1.</summary>
    public OptionRules Parallelism(string option, int value) =>
        Check(value == -1 || value >= 1, option, value, "must be -1 (every core) or at least 1");

    /// <summary>A finite number ≥ 0.</summary>
    public OptionRules NonNegative(string option, double value) =>
        Check(value >= 0 && !double.IsInfinity(value), option, value, "must be a number ≥ 0");

    /// <summary>A non-null nested options object whose own problems are added under <c>option.</c>.</summary>
    public OptionRules Nested<T>(string option, T? value, Func<T, IReadOnlyList<OptionProblem>> validate) where T : class
    {
        if (value is null) return Check(false, option, null, "must not be null");
        foreach (var p in validate(value)) _problems.Add(p with { Option = option + "." + p.Option });
        return this;
    }

    /// <summary>Not null.</summary>
    public OptionRules NotNull(string option, object? value) => Check(value is not null, option, null, "must not be null");

    /// <summary>The reason given when a <c>top</c> is refused.</summary>
    public const string TopReason = "must be 0 (all) or more";

    /// <summary>Throws <see cref="InvalidOptionsException"/> when a single <c>top</c> argument breaks <see cref="Top"/>.</summary>
    public static void ThrowIfBadTop(int top, string option = "top") => InvalidOptionsException.ThrowIfAny(new OptionRules().Top(option, top).Problems);
}
