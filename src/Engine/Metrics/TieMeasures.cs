using SocialCapital.Ties;

namespace SocialCapital.Metrics;

/// <summary>Measures of one person–person contact (docs/measures.md). <see cref="Source"/> is the end whose
/// id sorts first (ordinal); the contact is undirected for every measure. <see langword="null"/> marks a value that is
/// undefined (JSON <c>null</c>, an empty CSV cell). Immutable; safe to share between threads.</summary>
public readonly record struct TieMeasures
{
    private readonly double _overlap, _span;

    /// <summary>Node index of <see cref="Source"/> (internal: indices never leave the engine).</summary>
    internal int SourceIndex { get; init; }

    /// <summary>Node index of <see cref="Target"/> (internal).</summary>
    internal int TargetIndex { get; init; }

    /// <summary>The end whose id sorts first.</summary>
    public string Source { get; init; }

    /// <summary>The other end.</summary>
    public string Target { get; init; }

    /// <summary>The kinds of the active ties that make up the contact.</summary>
    public ContactKinds Kinds { get; init; }

    /// <summary>Summed strength of those ties.</summary>
    public double Strength { get; init; }

    /// <summary>The contact's class under the snapshot's tie policy.</summary>
    public TieClass Class { get; init; }

    /// <summary>The bridging score b under the policy (computed for every contact, linking ones too).</summary>
    public double BridgingScore { get; init; }

    /// <summary>Embeddedness: the number of contacts the two ends share.</summary>
    public int Embeddedness { get; init; }

    /// <summary>Onnela's overlap t/((k_u−1)+(k_v−1)−t); null when the denominator is 0.</summary>
    public double? Overlap { get => Undefined.ToNullable(_overlap); init => _overlap = Undefined.ToStored(value); }

    /// <summary>Whether the ends share no contact (Granovetter's local bridge).</summary>
    public bool LocalBridge { get; init; }

    /// <summary>For a local bridge, the length of the shortest path between the ends without this contact
    /// (<see cref="double.PositiveInfinity"/> when there is none); null for other contacts or when spans were not asked for.</summary>
    public double? Span { get => Undefined.ToNullable(_span); init => _span = Undefined.ToStored(value); }
}
