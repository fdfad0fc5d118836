namespace SocialCapital.Tests;

/// <summary>Reads an undefined (null) measure as NaN, so assertions written against the kernels' NaN convention read
/// the public <c>double?</c> results unchanged.</summary>
internal static class UndefinedValues
{
    public static double OrNaN(this double? value) => value ?? double.NaN;

    public static double OrNaN(this double value) => value;
}
