namespace SocialCapital.Ties;

/// <summary>One dimension of the bridging score: a node attribute and its weight.</summary>
/// <param name="Attribute">A built-in dimension (<c>work_status</c>, <c>ses_band</c>, <c>age_band</c>,
/// <c>area</c>, <c>sector</c>) or the name of an extra column of <c>nodes.csv</c>.</param>
/// <param name="Weight">The dimension's weight, &gt; 0.</param>
public sealed record BridgingDimension(string Attribute, double Weight);
