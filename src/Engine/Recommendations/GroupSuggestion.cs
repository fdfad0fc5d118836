namespace SocialCapital.Recommendations;

/// <summary>A peer group suggested to a citizen, with the score, its parts and the reasons.</summary>
public sealed record GroupSuggestion
{
    /// <summary>The citizen's id.</summary>
    public required string Citizen { get; init; }

    /// <summary>The peer group's id.</summary>
    public required string Group { get; init; }

    /// <summary>1 for the best suggestion.</summary>
    public int Rank { get; init; }

    /// <summary>0.4 × exposure + 0.3 × contacts + 0.3 × locality, in [0, 1].</summary>
    public double Score { get; init; }

    /// <summary>What the group's members offer: the mean of their in-work share and high-SES share (each over
    /// members whose status is known).</summary>
    public double Exposure { get; init; }

    /// <summary>1 − e^(−n) for n of the citizen's contacts already members.</summary>
    public double Contacts { get; init; }

    /// <summary>1 when the group is in the citizen's area, else 0.</summary>
    public double Locality { get; init; }

    /// <summary>Places still free (capacity − members).</summary>
    public int FreePlaces { get; init; }

    /// <summary>Why, in plain words; each names evidence that matched.</summary>
    public IReadOnlyList<string> Reasons { get; init; } = [];

    /// <summary>The suggestion in words: group, citizen, rank, score, free places and reasons.</summary>
    /// <returns>The description.</returns>
    public override string ToString() => Text.Describe(
        FormattableString.Invariant($"group {Group} for citizen {Citizen}: rank {Rank}, score {Score:0.###}, {FreePlaces} free places"), Reasons);
}
