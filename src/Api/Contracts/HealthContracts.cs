
namespace SocialCapital.Api.Contracts;

/// <summary>Health answer.</summary>
/// <param name="Status"><c>live</c> or <c>ready</c>.</param>
/// <param name="SnapshotVersion">The version reads are served from.</param>
/// <param name="StoreVersion">The store's current version.</param>
public sealed record HealthStatus(string Status, long? SnapshotVersion, long? StoreVersion);
