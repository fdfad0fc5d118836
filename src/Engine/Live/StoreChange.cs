namespace SocialCapital.Live;

/// <summary>One committed change of a shared store, as its change feed records it (<see cref="IChangeFeed"/>).</summary>
/// <param name="Version">The store's version once the change was committed: the feed's versions are consecutive.</param>
/// <param name="Edit">The change, to apply to a live graph with the stores' semantics; <see langword="null"/> when it
/// replaced everything (an import), so a follower reads the whole store again.</param>
/// <param name="At">When the store committed it (the store's clock), from which a follower measures its lag.</param>
public sealed record StoreChange(long Version, GraphEdit? Edit, DateTimeOffset At);
