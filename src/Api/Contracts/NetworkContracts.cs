namespace SocialCapital.Api.Contracts;

/// <summary>A person's ego network to one or two hops, as a caller of some areas may see it.</summary>
/// <param name="Center">The person at the centre.</param>
/// <param name="Hops">How far it reaches: 1 or 2.</param>
/// <param name="MaxNodes">The cap on nodes asked for.</param>
/// <param name="Reached">How many nodes lie within the hops (the centre included; people outside the caller's areas beyond
/// one hop are left out and not counted).</param>
/// <param name="Truncated">Whether nodes were left out to keep within the cap (the closest are kept).</param>
/// <param name="Nodes">The nodes, the centre first, then by hops.</param>
/// <param name="Ties">Every tie between two of the nodes.</param>
public sealed record NetworkView(string Center, int Hops, int MaxNodes, int Reached, bool Truncated, IReadOnlyList<NetworkNodeView> Nodes,
    IReadOnlyList<NetworkTieView> Ties);

/// <summary>One node of a network.</summary>
/// <param name="Key">The node's key within this answer, which ties name: its id, or <c>hidden-1</c>, <c>hidden-2</c>, … for a
/// node outside the caller's areas.</param>
/// <param name="Id">Its id; null outside the caller's areas (then area and employment are null too).</param>
/// <param name="Kind">Its node kind (<c>mentor</c> and <c>peer_group</c> mark mentors and groups).</param>
/// <param name="Area">Its area; null when unknown or hidden.</param>
/// <param name="Employment">Its employment; null when unknown or hidden.</param>
/// <param name="Hops">0 for the centre, 1 for their own contacts and places, 2 beyond.</param>
public sealed record NetworkNodeView(string Key, string? Id, string Kind, string? Area, string? Employment, int Hops);

/// <summary>One tie of a network.</summary>
/// <param name="Source">A node key.</param>
/// <param name="Target">A node key (the place of a membership or employment tie).</param>
/// <param name="Kinds">The kinds of tie between them.</param>
/// <param name="Class"><c>bonding</c>, <c>bridging</c> or <c>linking</c>; null for a tie to a place.</param>
/// <param name="Strength">Summed strength (1 for a tie to a place).</param>
public sealed record NetworkTieView(string Source, string Target, IReadOnlyList<string> Kinds, string? Class, double Strength);
