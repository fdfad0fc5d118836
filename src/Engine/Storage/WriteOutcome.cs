namespace SocialCapital.Storage;

/// <summary>What a write did.</summary>
public enum WriteEffect
{
    /// <summary>Nothing changed: the record was already stored exactly so. The version did not move.</summary>
    Unchanged,

    /// <summary>A new record was added.</summary>
    Created,

    /// <summary>An existing record was replaced.</summary>
    Updated,

    /// <summary>Records were deleted.</summary>
    Deleted,

    /// <summary>There was nothing to delete. The version did not move.</summary>
    NotFound,
}

/// <summary>The result of one write to a store.</summary>
/// <param name="Effect">What the write did.</param>
/// <param name="Version">The store's version after the write (unchanged when nothing changed).</param>
/// <param name="TiesRemoved">Ties deleted: by a tie delete, by a node delete (its ties), or duplicates merged by a tie upsert.</param>
public readonly record struct WriteOutcome(WriteEffect Effect, long Version, int TiesRemoved = 0)
{
    /// <summary>Whether the write changed the stored data (and so raised the version).</summary>
    public bool Changed => Effect is WriteEffect.Created or WriteEffect.Updated or WriteEffect.Deleted;
}

/// <summary>How the effects of the records of one batch write make the batch's effect.</summary>
internal static class WriteEffects
{
    /// <summary>The effect of a batch so far (<paramref name="batch"/>) with one more record's: Created when any record is
    /// new, else Updated when any changed, else Unchanged.</summary>
    public static WriteEffect Then(this WriteEffect batch, WriteEffect record) => (batch, record) switch
    {
        (WriteEffect.Created, _) or (_, WriteEffect.Created) => WriteEffect.Created,
        (WriteEffect.Updated, _) or (_, WriteEffect.Updated) => WriteEffect.Updated,
        _ => WriteEffect.Unchanged,
    };
}
