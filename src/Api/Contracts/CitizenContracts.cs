using SocialCapital.Recommendations;

namespace SocialCapital.Api.Contracts;

/// <summary>Mentor matches for one citizen.</summary>
/// <param name="Citizen">The citizen.</param>
/// <param name="Eligible">Mentors that could be matched.</param>
/// <param name="Ineligible">Mentors left out, by reason.</param>
/// <param name="Matches">The best matches, best first.</param>
public sealed record MentorMatchView(string Citizen, int Eligible, IneligibleCounts Ineligible, IReadOnlyList<MentorMatch> Matches);
