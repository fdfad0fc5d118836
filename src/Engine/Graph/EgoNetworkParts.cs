using SocialCapital.Model;
using SocialCapital.Ties;

namespace SocialCapital.Graph;

/// <summary>One node of an <see cref="EgoNetwork"/>.</summary>
/// <param name="Id">The node's id.</param>
/// <param name="Kind">Its kind (a mentor, a peer group, an employer are marked by it).</param>
/// <param name="Area">Its area; null when unknown.</param>
/// <param name="Employment">Its employment.</param>
/// <param name="Hops">0 for the centre, 1 for its own contacts and places, 2 beyond.</param>
/// <param name="Hidden">Whether the extraction's <c>hidden</c> rule named it: such a node is only ever one of the centre's
/// own contacts or places, and the walk does not pass through it.</param>
public sealed record EgoNode(string Id, NodeKind Kind, string? Area, Employment Employment, int Hops, bool Hidden);

/// <summary>One tie of an <see cref="EgoNetwork"/>: a contact between two people, or a person's membership or employment
/// at a place.</summary>
/// <param name="Source">One end's id (the lower index of two people; the person of a place tie).</param>
/// <param name="Target">The other end's id (the place of a place tie).</param>
/// <param name="Kinds">The kinds of tie between them.</param>
/// <param name="Class">The contact's class under the tie policy; null for a tie to a place.</param>
/// <param name="Strength">The contact's summed strength; 1 for a tie to a place.</param>
public sealed record EgoTie(string Source, string Target, IReadOnlyList<TieKind> Kinds, TieClass? Class, double Strength);
