namespace SocialCapital.Model;

/// <summary>A meeting of a coach with a citizen: one row of <c>contacts.csv</c>. Contacts are appended, never replaced; two
/// records with the same four values are the same contact. Immutable; thread-safe.</summary>
/// <param name="Coach">The coach's node id (a <see cref="NodeKind.Coach"/> node).</param>
/// <param name="Citizen">The citizen's node id (a <see cref="NodeKind.Citizen"/> node).</param>
/// <param name="Date">The day they met.</param>
/// <param name="Channel">How they met.</param>
public sealed record ContactRecord(string Coach, string Citizen, DateOnly Date, ContactChannel Channel);
