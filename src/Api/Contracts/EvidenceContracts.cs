using SocialCapital.Metrics;

namespace SocialCapital.Api.Contracts;

/// <summary>The evidence model for analysts (<c>GET /evidence</c>): aggregates only, no person's row, fitted in the
/// background for a snapshot of the data.</summary>
/// <param name="Fitted">Whether the model could be fitted; false with <paramref name="Reason"/> when the data cannot
/// support it (no status history, too few areas or moves into work, no convergence).</param>
/// <param name="Reason">Why the model was not fitted; null when it was.</param>
/// <param name="WindowMonths">The follow-up window in months (the <c>window</c> parameter).</param>
/// <param name="Periods">The windows back to back (the <c>periods</c> parameter).</param>
/// <param name="AsOf">The day the latest window ends (the <c>asOf</c> parameter, default the snapshot's analysis date).</param>
/// <param name="LiteratureLow">The literature's relative effect of one more employed contact, low end (0.13).</param>
/// <param name="LiteratureHigh">The literature's relative effect, high end (0.15).</param>
/// <param name="Estimate">The estimate, with every coefficient but the area fixed effects; null when not fitted.</param>
/// <param name="ComputedFor">The snapshot the model was fitted on, and whether it is still the one being served.</param>
/// <param name="Refreshing">The fit for a newer snapshot, when one is under way; otherwise null.</param>
public sealed record EvidenceView(bool Fitted, string? Reason, int WindowMonths, int Periods, DateOnly AsOf,
    double LiteratureLow, double LiteratureHigh, EvidenceResult? Estimate, ComputedFor ComputedFor, BackgroundProgress? Refreshing);
