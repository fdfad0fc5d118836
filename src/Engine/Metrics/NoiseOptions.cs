using SocialCapital.Model;

namespace SocialCapital.Metrics;

/// <summary>Noise added to published aggregates (<see cref="PublishedNoise"/>; docs/measures.md#noise): Laplace noise of
/// scale Δ/ε per published cell, Δ the cell's sensitivity to one person, drawn not at random but from a keyed hash of
/// the key, the measure, the cell and the release, so that an identical query of the same release answers identically
/// and averaging repeated queries learns nothing. Defaults: off (<see cref="Epsilon"/> 0: values exact). Immutable;
/// safe to share between threads.</summary>
public sealed record NoiseOptions
{
    /// <summary>No noise: every value exact.</summary>
    public static NoiseOptions Off { get; } = new();

    /// <summary>The privacy parameter ε of each published cell: the Laplace scale is Δ/ε. Smaller is noisier; 0 (the
    /// default) turns noise off.</summary>
    public double Epsilon { get; init; }

    /// <summary>The secret that keys the noise (a server secret, at least 16 bytes when <see cref="Epsilon"/> &gt; 0).
    /// Whoever knows it can compute and remove the noise, so it must stay as secret as the data. Default empty.</summary>
    public IReadOnlyList<byte> Key { get; init; } = [];

    /// <summary>Whether noise is on (<see cref="Epsilon"/> &gt; 0).</summary>
    public bool Enabled => Epsilon > 0;

    /// <summary>Checks the options: <see cref="Epsilon"/> a finite number ≥ 0; when it is above 0, <see cref="Key"/> of at
    /// least 16 bytes.</summary>
    /// <returns>Every problem found; empty when the options are valid.</returns>
    public IReadOnlyList<OptionProblem> Validate() => new OptionRules()
        .NonNegative(nameof(Epsilon), Epsilon)
        .NotNull(nameof(Key), Key)
        .Check(Epsilon <= 0 || Key is null || Key.Count >= 16, nameof(Key), $"{Key?.Count ?? 0} bytes",
            "must be at least 16 bytes (a server secret) when Epsilon is above 0")
        .Problems;

    internal void ThrowIfInvalid() => InvalidOptionsException.ThrowIfAny(Validate());
}
