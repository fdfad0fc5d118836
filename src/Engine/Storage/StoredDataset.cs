using SocialCapital.Interchange;

namespace SocialCapital.Storage;

/// <summary>A store's content as read in one consistent read.</summary>
/// <param name="Dataset">The nodes and ties.</param>
/// <param name="Version">The version they are at.</param>
public sealed record StoredDataset(Dataset Dataset, long Version);
