
namespace SocialCapital.Api.Contracts;

/// <summary>Health answer.</summary>
/// <param name="Status"><c>live</c> or <c>ready</c>.</param>
/// <param name="SnapshotVersion">The version reads are served from.</param>
/// <param name="StoreVersion">The store's current version.</param>
/// <param name="Behind">How many versions the store holds that this replica has not applied yet (0 when up to date;
/// null for <c>/health/live</c>). Only a store shared by replicas (a change feed) is followed; otherwise 0.</param>
/// <param name="LagSeconds">How long ago the oldest change not applied yet was committed, in seconds (0 when up to date).</param>
public sealed record HealthStatus(string Status, long? SnapshotVersion, long? StoreVersion, long? Behind = null, double? LagSeconds = null);
