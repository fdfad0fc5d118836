namespace SocialCapital.Recommendations;

/// <summary>A suggested new contact for a person, with the reciprocal score, its parts and the reasons.</summary>
public sealed record PeerSuggestion
{
    /// <summary>The person the suggestion is for.</summary>
    public required string Person { get; init; }

    /// <summary>The suggested peer.</summary>
    public required string Peer { get; init; }

    /// <summary>1 for the best suggestion.</summary>
    public int Rank { get; init; }

    /// <summary>Reciprocal score: the harmonic mean of the two one-way scores, in [0, 1].</summary>
    public double Score { get; init; }

    /// <summary>Link-prediction evidence in [0, 1]: the mean of the normalised common neighbours, Adamic–Adar,
    /// resource allocation and Jaccard.</summary>
    public double LinkPrediction { get; init; }

    /// <summary>The pair's bridging score under the tie policy.</summary>
    public double Bridging { get; init; }

    /// <summary>Common neighbours |N(u) ∩ N(v)|.</summary>
    public int CommonNeighbors { get; init; }

    /// <summary>Adamic–Adar Σ 1/ln k_w over common neighbours.</summary>
    public double AdamicAdar { get; init; }

    /// <summary>Resource allocation Σ 1/k_w over common neighbours.</summary>
    public double ResourceAllocation { get; init; }

    /// <summary>Jaccard |N(u) ∩ N(v)| / |N(u) ∪ N(v)|.</summary>
    public double Jaccard { get; init; }

    /// <summary>Why, in plain words; each names evidence that matched.</summary>
    public IReadOnlyList<string> Reasons { get; init; } = [];

    /// <summary>The suggestion in words: peer, person, rank, score and reasons.</summary>
    /// <returns>The description.</returns>
    public override string ToString() => Text.Describe(
        FormattableString.Invariant($"peer {Peer} for {Person}: rank {Rank}, score {Score:0.###}"), Reasons);
}
