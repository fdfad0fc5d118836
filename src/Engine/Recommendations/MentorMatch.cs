namespace SocialCapital.Recommendations;

/// <summary>One suggested mentor for a citizen, with the score, its components (each in [0, 1]) and the
/// reasons, in plain words, that name only evidence that really matched.</summary>
public sealed record MentorMatch
{
    /// <summary>The citizen's id.</summary>
    public required string Citizen { get; init; }

    /// <summary>The mentor's id.</summary>
    public required string Mentor { get; init; }

    /// <summary>1 for the best match.</summary>
    public int Rank { get; init; }

    /// <summary>The weighted mean of the components, in [0, 1].</summary>
    public double Score { get; init; }

    /// <summary>Share of the citizen's goals met by the mentor's sector or skills.</summary>
    public double GoalFit { get; init; }

    /// <summary>The pair's bridging score under the tie policy.</summary>
    public double Bridging { get; init; }

    /// <summary>Network proximity: (c/2)·e^(1−c/2) for c mutual contacts — 0 for none, 1 for two, falling for many.</summary>
    public double Proximity { get; init; }

    /// <summary>1 when both live in the same area, else 0.</summary>
    public double Locality { get; init; }

    /// <summary>Share of the mentor's places still free.</summary>
    public double Capacity { get; init; }

    /// <summary>Number of mutual contacts.</summary>
    public int MutualContacts { get; init; }

    /// <summary>Adamic–Adar index of the pair, Σ 1/ln k_w over mutual contacts w (breaks ties in the ranking).</summary>
    public double AdamicAdar { get; init; }

    /// <summary>Why, in plain words; each names evidence that matched.</summary>
    public IReadOnlyList<string> Reasons { get; init; } = [];

    /// <summary>The match in words: mentor, citizen, rank, score and reasons, e.g.
    /// <c>mentor m7 for citizen c1: rank 1, score 0.812 (shares your goal sector; lives in your area)</c>.</summary>
    /// <returns>The description.</returns>
    public override string ToString() => Text.Describe(
        FormattableString.Invariant($"mentor {Mentor} for citizen {Citizen}: rank {Rank}, score {Score:0.###}"), Reasons);
}
