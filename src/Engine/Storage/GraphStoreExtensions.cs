using SocialCapital.Graph;
using SocialCapital.Model;

namespace SocialCapital.Storage;

/// <summary>A store's content built into an analysis snapshot.</summary>
/// <param name="Stored">The dataset and its version.</param>
/// <param name="Graph">The snapshot built from it.</param>
public sealed record StoreSnapshot(StoredDataset Stored, SocialGraph Graph)
{
    /// <summary>The store version the snapshot reflects.</summary>
    public long Version => Stored.Version;
}

/// <summary>Conveniences over any <see cref="IGraphStore"/>.</summary>
public static class GraphStoreExtensions
{
    /// <summary>Reads the store and builds the immutable analysis snapshot of what it holds.</summary>
    /// <param name="store">The store.</param>
    /// <param name="options">The analysis date and tie policy; defaults to today and the default policy.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The dataset, its version and the snapshot.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="store"/> is null.</exception>
    /// <exception cref="DataValidationException">The tie policy names an attribute the dataset lacks.</exception>
    public static async Task<StoreSnapshot> LoadSnapshotAsync(this IGraphStore store, GraphOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        var stored = await Guard.NotNull(store).ExportAsync(cancellationToken).ConfigureAwait(false);
        return new StoreSnapshot(stored, stored.Dataset.ToGraph(options));
    }
}
