namespace SocialCapital.Cli.Output;

/// <summary>One output column: its name (the CSV header and JSON key) and how to get a row's value.
/// Values are strings, integers, doubles (NaN = undefined, ±∞ printed as inf), booleans or null.</summary>
internal sealed record Column<T>(string Name, Func<T, object?> Value);
