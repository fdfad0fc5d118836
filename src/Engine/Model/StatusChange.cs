namespace SocialCapital.Model;

/// <summary>A dated change of a person's employment: one row of <c>status_history.csv</c>. From
/// <paramref name="Date"/> on, <paramref name="Person"/> is <paramref name="Employment"/> until their next change.
/// Immutable; thread-safe.</summary>
/// <param name="Person">The person's node id.</param>
/// <param name="Date">The day the status took effect.</param>
/// <param name="Employment">The status from that day.</param>
public sealed record StatusChange(string Person, DateOnly Date, Employment Employment);
