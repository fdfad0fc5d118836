namespace SocialCapital.Metrics;

/// <summary>The one rule for undefined values in public results: kernels may keep <see cref="double.NaN"/>
/// inside, the result types expose <see langword="null"/>.</summary>
internal static class Undefined
{
    /// <summary>Null for NaN, the value otherwise.</summary>
    public static double? ToNullable(double value) => double.IsNaN(value) ? null : value;

    /// <summary>Null for null or NaN, the value otherwise.</summary>
    public static double? Normalize(double? value) => value is { } v && double.IsNaN(v) ? null : value;

    /// <summary>NaN for null (or NaN), the value otherwise: how a row stores an undefined value compactly.</summary>
    public static double ToStored(double? value) => value ?? double.NaN;
}
