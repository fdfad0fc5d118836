using SocialCapital.Metrics;

namespace SocialCapital.Api.Contracts;

/// <summary>A person's Leiden community (<c>GET /people/{id}/community</c>).</summary>
/// <param name="Resolution">The resolution the communities were found with (the <c>resolution</c> parameter).</param>
/// <param name="Seed">The seed (the <c>seed</c> parameter).</param>
/// <param name="Community">The person's community id, its size and the person's community span.</param>
public sealed record PersonCommunityView(double Resolution, int Seed, PersonCommunity Community);

/// <summary>Communities per area for analysts (<c>GET /areas/communities</c>): aggregates only, small areas suppressed.</summary>
/// <param name="Resolution">The resolution the communities were found with.</param>
/// <param name="Seed">The seed.</param>
/// <param name="Communities">The number of communities in the whole snapshot.</param>
/// <param name="Modularity">The modularity of the whole partition.</param>
/// <param name="Areas">One row per area of the caller's, ordered by code.</param>
public sealed record AreaCommunitiesList(double Resolution, int Seed, int Communities, double Modularity, IReadOnlyList<AreaCommunities> Areas);
