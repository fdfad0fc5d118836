namespace SocialCapital.Metrics;

/// <summary>A person's Gould &amp; Fernandez (1989) brokerage roles under a grouping (docs/measures.md#brokerage): how
/// many open two-paths source → person → target (ordered, the source and target not in contact, each undirected
/// contact counted in both directions, as R's <c>sna::brokerage</c> counts them on a symmetric adjacency matrix) the
/// person brokers in each role. The counts are <see langword="null"/> when the person's own group is unknown: no role
/// can be told then. Immutable; safe to share between threads.</summary>
public readonly record struct PersonBrokerage
{
    /// <summary>The person's node index in the snapshot (internal: indices never leave the engine; use <see cref="Id"/>).</summary>
    internal int Index { get; init; }

    /// <summary>The person's id.</summary>
    public string Id { get; init; }

    /// <summary>The person's area, or <see langword="null"/> when unknown (what <see cref="BrokerageResult.ByArea"/> groups by).</summary>
    public string? Area { get; init; }

    /// <summary>The person's group (the value of the grouping), or <see langword="null"/> when unknown.</summary>
    public string? Group { get; init; }

    /// <summary>Coordinator (sna's w_I): source, broker and target all in one group.</summary>
    public long? Coordinator { get; init; }

    /// <summary>Itinerant or consultant (w_O): source and target in one group, the broker in another.</summary>
    public long? Itinerant { get; init; }

    /// <summary>Gatekeeper (b_OI): the broker in the target's group, the source in another.</summary>
    public long? Gatekeeper { get; init; }

    /// <summary>Representative (b_IO): the broker in the source's group, the target in another.</summary>
    public long? Representative { get; init; }

    /// <summary>Liaison (b_O): source, broker and target in three different groups.</summary>
    public long? Liaison { get; init; }

    /// <summary>All five roles: the open two-paths through the person whose three ends have a known group.</summary>
    public long? Total { get; init; }

    /// <summary>Whether the person brokers between groups at all: a gatekeeper, representative, itinerant or liaison
    /// role at least once (every role but coordinator); <see langword="null"/> when the person's group is unknown.</summary>
    public bool? BrokersAcrossGroups => Total is null ? null : Itinerant + Gatekeeper + Representative + Liaison > 0;
}
