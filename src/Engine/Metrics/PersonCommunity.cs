namespace SocialCapital.Metrics;

/// <summary>A person's community (<see cref="Communities"/>) and community span. Immutable.</summary>
/// <param name="Id">The person's id.</param>
/// <param name="Area">The person's area, or <see langword="null"/> when unknown.</param>
/// <param name="Community">The community, 0..k−1, numbered by size (largest first, ties by smallest member id).</param>
/// <param name="CommunitySize">The number of people in that community.</param>
/// <param name="Span">The number of distinct communities among the person's contacts (their own counted when a contact
/// is in it); 0 without contacts.</param>
public readonly record struct PersonCommunity(string Id, string? Area, int Community, int CommunitySize, int Span);
