namespace SocialCapital.Recommendations;

/// <summary>A warm introduction between a citizen and an employer: the shortest, then strongest, chain of
/// contacts from the citizen to someone who works there.</summary>
public sealed record Introduction
{
    /// <summary>The citizen's id.</summary>
    public required string Citizen { get; init; }

    /// <summary>The employer's id.</summary>
    public required string Employer { get; init; }

    /// <summary>1 for the best introduction.</summary>
    public int Rank { get; init; }

    /// <summary>The employer's sector, when known.</summary>
    public string? Sector { get; init; }

    /// <summary>The employer's vacancies (capacity).</summary>
    public int Vacancies { get; init; }

    /// <summary>Ties on the path: 1 when a contact of the citizen works there, 2 through a friend of a friend, …</summary>
    public int Hops { get; init; }

    /// <summary>The weakest tie's strength along the path (the path's bottleneck).</summary>
    public double Strength { get; init; }

    /// <summary>The people on the path, from the citizen to the employee.</summary>
    public IReadOnlyList<string> Path { get; init; } = [];

    /// <summary>Why, in plain words.</summary>
    public IReadOnlyList<string> Reasons { get; init; } = [];

    /// <summary>The introduction in words: employer, citizen, rank, path and reasons.</summary>
    /// <returns>The description.</returns>
    public override string ToString() => Text.Describe(
        FormattableString.Invariant($"employer {Employer} for citizen {Citizen}: rank {Rank}, {Hops} hops via {string.Join(" > ", Path)}"), Reasons);
}
